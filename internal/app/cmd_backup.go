package app

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/afterward/afterward/internal/store"
)

// runBackup writes a consistent online copy of a SQLite database with
// VACUUM INTO, which reads one snapshot while the server keeps running.
func runBackup(ctx context.Context, env Env, args []string) error {
	var out string
	cfg, err := parseFlags("backup", env, args, func(fs *flag.FlagSet) {
		fs.StringVar(&out, "out", "", "file to write the copy to (must not exist)")
	})
	if err != nil {
		return err
	}
	if store.IsPostgresURL(cfg.DatabaseURL) {
		return usagef("backup copies SQLite databases; for PostgreSQL use pg_dump (for example: pg_dump --format=custom --file=afterward.dump \"$AFTERWARD_DATABASE_URL\")")
	}
	if out == "" {
		return usagef("--out is required: the file to write the backup to")
	}
	if _, err := os.Stat(out); err == nil {
		return usagef("--out %s already exists; choose a new file name", out)
	}
	if _, err := os.Stat(cfg.DatabaseURL); err != nil {
		return usagef("database %s does not exist; check --db or --data-dir", cfg.DatabaseURL)
	}
	db, err := openStoreNoMigrate(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.BackupSQLite(ctx, out); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "backup written to %s\n", out)
	return nil
}
