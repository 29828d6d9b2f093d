package questionnaire

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/afterward/afterward/internal/humantime"
	"github.com/afterward/afterward/internal/pdfdoc"
)

// pdfScale maps chart units (the SVG's) to millimetres on an A4 page.
const pdfScale = 175.0 / ChartWidth

// WriteReport writes the printable progress report: each instrument's chart
// (drawn with the same geometry as the SVG: bands, line, markers) and its
// scores as a table. The caller has authorized the read (History).
func WriteReport(w io.Writer, name string, series []Series, now time.Time, loc *time.Location) error {
	pdf := pdfdoc.New("Progress report", now, 10)
	pdf.SetAutoPageBreak(true, 15)
	pdf.Font("B", 18)
	pdf.CellFormat(0, 10, pdf.T("Progress report: "+name), "", 1, "L", false, 0, "")
	pdf.Font("", 10)
	pdf.MultiCell(0, 5, pdf.T(fmt.Sprintf("Prepared %s. Shaded bands are severity ranges; a ring marks a reliable change from the first score (Jacobson-Truax, |RCI| > 1.96); a triangle marks a clinically important change. Integration coaching is not treatment; discuss these scores with your coach or clinician.", humantime.Day(now, loc))), "", "L", false)
	if len(series) == 0 {
		pdf.Ln(4)
		pdf.CellFormat(0, 8, pdf.T("No questionnaires answered yet."), "", 1, "L", false, 0, "")
	}
	for _, sr := range series {
		if pdf.GetY() > 150 {
			pdf.AddPage()
		}
		pdf.Ln(4)
		pdf.Font("B", 13)
		pdf.CellFormat(0, 8, pdf.T(sr.Title), "", 1, "L", false, 0, "")
		top := pdf.GetY()
		drawChart(pdf, sr, 15, top, loc)
		pdf.SetY(top + ChartHeight*pdfScale + 2)
		scoreTable(pdf, sr, loc)
	}
	return pdf.Output(w)
}

func drawChart(pdf *pdfdoc.Doc, sr Series, left, top float64, loc *time.Location) {
	g := GeometryOf(sr)
	at := func(x, y float64) (float64, float64) { return left + x*pdfScale, top + y*pdfScale }
	pdf.Font("", 7)
	for _, b := range g.Bands(sr) {
		r, gr, bl := hexRGB(b.Fill)
		pdf.SetFillColor(r, gr, bl)
		x, y := at(PlotLeft, b.Y)
		pdf.Rect(x, y, PlotWidth*pdfScale, b.Height*pdfScale, "F")
		pdf.SetTextColor(85, 85, 85)
		pdf.Text(x+PlotWidth*pdfScale-30, y+3.5, pdf.T(BandLabel(b.Label)))
	}
	pdf.SetDrawColor(136, 136, 136)
	pdf.SetLineWidth(0.2)
	x0, y0 := at(PlotLeft, PlotTop)
	x1, y1 := at(PlotLeft+PlotWidth, PlotTop+PlotHeight)
	pdf.Line(x0, y0, x0, y1)
	pdf.Line(x0, y1, x1, y1)
	pdf.SetTextColor(40, 40, 40)
	for _, v := range []int{g.Min, (g.Min + g.Max) / 2, g.Max} {
		_, y := at(0, g.Y(float64(v)))
		pdf.Text(x0-6, y+1, strconv.Itoa(v))
	}
	if len(sr.Points) > 0 {
		pdf.Text(x0, y1+4, humantime.Day(sr.Points[0].At, loc))
		if len(sr.Points) > 1 {
			last := humantime.Day(sr.Points[len(sr.Points)-1].At, loc)
			pdf.Text(x1-pdf.GetStringWidth(last), y1+4, last)
		}
	}
	drawPoints(pdf, sr, g, at)
}

func drawPoints(pdf *pdfdoc.Doc, sr Series, g Geometry, at func(x, y float64) (float64, float64)) {
	pdf.SetDrawColor(47, 93, 138)
	pdf.SetFillColor(47, 93, 138)
	pdf.SetLineWidth(0.6)
	for i := 1; i < len(sr.Points); i++ {
		ax, ay := at(g.X(sr.Points[i-1].At), g.Y(float64(sr.Points[i-1].Total)))
		bx, by := at(g.X(sr.Points[i].At), g.Y(float64(sr.Points[i].Total)))
		pdf.Line(ax, ay, bx, by)
	}
	for _, p := range sr.Points {
		x, y := at(g.X(p.At), g.Y(float64(p.Total)))
		pdf.SetFillColor(47, 93, 138)
		pdf.Circle(x, y, 1.1, "F")
		r, gr, b := hexRGB(changeColour(p))
		if p.Reliable {
			pdf.SetDrawColor(r, gr, b)
			pdf.SetLineWidth(0.5)
			pdf.Circle(x, y, 2.4, "D")
		}
		if p.MCIDMet {
			pdf.SetFillColor(r, gr, b)
			pdf.Polygon([]fpdf.PointType{{X: x, Y: y - 3}, {X: x - 1.6, Y: y - 5.7}, {X: x + 1.6, Y: y - 5.7}}, "F")
		}
	}
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetLineWidth(0.2)
}

func scoreTable(pdf *pdfdoc.Doc, sr Series, loc *time.Location) {
	widths := []float64{30, 30, 18, 36, 66}
	pdf.Font("B", 9)
	pdf.SetTextColor(0, 0, 0)
	for i, h := range []string{"Date", "When", "Score", "Range", "Change from first"} {
		pdf.CellFormat(widths[i], 6, h, "B", 0, "L", false, 0, "")
	}
	pdf.Ln(-1)
	pdf.Font("", 9)
	for i, p := range sr.Points {
		change := "-"
		if i > 0 {
			change = fmt.Sprintf("%+d: %s", p.Total-sr.Points[0].Total, ChangeLabel(p))
		}
		cells := []string{humantime.Day(p.At, loc), TimepointLabel(p.Timepoint), strconv.Itoa(p.Total), BandLabel(p.Severity), change}
		for j, c := range cells {
			pdf.CellFormat(widths[j], 5.5, pdf.T(truncate(c, 48)), "", 0, "L", false, 0, "")
		}
		pdf.Ln(-1)
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n-1] + "."
}

func hexRGB(h string) (int, int, int) {
	v, _ := strconv.ParseUint(h[1:], 16, 32)
	return int(v >> 16 & 0xff), int(v >> 8 & 0xff), int(v & 0xff)
}
