package app_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestStartupErrors: every configuration mistake is one clear line naming
// the problem and the fix, exit status 2, and never a stack trace.
func TestStartupErrors(t *testing.T) {
	readOnly := filepath.Join(t.TempDir(), "ro")
	if err := os.MkdirAll(readOnly, 0o500); err != nil {
		t.Fatal(err)
	}
	fileNotDir := filepath.Join(t.TempDir(), "plainfile")
	if err := os.WriteFile(fileNotDir, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unreachable postgres", []string{"serve", "--db", "postgres://nobody@127.0.0.1:1/x?connect_timeout=2"}, "not reachable"},
		{"nonsense address", []string{"serve", "--addr", "nonsense"}, `--addr "nonsense" is not a listen address`},
		{"unknown flag", []string{"serve", "--colour", "blue"}, "flag provided but not defined: -colour"},
		{"stray argument", []string{"serve", "extra"}, `unexpected argument "extra"`},
		{"bad log format", []string{"serve", "--log-format", "xml"}, "--log-format"},
		{"bad base url", []string{"serve", "--base-url", "ftp://x"}, "--base-url"},
		{"bad trusted proxy", []string{"serve", "--trusted-proxies", "10.0.0.0/99"}, "--trusted-proxies"},
		{"memory limit not a number", []string{"serve", "--memory-limit", "lots"}, `--memory-limit "lots" is not a number of MiB`},
		{"negative memory limit", []string{"serve", "--memory-limit", "-5"}, "--memory-limit"},
		{"data dir is a file", []string{"serve", "--data-dir", fileNotDir}, "cannot be created"},
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate"`},
		{"migrate unknown action", []string{"migrate", "sideways"}, `unknown migrate action "sideways"`},
		{"backup needs --out", []string{"backup", "--data-dir", t.TempDir()}, "--out is required"},
		{"backup postgres", []string{"backup", "--db", "postgres://x@127.0.0.1/y", "--out", "z"}, "pg_dump"},
	}
	if os.Geteuid() != 0 { // root ignores directory permissions
		tests = append(tests, struct {
			name string
			args []string
			want string
		}{"read-only data dir", []string{"serve", "--data-dir", filepath.Join(readOnly, "sub")}, "cannot be created"})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := run(t, "", nil, tc.args...)
			checkUsageError(t, code, stdout, stderr, tc.want)
			if strings.Contains(stderr, "goroutine") || strings.Contains(stderr, "panic") {
				t.Errorf("stderr has a stack trace: %s", stderr)
			}
		})
	}
}

func TestEnvironmentConfiguresServe(t *testing.T) {
	code, stdout, stderr := run(t, "", map[string]string{"AFTERWARD_ADDR": "nonsense"}, "serve")
	checkUsageError(t, code, stdout, stderr, `"nonsense"`)
}

// TestMigrateAndBackup applies migrations, lists them and takes a backup
// (restoring it is TestBackupRestoreRoundTrip).
func TestMigrateAndBackup(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := run(t, "", nil, "migrate", "apply", "--data-dir", dir)
	if code != 0 || !strings.Contains(stdout, "applied") {
		t.Fatalf("migrate apply: code %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, stdout, _ = run(t, "", nil, "migrate", "status", "--data-dir", dir)
	if code != 0 || strings.Contains(stdout, "pending") {
		t.Fatalf("migrate status after apply: code %d, stdout %q", code, stdout)
	}
	out := filepath.Join(t.TempDir(), "copy.tar")
	code, stdout, stderr = run(t, "", nil, "backup", "--data-dir", dir, "--out", out)
	if code != 0 {
		t.Fatalf("backup: code %d, stderr %q", code, stderr)
	}
	if !strings.Contains(stdout, out) {
		t.Errorf("backup stdout %q does not name the file", stdout)
	}
	code, _, stderr = run(t, "", nil, "backup", "--data-dir", dir, "--out", out)
	checkUsageError(t, code, "", stderr, "already exists")
}

// TestMigrateOnPostgres runs the same command against PostgreSQL.
func TestMigrateOnPostgres(t *testing.T) {
	url := apptest.NewDatabaseURL(t, store.Postgres)
	code, stdout, stderr := run(t, "", nil, "migrate", "--db", url)
	if code != 0 || strings.Contains(stdout, "pending") {
		t.Fatalf("migrate on postgres: code %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

func TestDemoNoServe(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 2; i++ { // the second run reuses the data
		code, stdout, stderr := run(t, "", nil, "demo", "--no-serve", "--data-dir", dir)
		if code != 0 {
			t.Fatalf("demo run %d: code %d, stderr %q", i+1, code, stderr)
		}
		for _, want := range []string{"jonah@riverbend.example.org", "maya@riverbend.example.org", "riverbend-demo-2026"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("demo output lacks %q", want)
			}
		}
	}
}

func TestVersion(t *testing.T) {
	code, stdout, _ := run(t, "", nil, "version")
	if code != 0 || !strings.HasPrefix(stdout, "afterward ") {
		t.Errorf("version: code %d, stdout %q", code, stdout)
	}
}
