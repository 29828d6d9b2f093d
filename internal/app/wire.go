package app

import (
	"context"
	"log/slog"
	"net/http"
	"path/filepath"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/riverqueue/river"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/api"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/jobs"
	"github.com/afterward/afterward/internal/note"
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/plan"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/schedule"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/web"
)

// App is the wired application: one per process (or per test server).
type App struct {
	Cfg       Config
	DB        *store.DB
	Log       *slog.Logger
	Now       func() time.Time
	Accounts  *account.Service
	Practices *practice.Service
	Schedule  *schedule.Service
	Plans     *plan.Service
	Notes     *note.Service
	Queue     *jobs.Queue
	Mailer    notify.Mailer
	Metrics   *prometheus.Registry
	Handler   http.Handler
}

// Build opens the database, applies migrations and wires every service and
// surface by hand. It starts nothing; see Start.
func Build(ctx context.Context, cfg Config, log *slog.Logger, now func() time.Time) (*App, error) {
	db, err := openStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if err := jobs.Migrate(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	a := &App{Cfg: cfg, DB: db, Log: log, Now: now, Metrics: prometheus.NewRegistry()}
	a.Accounts = account.NewService(db, now)
	a.Practices = practice.NewService(db, now)
	if a.Mailer, err = notify.NewMailer(cfg.SMTPURL, filepath.Join(cfg.DataDir, "outbox")); err != nil {
		db.Close()
		return nil, usagef("%v; check --smtp or AFTERWARD_SMTP_URL", err)
	}
	if a.Queue, err = a.buildQueue(); err != nil {
		db.Close()
		return nil, err
	}
	a.Schedule = schedule.NewService(db, now, a.Queue)
	a.Plans = plan.NewService(db, now, a.Queue)
	a.Notes = note.NewService(db, now)
	if a.Handler, err = a.buildHandler(); err != nil {
		db.Close()
		return nil, err
	}
	return a, nil
}

func (a *App) buildQueue() (*jobs.Queue, error) {
	workers := river.NewWorkers()
	river.AddWorker(workers, &notify.Worker{DB: a.DB, Mailer: a.Mailer, From: a.Cfg.MailFrom, Now: a.Now})
	river.AddWorker(workers, &schedule.ReminderWorker{DB: a.DB, BaseURL: a.Cfg.BaseURL})
	periodic := jobs.AddTasks(workers,
		jobs.Task{Name: "expire_sessions", Interval: 10 * time.Minute, Run: func(ctx context.Context) error {
			n, err := a.Accounts.ExpireSessions(ctx)
			if err == nil && n > 0 {
				a.Log.Info("expired sessions", "count", n)
			}
			return err
		}},
		jobs.Task{Name: "first_session_nudges", Interval: 15 * time.Minute, Run: func(ctx context.Context) error {
			_, err := a.Schedule.Nudge(ctx, a.Cfg.BaseURL)
			return err
		}},
		jobs.Task{Name: "follow_up_invitations", Interval: time.Hour, Run: func(ctx context.Context) error {
			_, err := a.Plans.FollowUps(ctx, a.Cfg.BaseURL)
			return err
		}},
	)
	return jobs.New(a.DB, jobs.Config{Workers: workers, Periodic: periodic, Logger: a.Log, PollInterval: time.Second})
}

func (a *App) buildHandler() (http.Handler, error) {
	pages, err := web.New(web.Deps{Log: a.Log, Accounts: a.Accounts, Practices: a.Practices,
		Schedule: a.Schedule, Plans: a.Plans, Notes: a.Notes, BaseURL: a.Cfg.BaseURL,
		SecureCookies: a.Cfg.SecureCookies(), Now: a.Now})
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	pages.Register(mux)
	api.New(api.Deps{Log: a.Log, Accounts: a.Accounts, Practices: a.Practices, Now: a.Now}).Register(mux)
	a.registerOps(mux)

	// instrument sits next to the mux so it sees the matched route pattern.
	h := instrument(a.Metrics, mux)
	h = httpx.LoadSession(a.Accounts, h)
	// CSRF: refuse cross-origin state-changing requests (Sec-Fetch-Site and
	// Origin checks), which every current browser sends.
	h = http.NewCrossOriginProtection().Handler(h)
	h = httpx.SecurityHeaders(a.Cfg.SecureCookies(), h)
	h = httpx.Logging(a.Log, h)
	return h, nil
}

// Close releases the database.
func (a *App) Close() { a.DB.Close() }
