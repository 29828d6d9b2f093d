package vault_test

import (
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// BenchmarkOpen measures opening a 1 KiB field with the data key cached:
// one indexed read of the key row plus AES-GCM.
// Run: go test -run '^$' -bench . -benchtime 2000x ./internal/vault/
func BenchmarkOpen(b *testing.B) {
	db := apptest.MustOpenDB(b, store.SQLite)
	v := newVault(b, newKey(b))
	aad := vault.AAD{Table: "journal_entries", RecordID: 1, Field: "body"}
	ct := seal(b, db, v, 1, aad, string(make([]byte, 1024)))
	for b.Loop() {
		if _, err := v.Open(ctx, db.Reader(), 1, aad, ct); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSeal measures sealing a 1 KiB field inside a transaction.
func BenchmarkSeal(b *testing.B) {
	db := apptest.MustOpenDB(b, store.SQLite)
	v := newVault(b, newKey(b))
	aad := vault.AAD{Table: "journal_entries", RecordID: 1, Field: "body"}
	pt := make([]byte, 1024)
	err := db.InTx(ctx, func(tx *store.Tx) error {
		for b.Loop() {
			if _, err := v.Seal(ctx, tx, 1, aad, pt); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}
