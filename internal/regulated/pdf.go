package regulated

import (
	"bytes"
	"strconv"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/humantime"
	"github.com/afterward/afterward/internal/pdfdoc"
)

// PDF renders a signed form: the exact document signed (questions and
// answers), then who signed, when (in the reader's zone loc, with the exact
// UTC instant beside it) and the document's SHA-256, so a printed copy can
// be checked against the record; then the client's addenda, if any.
func PDF(g Signed, loc *time.Location) ([]byte, error) {
	d := pdfdoc.New(g.Title, g.SignedAt, 20)
	text := func(size float64, style, s string) {
		d.Font(style, size)
		d.MultiCell(0, size*0.5, d.T(s), "", "L", false)
	}
	text(16, "B", g.Title)
	text(10, "", g.Practice+" - version "+strconv.Itoa(g.Version))
	d.Ln(4)
	text(10, "", g.Text)
	d.Ln(6)
	text(11, "B", "Signature")
	text(10, "", "Signed by: "+g.Name)
	text(10, "", "Signed at: "+humantime.Record(g.SignedAt, loc)+" ("+g.SignedAt.UTC().Format(time.RFC3339)+")")
	text(9, "", "Document SHA-256: "+g.Hash)
	if len(g.Addenda) > 0 {
		d.Ln(6)
		text(11, "B", "Addenda by the client (kept beside the signed document, which they do not change)")
		for _, a := range g.Addenda {
			text(9, "", a.Author+", "+humantime.Record(a.CreatedAt, loc)+" ("+a.CreatedAt.UTC().Format(time.RFC3339)+")")
			text(10, "", a.Text)
			d.Ln(2)
		}
	}
	var buf bytes.Buffer
	if err := d.Output(&buf); err != nil {
		return nil, errs.Wrap(err, "rendering the form PDF")
	}
	return buf.Bytes(), nil
}
