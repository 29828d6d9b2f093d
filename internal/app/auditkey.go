package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/store"
)

// checkpointEvery is how often a running server signs the audit head into
// the checkpoint log (when it moved). Events appended after the newest
// checkpoint are protected by their MAC but not yet against removal of
// the newest ones, so keep this short.
const checkpointEvery = time.Minute

// bindAuditKey gives db the audit key (AFTERWARD_AUDIT_KEY, or the key file
// in the data directory, created on first start) and records which key
// keys the chain; another key than the chain's stops here with one line.
func bindAuditKey(ctx context.Context, db *store.DB, cfg Config) error {
	key, err := audit.LoadKey(getenvOf(cfg), cfg.DataDir, true)
	if err != nil {
		return usagef("%v", err)
	}
	db.SetAuditKey(key)
	if err := audit.BindKey(ctx, db, key); err != nil {
		return usagef("%v; set %s to the practice's key or restore its %s into %s", err, audit.EnvKey, audit.KeyFileName, cfg.DataDir)
	}
	return nil
}

// auditKey reads the key without creating one (for verification).
func auditKey(cfg Config) ([]byte, error) {
	key, err := audit.LoadKey(getenvOf(cfg), cfg.DataDir, false)
	if err != nil {
		return nil, usagef("%v", err)
	}
	return key, nil
}

func getenvOf(cfg Config) func(string) string {
	if cfg.Getenv == nil {
		return func(string) string { return "" }
	}
	return cfg.Getenv
}

// startCheckpoints signs the audit head into DATA_DIR/audit-checkpoints.jsonl
// and the log until ctx ends; the returned channel closes after the last one.
func (a *App) startCheckpoints(ctx context.Context, key []byte) <-chan struct{} {
	done := make(chan struct{})
	cp := &audit.Checkpointer{DB: a.DB, Key: key, Path: audit.CheckpointPath(a.Cfg.DataDir), Every: checkpointEvery,
		Log: a.Log.With(slog.String("component", "audit")), Now: a.Now, Level: slog.LevelInfo}
	go func() {
		defer close(done)
		cp.Run(ctx)
	}()
	return done
}

// checkpointAudit signs the head once more as a command or server closes,
// so events appended without a running server (the demo seed, an import)
// are anchored too.
func (a *App) checkpointAudit(ctx context.Context) {
	key, err := auditKey(a.Cfg)
	if err != nil {
		a.Log.Error("audit checkpoint", "err", err)
		return
	}
	cp := &audit.Checkpointer{DB: a.DB, Key: key, Path: audit.CheckpointPath(a.Cfg.DataDir), Log: a.Log, Now: a.Now, Level: slog.LevelDebug}
	cp.WriteOnce(ctx)
}
