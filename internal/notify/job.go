package notify

import (
	"context"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/afterward/afterward/internal/errs"
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
		fresh, err := w.claim(ctx, e.DedupeKey, job.ID)
		if err != nil || !fresh {
			return err
		}
	}
	if err := w.Mailer.Send(ctx, w.From, e); err != nil {
		if e.DedupeKey != "" {
			w.release(ctx, e.DedupeKey, job.ID)
		}
		return err
	}
	return nil
}

// release drops the claim after a failed send, so another job for the same
// event may send. If that fails too, the claim stays with this job, whose
// retry recognises it (claim), so the email is still sent.
func (w *Worker) release(ctx context.Context, key string, jobID int64) {
	err := w.DB.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, `DELETE FROM sent_emails WHERE dedupe_key = ? AND job_id = ?`, key, jobID)
		return err
	})
	if err != nil {
		slog.WarnContext(ctx, "email claim not released; this job's retry keeps it", "job_id", jobID, "err", err)
	}
}

// claim records the key for this job; it reports false when another job
// already claimed it (the email was sent, or is being sent). A retry of
// the same job finds its own claim and goes on.
func (w *Worker) claim(ctx context.Context, key string, jobID int64) (bool, error) {
	err := w.DB.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO sent_emails (dedupe_key, sent_at, job_id) VALUES (?, ?, ?)`, key, w.Now(), jobID)
		return err
	})
	if !store.IsUniqueViolation(err) {
		return err == nil, err
	}
	var owner int64
	if err := w.DB.Reader().QueryRow(ctx, `SELECT job_id FROM sent_emails WHERE dedupe_key = ?`, key).Scan(&owner); err != nil {
		return false, errs.Wrap(err, "notify: reading an email claim")
	}
	return owner == jobID, nil
}
