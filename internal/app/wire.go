package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/riverqueue/river"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/adverse"
	"github.com/afterward/afterward/internal/agreement"
	"github.com/afterward/afterward/internal/alert"
	"github.com/afterward/afterward/internal/api"
	"github.com/afterward/afterward/internal/auth"
	"github.com/afterward/afterward/internal/billing"
	"github.com/afterward/afterward/internal/blob"
	"github.com/afterward/afterward/internal/careteam"
	"github.com/afterward/afterward/internal/checkin"
	"github.com/afterward/afterward/internal/coach"
	"github.com/afterward/afterward/internal/contact"
	"github.com/afterward/afterward/internal/crisis"
	"github.com/afterward/afterward/internal/fhir"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/intake"
	"github.com/afterward/afterward/internal/jobs"
	"github.com/afterward/afterward/internal/journal"
	"github.com/afterward/afterward/internal/licence"
	"github.com/afterward/afterward/internal/measure"
	"github.com/afterward/afterward/internal/message"
	"github.com/afterward/afterward/internal/note"
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/plan"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/privacy"
	"github.com/afterward/afterward/internal/progress"
	"github.com/afterward/afterward/internal/questionnaire"
	"github.com/afterward/afterward/internal/regulated"
	"github.com/afterward/afterward/internal/schedule"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/stripe"
	"github.com/afterward/afterward/internal/vault"
	"github.com/afterward/afterward/internal/web"
)

// App is the wired application: one per process (or per test server).
type App struct {
	Cfg            Config
	DB             *store.DB
	Log            *slog.Logger
	Now            func() time.Time
	Accounts       *account.Service
	Practices      *practice.Service
	Auth           *auth.Service
	Intakes        *intake.Service
	Alerts         *alert.Service
	Crisis         *crisis.Service
	Coaches        *coach.Service
	Schedule       *schedule.Service
	Plans          *plan.Service
	Notes          *note.Service
	Agreements     *agreement.Service
	Adverse        *adverse.Service
	Regulated      *regulated.Service
	Licences       *licence.Service
	Billing        *billing.Service
	Queue          *jobs.Queue
	Mailer         notify.Mailer
	Vault          *vault.Vault
	Policy         *policy.Policy
	Privacy        *privacy.Service
	CareTeam       *careteam.Service
	FHIR           *fhir.Service
	Journal        *journal.Service
	CheckIns       *checkin.Service
	Messages       *message.Service
	Progress       *progress.Service
	Contacts       *contact.Service
	blobs          blob.Store
	Questionnaires *questionnaire.Service
	Metrics        *prometheus.Registry
	Handler        http.Handler
	// Routes lists every registered route with its declared access, for
	// the route access test.
	Routes []httpx.Declared
}

