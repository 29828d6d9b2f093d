package app_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestPostgresDumpRestore is the README's PostgreSQL backup path: pg_dump
// of a demo practice, pg_restore into an empty database, and the restored
// practice verifies its audit chain and opens sealed records with the
// same master key.
func TestPostgresDumpRestore(t *testing.T) {
	for _, tool := range []string{"pg_dump", "pg_restore"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is required in CI (Debian package postgresql-client)", tool)
			}
			t.Skipf("%s not installed", tool)
		}
	}
	dir := t.TempDir()
	src := apptest.NewDatabaseURL(t, store.Postgres)
	if code, _, stderr := run(t, "", nil, "demo", "--no-serve", "--db", src, "--data-dir", dir); code != 0 {
		t.Fatalf("demo on PostgreSQL: %s", stderr)
	}
	dump := filepath.Join(t.TempDir(), "afterward.dump")
	if out, err := exec.Command("pg_dump", "--format=custom", "--file="+dump, src).CombinedOutput(); err != nil {
		t.Fatalf("pg_dump: %v: %s", err, out)
	}
	dst := apptest.NewDatabaseURL(t, store.Postgres)
	if out, err := exec.Command("pg_restore", "--no-owner", "-d", dst, dump).CombinedOutput(); err != nil {
		t.Fatalf("pg_restore: %v: %s", err, out)
	}
	if code, stdout, stderr := run(t, "", nil, "audit", "verify", "--db", dst, "--data-dir", dir); code != 0 || !strings.HasPrefix(stdout, "audit chain ok") {
		t.Errorf("audit verify on the restored database: code %d, %q %q", code, stdout, stderr)
	}
	if code, stdout, stderr := run(t, "", nil, "export", "fhir", "--client", "aisha@client.example.org", "--db", dst, "--data-dir", dir); code != 0 || !strings.Contains(stdout, `"Bundle"`) {
		t.Errorf("export fhir from the restored database: code %d, stderr %q", code, stderr)
	}
}
