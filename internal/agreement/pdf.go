package agreement

import (
	"bytes"
	"strconv"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/humantime"
)

// PDF renders a signed agreement: the exact text signed, then who signed,
// when (in the reader's zone loc, with the exact UTC instant beside it) and
// the document's SHA-256, so a printed copy can be checked against the
// record.
func PDF(g Signed, loc *time.Location) ([]byte, error) {
	p := fpdf.New("P", "mm", "A4", "")
	p.SetMargins(20, 20, 20)
	p.SetAutoPageBreak(true, 20)
	p.SetTitle("Coaching agreement", true)
	p.SetCreator("Afterward", true)
	p.SetCreationDate(g.SignedAt)
	p.SetModificationDate(g.SignedAt)
	p.AddPage()
	tr := p.UnicodeTranslatorFromDescriptor("")
	text := func(size float64, style, s string) {
		p.SetFont("Helvetica", style, size)
		p.MultiCell(0, size*0.5, tr(s), "", "L", false)
	}
	text(16, "B", "Coaching agreement")
	text(10, "", g.Practice+" - version "+strconv.Itoa(g.Version))
	p.Ln(4)
	text(10, "", g.Text)
	p.Ln(6)
	text(11, "B", "Signature")
	text(10, "", "Signed by: "+g.Name)
	text(10, "", "Signed at: "+humantime.Record(g.SignedAt, loc)+" ("+g.SignedAt.UTC().Format(time.RFC3339)+")")
	text(10, "", "Document version: "+strconv.Itoa(g.Version)+" (id "+strconv.FormatInt(g.VersionID, 10)+")")
	text(9, "", "Document SHA-256: "+g.Hash)
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		return nil, errs.Wrap(err, "rendering the agreement PDF")
	}
	return buf.Bytes(), nil
}