// Build opens the database, applies migrations and wires every service and
// surface by hand, each built after what it needs: the job queue first
// (services enqueue through it in their transactions), then the services,
// then the queue's workers and periodic tasks, which call those services.
// It starts nothing; see Start.
func Build(ctx context.Context, cfg Config, log *slog.Logger, now func() time.Time) (_ *App, err error) {
	db, err := openStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			db.Close()
		}
	}()
	if err := jobs.Migrate(ctx, db); err != nil {
		return nil, err
	}
	a := &App{Cfg: cfg, DB: db, Log: log, Now: now, Metrics: prometheus.NewRegistry()}
	if err := a.openVault(ctx); err != nil {
		return nil, err
	}
	a.Policy = policy.New(db, now, log)
	a.Accounts = account.NewService(db, now)
	a.Practices = practice.NewService(db, a.Policy, now)
	a.Crisis = crisis.NewService(db, now)
	if a.Queue, err = jobs.New(db, jobs.Config{Workers: river.NewWorkers(), Logger: log, PollInterval: time.Second}); err != nil {
		return nil, err
	}
	a.Alerts = alert.NewService(alert.Deps{DB: db, Policy: a.Policy, Vault: a.Vault, Queue: a.Queue, BaseURL: cfg.BaseURL, Now: now})
	if err := a.buildClientSpace(); err != nil {
		return nil, err
	}
	a.Auth = auth.NewService(auth.Deps{DB: db, Now: now, Accounts: a.Accounts, Practices: a.Practices, Queue: a.Queue,
		Sealer: auth.VaultSealer{Vault: a.Vault}, BaseURL: cfg.BaseURL, Demo: cfg.Demo})
	a.Billing = billing.NewService(billing.Deps{DB: db, Now: now, Checkout: stripe.New(cfg.StripeAPI), Secrets: vault.PracticeSecrets{Vault: a.Vault}})
	if n, err := a.Billing.SealStoredKeys(ctx); err != nil {
		return nil, err
	} else if n > 0 {
		log.Info("sealed Stripe keys stored in plaintext", "practices", n)
	}
	if a.Mailer, err = notify.NewMailer(cfg.SMTPURL, filepath.Join(cfg.DataDir, "outbox")); err != nil {
		return nil, usagef("%v; check --smtp or AFTERWARD_SMTP_URL", err)
	}
	reg, err := loadInstruments(Env{Getenv: cfg.Getenv})
	if err != nil {
		return nil, err
	}
	if err := a.startLicences(ctx, reg); err != nil {
		return nil, err
	}
	// Risky answers (PHQ-9 item 9, C-SSRS moderate or high) raise a safety
	// alert, as at intake.
	a.Questionnaires = questionnaire.NewService(questionnaire.Deps{DB: db, Policy: a.Policy, Vault: a.Vault, Jobs: a.Queue, Measures: reg, Now: now,
		BaseURL: cfg.BaseURL, Risk: alert.Responder{Alerts: a.Alerts}, Plans: plan.Dates{}, Sessions: questionnaire.SessionCountFunc(schedule.HeldWithin)})
	a.Regulated = regulated.NewService(regulated.Deps{DB: db, Policy: a.Policy, Vault: a.Vault, Raise: alert.Responder{Alerts: a.Alerts}.RaiseFormHarm, Now: now})
	a.Privacy = privacy.NewService(privacy.Deps{DB: db, Vault: a.Vault, Jobs: a.Queue, Now: now, BaseURL: cfg.BaseURL,
		Exporters: []privacy.Exporter{privacy.AccountExporter{}, privacy.AccessExporter{}, a.Regulated.Exporter()}})
	a.CareTeam = careteam.NewService(careteam.Deps{DB: db, Policy: a.Policy, Now: now, Vault: a.Vault,
		Invite: referralInviter(a.Auth), Notices: &notify.Notices{Queue: a.Queue, BaseURL: cfg.BaseURL}, Sources: careteam.Sources(a.Vault)})
	a.FHIR = fhir.NewService(fhir.Deps{DB: db, Policy: a.Policy, Now: now, Exporter: &fhir.Exporter{Base: cfg.BaseURL, Now: now,
		Contributors: append([]fhir.Contributor{careteam.FHIR{Now: now, Vault: a.Vault}}, append(careteam.Contributors(a.Vault, reg.Lookup), a.Regulated.Exporter())...)}})
	if err := a.buildIntake(); err != nil {
		return nil, err
	}
	// The schedule is the one source of open times; the coach directory
	// reads it, and accepting a request books the first session through it
	// in the same transaction. The schedule tells the directory that a
	// coach's free time changed through the job queue (NextOpenWorker), so
	// neither needs the other at construction.
	a.Schedule = schedule.NewService(schedule.Deps{DB: db, Policy: a.Policy, Now: now, Queue: a.Queue,
		Billing: schedule.FeeBiller{Billing: a.Billing}, Agreements: agreement.Gate{}, BaseURL: cfg.BaseURL})
	a.Coaches = coach.NewService(coach.Deps{DB: db, Now: now, Calendar: a.Schedule, Queue: a.Queue, BaseURL: cfg.BaseURL,
		Notices: &notify.Notices{Queue: a.Queue, BaseURL: cfg.BaseURL}, Vault: a.Vault})
	a.Plans = plan.NewService(plan.Deps{DB: db, Policy: a.Policy, Vault: a.Vault, Now: now, Queue: a.Queue})
	a.Notes = note.NewService(db, a.Policy, a.Vault, now)
	a.Agreements = agreement.NewService(agreement.Deps{DB: db, Policy: a.Policy, Vault: a.Vault, Fees: a.Schedule.FeeTerms(a.Billing), Now: now})
	a.Adverse = adverse.NewService(adverse.Deps{DB: db, Policy: a.Policy, Vault: a.Vault, Raise: alert.Responder{Alerts: a.Alerts}.RaiseAdverse, Now: now})
	a.Contacts = contact.NewService(db, a.Policy, now)
	a.registerAlertSources()
	a.registerJobs()
	if a.Handler, err = a.buildHandler(); err != nil {
		return nil, err
	}
	return a, nil
}

