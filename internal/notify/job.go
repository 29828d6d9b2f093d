package notify

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"github.com/afterward/afterward/internal/store"
)

// Enqueuer puts a job in the caller's transaction (jobs.Queue does).
type Enqueuer interface {
	Enqueue(ctx context.Context, tx *store.Tx, args river.JobArgs, opts *river.InsertOpts) error
}

// EmailArgs is the job that sends one email.
type EmailArgs struct {
	Email Email `json:"email"`
}

func (EmailArgs) Kind() string { return "email" }

// Queue sends e after the transaction commits. With a DedupeKey the job is
// unique: enqueueing the same key twice sends once.
func Queue(ctx context.Context, q Enqueuer, tx *store.Tx, e Email, at time.Time) error {
	opts := &river.InsertOpts{MaxAttempts: 10}
	if !at.IsZero() {
		opts.ScheduledAt = at
	}
	if e.DedupeKey != "" {
		opts.UniqueOpts = river.UniqueOpts{ByArgs: true}
	}
	return q.Enqueue(ctx, tx, EmailArgs{Email: e}, opts)
}

// Worker sends queued emails. Before sending it records the dedupe key in
// sent_emails; a retry after a crash between sending and completing the job
// finds the key and does not send again (at most once per key).
type Worker struct {
	river.WorkerDefaults[EmailArgs]
	DB     *store.DB
	Mailer Mailer
	From   string
	Now    func() time.Time
}

func (w *Worker) Work(ctx context.Context, job *river.Job[EmailArgs]) error {
	e := job.Args.Email
	if e.DedupeKey != "" {
		fresh, err := w.claim(ctx, e.DedupeKey)
		if err != nil || !fresh {
			return err
		}
	}
	if err := w.Mailer.Send(ctx, w.From, e); err != nil {
		if e.DedupeKey != "" {
			w.release(ctx, e.DedupeKey)
		}
		return err
	}
	return nil
}

func (w *Worker) release(ctx context.Context, key string) {
	_ = w.DB.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, `DELETE FROM sent_emails WHERE dedupe_key = ?`, key)
		return err
	})
}

// claim records the key; it reports false when the key was already sent.
// A failed send releases the claim so River's retry can try again.
func (w *Worker) claim(ctx context.Context, key string) (bool, error) {
	err := w.DB.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO sent_emails (dedupe_key, sent_at) VALUES (?, ?)`, key, w.Now())
		return err
	})
	if store.IsUniqueViolation(err) {
		return false, nil
	}
	return err == nil, err
}
