package schedule

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/afterward/afterward/internal/calendar"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// NewFeedToken gives the actor a private calendar URL token, replacing any
// earlier one (which stops working). Only the token's hash is stored, so
// the URL is shown once.
func (s *Service) NewFeedToken(ctx context.Context, actor policy.Actor) (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", errs.Wrap(err, "making a calendar link")
	}
	token := base64.RawURLEncoding.EncodeToString(b)
	err := s.inTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM calendar_feeds WHERE user_id = ?`, actor.UserID); err != nil {
			return errs.Wrap(err, "making a calendar link")
		}
		_, err := tx.Exec(ctx, `INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES (?, ?, ?)`,
			actor.UserID, hashToken(token), s.now())
		return errs.Wrap(err, "making a calendar link")
	})
	return token, err
}

// RevokeFeed stops the actor's calendar URL from working.
func (s *Service) RevokeFeed(ctx context.Context, actor policy.Actor) error {
	return s.inTx(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, `DELETE FROM calendar_feeds WHERE user_id = ?`, actor.UserID)
		return errs.Wrap(err, "revoking the calendar link")
	})
}

// HasFeed reports whether the actor has a live calendar URL.
func (s *Service) HasFeed(ctx context.Context, actor policy.Actor) (bool, error) {
	var n int
	err := s.reader().QueryRow(ctx, `SELECT COUNT(*) FROM calendar_feeds WHERE user_id = ?`, actor.UserID).Scan(&n)
	return n > 0, errs.Wrap(err, "reading calendar link")
}

// FeedByToken is the calendar behind a private URL; unknown or revoked
// tokens are NotFound.
func (s *Service) FeedByToken(ctx context.Context, token string) (calendar.Feed, error) {
	var userID int64
	err := s.reader().QueryRow(ctx, `SELECT user_id FROM calendar_feeds WHERE token_hash = ?`, hashToken(token)).Scan(&userID)
	if err != nil {
		return calendar.Feed{}, store.NotFound(err, "calendar")
	}
	return s.FeedForUser(ctx, userID)
}

// FeedForUser is a person's calendar: their sessions as coach or client,
// cancelled ones included so subscribers remove them, and the circle
// meetings they lead or joined. Times are written in their time zone.
func (s *Service) FeedForUser(ctx context.Context, userID int64) (calendar.Feed, error) {
	q := s.reader()
	var name, tz string
	if err := q.QueryRow(ctx, `SELECT name, time_zone FROM users WHERE id = ? AND disabled_at IS NULL`, userID).Scan(&name, &tz); err != nil {
		return calendar.Feed{}, store.NotFound(err, "account")
	}
	appts, err := listAppointments(ctx, q, `(a.coach_id = ? OR a.client_id = ?)`, userID, userID)
	if err != nil {
		return calendar.Feed{}, err
	}
	label, err := clientLabel(ctx, q, userID)
	if err != nil {
		return calendar.Feed{}, err
	}
	feed := calendar.Feed{Name: "Afterward · " + name, TimeZone: tz}
	for _, a := range appts {
		feed.Events = append(feed.Events, appointmentEvent(a, userID, label))
	}
	meetings, err := circleMeetingsOf(ctx, q, userID)
	if err != nil {
		return calendar.Feed{}, err
	}
	feed.Events = append(feed.Events, meetings...)
	return feed, nil
}

// appointmentEvent names no client by default (subscribed calendars live
// on other companies' servers): a coach may choose initials. The event
// links back to the session's page (a path; the web layer adds the host).
func appointmentEvent(a Appointment, viewer int64, label ClientLabel) calendar.Event {
	summary := "Integration session with " + a.CoachName
	if viewer == a.CoachID {
		summary = "Integration session"
		if label == LabelInitials {
			summary += " · " + initials(a.ClientName)
		}
	}
	status := calendar.Confirmed
	if a.Status == Cancelled {
		status = calendar.Cancelled
	}
	return calendar.Event{
		UID: a.UID, Sequence: a.Sequence, Start: a.Start, End: a.End(), Summary: summary,
		Description: placeLabel(a.Format) + ": " + a.Location, Location: a.Location,
		Status: status, Updated: a.UpdatedAt, URL: "/sessions/" + strconv.FormatInt(a.ID, 10),
	}
}

// initials is "E. M." for "Elena Marsh".
func initials(name string) string {
	var out []string
	for _, f := range strings.Fields(name) {
		out = append(out, string([]rune(f)[0])+".")
	}
	return strings.Join(out, " ")
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// FeedForEmail is FeedForUser for the account with that email address
// (for the command line); unknown addresses are NotFound.
func (s *Service) FeedForEmail(ctx context.Context, email string) (calendar.Feed, error) {
	var id int64
	err := s.reader().QueryRow(ctx, `SELECT id FROM users WHERE email = ? AND disabled_at IS NULL`,
		strings.ToLower(strings.TrimSpace(email))).Scan(&id)
	if err != nil {
		return calendar.Feed{}, store.NotFound(err, "account")
	}
	return s.FeedForUser(ctx, id)
}