// registerJobs adds the queue's workers and periodic tasks, which call the
// services built above.
func (a *App) registerJobs() {
	jobs.Handle(a.Queue, &auth.EmailRequestWorker{Auth: a.Auth})
	jobs.Handle(a.Queue, &auth.SignUpWorker{Auth: a.Auth})
	jobs.Handle(a.Queue, &notify.Worker{DB: a.DB, Mailer: a.Mailer, From: a.Cfg.MailFrom, Now: a.Now})
	jobs.Handle(a.Queue, &schedule.ReminderWorker{DB: a.DB, BaseURL: a.Cfg.BaseURL})
	jobs.Handle(a.Queue, &questionnaire.InviteWorker{Service: a.Questionnaires})
	jobs.Handle(a.Queue, &coach.NextOpenWorker{Coaches: a.Coaches})
	a.Queue.Every(
		jobs.Task{Name: "coach_directory_refresh", Interval: 10 * time.Minute, Run: func(ctx context.Context) error {
			if _, err := a.Coaches.ExpireRequests(ctx); err != nil {
				return err
			}
			_, err := a.Coaches.Refresh(ctx)
			return err
		}},
		jobs.Task{Name: "expire_sessions", Interval: 10 * time.Minute, Run: func(ctx context.Context) error {
			n, err := a.Accounts.ExpireSessions(ctx)
			if err == nil && n > 0 {
				a.Log.Info("expired sessions", "count", n)
			}
			return err
		}},
		jobs.Task{Name: "schedule_questionnaires", Interval: time.Hour, Run: func(ctx context.Context) error {
			_, err := a.Questionnaires.ScheduleUnscheduled(ctx)
			return err
		}},
		jobs.Task{Name: "run_due_erasures", Interval: time.Hour, Run: func(ctx context.Context) error {
			n, err := a.Privacy.RunDueErasures(ctx)
			if err == nil && n > 0 {
				a.Log.Info("erased clients", "count", n)
			}
			return err
		}},
		jobs.Task{Name: "first_session_watch", Interval: 15 * time.Minute, Run: func(ctx context.Context) error {
			_, err := a.Schedule.WatchFirstSessions(ctx)
			return err
		}},
		jobs.Task{Name: "escalate_safety_alerts", Interval: time.Minute, Run: func(ctx context.Context) error {
			_, err := a.Alerts.Escalate(ctx)
			return err
		}},
		jobs.Task{Name: "follow_up_invitations", Interval: time.Hour, Run: func(ctx context.Context) error {
			_, err := a.Plans.FollowUps(ctx, a.Cfg.BaseURL)
			return err
		}},
	)
}

