package privacy_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/privacy"
)

// TestCertificatePDF: the PDF states what was destroyed, when (in the
// reader's zone with the UTC instant beside it), by whom, on whose request
// and under which rule, with the digests; it carries no name.
func TestCertificatePDF(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext (poppler-utils) is required: apt-get install poppler-utils")
	}
	until := time.Date(2026, 3, 1, 17, 0, 0, 0, time.UTC)
	c := privacy.Certificate{ID: 7, PracticeID: 1, PracticeName: "Riverbend Integration", ClientID: 42, Programme: "oregon", RequestedBy: "client",
		DestroyedBy: 3, DestroyedByName: "Maya Okafor", DestroyedAt: time.Date(2026, 12, 5, 18, 30, 0, 0, time.UTC), RetentionUntil: &until,
		Records:       map[string]int64{"appointments": 9, "regulated_sessions": 3, "regulated_forms": 4},
		RecordsSHA256: strings.Repeat("ab", 32), SHA256: strings.Repeat("cd", 32)}
	loc, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := privacy.CertificatePDF(c, loc)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "certificate.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-raw", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"Destruction certificate", "Riverbend Integration - certificate 7", "Client: #42 (named by number only)",
		"Rule: Oregon's psilocybin services rules (OAR 333-333): records kept 5 years after the last session",
		"Kept until: Sun 1 Mar 2026 (UTC calendar day; 2026-03-01T17:00:00Z)",
		"Requested by: the client, in writing", "Destroyed by: Maya Okafor (user #3)",
		"Destroyed at: Sat 5 Dec 2026, 10:30:00 PST (2026-12-05T18:30:00Z)",
		"appointments: 9", "regulated_forms: 4", "regulated_sessions: 3",
		strings.Repeat("ab", 32), strings.Repeat("cd", 32)} {
		if !strings.Contains(text, want) {
			t.Errorf("the certificate PDF lacks %q:\n%s", want, text)
		}
	}
}
