package progress

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
)

// WritePDF writes the timeline as a simple A4 document: a heading, the
// date it was made, then one line per event, newest first. Times are shown
// in loc. The core fonts cover Latin-1 only, so other characters are
// replaced rather than garbled.
func WritePDF(w io.Writer, clientName string, events []Event, made time.Time, loc *time.Location) error {
	if loc == nil {
		loc = time.UTC
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetTitle("Your integration journey", true)
	pdf.SetAuthor("Afterward", true)
	pdf.SetMargins(18, 18, 18)
	pdf.AddPage()
	tr := pdf.UnicodeTranslatorFromDescriptor("")
	pdf.SetFont("Helvetica", "B", 18)
	pdf.CellFormat(0, 10, tr("Your integration journey"), "", 1, "L", false, 0, "")
	pdf.SetFont("Helvetica", "", 11)
	pdf.SetTextColor(85, 101, 107)
	pdf.CellFormat(0, 7, tr(fmt.Sprintf("%s · made %s", clientName, made.In(loc).Format("2 January 2006"))), "", 1, "L", false, 0, "")
	pdf.Ln(4)
	if len(events) == 0 {
		pdf.SetTextColor(31, 42, 46)
		pdf.MultiCell(0, 6, tr("Nothing on your timeline yet."), "", "L", false)
	}
	for _, e := range events {
		pdf.SetTextColor(85, 101, 107)
		pdf.SetFont("Helvetica", "", 10)
		pdf.CellFormat(0, 6, tr(e.At.In(loc).Format("Mon 2 Jan 2006, 15:04")), "", 1, "L", false, 0, "")
		pdf.SetTextColor(31, 42, 46)
		pdf.SetFont("Helvetica", "B", 12)
		pdf.MultiCell(0, 6, tr(latin1(e.Title)), "", "L", false)
		if e.Detail != "" {
			pdf.SetFont("Helvetica", "", 11)
			pdf.MultiCell(0, 6, tr(latin1(e.Detail)), "", "L", false)
		}
		pdf.Ln(3)
	}
	pdf.SetY(-25)
	pdf.SetFont("Helvetica", "", 9)
	pdf.SetTextColor(85, 101, 107)
	pdf.MultiCell(0, 5, tr("Afterward is integration coaching, not therapy or emergency care. In an emergency call your local emergency number."), "", "L", false)
	return pdf.Output(w)
}

// latin1 replaces characters the PDF core fonts cannot show.
func latin1(s string) string {
	return strings.Map(func(r rune) rune {
		if r > 0xff {
			return '?'
		}
		return r
	}, s)
}
