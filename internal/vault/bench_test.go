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

// BenchmarkOpenList opens a list of 200 short fields of 50 clients (the
// safety queue's limit): per row with Vault.Open (a key read each) against
// OpenersFor (one key query for the list).
// Run: go test -run '^$' -bench OpenList ./internal/vault/
func BenchmarkOpenList(b *testing.B) {
	db := apptest.MustOpenDB(b, store.SQLite)
	v := newVault(b, newKey(b))
	type row struct {
		client int64
		aad    vault.AAD
		ct     []byte
	}
	var rows []row
	clients := make([]int64, 0, 200)
	for i := int64(1); i <= 200; i++ {
		r := row{client: 1 + i%50, aad: vault.AAD{Table: "safety_alerts", RecordID: i, Field: "reason_sealed"}}
		r.ct = seal(b, db, v, r.client, r.aad, "phq9_item9")
		rows, clients = append(rows, r), append(clients, r.client)
	}
	b.Run("per-row", func(b *testing.B) {
		for b.Loop() {
			for _, r := range rows {
				if _, err := v.Open(ctx, db.Reader(), r.client, r.aad, r.ct); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("openers", func(b *testing.B) {
		for b.Loop() {
			open, err := v.OpenersFor(ctx, db.Reader(), clients)
			if err != nil {
				b.Fatal(err)
			}
			for _, r := range rows {
				if _, err := open.Text(r.client, r.aad, "", r.ct); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
