package store_test

import (
	"context"
	"testing"

	"github.com/pressly/goose/v3"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestNewestMigrationGoesDownAndUp: the newest migration's Down undoes its
// Up on both engines, so a release can be rolled back one step.
func TestNewestMigrationGoesDownAndUp(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		dialect := goose.DialectSQLite3
		if db.Dialect == store.Postgres {
			dialect = goose.DialectPostgres
		}
		p, err := goose.NewProvider(dialect, db.Write, store.MigrationFS(db.Dialect))
		if err != nil {
			t.Fatal(err)
		}
		down, err := p.Down(ctx)
		if err != nil {
			t.Fatalf("down: %v", err)
		}
		up, err := p.Up(ctx)
		if err != nil {
			t.Fatalf("up again: %v", err)
		}
		if len(up) != 1 || up[0].Source.Version != down.Source.Version {
			t.Errorf("down %d, then up %d migrations; want the same one back", down.Source.Version, len(up))
		}
	})
}
