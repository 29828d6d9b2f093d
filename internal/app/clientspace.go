package app

import (
	"time"

	"github.com/afterward/afterward/internal/alert"
	"github.com/afterward/afterward/internal/attachment"
	"github.com/afterward/afterward/internal/blob"
	"github.com/afterward/afterward/internal/checkin"
	"github.com/afterward/afterward/internal/demo"
	"github.com/afterward/afterward/internal/intake"
	"github.com/afterward/afterward/internal/journal"
	"github.com/afterward/afterward/internal/message"
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/plan"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/progress"
	"github.com/afterward/afterward/internal/questionnaire"
	"github.com/afterward/afterward/internal/schedule"
)

// buildClientSpace wires the journal, check-ins, messages and the progress
// timeline. Files go to the blob store chosen by --blob-url.
func (a *App) buildClientSpace() error {
	blobs, err := NewBlobStore(a.Cfg)
	if err != nil {
		return err
	}
	a.blobs = blobs
	cs := a.clientSpace(a.Now, &notify.Notices{Queue: a.Queue, BaseURL: a.Cfg.BaseURL})
	a.Journal, a.CheckIns, a.Messages = cs.Journal, cs.CheckIns, cs.Messages
	a.Progress = progress.NewService(progress.Deps{Policy: a.Policy, Sources: []progress.TimelineSource{a.Journal, a.CheckIns,
		intake.Timeline, progress.SourceFunc(schedule.Timeline), questionnaire.Timeline, plan.Timeline}})
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

// clientSpaceAt builds the client-space services on a clock, sending no
// emails; the demo seed uses it to spread its data over past weeks.
func (a *App) clientSpaceAt(now func() time.Time) demo.ClientSpace { return a.clientSpace(now, nil) }

// clientSpace builds the client-space services on a clock; a new message
// is told to the other party through notices (nil: no emails).
func (a *App) clientSpace(now func() time.Time, notices *notify.Notices) demo.ClientSpace {
	files := attachment.NewFiles(a.Vault, a.blobs, now)
	scan := alert.Responder{Alerts: a.Alerts}
	p := policy.New(a.DB, now, a.Log)
	return demo.ClientSpace{
		Journal:  journal.NewService(journal.Deps{DB: a.DB, Policy: p, Vault: a.Vault, Files: files, Scan: scan, Now: now}),
		CheckIns: checkin.NewService(checkin.Deps{Policy: p, Vault: a.Vault, Scan: scan, Now: now}),
		Messages: message.NewService(message.Deps{DB: a.DB, Policy: p, Vault: a.Vault, Files: files, Scan: scan, Now: now, Notices: notices}),
	}
}

// DemoServices are the services the demo seed goes through.
func (a *App) DemoServices() demo.Services {
	return demo.Services{Accounts: a.Accounts, Practices: a.Practices, Auth: a.Auth, Intakes: a.Intakes, Alerts: a.Alerts, Coaches: a.Coaches, Questionnaires: a.Questionnaires, ClientSpace: a.clientSpaceAt, Sealer: a.Vault, Vault: a.Vault, Crisis: a.Crisis, Agreements: a.Agreements, Adverse: a.Adverse, Regulated: a.Regulated}
}
