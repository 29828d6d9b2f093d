package schedule

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/store"
)

// Reminder is an email sent a fixed time before each session.
type Reminder struct {
	Name   string // part of the dedupe key, e.g. "24h"
	Before time.Duration
	When   string // in the subject: "tomorrow", "in one hour"
}

// DefaultReminders: the day before and an hour before.
var DefaultReminders = []Reminder{{"24h", 24 * time.Hour, "tomorrow"}, {"1h", time.Hour, "in one hour"}}

// ReminderArgs is the job that reminds a session's client and coach. It
// carries the appointment's sequence: a job for a session that was moved or
// cancelled since finds a newer sequence and sends nothing.
type ReminderArgs struct {
	AppointmentID int64  `json:"appointment_id"`
	Reminder      string `json:"reminder"`
	Sequence      int    `json:"sequence"`
	When          string `json:"when"`
}

func (ReminderArgs) Kind() string { return "session_reminder" }

// scheduleReminders enqueues the reminders still ahead, in tx.
func (s *Service) scheduleReminders(ctx context.Context, tx *store.Tx, a Appointment) error {
	if s.queue == nil {
		return nil
	}
	for _, r := range s.reminders {
		at := a.Start.Add(-r.Before)
		if !at.After(s.now()) {
			continue
		}
		args := ReminderArgs{AppointmentID: a.ID, Reminder: r.Name, Sequence: a.Sequence, When: r.When}
		opts := &river.InsertOpts{ScheduledAt: at, MaxAttempts: 10, UniqueOpts: river.UniqueOpts{ByArgs: true}}
		if err := s.queue.Enqueue(ctx, tx, args, opts); err != nil {
			return errs.Wrap(err, "scheduling reminders")
		}
	}
	return nil
}

// ReminderWorker turns a due reminder into one email each for the client
// and the coach, queued with dedupe keys so a retry never sends twice.
type ReminderWorker struct {
	river.WorkerDefaults[ReminderArgs]
	DB      *store.DB
	BaseURL string
}

func (w *ReminderWorker) Work(ctx context.Context, job *river.Job[ReminderArgs]) error {
	args := job.Args
	a, err := appointmentByID(ctx, w.DB.Reader(), args.AppointmentID)
	if errs.Is(err, errs.NotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if !a.Live() || a.Sequence != args.Sequence {
		return nil // cancelled or moved: its own reminders are scheduled
	}
	q := contextQueue{}
	return w.DB.InTx(ctx, func(tx *store.Tx) error {
		for _, id := range []int64{a.ClientID, a.CoachID} {
			e, err := w.email(ctx, tx, a, id, args)
			if err != nil {
				return err
			}
			if err := notify.Queue(ctx, q, tx, e, time.Time{}); err != nil {
				return err
			}
		}
		return nil
	})
}

// email is the reminder for one person, in their time zone. It names the
// time and place only: no clinical content.
func (w *ReminderWorker) email(ctx context.Context, q store.Querier, a Appointment, userID int64, args ReminderArgs) (notify.Email, error) {
	var to, tz string
	if err := q.QueryRow(ctx, `SELECT email, time_zone FROM users WHERE id = ?`, userID).Scan(&to, &tz); err != nil {
		return notify.Email{}, store.NotFound(err, "account")
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		loc = time.UTC
	}
	with := a.CoachName
	if userID == a.CoachID {
		with = a.ClientName
	}
	when := a.Start.In(loc).Format("Mon 2 Jan at 15:04 MST")
	text := fmt.Sprintf("Your integration session with %s is on %s (%d minutes).\n\n%s: %s\n\nSee or change it: %s/sessions/%d\n",
		with, when, a.Minutes, placeLabel(a.Format), a.Location, w.BaseURL, a.ID)
	return notify.Email{
		To: to, Subject: "Your integration session is " + args.When + ": " + when, Text: text,
		DedupeKey: fmt.Sprintf("reminder-%s:appointment:%d:%d:user:%d", args.Reminder, a.ID, args.Sequence, userID),
	}, nil
}

func placeLabel(f Format) string {
	if f == Video {
		return "Join by video"
	}
	return "Address"
}

// contextQueue enqueues through the River client that runs the current job.
type contextQueue struct{}

func (contextQueue) Enqueue(ctx context.Context, tx *store.Tx, args river.JobArgs, opts *river.InsertOpts) error {
	client := river.ClientFromContext[*sql.Tx](ctx)
	_, err := client.InsertTx(ctx, tx.SQL(), args, opts)
	return err
}
