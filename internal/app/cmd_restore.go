package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/backup"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// runRestore: `afterward restore --from FILE [--force]` puts a backup
// archive back into the data directory. Everything is checked on a staged
// copy first — the archive's shape, that the configured master key opens
// its data keys, and the audit chain — and only then moved into place, so
// a failed restore leaves the practice as it was. A database already in
// place is replaced only with --force (stop the server first).
func runRestore(ctx context.Context, env Env, args []string) error {
	var from string
	var force bool
	cfg, err := parseFlags("restore", env, args, func(fs *flag.FlagSet) {
		fs.StringVar(&from, "from", "", "backup archive written by 'afterward backup'")
		fs.BoolVar(&force, "force", false, "replace the database already in the data directory (stop the server first)")
	})
	if err != nil {
		return err
	}
	if err := checkRestoreTarget(cfg, from, force); err != nil {
		return err
	}
	if err := ensureDataDir(cfg.DataDir); err != nil {
		return err
	}
	ring, err := loadKeyring(Config{DataDir: cfg.DataDir, Existing: true}, env.getenv)
	if err != nil {
		return usagef("%v (the master key is never in a backup: copy the practice's %s into the data directory or set %s)", err, vault.KeyFileName, vault.EnvMasterKey)
	}
	stage, err := os.MkdirTemp(cfg.DataDir, ".restore-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(stage)
	m, err := backup.Extract(from, stage)
	if err != nil {
		return usagef("--from %s: %v", from, err)
	}
	events, err := checkStaged(ctx, cfg, stage, ring, env)
	if err != nil {
		return err
	}
	if err := moveIntoPlace(cfg, stage); err != nil {
		return err
	}
	if err := restartCheckpoints(cfg, env); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "restored %s into %s: the database, %d stored files, audit chain ok (%d events)\n", from, cfg.DataDir, m.Files, events)
	return nil
}

func checkRestoreTarget(cfg Config, from string, force bool) error {
	if store.IsPostgresURL(cfg.DatabaseURL) {
		return usagef("restore reads SQLite backups; for PostgreSQL use pg_restore (for example: pg_restore --clean --if-exists --no-owner -d \"$AFTERWARD_DATABASE_URL\" afterward.dump)")
	}
	if from == "" {
		return usagef("--from is required: the archive written by 'afterward backup'")
	}
	if info, err := os.Stat(from); err != nil || !info.Mode().IsRegular() {
		return usagef("--from %s: no such backup file", from)
	}
	if info, err := os.Stat(cfg.DatabaseURL); err == nil && info.Size() > 0 && !force {
		return usagef("%s already holds a database; stop the server and pass --force to replace it", cfg.DatabaseURL)
	}
	return nil
}

// checkStaged opens the staged database (migrating it forward if the
// backup is older than this binary), proves the master key opens it,
// re-applies the erasure ledger so nothing erased since the backup comes
// back, and verifies the audit chain.
func checkStaged(ctx context.Context, cfg Config, stage string, ring *vault.Keyring, env Env) (int, error) {
	db, err := store.Open(ctx, filepath.Join(stage, backup.DatabaseName))
	if err != nil {
		return 0, usagef("the backup's database does not open: %v", rootCauseMsg(err))
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return 0, err
	}
	ledger := vault.LedgerPath(cfg.DataDir)
	if _, err := os.Stat(ledger); errors.Is(err, fs.ErrNotExist) {
		ledger = filepath.Join(stage, backup.LedgerName) // a new machine: the backup's own ledger
	}
	v, err := vault.New(vault.Config{Keys: vault.StaticKeys(ring), LedgerPath: ledger, Now: env.now})
	if err != nil {
		return 0, err
	}
	if err := v.CheckKeys(ctx, db.Reader()); err != nil {
		return 0, usagef("%v; restore with the master key the practice used when the backup was taken", err)
	}
	if _, err := v.ApplyLedger(ctx, db, ledger); err != nil {
		return 0, fmt.Errorf("re-applying the erasure ledger: %w", err)
	}
	key, err := restoreAuditKey(ctx, db, cfg, env)
	if err != nil {
		return 0, err
	}
	// A backup is older than the server's checkpoints by design; its chain
	// is checked with the key, and the checkpoint log starts afresh.
	res, err := audit.Verify(ctx, db.Reader(), audit.VerifyOptions{Key: key, AllowUnanchored: true})
	if err != nil {
		return 0, err
	}
	if !res.OK() {
		return 0, usagef("the backup's audit chain is broken at event %d (%s); nothing was restored", res.FirstBroken, res.Reason)
	}
	return res.Events, nil
}

// moveIntoPlace swaps the staged database, ledger and attachments in by
// renames inside the data directory. The old attachments are removed only
// after the new ones are in place.
func moveIntoPlace(cfg Config, stage string) error {
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(cfg.DatabaseURL + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	if err := os.Rename(filepath.Join(stage, backup.DatabaseName), cfg.DatabaseURL); err != nil {
		return err
	}
	ledger := vault.LedgerPath(cfg.DataDir)
	if _, err := os.Stat(ledger); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(filepath.Join(stage, backup.LedgerName), ledger); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	blobs := cfg.localBlobDir()
	if blobs == "" {
		return nil
	}
	old := filepath.Join(stage, "blobs.old")
	if err := os.Rename(blobs, old); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.Rename(filepath.Join(stage, backup.BlobsDir), blobs); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// restoreAuditKey is the practice's audit key, which like the master key
// is never in a backup; only a backup from before audit keys (no key
// recorded) may start with a new one.
func restoreAuditKey(ctx context.Context, db *store.DB, cfg Config, env Env) ([]byte, error) {
	head, err := audit.ReadHead(ctx, db.Reader())
	if err != nil {
		return nil, err
	}
	key, err := audit.LoadKey(env.getenv, cfg.DataDir, head.KeyID == "")
	if err != nil {
		return nil, usagef("%v (the audit key is never in a backup: copy the practice's %s into the data directory or set %s)", err, audit.KeyFileName, audit.EnvKey)
	}
	return key, nil
}

// restartCheckpoints sets the checkpoint log aside — its checkpoints record
// a longer trail than the restored one — and starts a new one with the
// restored head, verified a moment ago.
func restartCheckpoints(cfg Config, env Env) error {
	path := audit.CheckpointPath(cfg.DataDir)
	err := os.Rename(path, fmt.Sprintf("%s.before-restore-%d", path, env.now().Unix()))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	ctx := context.Background()
	db, err := store.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	key, err := audit.LoadKey(env.getenv, cfg.DataDir, false)
	if err != nil {
		return err
	}
	head, err := audit.ReadHead(ctx, db.Reader())
	if err != nil {
		return err
	}
	return audit.AppendCheckpoint(path, audit.NewCheckpoint(key, head, env.now()))
}
