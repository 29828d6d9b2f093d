package app

import (
	"context"
	"fmt"
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
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/privacy"
	"github.com/afterward/afterward/internal/questionnaire"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
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
	Queue     *jobs.Queue
	Mailer    notify.Mailer
	Vault     *vault.Vault
	Policy    *policy.Policy
	Privacy   *privacy.Service
	Progress  *questionnaire.Service
	Metrics   *prometheus.Registry
	Handler   http.Handler
	// Routes lists every registered route pattern ("GET /path/{id}"), for
	// the route-by-role access test.
	Routes []string
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
	if err := a.openVault(ctx); err != nil {
		db.Close()
		return nil, err
	}
	a.Policy = policy.New(db, now)
	a.Accounts = account.NewService(db, now)
	a.Practices = practice.NewService(db, now)
	if a.Mailer, err = notify.NewMailer(cfg.SMTPURL, filepath.Join(cfg.DataDir, "outbox")); err != nil {
		db.Close()
		return nil, usagef("%v; check --smtp or AFTERWARD_SMTP_URL", err)
	}
	reg, err := loadInstruments(Env{Getenv: cfg.Getenv})
	if err != nil {
		db.Close()
		return nil, err
	}
	// Until the intake work's alert service is merged, risky answers alert
	// the coach through questionnaire.CoachAlert (audited, content-free email).
	a.Progress = questionnaire.NewService(questionnaire.Deps{DB: db, Policy: a.Policy, Vault: a.Vault, Jobs: queueRef{a}, Measures: reg, Now: now,
		BaseURL: cfg.BaseURL, Risk: questionnaire.CoachAlert{Jobs: queueRef{a}, BaseURL: cfg.BaseURL, Now: now}})
	if a.Queue, err = a.buildQueue(); err != nil {
		db.Close()
		return nil, err
	}
	a.Privacy = privacy.NewService(db, a.Vault, a.Queue, now, cfg.BaseURL, privacy.AccountExporter{}, privacy.AccessExporter{})
	if a.Handler, err = a.buildHandler(); err != nil {
		db.Close()
		return nil, err
	}
	return a, nil
}

func (a *App) buildQueue() (*jobs.Queue, error) {
	workers := river.NewWorkers()
	river.AddWorker(workers, &notify.Worker{DB: a.DB, Mailer: a.Mailer, From: a.Cfg.MailFrom, Now: a.Now})
	river.AddWorker(workers, &questionnaire.InviteWorker{Service: a.Progress})
	periodic := jobs.AddTasks(workers,
		jobs.Task{Name: "expire_sessions", Interval: 10 * time.Minute, Run: func(ctx context.Context) error {
			n, err := a.Accounts.ExpireSessions(ctx)
			if err == nil && n > 0 {
				a.Log.Info("expired sessions", "count", n)
			}
			return err
		}},
		jobs.Task{Name: "schedule_questionnaires", Interval: time.Hour, Run: func(ctx context.Context) error {
			_, err := a.Progress.ScheduleUnscheduled(ctx)
			return err
		}},
		jobs.Task{Name: "run_due_erasures", Interval: time.Hour, Run: func(ctx context.Context) error {
			n, err := a.Privacy.RunDueErasures(ctx)
			if err == nil && n > 0 {
				a.Log.Info("erased clients", "count", n)
			}
			return err
		}},
	)
	return jobs.New(a.DB, jobs.Config{Workers: workers, Periodic: periodic, Logger: a.Log, PollInterval: time.Second})
}

func (a *App) buildHandler() (http.Handler, error) {
	pages, err := web.New(web.Deps{Log: a.Log, Accounts: a.Accounts, Practices: a.Practices, Privacy: a.Privacy, Progress: a.Progress,
		SecureCookies: a.Cfg.SecureCookies(), Now: a.Now})
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	apiServer := api.New(api.Deps{Log: a.Log, Accounts: a.Accounts, Practices: a.Practices, Progress: a.Progress, Now: a.Now})
	for _, rt := range pages.Routes() {
		mux.Handle(rt.Pattern, rt.Handler)
		a.Routes = append(a.Routes, rt.Pattern)
	}
	for _, rt := range apiServer.Routes() {
		mux.Handle(rt.Pattern, rt.Handler)
		a.Routes = append(a.Routes, rt.Pattern)
	}
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

// openVault loads the master keys (AFTERWARD_MASTER_KEY, or the key file in
// the data directory, created on first start) and re-applies the erasure
// ledger, so a restored older backup cannot bring erased content back.
func (a *App) openVault(ctx context.Context) error {
	getenv := a.Cfg.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	if err := ensureDataDir(a.Cfg.DataDir); err != nil {
		return err
	}
	ledger := vault.LedgerPath(a.Cfg.DataDir)
	v, err := vault.New(vault.Config{Keys: vault.KeySourceFrom(getenv, a.Cfg.DataDir), LedgerPath: ledger, Now: a.Now})
	if err != nil {
		return usagef("%v; set AFTERWARD_MASTER_KEY or check the key file in %s", err, a.Cfg.DataDir)
	}
	n, err := v.ApplyLedger(ctx, a.DB, ledger)
	if err != nil {
		return fmt.Errorf("re-applying the erasure ledger: %w", err)
	}
	if n > 0 {
		a.Log.Warn("erasure ledger re-applied to a restored database", "clients", n)
	}
	a.Vault = v
	return nil
}

// queueRef lets services built before the queue (whose workers need those
// services) enqueue through it once it exists.
type queueRef struct{ a *App }

func (r queueRef) Enqueue(ctx context.Context, tx *store.Tx, args river.JobArgs, opts *river.InsertOpts) error {
	return r.a.Queue.Enqueue(ctx, tx, args, opts)
}

// Close releases the database.
func (a *App) Close() { a.DB.Close() }
