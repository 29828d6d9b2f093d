package billing_test

import (
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// BenchmarkBillSession: billing a held session with per-session invoicing
// (fee lookup, sliding scale and package checks, the line, a gap-free
// number and the invoice) in one SQLite transaction.
func BenchmarkBillSession(b *testing.B) {
	db := apptest.MustOpenDB(b, store.SQLite)
	f := newPractice(b, db, 10, 100, 15000)
	b.ResetTimer()
	for i := range b.N {
		f.bill(b, i%100, int64(i+1), t0.Add(time.Duration(i)*time.Minute))
	}
}
