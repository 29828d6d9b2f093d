package schedule

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/afterward/afterward/internal/calendar"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/humantime"
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/store"
)

// The one place a session becomes an email: confirmations of a booking,
// a move or a cancellation (content-free notices through each person's
// preferences and quiet hours, with the .ics) and reminders (always sent).

// attendee is one person an email about session a goes to, read in q.
type attendee struct {
	email string
	loc   *time.Location
	with  string // the other person in the session
}

func attendeeOf(ctx context.Context, q store.Querier, a Appointment, userID int64) (attendee, error) {
	var to, tz string
	if err := q.QueryRow(ctx, `SELECT email, time_zone FROM users WHERE id = ?`, userID).Scan(&to, &tz); err != nil {
		return attendee{}, store.NotFound(err, "account")
	}
	p := attendee{email: to, loc: humantime.In(tz), with: a.CoachName}
	if userID == a.CoachID {
		p.with = a.ClientName
	}
	return p, nil
}

// invitation is session a as an .ics for userID in loc: titled without the
// client's name; a cancelled session cancels the event in their calendar.
func invitation(a Appointment, userID int64, loc *time.Location, now time.Time) ([]notify.Attachment, error) {
	var ics bytes.Buffer
	feed := calendar.Feed{Name: "Afterward", TimeZone: loc.String(), Events: []calendar.Event{appointmentEvent(a, userID, LabelNone)}}
	if err := calendar.Write(&ics, feed, now); err != nil {
		return nil, errs.Wrap(err, "writing the invitation")
	}
	return []notify.Attachment{{Name: "session.ics", ContentType: "text/calendar", Data: ics.Bytes()}}, nil
}

// confirm tells the client and the coach that a session was booked, moved
// or cancelled: a content-free email (the time is in the invitation and on
// the signed-in page) through each person's preferences and quiet hours,
// queued in tx so it exists only if the change commits, once per person
// and change.
func (s *Service) confirm(ctx context.Context, tx *store.Tx, a Appointment, what Status) error {
	if s.queue == nil {
		return nil
	}
	kind, path := notify.SessionBooked, "/sessions/"+strconv.FormatInt(a.ID, 10)
	switch {
	case what == Cancelled:
		kind, path = notify.SessionCancelled, "/sessions"
	case a.Sequence > 0:
		kind = notify.SessionMoved
	}
	notices := notify.Notices{Queue: s.queue, BaseURL: s.baseURL}
	for _, userID := range []int64{a.ClientID, a.CoachID} {
		p, err := attendeeOf(ctx, tx, a, userID)
		if err != nil {
			return err
		}
		ics, err := invitation(a, userID, p.loc, s.now())
		if err != nil {
			return err
		}
		n := notify.Notice{UserID: userID, Kind: kind, Path: path, Attachments: ics,
			Event: fmt.Sprintf("appointment:%d:%d", a.ID, a.Sequence)}
		if err := notices.Tell(ctx, tx, n, s.now()); err != nil {
			return errs.Wrap(err, "queueing the confirmation")
		}
	}
	return nil
}

// reminderEmail is the reminder of session a for userID, in their time
// zone. Reminders of a booked session are always sent (not a topic): they
// name the time and place only, never clinical content.
func reminderEmail(ctx context.Context, q store.Querier, a Appointment, userID int64, args ReminderArgs, baseURL string) (notify.Email, error) {
	p, err := attendeeOf(ctx, q, a, userID)
	if err != nil {
		return notify.Email{}, err
	}
	when := humantime.When(a.Start, p.loc, a.Start)
	text := fmt.Sprintf("Your integration session with %s is on %s (%d minutes).\n\n%s: %s\n\nSee or change it: %s/sessions/%d\n",
		p.with, when, a.Minutes, placeLabel(a.Format), a.Location, baseURL, a.ID)
	return notify.Email{
		To: p.email, Subject: "Your integration session is " + args.When + ": " + when, Text: text,
		DedupeKey: fmt.Sprintf("reminder-%s:appointment:%d:%d:user:%d", args.Reminder, a.ID, args.Sequence, userID),
	}, nil
}

func placeLabel(f Format) string {
	if f == Video {
		return "Join by video"
	}
	return "Address"
}
