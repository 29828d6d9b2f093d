package vault_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

func ledgerVault(t testing.TB, ledger string, key vault.MasterKey) *vault.Vault {
	t.Helper()
	ring, _ := vault.NewKeyring(key)
	v, err := vault.New(vault.Config{Keys: vault.StaticKeys(ring), LedgerPath: ledger, Now: func() time.Time { return t0 }})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func inTx(t testing.TB, db *store.DB, fn func(tx *store.Tx) error) error {
	t.Helper()
	return db.InTx(ctx, fn)
}

func TestErasureLifecycle(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ledger := filepath.Join(t.TempDir(), vault.LedgerFileName)
		v := ledgerVault(t, ledger, newKey(t))
		aad := vault.AAD{Table: "journal_entries", RecordID: 1, Field: "body"}
		ct := seal(t, db, v, 1, aad, "erase me")
		keep := seal(t, db, v, 2, aad, "keep me")

		var req vault.Erasure
		err := inTx(t, db, func(tx *store.Tx) error {
			var err error
			req, err = v.RequestErasure(ctx, tx, 1, t0)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if want := t0.Add(vault.DefaultGrace); !req.DueAt.Equal(want) {
			t.Errorf("due: got %v, want %v (30 days)", req.DueAt, want)
		}
		err = inTx(t, db, func(tx *store.Tx) error { _, err := v.RequestErasure(ctx, tx, 1, t0); return err })
		if !errs.Is(err, errs.Conflict) {
			t.Errorf("second request: got %v, want Conflict", err)
		}

		dueCases := []struct {
			name string
			now  time.Time
			want int
		}{
			{"one microsecond early", req.DueAt.Add(-time.Microsecond), 0},
			{"exactly due", req.DueAt, 1},
		}
		for _, tc := range dueCases {
			due, err := vault.DueErasures(ctx, db.Reader(), tc.now)
			if err != nil || len(due) != tc.want {
				t.Errorf("%s: got %d due (%v), want %d", tc.name, len(due), err, tc.want)
			}
		}

		n, err := v.RunDueErasures(ctx, db, req.DueAt.Add(-time.Second))
		if err != nil || n != 0 {
			t.Errorf("before due: erased %d (%v), want 0", n, err)
		}
		if _, err := v.Open(ctx, db.Reader(), 1, aad, ct); err != nil {
			t.Errorf("during grace: got %v, want content readable", err)
		}
		n, err = v.RunDueErasures(ctx, db, req.DueAt)
		if err != nil || n != 1 {
			t.Fatalf("when due: erased %d (%v), want 1", n, err)
		}
		if _, err := v.Open(ctx, db.Reader(), 1, aad, ct); !errors.Is(err, vault.ErrErased) {
			t.Errorf("after erasure: got %v, want ErrErased", err)
		}
		err = inTx(t, db, func(tx *store.Tx) error { _, err := v.Seal(ctx, tx, 1, aad, []byte("new")); return err })
		if !errors.Is(err, vault.ErrErased) {
			t.Errorf("sealing for an erased client: got %v, want ErrErased", err)
		}
		if got, err := v.Open(ctx, db.Reader(), 2, aad, keep); err != nil || string(got) != "keep me" {
			t.Errorf("other client: got (%q, %v), want their content", got, err)
		}
		err = inTx(t, db, func(tx *store.Tx) error { _, err := v.RequestErasure(ctx, tx, 1, t0); return err })
		if !errs.Is(err, errs.Conflict) {
			t.Errorf("request after erasure: got %v, want Conflict", err)
		}
		if n, _ := v.RunDueErasures(ctx, db, req.DueAt.Add(time.Hour)); n != 0 {
			t.Errorf("second run: erased %d, want 0", n)
		}
		data, _ := os.ReadFile(ledger)
		if got := strings.Count(string(data), "\n"); got != 1 || !strings.Contains(string(data), `"client_id":1`) {
			t.Errorf("ledger: got %q, want one line for client 1", data)
		}
	})
}

func TestCancelErasure(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		v := newVault(t, newKey(t))
		aad := vault.AAD{Table: "messages", RecordID: 3, Field: "body"}
		ct := seal(t, db, v, 4, aad, "still mine")
		var req vault.Erasure
		_ = inTx(t, db, func(tx *store.Tx) error {
			var err error
			req, err = v.RequestErasure(ctx, tx, 4, t0)
			return err
		})
		tests := []struct {
			name string
			at   time.Time
			want errs.Kind
		}{
			{"at the end of the grace period", req.DueAt, errs.Conflict},
			{"one microsecond before", req.DueAt.Add(-time.Microsecond), -1},
			{"again, nothing open", t0, errs.NotFound},
		}
		for _, tc := range tests {
			err := inTx(t, db, func(tx *store.Tx) error { return vault.CancelErasure(ctx, tx, 4, tc.at) })
			if tc.want == -1 && err != nil || tc.want != -1 && !errs.Is(err, tc.want) {
				t.Errorf("%s: got %v, want kind %v", tc.name, err, tc.want)
			}
		}
		if n, err := v.RunDueErasures(ctx, db, req.DueAt.Add(time.Hour)); err != nil || n != 0 {
			t.Errorf("cancelled: erased %d (%v), want 0", n, err)
		}
		if _, err := v.Open(ctx, db.Reader(), 4, aad, ct); err != nil {
			t.Errorf("after cancel: got %v, want content readable", err)
		}
		err := inTx(t, db, func(tx *store.Tx) error { _, err := v.RequestErasure(ctx, tx, 4, t0.Add(time.Hour)); return err })
		if err != nil {
			t.Errorf("new request after a cancelled one: got %v", err)
		}
	})
}

