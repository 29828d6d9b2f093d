package app

import (
	"context"
	"path/filepath"
	"time"

	"github.com/afterward/afterward/internal/attachment"
	"github.com/afterward/afterward/internal/blob"
	"github.com/afterward/afterward/internal/checkin"
	"github.com/afterward/afterward/internal/demo"
	"github.com/afterward/afterward/internal/journal"
	"github.com/afterward/afterward/internal/message"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/progress"
	"github.com/afterward/afterward/internal/safety"
	"github.com/afterward/afterward/internal/store"
)

// scanOnly is the RiskScanner until the alert service (branch intake) is
// merged: it runs the crisis-language scan so the client is shown the
// right resources, but persists no alert. The lead swaps in the alert
// service's ScanText.
type scanOnly struct{}

func (scanOnly) ScanText(_ context.Context, _ *store.Tx, _ int64, _ string, _ int64, text string) (safety.Level, error) {
	return safety.Scan(text).Level, nil
}

// buildClientSpace wires the journal, check-ins, messages and the progress
// timeline. Files go to DATA_DIR/blobs (the local blob store; an
// S3-compatible store is a second blob.Store implementation).
func (a *App) buildClientSpace() error {
	blobs, err := blob.NewLocal(filepath.Join(a.Cfg.DataDir, "blobs"))
	if err != nil {
		return err
	}
	a.blobs = blobs
	cs := a.clientSpaceAt(a.Now)
	a.Journal, a.CheckIns, a.Messages = cs.Journal, cs.CheckIns, cs.Messages
	a.Progress = progress.NewService(a.Policy, a.Journal, a.CheckIns)
	return nil
}

// clientSpaceAt builds the client-space services on a clock; the demo
// seed uses it to spread its data over past weeks.
func (a *App) clientSpaceAt(now func() time.Time) demo.ClientSpace {
	files := attachment.NewFiles(a.Vault, a.blobs, now)
	scan := scanOnly{}
	p := policy.New(a.DB, now)
	return demo.ClientSpace{
		Journal:  journal.NewService(a.DB, p, a.Vault, files, scan, now),
		CheckIns: checkin.NewService(p, a.Vault, scan, now),
		Messages: message.NewService(a.DB, p, a.Vault, files, scan, now),
	}
}

// DemoServices are the services the demo seed goes through.
func (a *App) DemoServices() demo.Services {
	return demo.Services{Accounts: a.Accounts, Practices: a.Practices, ClientSpace: a.clientSpaceAt}
}
