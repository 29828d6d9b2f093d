package app_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// keysFixture is a data directory with a database holding one sealed field
// for each of two clients.
type keysFixture struct {
	dir string
	db  *store.DB
	cts [][]byte
}

var keysAAD = vault.AAD{Table: "journal_entries", RecordID: 1, Field: "body"}

func newKeysFixture(t *testing.T, keys vault.KeySource) keysFixture {
	t.Helper()
	dir, db := auditDB(t, 0)
	v, err := vault.New(vault.Config{Keys: keys})
	if err != nil {
		t.Fatal(err)
	}
	f := keysFixture{dir: dir, db: db}
	for client := int64(1); client <= 2; client++ {
		err := db.InTx(context.Background(), func(tx *store.Tx) error {
			ct, err := v.Seal(context.Background(), tx, client, keysAAD, []byte("private words"))
			f.cts = append(f.cts, ct)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// opensWith reports how many of the fixture's fields open with only key.
func (f keysFixture) opensWith(t *testing.T, key vault.MasterKey) int {
	t.Helper()
	ring, _ := vault.NewKeyring(key)
	v, err := vault.New(vault.Config{Keys: vault.StaticKeys(ring)})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for i, ct := range f.cts {
		if pt, err := v.Open(context.Background(), f.db.Reader(), int64(i+1), keysAAD, ct); err == nil && string(pt) == "private words" {
			n++
		}
	}
	return n
}

type rotateOutput struct {
	MasterKeyID   string   `json:"master_key_id"`
	RetiredKeyIDs []string `json:"retired_key_ids"`
	Rewrapped     int      `json:"rewrapped"`
	Next          string   `json:"next"`
}

func decodeRotate(t *testing.T, stdout string) rotateOutput {
	t.Helper()
	var out rotateOutput
	if err := json.Unmarshal([]byte(stdout), &out); err != nil || stdout[len(stdout)-1] != '\n' {
		t.Fatalf("stdout %q is not one JSON line: %v", stdout, err)
	}
	return out
}

func newKey(t *testing.T) vault.MasterKey {
	t.Helper()
	k, err := vault.NewMasterKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestKeysRotateWithKeyFile(t *testing.T) {
	dir := t.TempDir()
	getenv := func(string) string { return "" }
	oldRing, err := vault.LoadKeyring(getenv, dir)
	if err != nil {
		t.Fatal(err)
	}
	f := newKeysFixture(t, vault.StaticKeys(oldRing))
	if err := os.Rename(vault.KeyFilePath(dir), vault.KeyFilePath(f.dir)); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, "", nil, "keys", "rotate", "--data-dir", f.dir)
	if code != 0 || stderr != "" {
		t.Fatalf("got exit %d, stderr %q", code, stderr)
	}
	out := decodeRotate(t, stdout)
	file, err := vault.LoadKeyFile(vault.KeyFilePath(f.dir))
	if err != nil {
		t.Fatal(err)
	}
	newKey := file.Primary()
	if out.Rewrapped != 2 || out.MasterKeyID != newKey.ID() || len(out.RetiredKeyIDs) != 1 || out.RetiredKeyIDs[0] != oldRing.Primary().ID() || out.Next == "" {
		t.Errorf("got %+v, want 2 rewrapped from %s to %s", out, oldRing.Primary().ID(), newKey.ID())
	}
	if got := len(file.Keys()); got != 1 {
		t.Errorf("key file holds %d keys, want only the new one", got)
	}
	if got := f.opensWith(t, newKey); got != 2 {
		t.Errorf("new key opens %d of 2 fields", got)
	}
	if got := f.opensWith(t, oldRing.Primary()); got != 0 {
		t.Errorf("old key alone opens %d fields, want 0", got)
	}
}

func TestKeysRotateWithEnv(t *testing.T) {
	oldKey, nextKey := newKey(t), newKey(t)
	oldRing, _ := vault.NewKeyring(oldKey)
	f := newKeysFixture(t, vault.StaticKeys(oldRing))
	keyFile := filepath.Join(t.TempDir(), "new.key")
	if err := os.WriteFile(keyFile, []byte(nextKey.Encode()+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{vault.EnvMasterKey: oldKey.Encode()}
	code, stdout, stderr := run(t, "", env, "keys", "rotate", "--data-dir", f.dir, "--new-key-file", keyFile)
	if code != 0 || stderr != "" {
		t.Fatalf("got exit %d, stderr %q", code, stderr)
	}
	if out := decodeRotate(t, stdout); out.Rewrapped != 2 || out.MasterKeyID != nextKey.ID() {
		t.Errorf("got %+v, want 2 rewrapped to %s", out, nextKey.ID())
	}
	if got, want := f.opensWith(t, nextKey), 2; got != want {
		t.Errorf("new key opens %d fields, want %d", got, want)
	}
	if got := f.opensWith(t, oldKey); got != 0 {
		t.Errorf("old key alone opens %d fields, want 0", got)
	}

	// The same rotation again, now from AFTERWARD_NEW_MASTER_KEY: nothing left.
	env = map[string]string{vault.EnvMasterKey: oldKey.Encode(), vault.EnvNewMasterKey: nextKey.Encode()}
	code, stdout, _ = run(t, "", env, "keys", "rotate", "--data-dir", f.dir)
	if out := decodeRotate(t, stdout); code != 0 || out.Rewrapped != 0 {
		t.Errorf("second rotation: got exit %d, %+v, want 0 rewrapped", code, out)
	}
}

func TestKeysRotateUsage(t *testing.T) {
	key := newKey(t)
	dir, _ := auditDB(t, 0)
	badFile := filepath.Join(dir, "bad.key")
	if err := os.WriteFile(badFile, []byte("AAAA"), 0o600); err != nil {
		t.Fatal(err)
	}
	withKey := map[string]string{vault.EnvMasterKey: key.Encode()}
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"no verb", nil, []string{"keys"}, "keys rotate"},
		{"unknown verb", nil, []string{"keys", "list"}, "keys rotate"},
		{"env key without a new key", withKey, []string{"keys", "rotate", "--data-dir", dir}, vault.EnvNewMasterKey},
		{"new key equals the current one", map[string]string{vault.EnvMasterKey: key.Encode(), vault.EnvNewMasterKey: key.Encode()},
			[]string{"keys", "rotate", "--data-dir", dir}, "current"},
		{"bad new key file", withKey, []string{"keys", "rotate", "--data-dir", dir, "--new-key-file", badFile}, "32 bytes"},
		{"missing new key file", withKey, []string{"keys", "rotate", "--data-dir", dir, "--new-key-file", badFile + ".none"}, "cannot be read"},
		{"bad current env key", map[string]string{vault.EnvMasterKey: "nope", vault.EnvNewMasterKey: key.Encode()},
			[]string{"keys", "rotate", "--data-dir", dir}, vault.EnvMasterKey},
		{"no key file", nil, []string{"keys", "rotate", "--data-dir", dir}, "no master key file"},
		{"missing database", withKey, []string{"keys", "rotate", "--db", filepath.Join(dir, "none.db"), "--new-key-file", writeKey(t, newKey(t))}, "no Afterward database"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := run(t, "", tc.env, tc.args...)
			checkUsageError(t, code, stdout, stderr, tc.want)
		})
	}
}

func writeKey(t *testing.T, k vault.MasterKey) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "k")
	if err := os.WriteFile(path, []byte(k.Encode()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestServeRefusesWrongMasterKey: a server given a key that does not open
// the database stops at start with one line and exit 2, instead of
// answering 500 on every sealed read and write.
func TestServeRefusesWrongMasterKey(t *testing.T) {
	right, wrong := newKey(t), newKey(t)
	ring, _ := vault.NewKeyring(right)
	f := newKeysFixture(t, vault.StaticKeys(ring))
	f.db.Close()
	env := map[string]string{vault.EnvMasterKey: wrong.Encode()}
	code, stdout, stderr := run(t, "", env, "serve", "--data-dir", f.dir, "--addr", "127.0.0.1:0")
	checkUsageError(t, code, stdout, stderr, "master key does not open this database")
}
