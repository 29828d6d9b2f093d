package app_test

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/app"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/vault"
)

// TestBackupRestoreRoundTrip backs up the demo (which has an attached
// drawing), restores it into a new data directory with the practice's
// master key, and reads the attachment and a sealed record back.
func TestBackupRestoreRoundTrip(t *testing.T) {
	src := t.TempDir()
	if code, _, stderr := run(t, "", nil, "demo", "--no-serve", "--data-dir", src); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	archive := filepath.Join(t.TempDir(), "practice.tar")
	code, stdout, stderr := run(t, "", nil, "backup", "--data-dir", src, "--out", archive)
	if code != 0 || !strings.Contains(stdout, fmt.Sprintf(" %d stored files", len(listBlobs(t, src)))) {
		t.Fatalf("backup: code %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	dst := t.TempDir()
	code, _, stderr = run(t, "", nil, "restore", "--data-dir", dst, "--from", archive)
	checkUsageError(t, code, "", stderr, "never in a backup")

	copyFile(t, vault.KeyFilePath(src), vault.KeyFilePath(dst))
	code, _, stderr = run(t, "", nil, "restore", "--data-dir", dst, "--from", archive)
	checkUsageError(t, code, "", stderr, "audit key is never in a backup")

	copyFile(t, audit.KeyFilePath(src), audit.KeyFilePath(dst))
	code, stdout, stderr = run(t, "", nil, "restore", "--data-dir", dst, "--from", archive)
	if code != 0 || !strings.Contains(stdout, "audit chain ok") {
		t.Fatalf("restore: code %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, _, stderr = run(t, "", nil, "restore", "--data-dir", dst, "--from", archive)
	checkUsageError(t, code, "", stderr, "--force")
	if code, _, stderr = run(t, "", nil, "restore", "--data-dir", dst, "--from", archive, "--force"); code != 0 {
		t.Fatalf("restore --force: %s", stderr)
	}
	if code, stdout, _ = run(t, "", nil, "audit", "verify", "--data-dir", dst); code != 0 || !strings.HasPrefix(stdout, "audit chain ok") {
		t.Errorf("audit verify after restore: code %d, %q", code, stdout)
	}
	if code, stdout, stderr = run(t, "", nil, "export", "fhir", "--client", "aisha@client.example.org", "--data-dir", dst); code != 0 || !strings.Contains(stdout, `"Bundle"`) {
		t.Errorf("export fhir after restore: code %d, stderr %q", code, stderr)
	}
	if got, want := listBlobs(t, dst), listBlobs(t, src); len(want) == 0 || strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("restored files %v, want %v (and at least one)", got, want)
	}
	checkDrawingOpens(t, dst)
}

func TestRestoreRefuses(t *testing.T) {
	src := t.TempDir()
	if code, _, stderr := run(t, "", nil, "demo", "--no-serve", "--data-dir", src); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	archive := filepath.Join(t.TempDir(), "practice.tar")
	if code, _, stderr := run(t, "", nil, "backup", "--data-dir", src, "--out", archive); code != 0 {
		t.Fatalf("backup: %s", stderr)
	}
	notBackup := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(notBackup, []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	withOtherKey := t.TempDir()
	if _, err := vault.CreateKeyFile(vault.KeyFilePath(withOtherKey)); err != nil {
		t.Fatal(err)
	}
	withKey := func() string {
		dir := t.TempDir()
		copyFile(t, vault.KeyFilePath(src), vault.KeyFilePath(dir))
		return dir
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no --from", []string{"--data-dir", withKey()}, "--from is required"},
		{"missing archive", []string{"--data-dir", withKey(), "--from", filepath.Join(src, "nope.tar")}, "no such backup file"},
		{"not an archive", []string{"--data-dir", withKey(), "--from", notBackup}, "not an Afterward backup"},
		{"another practice's key", []string{"--data-dir", withOtherKey, "--from", archive}, "does not open"},
		{"postgres", []string{"--db", "postgres://x@127.0.0.1/y", "--from", archive}, "pg_restore"},
		{"over a live database", []string{"--data-dir", src, "--from", archive}, "--force"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := run(t, "", nil, append([]string{"restore"}, tc.args...)...)
			checkUsageError(t, code, stdout, stderr, tc.want)
		})
	}
}

// TestCommandsRefuseAMissingPractice: commands that read a practice say
// the data directory is wrong instead of creating an empty one.
func TestCommandsRefuseAMissingPractice(t *testing.T) {
	empty := filepath.Join(t.TempDir(), "afterward.db")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"calendar", []string{"calendar", "--user", "a@example.org"}, "no Afterward database"},
		{"export fhir", []string{"export", "fhir", "--client", "a@example.org"}, "no Afterward database"},
		{"import fhir", []string{"import", "fhir", "--client", "a@example.org"}, "no Afterward database"},
		{"migrate status", []string{"migrate", "status"}, "no Afterward database"},
		{"audit verify", []string{"audit", "verify"}, "no Afterward database"},
		{"backup", []string{"backup", "--out", filepath.Join(t.TempDir(), "b.tar")}, "no Afterward database"},
		{"audit verify on an empty file", []string{"audit", "verify", "--db", empty}, "not an Afterward database"},
		{"backup into a missing directory", []string{"backup", "--db", empty, "--out", "/missing/dir/x.tar"}, "does not exist"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "typo")
			stdin := ""
			if tc.name == "import fhir" {
				stdin = `{"resourceType":"QuestionnaireResponse","status":"completed","questionnaire":"https://afterward.dev/fhir/Questionnaire/who5","item":[{"linkId":"1","answer":[{"valueInteger":3}]},{"linkId":"2","answer":[{"valueInteger":3}]},{"linkId":"3","answer":[{"valueInteger":3}]},{"linkId":"4","answer":[{"valueInteger":3}]},{"linkId":"5","answer":[{"valueInteger":3}]}]}`
			}
			code, stdout, stderr := run(t, stdin, nil, append(tc.args, "--data-dir", dir)...)
			checkUsageError(t, code, stdout, stderr, tc.want)
			if _, err := os.Stat(dir); err == nil {
				t.Errorf("%s created the data directory %s", tc.name, dir)
			}
		})
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func listBlobs(t *testing.T, dataDir string) []string {
	t.Helper()
	var out []string
	root := filepath.Join(dataDir, "blobs")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			data, rerr := os.ReadFile(p)
			if rerr != nil {
				return rerr
			}
			rel, _ := filepath.Rel(root, p)
			out = append(out, fmt.Sprintf("%s:%d", rel, len(data)))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// checkDrawingOpens reads the demo drawing through the journal service as
// its owner: the restored blob decrypts with the restored data key.
func checkDrawingOpens(t *testing.T, dataDir string) {
	t.Helper()
	ctx := context.Background()
	cfg := app.DefaultConfig()
	cfg.DataDir = dataDir
	cfg.DatabaseURL = filepath.Join(dataDir, "afterward.db")
	a, err := app.Build(ctx, cfg, slog.New(slog.DiscardHandler), time.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	var clientID, practiceID, attID int64
	err = a.DB.Reader().QueryRow(ctx, `SELECT u.id, u.practice_id, f.id FROM users u JOIN attachments f ON f.client_id = u.id WHERE u.email = ?`,
		"aisha@client.example.org").Scan(&clientID, &practiceID, &attID)
	if err != nil {
		t.Fatal(err)
	}
	actor := policy.Actor{UserID: clientID, PracticeID: practiceID, Role: account.Client}
	_, data, err := a.Journal.File(ctx, actor, clientID, attID, false)
	if err != nil || !bytes.HasPrefix(data, []byte("\x89PNG")) {
		t.Errorf("restored drawing: %d bytes, %v; want a PNG", len(data), err)
	}
}