func (a *App) buildHandler() (http.Handler, error) {
	pages, err := web.New(web.Deps{Log: a.Log, Now: a.Now,
		Settings: web.Settings{BaseURL: a.Cfg.BaseURL, SecureCookies: a.Cfg.SecureCookies(), Demo: a.Cfg.Demo},
		People: web.People{Accounts: a.Accounts, Auth: a.Auth, Practices: a.Practices, Privacy: a.Privacy, Contacts: a.Contacts,
			Prefs: notify.PrefStore{DB: a.DB, Now: a.Now}},
		Safety:      web.Safety{Intakes: a.Intakes, Alerts: a.Alerts, Crisis: a.Crisis, Adverse: a.Adverse},
		Coaching:    web.Coaching{Coaches: a.Coaches, Schedule: a.Schedule, Plans: a.Plans, Notes: a.Notes, Agreements: a.Agreements, Regulated: a.Regulated},
		ClientSpace: web.ClientSpace{Journal: a.Journal, CheckIns: a.CheckIns, Messages: a.Messages, Progress: a.Progress},
		Clinicians:  web.Clinicians{CareTeam: a.CareTeam, FHIR: a.FHIR},
		Measures:    web.Measures{Questionnaires: a.Questionnaires, Licences: a.Licences},
		Billing:     a.Billing})
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	apiServer := api.New(api.Deps{Log: a.Log, Accounts: a.Accounts, Practices: a.Practices, Coaches: a.Coaches, Billing: a.Billing, Questionnaires: a.Questionnaires, Schedule: a.Schedule, Now: a.Now})
	for _, rt := range pages.Routes() {
		mux.Handle(rt.Pattern, rt.Handler)
		a.Routes = append(a.Routes, httpx.Declared{Pattern: rt.Pattern, Access: rt.Access})
	}
	for _, rt := range apiServer.Routes() {
		mux.Handle(rt.Pattern, rt.Handler)
		a.Routes = append(a.Routes, httpx.Declared{Pattern: rt.Pattern, Access: rt.Access})
	}
	a.registerOps(mux)

	// instrument sits next to the mux so it sees the matched route pattern.
	h := instrument(a.Metrics, pages.ErrorPages(mux))
	h = httpx.LoadSession(a.Accounts, a.Cfg.SecureCookies(), h)
	// CSRF: refuse cross-origin state-changing requests (Sec-Fetch-Site and
	// Origin checks), which every current browser sends.
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(pages.CrossOriginDenied))
	h = cop.Handler(h)
	h = httpx.SecurityHeaders(a.Cfg.SecureCookies(), h)
	h = httpx.Logging(a.Log, h)
	h = httpx.ClientAddress(a.Cfg.ProxyNets(), h)
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
	// A command reading an existing practice must not make a new key.
	if _, err := loadKeyring(a.Cfg, getenv); err != nil {
		return err
	}
	ledger := vault.LedgerPath(a.Cfg.DataDir)
	v, err := vault.New(vault.Config{Keys: vault.KeySourceFrom(getenv, a.Cfg.DataDir), LedgerPath: ledger, Now: a.Now})
	if err != nil {
		return usagef("%v; set AFTERWARD_MASTER_KEY or check the key file in %s", err, a.Cfg.DataDir)
	}
	if err := v.CheckKeys(ctx, a.DB.Reader()); err != nil {
		return usagef("%v; set AFTERWARD_MASTER_KEY to the key this database was sealed with, or restore the key file in %s", err, a.Cfg.DataDir)
	}
	n, err := v.ApplyLedger(ctx, a.DB, ledger)
	if err != nil {
		return fmt.Errorf("re-applying the erasure ledger: %w", err)
	}
	if n > 0 {
		a.Log.Warn("erasure ledger re-applied to a restored database", "clients", n)
	}
	a.Vault = v
	// Free text written before it was sealed (migration 0027) is sealed
	// now and its plaintext overwritten; nothing is left after one start.
	sealed, err := privacy.SealLegacyText(ctx, a.DB, v)
	if err != nil {
		return fmt.Errorf("sealing free text stored before it was sealed: %w", err)
	}
	if sealed > 0 {
		a.Log.Info("sealed free text stored in plaintext by an earlier version", "rows", sealed)
	}
	// Erased clients whose plaintext came back with a restored backup (the
	// ledger destroyed their key again above) are anonymised again.
	erased, err := privacy.AnonymiseErased(ctx, a.DB, a.Now())
	if err != nil {
		return fmt.Errorf("anonymising erased clients: %w", err)
	}
	if erased > 0 {
		a.Log.Warn("erased clients anonymised again", "clients", erased)
	}
	return nil
}

// loadKeyring finds the master keys. A new practice gets a new key file;
// a command that reads an existing practice (cfg.Existing) never does.
func loadKeyring(cfg Config, getenv func(string) string) (*vault.Keyring, error) {
	if cfg.Existing && getenv(vault.EnvMasterKey) == "" {
		if _, err := os.Stat(vault.KeyFilePath(cfg.DataDir)); err != nil {
			return nil, usagef("no master key: %s is missing and %s is not set; check --data-dir", vault.KeyFilePath(cfg.DataDir), vault.EnvMasterKey)
		}
	}
	ring, err := vault.LoadKeyring(getenv, cfg.DataDir)
	if err != nil {
		return nil, usagef("%v; set AFTERWARD_MASTER_KEY or check the key file in %s", err, cfg.DataDir)
	}
	return ring, nil
}

// Close releases the database.
func (a *App) Close() {
	a.checkpointAudit(context.Background())
	a.DB.Close()
}

// buildIntake wires the intake form (questionnaire wording from the
// measure definitions); risky answers raise safety alerts.
func (a *App) buildIntake() error {
	reg, err := measure.Builtin()
	if err != nil {
		return err
	}
	form, err := intake.NewForm(reg)
	if err != nil {
		return err
	}
	a.Intakes = intake.NewService(intake.Deps{DB: a.DB, Policy: a.Policy, Vault: a.Vault, Form: form, Alerts: a.Alerts, Now: a.Now})
	return nil
}

// referralInviter sends a referred person an invitation to the practice,
// in the referral's transaction.
func referralInviter(invites *auth.Service) careteam.Invite {
	return func(ctx context.Context, tx *store.Tx, practiceID, invitedBy int64, referrer, practiceName, email, name string) error {
		return invites.InviteReferred(ctx, tx, practiceID, invitedBy, referrer, practiceName, auth.NewInvitation{Email: email, Name: name})
	}
}
