package progress

import (
	"fmt"
	"io"
	"time"

	"github.com/afterward/afterward/internal/humantime"
	"github.com/afterward/afterward/internal/pdfdoc"
)

// WritePDF writes the timeline as a simple A4 document: a heading, the
// date it was made, then one line per event, newest first. Times are shown
// in loc. Names and titles print as written (pdfdoc's Unicode fonts).
func WritePDF(w io.Writer, clientName string, events []Event, made time.Time, loc *time.Location) error {
	if loc == nil {
		loc = time.UTC
	}
	pdf := pdfdoc.New("Your integration journey", made, 18)
	pdf.SetAuthor("Afterward", true)
	pdf.Font("B", 18)
	pdf.CellFormat(0, 10, pdf.T("Your integration journey"), "", 1, "L", false, 0, "")
	pdf.Font("", 11)
	pdf.SetTextColor(85, 101, 107)
	pdf.CellFormat(0, 7, pdf.T(fmt.Sprintf("%s · made %s", clientName, humantime.Day(made, loc))), "", 1, "L", false, 0, "")
	pdf.Ln(4)
	if len(events) == 0 {
		pdf.SetTextColor(31, 42, 46)
		pdf.MultiCell(0, 6, pdf.T("Nothing on your timeline yet."), "", "L", false)
	}
	for _, e := range events {
		pdf.SetTextColor(85, 101, 107)
		pdf.Font("", 10)
		pdf.CellFormat(0, 6, pdf.T(humantime.When(e.At, loc, made)), "", 1, "L", false, 0, "")
		pdf.SetTextColor(31, 42, 46)
		pdf.Font("B", 12)
		pdf.MultiCell(0, 6, pdf.T((e.Title)), "", "L", false)
		if e.Detail != "" {
			pdf.Font("", 11)
			pdf.MultiCell(0, 6, pdf.T((e.Detail)), "", "L", false)
		}
		pdf.Ln(3)
	}
	// The note sits at the foot of the last page, on a page of its own
	// only when the timeline reaches the bottom.
	if pdf.GetY() > 297-18-14 {
		pdf.AddPage()
	}
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetY(-18 - 12)
	pdf.Font("", 9)
	pdf.SetTextColor(85, 101, 107)
	pdf.MultiCell(0, 5, pdf.T("Afterward is integration coaching, not therapy or emergency care. In an emergency call your local emergency number."), "", "L", false)
	return pdf.Output(w)
}
