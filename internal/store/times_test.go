package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// TestStoreRefusesFarFutureTimes: whatever path a time comes by, one past
// 2100 is refused before it reaches the database (SQLite would store
// year 10000 and then fail every read of it).
func TestStoreRefusesFarFutureTimes(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		far := time.Date(9999, 12, 31, 23, 0, 0, 0, time.FixedZone("NZDT", 13*3600))
		err := db.InTx(ctx, func(tx *store.Tx) error {
			_, err := tx.Exec(ctx, `INSERT INTO practices (name, slug, region, time_zone, created_at) VALUES ('x', 'x', 'US', 'UTC', ?)`, far)
			return err
		})
		if !errs.Is(err, errs.Invalid) {
			t.Errorf("Exec with year 10000: got %v, want invalid", err)
		}
		err = db.InTx(ctx, func(tx *store.Tx) error {
			_, err := store.InsertID(ctx, tx, `INSERT INTO practices (name, slug, region, time_zone, created_at) VALUES ('x', 'x', 'US', 'UTC', ?) RETURNING id`, &far)
			return err
		})
		if !errs.Is(err, errs.Invalid) {
			t.Errorf("InsertID with year 10000: got %v, want invalid", err)
		}
	})
}

// TestSQLiteFilesArePrivate: the database and its WAL are readable by
// their owner only, also when the file existed with wider permissions.
func TestSQLiteFilesArePrivate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "afterward.db")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{path, path + "-wal"} {
		fi, err := os.Stat(name)
		if err != nil {
			t.Fatal(err)
		}
		if perm := fi.Mode().Perm(); perm != 0o600 {
			t.Errorf("%s: mode %o, want 600", filepath.Base(name), perm)
		}
	}
}
