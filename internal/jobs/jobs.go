// Package jobs wires River, the job queue, to Afterward's database on either
// engine. Work that must happen (reminders, alerts, emails, erasures) is
// enqueued in the same transaction as its cause, retried on failure and never
// lost on restart; periodic housekeeping runs through the same queue.
package jobs

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/afterward/afterward/internal/store"
)

// Queue is the job queue client.
type Queue struct {
	client  *river.Client[*sql.Tx]
	workers *river.Workers
}

// Config lists what the queue runs. A queue with no Workers only inserts.
// Workers and periodic tasks may also be added after New, before Start
// (Handle, Every): the services that work jobs are built after the queue
// they enqueue through, so the wiring needs no late-binding adapters.
type Config struct {
	Workers  *river.Workers
	Periodic []*river.PeriodicJob
	Logger   *slog.Logger
	// PollInterval is how often workers look for new jobs. Both engines are
	// driven through database/sql, which has no LISTEN, so this bounds the
	// latency of an alert or an email.
	PollInterval time.Duration
	MaxWorkers   int
}

func driver(db *store.DB) riverdriver.Driver[*sql.Tx] {
	if db.Dialect == store.Postgres {
		return riverdatabasesql.New(db.Write)
	}
	// SQLite: River shares the single writer connection, which keeps its
	// internal housekeeping from tripping over SQLITE_BUSY.
	return riversqlite.New(db.Write)
}

// Migrate creates or updates River's own tables.
func Migrate(ctx context.Context, db *store.DB) error {
	m, err := rivermigrate.New(driver(db), nil)
	if err != nil {
		return fmt.Errorf("job queue migrations: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("job queue migrations: %w", err)
	}
	return nil
}

// New builds a queue client. Call Start to begin working jobs.
func New(db *store.DB, cfg Config) (*Queue, error) {
	rc := &river.Config{
		Logger:       quiet(cfg.Logger),
		PeriodicJobs: cfg.Periodic,
	}
	if cfg.Workers != nil {
		poll := cfg.PollInterval
		if poll == 0 {
			poll = time.Second
		}
		workers := cfg.MaxWorkers
		if workers == 0 {
			workers = 10
		}
		rc.Workers = cfg.Workers
		rc.FetchPollInterval = poll
		rc.FetchCooldown = min(poll, 100*time.Millisecond)
		rc.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: workers}}
	}
	client, err := river.NewClient(driver(db), rc)
	if err != nil {
		return nil, fmt.Errorf("job queue: %w", err)
	}
	return &Queue{client: client, workers: cfg.Workers}, nil
}

// Handle registers w on a queue built with Workers, before Start.
func Handle[T river.JobArgs](q *Queue, w river.Worker[T]) {
	river.AddWorker(q.workers, w)
}

// Every registers periodic tasks on a queue built with Workers, before
// Start: each runs once at start and then every Interval (see AddTasks).
func (q *Queue) Every(tasks ...Task) {
	q.client.PeriodicJobs().AddMany(AddTasks(q.workers, tasks...))
}

// Start begins working jobs until ctx ends or Stop is called.
func (q *Queue) Start(ctx context.Context) error { return q.client.Start(ctx) }

// Stop waits for running jobs to finish (bounded by ctx).
func (q *Queue) Stop(ctx context.Context) error { return q.client.Stop(ctx) }

// Enqueue inserts a job in the caller's transaction: it exists if and only
// if the change that caused it commits.
func (q *Queue) Enqueue(ctx context.Context, tx *store.Tx, args river.JobArgs, opts *river.InsertOpts) error {
	if _, err := q.client.InsertTx(ctx, tx.SQL(), args, opts); err != nil {
		return fmt.Errorf("enqueue %s: %w", args.Kind(), err)
	}
	return nil
}

// Client exposes River for tests and subscriptions.
func (q *Queue) Client() *river.Client[*sql.Tx] { return q.client }

// quiet passes on River's warnings and errors only: at info level it logs
// its producer and scheduler counters every few seconds, which drowns the
// request log.
func quiet(l *slog.Logger) *slog.Logger {
	if l == nil {
		return nil
	}
	return slog.New(minLevel{l.Handler(), slog.LevelWarn})
}

type minLevel struct {
	slog.Handler
	min slog.Level
}

func (m minLevel) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= m.min && m.Handler.Enabled(ctx, l)
}

func (m minLevel) WithAttrs(attrs []slog.Attr) slog.Handler {
	return minLevel{m.Handler.WithAttrs(attrs), m.min}
}

func (m minLevel) WithGroup(name string) slog.Handler {
	return minLevel{m.Handler.WithGroup(name), m.min}
}
