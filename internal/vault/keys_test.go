package vault

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func mustKey(t testing.TB) MasterKey {
	t.Helper()
	k, err := NewMasterKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestParseMasterKey(t *testing.T) {
	b64 := func(n int) string { return base64.StdEncoding.EncodeToString(make([]byte, n)) }
	tests := []struct {
		name    string
		in      string
		wantErr string
	}{
		{"32 bytes", b64(32), ""},
		{"trailing newline", b64(32) + "\n", ""},
		{"31 bytes", b64(31), "32 bytes"},
		{"33 bytes", b64(33), "32 bytes"},
		{"empty", "", "32 bytes"},
		{"not base64", "not*base64!", "base64"},
		{"url alphabet", strings.NewReplacer("+", "-", "/", "_").Replace(base64.StdEncoding.EncodeToString([]byte(strings.Repeat("\xfb", 32)))), "base64"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			k, err := ParseMasterKey(tc.in)
			if tc.wantErr == "" {
				if err != nil || !strings.HasPrefix(k.ID(), "mk_") {
					t.Errorf("got (%q, %v), want a key", k.ID(), err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("got %v, want an error about %q", err, tc.wantErr)
			}
		})
	}
}

func TestMasterKeyIDIsStableAndDistinct(t *testing.T) {
	a, b := mustKey(t), mustKey(t)
	again, err := ParseMasterKey(a.Encode())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := again.ID(), a.ID(); got != want {
		t.Errorf("id after round trip: got %q, want %q", got, want)
	}
	if a.ID() == b.ID() {
		t.Errorf("two random keys share id %q", a.ID())
	}
	if strings.Contains(a.ID(), a.Encode()[:8]) {
		t.Errorf("id %q reveals the key", a.ID())
	}
}

func TestKeyFileRoundTrip(t *testing.T) {
	a, b := mustKey(t), mustKey(t)
	ring, _ := NewKeyring(a, b)
	got, err := ParseKeyFile(MarshalKeyFile(ring))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Keys()) != 2 || got.Primary().ID() != a.ID() || !got.Keys()[1].Equal(b) {
		t.Errorf("got keys %v, want %s then %s", got.Keys(), a.ID(), b.ID())
	}
}

func TestParseKeyFileRefuses(t *testing.T) {
	a, b := mustKey(t), mustKey(t)
	entry := func(id, key string) string { return `{"id":"` + id + `","key":"` + key + `"}` }
	file := func(format string, entries ...string) string {
		return `{"format":"` + format + `","keys":[` + strings.Join(entries, ",") + `]}`
	}
	tests := []struct{ name, in, wantErr string }{
		{"no keys", file(keyFileFormat), "at least one"},
		{"wrong format", file("other/1", entry(a.ID(), a.Encode())), "format"},
		{"id of another key", file(keyFileFormat, entry(b.ID(), a.Encode())), "does not match"},
		{"duplicate", file(keyFileFormat, entry(a.ID(), a.Encode()), entry(a.ID(), a.Encode())), "twice"},
		{"short key", file(keyFileFormat, entry(a.ID(), "AAAA")), "32 bytes"},
		{"unknown field", `{"format":"` + keyFileFormat + `","keys":[],"extra":1}`, "JSON"},
		{"trailing data", file(keyFileFormat, entry(a.ID(), a.Encode())) + `{}`, "after"},
		{"not json", "mk", "JSON"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseKeyFile([]byte(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("got %v, want an error about %q", err, tc.wantErr)
			}
		})
	}
}

func FuzzParseKeyFile(f *testing.F) {
	a, _ := NewMasterKey()
	ring, _ := NewKeyring(a)
	f.Add(MarshalKeyFile(ring))
	f.Add([]byte(`{"format":"afterward-master-keys/1","keys":[]}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(``))
	f.Fuzz(func(t *testing.T, data []byte) {
		ring, err := ParseKeyFile(data)
		if err != nil {
			return
		}
		again, err := ParseKeyFile(MarshalKeyFile(ring))
		if err != nil {
			t.Fatalf("a parsed key file does not parse after marshalling: %v", err)
		}
		if got, want := again.Primary().ID(), ring.Primary().ID(); got != want {
			t.Errorf("primary after round trip: got %s, want %s", got, want)
		}
	})
}

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoadKeyringFromEnv(t *testing.T) {
	a, b := mustKey(t), mustKey(t)
	tests := []struct {
		name    string
		env     map[string]string
		wantIDs []string
		wantErr string
	}{
		{"master only", map[string]string{EnvMasterKey: a.Encode()}, []string{a.ID()}, ""},
		{"new key comes first", map[string]string{EnvMasterKey: a.Encode(), EnvNewMasterKey: b.Encode()}, []string{b.ID(), a.ID()}, ""},
		{"new equals master", map[string]string{EnvMasterKey: a.Encode(), EnvNewMasterKey: a.Encode()}, []string{a.ID()}, ""},
		{"new without master", map[string]string{EnvNewMasterKey: b.Encode()}, nil, "without"},
		{"bad master", map[string]string{EnvMasterKey: "short"}, nil, EnvMasterKey},
		{"bad new", map[string]string{EnvMasterKey: a.Encode(), EnvNewMasterKey: "AAAA"}, nil, EnvNewMasterKey},
		{"nothing and no data dir", map[string]string{}, nil, "no master key"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ring, err := LoadKeyring(envOf(tc.env), "")
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Errorf("got %v, want an error about %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, k := range ring.Keys() {
				got = append(got, k.ID())
			}
			if strings.Join(got, ",") != strings.Join(tc.wantIDs, ",") {
				t.Errorf("got %v, want %v", got, tc.wantIDs)
			}
		})
	}
}

func TestKeyFileCreatedOnFirstStart(t *testing.T) {
	dir := t.TempDir()
	first, err := LoadKeyring(envOf(nil), dir)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(filepath.Join(dir, KeyFileName))
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != 0o600 {
		t.Errorf("key file mode: got %o, want 600", got)
	}
	second, err := LoadKeyring(envOf(nil), dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := second.Primary().ID(), first.Primary().ID(); got != want {
		t.Errorf("second start: got key %s, want the one created first, %s", got, want)
	}
	if err := os.Chmod(KeyFilePath(dir), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadKeyring(envOf(nil), dir); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("readable key file: got %v, want a refusal", err)
	}
}

func TestWriteKeyFileReplacesAtomically(t *testing.T) {
	path := filepath.Join(t.TempDir(), KeyFileName)
	a, b := mustKey(t), mustKey(t)
	for _, k := range []MasterKey{a, b} {
		ring, _ := NewKeyring(k)
		if err := WriteKeyFile(path, ring); err != nil {
			t.Fatal(err)
		}
	}
	got, err := LoadKeyFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.Primary().ID() != b.ID() || len(got.Keys()) != 1 {
		t.Errorf("got %v, want only %s", got.Keys(), b.ID())
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("got %d files in the directory, want only the key file (no temp files left)", len(entries))
	}
}
