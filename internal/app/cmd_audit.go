package app

import (
	"context"
	"fmt"
	"os"

	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/store"
)

// runAudit: `afterward audit verify [flags]` walks the hash chain. It prints
// "audit chain ok: N events" and exits 0, or prints "audit chain broken at
// event ID: reason" on stderr and exits 1.
func runAudit(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] != "verify" {
		return usagef("use 'afterward audit verify [--db URL] [--data-dir DIR]'")
	}
	cfg, err := parseFlags("audit verify", env, args[1:], nil)
	if err != nil {
		return err
	}
	db, err := openExistingStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := audit.Verify(ctx, db.Reader())
	if err != nil {
		return err
	}
	if !res.OK() {
		fmt.Fprintf(env.Stderr, "audit chain broken at event %d: %s\n", res.FirstBroken, res.Reason)
		return &reportedError{code: 1}
	}
	fmt.Fprintf(env.Stdout, "audit chain ok: %d events\n", res.Events)
	return nil
}

// openExistingStore opens and migrates the database, refusing to create a
// new SQLite file: checking or rotating an empty database that a typo
// created would report success about nothing.
func openExistingStore(ctx context.Context, cfg Config) (*store.DB, error) {
	if !store.IsPostgresURL(cfg.DatabaseURL) {
		if _, err := os.Stat(cfg.DatabaseURL); err != nil {
			return nil, usagef("database %s does not exist; check --db or --data-dir", cfg.DatabaseURL)
		}
	}
	return openStore(ctx, cfg)
}
