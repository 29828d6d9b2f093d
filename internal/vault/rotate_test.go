package vault_test

import (
	"path/filepath"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

type sealed struct {
	clientID int64
	aad      vault.AAD
	ct       []byte
	pt       string
}

func sealSome(t *testing.T, db *store.DB, v *vault.Vault, first, last int64) []sealed {
	t.Helper()
	var out []sealed
	for c := first; c <= last; c++ {
		aad := vault.AAD{Table: "intake_answers", RecordID: c * 10, Field: "answer"}
		pt := "answer of client " + string(rune('A'+c))
		out = append(out, sealed{c, aad, seal(t, db, v, c, aad, pt), pt})
	}
	return out
}

func checkOpens(t *testing.T, db *store.DB, v *vault.Vault, all []sealed, wantOK bool) {
	t.Helper()
	for _, s := range all {
		got, err := v.Open(ctx, db.Reader(), s.clientID, s.aad, s.ct)
		if wantOK && (err != nil || string(got) != s.pt) {
			t.Errorf("client %d: got (%q, %v), want %q", s.clientID, got, err, s.pt)
		}
		if !wantOK && err == nil {
			t.Errorf("client %d: opened with a retired key", s.clientID)
		}
	}
}

func TestRotateKeyFile(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		dir := t.TempDir()
		getenv := func(string) string { return "" }
		oldRing, err := vault.LoadKeyring(getenv, dir) // first start creates the file
		if err != nil {
			t.Fatal(err)
		}
		running, err := vault.New(vault.Config{Keys: vault.KeySourceFrom(getenv, dir)})
		if err != nil {
			t.Fatal(err)
		}
		all := sealSome(t, db, running, 1, 3)
		if err := inTx(t, db, func(tx *store.Tx) error { return running.Shred(ctx, tx, 3) }); err != nil {
			t.Fatal(err)
		}
		all = all[:2]

		newKey := newKey(t)
		rot, err := vault.RotateKeyFile(ctx, db, vault.KeyFilePath(dir), newKey, t0)
		if err != nil {
			t.Fatal(err)
		}
		if rot.Rewrapped != 2 || rot.NewKeyID != newKey.ID() || len(rot.RetiredIDs) != 1 || rot.RetiredIDs[0] != oldRing.Primary().ID() {
			t.Errorf("got %+v, want 2 rewrapped from %s to %s", rot, oldRing.Primary().ID(), newKey.ID())
		}
		file, err := vault.LoadKeyFile(vault.KeyFilePath(dir))
		if err != nil || len(file.Keys()) != 1 || file.Primary().ID() != newKey.ID() {
			t.Fatalf("key file after rotation: got %v (%v), want only the new key", file, err)
		}
		usage, _ := vault.KeyUsage(ctx, db.Reader())
		if usage[newKey.ID()] != 2 || len(usage) != 1 {
			t.Errorf("key usage: got %v, want 2 under the new key only", usage)
		}

		checkOpens(t, db, running, all, true)             // the running server follows
		checkOpens(t, db, newVault(t, newKey), all, true) // a restarted server
		checkOpens(t, db, newVault(t, oldRing.Primary()), all, false)
		more := sealSome(t, db, running, 4, 5) // new clients get keys under the new master key
		checkOpens(t, db, newVault(t, newKey), more, true)
	})
}

func TestRotateEnv(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		oldKey, nextKey := newKey(t), newKey(t)
		all := sealSome(t, db, newVault(t, oldKey), 1, 4)
		current, _ := vault.NewKeyring(oldKey)
		rot, err := vault.RotateEnv(ctx, db, current, nextKey, t0)
		if err != nil || rot.Rewrapped != 4 {
			t.Fatalf("got %+v (%v), want 4 rewrapped", rot, err)
		}
		checkOpens(t, db, newVault(t, nextKey), all, true)
		checkOpens(t, db, newVault(t, oldKey), all, false)
		again, err := vault.RotateEnv(ctx, db, current, nextKey, t0)
		if err != nil || again.Rewrapped != 0 {
			t.Errorf("second run: got %+v (%v), want nothing left to rewrap", again, err)
		}
	})
}

func TestRewrapNeedsEveryKeyInUse(t *testing.T) {
	db := apptest.MustOpenDB(t, store.SQLite)
	lost := newKey(t)
	sealSome(t, db, newVault(t, lost), 1, 1)
	ring, _ := vault.NewKeyring(newKey(t))
	if _, err := vault.Rewrap(ctx, db, ring, t0); err == nil {
		t.Error("got no error for a data key under an unknown master key")
	}
	if _, err := vault.RotateKeyFile(ctx, db, filepath.Join(t.TempDir(), "none.key"), newKey(t), t0); err == nil {
		t.Error("rotating a missing key file: got no error")
	}
	dir := t.TempDir()
	ringFile, _ := vault.LoadKeyring(func(string) string { return "" }, dir)
	if _, err := vault.RotateKeyFile(ctx, db, vault.KeyFilePath(dir), ringFile.Primary(), t0); err == nil {
		t.Error("rotating to the key already in the file: got no error")
	}
}
