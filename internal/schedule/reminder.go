package schedule

import (
	"context"
	"database/sql"
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
			e, err := reminderEmail(ctx, tx, a, id, args, w.BaseURL)
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

// contextQueue enqueues through the River client that runs the current job.
type contextQueue struct{}

func (contextQueue) Enqueue(ctx context.Context, tx *store.Tx, args river.JobArgs, opts *river.InsertOpts) error {
	client := river.ClientFromContext[*sql.Tx](ctx)
	_, err := client.InsertTx(ctx, tx.SQL(), args, opts)
	return err
}
