package billing_test

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/billing"
	"github.com/afterward/afterward/internal/store"
)

// TestPDFsRender renders an invoice, a credit note, a receipt, a refund
// receipt and a statement, converts each to PNG with poppler's pdftoppm
// and checks every page has ink on it.
func TestPDFsRender(t *testing.T) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftoppm (poppler-utils) is required in CI; scripts/test installs it")
		}
		t.Skip("pdftoppm not installed (run ./scripts/test)")
	}
	db := apptest.MustOpenDB(t, store.SQLite)
	f := newPractice(t, db, 1, 1, 18500)
	st, err := f.svc.Settings(ctx, f.admin)
	mustNil(t, err)
	st.LegalName, st.Address, st.TaxID, st.Currency = "Riverbend Integration Collective LLC", "12 Alder Street\nPortland, OR 97201", "93-1234567", "EUR"
	mustNil(t, f.svc.SaveSettings(ctx, f.admin, st))
	l := f.bill(t, 0, 1, t0)
	f.clock.t = t0.Add(24 * time.Hour)
	p, err := f.svc.RecordPayment(ctx, f.admin, billing.NewPayment{InvoiceID: l.InvoiceID, Method: billing.CardTerminal, Amount: 10000, Reference: "Terminal · Lucía's card"})
	mustNil(t, err)
	r, err := f.svc.Refund(ctx, f.admin, p.ID, 2500, "shortened session")
	mustNil(t, err)
	cn, err := f.svc.IssueCreditNote(ctx, f.admin, l.InvoiceID, 1000, "goodwill")
	mustNil(t, err)

	inv, err := f.svc.Invoice(ctx, f.clients[0], l.InvoiceID)
	mustNil(t, err)
	cnView, err := f.svc.Invoice(ctx, f.clients[0], cn.ID)
	mustNil(t, err)
	receipt, err := f.svc.Receipt(ctx, f.clients[0], p.ID)
	mustNil(t, err)
	refund, err := f.svc.Receipt(ctx, f.clients[0], r.ID)
	mustNil(t, err)
	stmt, err := f.svc.Statement(ctx, f.clients[0], 0, t0.AddDate(0, 0, -1), t0.AddDate(0, 1, 0))
	mustNil(t, err)

	docs := []struct {
		name  string
		write func(*bytes.Buffer) error
		want  []string
	}{
		{"invoice", func(b *bytes.Buffer) error { return billing.InvoicePDF(b, inv, time.UTC) }, []string{"INV-000001", "Integration coaching session, 60 min", "€185.00", "Riverbend Integration Collective LLC"}},
		{"credit-note", func(b *bytes.Buffer) error { return billing.InvoicePDF(b, cnView, time.UTC) }, []string{"CN-000001", "INV-000001", "goodwill"}},
		{"receipt", func(b *bytes.Buffer) error { return billing.ReceiptPDF(b, receipt, time.UTC) }, []string{"R-", "€100.00", "Card (terminal)"}},
		{"refund-receipt", func(b *bytes.Buffer) error { return billing.ReceiptPDF(b, refund, time.UTC) }, []string{"Refund receipt", "€25.00"}},
		{"statement", func(b *bytes.Buffer) error { return billing.StatementPDF(b, stmt, time.UTC) }, []string{"Statement", "Closing balance", "€100.00"}},
	}
	out := apptest.OutputDir(t, "billing-pdfs")
	for _, d := range docs {
		t.Run(d.name, func(t *testing.T) {
			var buf bytes.Buffer
			mustNil(t, d.write(&buf))
			if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
				t.Fatalf("not a PDF: %.20q", buf.String())
			}
			path := filepath.Join(out, d.name+".pdf")
			mustNil(t, os.WriteFile(path, buf.Bytes(), 0o644))
			pages := renderPages(t, path)
			if len(pages) == 0 {
				t.Fatal("pdftoppm produced no pages")
			}
			for i, pg := range pages {
				if frac := inkFraction(t, pg); frac < 0.002 {
					t.Errorf("page %d is blank (%.4f of pixels dark)", i+1, frac)
				}
			}
			if text, err := exec.Command("pdftotext", path, "-").Output(); err == nil {
				for _, w := range d.want {
					if !strings.Contains(string(text), w) {
						t.Errorf("PDF text lacks %q", w)
					}
				}
			}
		})
	}
}

func renderPages(t *testing.T, pdf string) []string {
	t.Helper()
	prefix := strings.TrimSuffix(pdf, ".pdf")
	if out, err := exec.Command("pdftoppm", "-png", "-r", "50", pdf, prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, out)
	}
	pages, err := filepath.Glob(prefix + "-*.png")
	mustNil(t, err)
	return pages
}

// inkFraction is the share of pixels that are clearly not white.
func inkFraction(t *testing.T, path string) float64 {
	t.Helper()
	f, err := os.Open(path)
	mustNil(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	mustNil(t, err)
	return dark(img)
}

func dark(img image.Image) float64 {
	b := img.Bounds()
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if (r+g+bl)/3 < 0xC000 {
				n++
			}
		}
	}
	return float64(n) / float64(b.Dx()*b.Dy())
}
