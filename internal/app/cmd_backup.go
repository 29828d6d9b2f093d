package app

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/afterward/afterward/internal/backup"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// runBackup writes one archive with a consistent copy of the SQLite
// database (VACUUM INTO: one read snapshot, writers keep going), the
// attachments of the local file store and the erasure ledger. The master
// key is not in it; keep it apart.
func runBackup(ctx context.Context, env Env, args []string) error {
	var out string
	cfg, err := parseFlags("backup", env, args, func(fs *flag.FlagSet) {
		fs.StringVar(&out, "out", "", "archive file to write (must not exist)")
	})
	if err != nil {
		return err
	}
	if store.IsPostgresURL(cfg.DatabaseURL) {
		return usagef("backup copies SQLite databases; for PostgreSQL use pg_dump (for example: pg_dump --format=custom --file=afterward.dump \"$AFTERWARD_DATABASE_URL\")")
	}
	cfg.Existing = true
	if out == "" {
		return usagef("--out is required: the file to write the backup to")
	}
	if _, err := os.Stat(out); err == nil {
		return usagef("--out %s already exists; choose a new file name", out)
	}
	if info, err := os.Stat(filepath.Dir(out)); err != nil || !info.IsDir() {
		return usagef("--out %s: the directory %s does not exist", out, filepath.Dir(out))
	}
	db, err := openStoreNoMigrate(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	m, err := backup.Write(ctx, backup.Source{DB: db, BlobDir: cfg.localBlobDir(), LedgerPath: vault.LedgerPath(cfg.DataDir)}, out, env.now())
	if err != nil {
		return usagef("--out %s: %v", out, rootCause(err))
	}
	fmt.Fprintf(env.Stdout, "backup written to %s: the database and %d stored files (attachments and their thumbnails); the master key is not in it, keep it apart\n", out, m.Files)
	if m.BlobsElsewhere {
		fmt.Fprintf(env.Stdout, "attachments are in %s: back up that bucket with its own tools (its objects are already encrypted)\n", store.Redact(cfg.BlobURL))
	}
	return nil
}
