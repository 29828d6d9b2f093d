package practice_test

import (
	"context"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/store"
)

// practiceFixture is the service over a fresh practice of apptest.People
// at now, and exec, which runs one statement in its own transaction (the
// tests use it to set up rows no service writes directly).
func practiceFixture(t *testing.T, db *store.DB) (*practice.Service, apptest.People, func(q string, args ...any)) {
	t.Helper()
	clock := func() time.Time { return now }
	p := apptest.MustPeople(t, db, now)
	svc := practice.NewService(db, policy.New(db, clock, nil), clock)
	exec := func(q string, args ...any) {
		t.Helper()
		ctx := context.Background()
		if err := db.InTx(ctx, func(tx *store.Tx) error { _, err := tx.Exec(ctx, q, args...); return err }); err != nil {
			t.Fatal(err)
		}
	}
	return svc, p, exec
}