// TestShredClientWithoutKey leaves a tombstone, so no key can be created
// for the client later.
func TestShredClientWithoutKey(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		v := newVault(t, newKey(t))
		if err := inTx(t, db, func(tx *store.Tx) error { return v.Shred(ctx, tx, 8) }); err != nil {
			t.Fatal(err)
		}
		err := inTx(t, db, func(tx *store.Tx) error {
			_, err := v.Seal(ctx, tx, 8, vault.AAD{Table: "t", RecordID: 1, Field: "f"}, []byte("x"))
			return err
		})
		if !errors.Is(err, vault.ErrErased) {
			t.Errorf("got %v, want ErrErased", err)
		}
		if erased, err := vault.IsErased(ctx, db.Reader(), 8); err != nil || !erased {
			t.Errorf("IsErased: got (%v, %v), want true", erased, err)
		}
	})
}

// TestRestoredBackupStaysErased: a backup taken before an erasure, restored
// afterwards, has the data key again; applying the ledger at start-up
// destroys it before anyone can read.
func TestRestoredBackupStaysErased(t *testing.T) {
	dir := t.TempDir()
	ledger := filepath.Join(dir, vault.LedgerFileName)
	db := apptest.MustOpenDB(t, store.SQLite)
	key := newKey(t)
	v := ledgerVault(t, ledger, key)
	aad := vault.AAD{Table: "session_notes", RecordID: 9, Field: "body"}
	ct := seal(t, db, v, 3, aad, "what we talked about")
	other := seal(t, db, v, 4, aad, "someone else")

	backup := filepath.Join(dir, "backup.db")
	if _, err := db.Write.ExecContext(ctx, fmt.Sprintf(`VACUUM INTO '%s'`, backup)); err != nil {
		t.Fatal(err)
	}
	if err := inTx(t, db, func(tx *store.Tx) error { return v.Shred(ctx, tx, 3) }); err != nil {
		t.Fatal(err)
	}

	restored, err := store.Open(ctx, backup)
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	fresh := ledgerVault(t, ledger, key) // a new process: empty cache
	if _, err := fresh.Open(ctx, restored.Reader(), 3, aad, ct); err != nil {
		t.Fatalf("the backup should still hold the key before the ledger is applied: %v", err)
	}
	for i, want := range []int{1, 0} { // the second start finds nothing to do
		n, err := fresh.ApplyLedger(ctx, restored, ledger)
		if err != nil || n != want {
			t.Errorf("apply %d: erased %d (%v), want %d", i+1, n, err, want)
		}
	}
	if _, err := fresh.Open(ctx, restored.Reader(), 3, aad, ct); !errors.Is(err, vault.ErrErased) {
		t.Errorf("after applying the ledger: got %v, want ErrErased", err)
	}
	if got, err := fresh.Open(ctx, restored.Reader(), 4, aad, other); err != nil || string(got) != "someone else" {
		t.Errorf("other client: got (%q, %v), want their content", got, err)
	}
}

func TestApplyLedgerRefusesACorruptLedger(t *testing.T) {
	db := apptest.MustOpenDB(t, store.SQLite)
	path := filepath.Join(t.TempDir(), vault.LedgerFileName)
	if err := os.WriteFile(path, []byte("{not json}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := newVault(t, newKey(t)).ApplyLedger(ctx, db, path); err == nil {
		t.Error("got no error for a corrupt ledger")
	}
	if n, err := newVault(t, newKey(t)).ApplyLedger(ctx, db, path+".missing"); err != nil || n != 0 {
		t.Errorf("missing ledger: got (%d, %v), want (0, nil)", n, err)
	}
}
