package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/afterward/afterward/internal/jobs"
)

// runMigrate: `afterward migrate [apply|status] [flags]`.
func runMigrate(ctx context.Context, env Env, args []string) error {
	verb := "apply"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		verb, args = args[0], args[1:]
	}
	if verb != "apply" && verb != "status" {
		return usagef("unknown migrate action %q; use 'afterward migrate apply' or 'afterward migrate status'", verb)
	}
	cfg, err := parseFlags("migrate "+verb, env, args, nil)
	if err != nil {
		return err
	}
	// Listing the migrations of a database that does not exist would
	// create it; applying them is how a new one is made.
	cfg.Existing = verb == "status"
	db, err := openStoreNoMigrate(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	if verb == "apply" {
		if err := db.Migrate(ctx); err != nil {
			return err
		}
		if err := jobs.Migrate(ctx, db); err != nil {
			return err
		}
	}
	statuses, err := db.MigrationStatuses(ctx)
	if err != nil {
		return err
	}
	for _, s := range statuses {
		state := "pending"
		if s.Applied {
			state = "applied"
		}
		fmt.Fprintf(env.Stdout, "%04d  %-8s %s\n", s.Version, state, filepath.Base(s.Name))
	}
	return nil
}
