package vault

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestReadLedger(t *testing.T) {
	line := `{"erased_at":"2026-05-01T10:00:00Z","client_id":7}`
	tests := []struct {
		name    string
		in      string
		wantIDs []int64
		wantErr string
	}{
		{"empty", "", nil, ""},
		{"one", line + "\n", []int64{7}, ""},
		{"blank lines", "\n" + line + "\n\n", []int64{7}, ""},
		{"torn last line ignored", line + "\n" + `{"erased_at":"2026-05-01T1`, []int64{7}, ""},
		{"last line without newline ignored", line, nil, ""},
		{"malformed middle line", line + "\n{oops}\n" + line + "\n", nil, "line 2"},
		{"unknown field", `{"erased_at":"2026-05-01T10:00:00Z","client_id":7,"name":"x"}` + "\n", nil, "line 1"},
		{"zero client", `{"erased_at":"2026-05-01T10:00:00Z","client_id":0}` + "\n", nil, "positive"},
		{"missing time", `{"client_id":3}` + "\n", nil, "erased_at"},
		{"two objects on a line", line + line + "\n", nil, "after"},
		{"too long", strings.Repeat(" ", maxLedgerLine+1) + "\n", nil, "too long"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadLedger(strings.NewReader(tc.in))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Errorf("got %v, want an error about %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.wantIDs) {
				t.Fatalf("got %d entries, want %d", len(got), len(tc.wantIDs))
			}
			for i, e := range got {
				if e.ClientID != tc.wantIDs[i] {
					t.Errorf("entry %d: got client %d, want %d", i, e.ClientID, tc.wantIDs[i])
				}
			}
		})
	}
}

func FuzzReadLedger(f *testing.F) {
	f.Add([]byte(`{"erased_at":"2026-05-01T10:00:00Z","client_id":7}` + "\n"))
	f.Add([]byte("\n\n{"))
	f.Add([]byte(`{"client_id":-1}` + "\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := ReadLedger(strings.NewReader(string(data)))
		if err != nil {
			return
		}
		for _, e := range entries {
			if e.ClientID <= 0 || e.ErasedAt.IsZero() {
				t.Errorf("accepted an invalid entry %+v", e)
			}
		}
	})
}

func TestAppendLedgerRepairsATornTail(t *testing.T) {
	path := filepath.Join(t.TempDir(), LedgerFileName)
	at := time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)
	if err := appendLedger(path, LedgerEntry{ErasedAt: at, ClientID: 1}); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"erased_at":"2026-06`) // a crash mid-write
	f.Close()
	if err := appendLedger(path, LedgerEntry{ErasedAt: at, ClientID: 2}); err != nil {
		t.Fatal(err)
	}
	got, err := readLedgerFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ClientID != 1 || got[1].ClientID != 2 || !got[1].ErasedAt.Equal(at) {
		t.Errorf("got %+v, want clients 1 and 2", got)
	}
	info, _ := os.Stat(path)
	if got := info.Mode().Perm(); got != 0o600 {
		t.Errorf("ledger mode: got %o, want 600", got)
	}
	if missing, err := readLedgerFile(path + ".none"); err != nil || missing != nil {
		t.Errorf("missing ledger: got (%v, %v), want empty", missing, err)
	}
}
