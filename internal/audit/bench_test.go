package audit_test

import (
	"context"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/store"
)

// BenchmarkAppend measures one audited write: a transaction holding one
// Append. Run: go test -run '^$' -bench Append -benchtime 200x ./internal/audit/
func BenchmarkAppend(b *testing.B) {
	for _, engine := range apptest.Engines {
		b.Run(string(engine), func(b *testing.B) {
			db := apptest.MustOpenDB(b, engine)
			ctx := context.Background()
			for i := 0; b.Loop(); i++ {
				err := db.InTx(ctx, func(tx *store.Tx) error {
					err := audit.Append(ctx, tx, event(i))
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkVerify measures walking a chain of 10,000 events.
func BenchmarkVerify(b *testing.B) {
	const events = 10000
	db := apptest.MustOpenDB(b, store.SQLite)
	ctx := context.Background()
	err := db.InTx(ctx, func(tx *store.Tx) error {
		for i := range events {
			if err := audit.Append(ctx, tx, event(i)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		res, err := audit.Verify(ctx, db.Reader(), audit.VerifyOptions{Key: apptest.AuditKey, AllowUnanchored: true})
		if err != nil || res.Events != events {
			b.Fatalf("got %+v, %v", res, err)
		}
	}
}
