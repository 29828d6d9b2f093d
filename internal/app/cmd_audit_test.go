package app_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/store"
)

// auditDB creates a migrated SQLite database in a fresh data directory with
// n audit events and returns the directory and the open database.
func auditDB(t *testing.T, n int) (string, *store.DB) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	db, err := store.Open(ctx, filepath.Join(dir, "afterward.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	key, err := audit.LoadKey(func(string) string { return "" }, dir, true)
	if err != nil {
		t.Fatal(err)
	}
	db.SetAuditKey(key)
	if err := audit.BindKey(ctx, db, key); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= n; i++ {
		err := db.InTx(ctx, func(tx *store.Tx) error {
			err := audit.Append(ctx, tx, audit.Event{
				At: time.Date(2026, 1, 2, 3, 4, i, 0, time.UTC), ActorID: 1, ActorRole: "admin",
				Action: audit.ActionRead, ResourceType: "client", ResourceID: fmt.Sprint(i), ClientID: 2,
				Outcome: audit.OutcomeOK, RequestID: fmt.Sprintf("r%d", i),
			})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// What a server writes at start: a signed checkpoint of the head.
	head, err := audit.ReadHead(ctx, db.Reader())
	if err != nil {
		t.Fatal(err)
	}
	if err := audit.AppendCheckpoint(audit.CheckpointPath(dir), audit.NewCheckpoint(key, head, time.Now())); err != nil {
		t.Fatal(err)
	}
	// An intruder with the file drops the append-only guards first.
	for _, trig := range []string{"audit_events_no_update", "audit_events_no_delete", "audit_head_forward_only"} {
		if _, err := db.Write.Exec(`DROP TRIGGER ` + trig); err != nil {
			t.Fatal(err)
		}
	}
	return dir, db
}

func TestAuditVerifyCommand(t *testing.T) {
	tests := []struct {
		name       string
		events     int
		tamper     string
		wantCode   int
		wantStdout string
		wantStderr string // prefix
	}{
		{"empty trail", 0, "", 0, "audit chain ok: 0 events\n", ""},
		{"intact", 4, "", 0, "audit chain ok: 4 events\n", ""},
		{"edited event", 4, `UPDATE audit_events SET resource_id = '99' WHERE id = 2`, 1, "", "audit chain broken at event 2: "},
		{"deleted event", 4, `DELETE FROM audit_events WHERE id = 3`, 1, "", "audit chain broken at event 3: "},
		{"deleted newest", 4, `DELETE FROM audit_events WHERE id = 4`, 1, "", "audit chain broken at event 4: "},
		{"truncated, head wound back", 4, `DELETE FROM audit_events WHERE id = 4; UPDATE audit_head SET seq = 3, last_hash = (SELECT hash FROM audit_events WHERE id = 3)`,
			1, "", "audit chain broken at event 4: the trail was truncated"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir, db := auditDB(t, tc.events)
			if tc.tamper != "" {
				if _, err := db.Write.Exec(tc.tamper); err != nil {
					t.Fatal(err)
				}
			}
			code, stdout, stderr := run(t, "", nil, "audit", "verify", "--data-dir", dir)
			if code != tc.wantCode || stdout != tc.wantStdout {
				t.Errorf("got (%d, %q), want (%d, %q); stderr %q", code, stdout, tc.wantCode, tc.wantStdout, stderr)
			}
			if tc.wantStderr == "" && stderr != "" || !strings.HasPrefix(stderr, tc.wantStderr) || strings.Count(stderr, "\n") > 1 {
				t.Errorf("stderr = %q, want one line starting %q", stderr, tc.wantStderr)
			}
		})
	}
}

func TestAuditVerifyUsage(t *testing.T) {
	dir, _ := auditDB(t, 1)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no verb", []string{"audit"}, "audit verify"},
		{"unknown verb", []string{"audit", "check"}, "audit verify"},
		{"extra argument", []string{"audit", "verify", "--data-dir", dir, "now"}, "unexpected argument"},
		{"unknown flag", []string{"audit", "verify", "--fast"}, "-fast"},
		{"missing database", []string{"audit", "verify", "--db", filepath.Join(dir, "none.db")}, "no Afterward database"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := run(t, "", nil, tc.args...)
			checkUsageError(t, code, stdout, stderr, tc.want)
		})
	}
}

func TestAuditVerifyNeedsKeyAndCheckpoints(t *testing.T) {
	dir, _ := auditDB(t, 2)
	other := map[string]string{audit.EnvKey: audit.NewKey()}
	code, _, stderr := run(t, "", other, "audit", "verify", "--data-dir", dir)
	if code != 1 || !strings.Contains(stderr, "not the one the trail is keyed with") {
		t.Errorf("another key: got %d %q, want 1 and the key named", code, stderr)
	}
	if err := os.Remove(audit.CheckpointPath(dir)); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = run(t, "", nil, "audit", "verify", "--data-dir", dir)
	if code != 1 || !strings.Contains(stderr, "no signed checkpoint") {
		t.Errorf("checkpoint log removed: got %d %q, want 1 and the missing checkpoint named", code, stderr)
	}
}
