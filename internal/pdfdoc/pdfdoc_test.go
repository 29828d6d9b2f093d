package pdfdoc_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/pdfdoc"
	"github.com/afterward/afterward/internal/progress"
)

// pdfText extracts a PDF's text with poppler's pdftotext, the independent
// check that the names were embedded as text, not as boxes or "?".
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// TestNamesPrintAsWritten: a Polish, a Japanese and an English name in a
// real document (the journey PDF) come back from pdftotext as written.
func TestNamesPrintAsWritten(t *testing.T) {
	if !pdfdoc.HasCJK() {
		t.Skip("no CJK font on this machine (apt-get install fonts-ipafont-gothic, or set AFTERWARD_PDF_CJK_FONT)")
	}
	at := time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)
	events := []progress.Event{
		{At: at, Title: "Session with 渡辺 健二", Detail: "Aisha Rahman joined the circle"},
		{At: at.Add(-time.Hour), Title: "Your experience", Detail: "Zażółć gęślą jaźń · emoji 😊 replaced"},
	}
	var buf bytes.Buffer
	if err := progress.WritePDF(&buf, "Łucja Wójcik", events, at, time.UTC); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes())
	for _, want := range []string{"Łucja Wójcik", "渡辺 健二", "Aisha Rahman", "Zażółć gęślą jaźń"} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext lacks %q in:\n%s", want, text)
		}
	}
	if n := strings.Count(text, "\f"); n != 1 {
		t.Errorf("the journey PDF has %d pages, want 1 (the footer must not spill onto a blank page)", n)
	}
}
