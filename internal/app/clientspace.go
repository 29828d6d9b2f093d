package app

import (
	"context"
	"time"

	"github.com/afterward/afterward/internal/alert"
	"github.com/afterward/afterward/internal/attachment"
	"github.com/afterward/afterward/internal/blob"
	"github.com/afterward/afterward/internal/checkin"
	"github.com/afterward/afterward/internal/demo"
	"github.com/afterward/afterward/internal/intake"
	"github.com/afterward/afterward/internal/journal"
	"github.com/afterward/afterward/internal/measure"
	"github.com/afterward/afterward/internal/message"
	"github.com/afterward/afterward/internal/plan"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/progress"
	"github.com/afterward/afterward/internal/questionnaire"
	"github.com/afterward/afterward/internal/safety"
	"github.com/afterward/afterward/internal/schedule"
	"github.com/afterward/afterward/internal/store"
)

// alertScanner is the client space's RiskScanner: the alert service scans
// what the client wrote and, for concern or urgent, raises an alert for the
// coach in the same transaction. It resolves the service when called, since
// the alert service is wired after the client space.
type alertScanner struct{ a *App }

func (s alertScanner) ScanText(ctx context.Context, tx *store.Tx, clientID int64, kind string, id int64, text string) (safety.Level, error) {
	return s.a.Alerts.ScanText(ctx, tx, clientID, alert.Source{Kind: kind, ID: id}, text)
}

// Signal raises a check-in's structured signal: "not safe right now" is
// urgent at once; a run of very low mood is a concern raised once while
// it stays open.
func (s alertScanner) Signal(ctx context.Context, tx *store.Tx, clientID, checkinID int64, sig checkin.Signal) error {
	src := alert.Source{Kind: "checkin", ID: checkinID}
	var err error
	switch sig {
	case checkin.NotSafe:
		_, err = s.a.Alerts.Raise(ctx, tx, clientID, src, safety.Urgent, alert.ReasonClientNotSafe)
	case checkin.LowMood:
		_, err = s.a.Alerts.RaiseOnce(ctx, tx, clientID, src, safety.Concern, alert.ReasonLowMood)
	}
	return err
}

// buildClientSpace wires the journal, check-ins, messages and the progress
// timeline. Files go to the blob store chosen by --blob-url.
func (a *App) buildClientSpace() error {
	blobs, err := NewBlobStore(a.Cfg)
	if err != nil {
		return err
	}
	a.blobs = blobs
	cs := a.clientSpaceAt(a.Now)
	a.Journal, a.CheckIns, a.Messages = cs.Journal, cs.CheckIns, cs.Messages
	a.Progress = progress.NewService(a.Policy, a.Journal, a.CheckIns,
		progress.SourceFunc(intake.Timeline), progress.SourceFunc(schedule.Timeline), progress.SourceFunc(questionnaire.Timeline), progress.SourceFunc(plan.Timeline))
	return nil
}

// NewBlobStore is the S3-compatible bucket of --blob-url when set (several
// servers share it), else the local directory DATA_DIR/blobs.
func NewBlobStore(cfg Config) (blob.Store, error) {
	if cfg.BlobURL == "" {
		return blob.NewLocal(cfg.localBlobDir())
	}
	s3cfg, err := blob.ParseS3URL(cfg.BlobURL, cfg.Getenv)
	if err != nil {
		return nil, usagef("--blob-url: %v", err)
	}
	return blob.NewS3(s3cfg, nil), nil
}

// clientSpaceAt builds the client-space services on a clock; the demo
// seed uses it to spread its data over past weeks.
func (a *App) clientSpaceAt(now func() time.Time) demo.ClientSpace {
	files := attachment.NewFiles(a.Vault, a.blobs, now)
	scan := alertScanner{a}
	p := policy.New(a.DB, now)
	return demo.ClientSpace{
		Journal:  journal.NewService(a.DB, p, a.Vault, files, scan, now),
		CheckIns: checkin.NewService(p, a.Vault, scan, now),
		Messages: message.NewService(a.DB, p, a.Vault, files, scan, now),
	}
}

// DemoServices are the services the demo seed goes through.
func (a *App) DemoServices() demo.Services {
	return demo.Services{Accounts: a.Accounts, Practices: a.Practices, Auth: a.Auth, Intakes: a.Intakes, Alerts: a.Alerts, Coaches: a.Coaches, Questionnaires: a.Questionnaires, ClientSpace: a.clientSpaceAt, Sealer: a.Vault, Vault: a.Vault, Crisis: a.Crisis, Agreements: a.Agreements, Adverse: a.Adverse}
}

// alertResponder is the questionnaires' RiskResponder: PHQ-9 item 9 ≥ 1 or
// a moderate C-SSRS raises a concern alert, a high C-SSRS an urgent one —
// the same response as at intake — in the questionnaire's transaction.
type alertResponder struct{ a *App }

func (r alertResponder) QuestionnaireRisk(ctx context.Context, tx *store.Tx, clientID int64, instrument string, responseID int64, risk string) error {
	level, reason := safety.Concern, alert.ReasonPHQ9Item9
	switch risk {
	case measure.RiskHigh:
		level, reason = safety.Urgent, alert.ReasonCSSRSHigh
	case measure.RiskModerate:
		reason = alert.ReasonCSSRSModerate
	}
	_, err := r.a.Alerts.Raise(ctx, tx, clientID, alert.Source{Kind: "questionnaire", ID: responseID}, level, reason)
	return err
}
