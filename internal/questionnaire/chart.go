package questionnaire

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/humantime"
)

// Chart geometry, in SVG user units. The drawing scales to its container.
const (
	ChartWidth  = 640
	ChartHeight = 280
	PlotLeft    = 48
	PlotTop     = 16
	PlotWidth   = 560
	PlotHeight  = 208
)

// bandFills shade severity bands from best to worst; the palette is
// colour-blind safe and light enough for the line to stay readable.
var bandFills = []string{"#e8f3ec", "#f3f1dc", "#f8e9d6", "#f6dcd3", "#efd0d6"}

// Geometry maps scores and times to chart coordinates.
type Geometry struct {
	Min, Max    int
	First, Last time.Time
}

// Y is the vertical position of a score: Max at the top of the plot, Min at
// the bottom.
func (g Geometry) Y(v float64) float64 {
	span := float64(g.Max - g.Min)
	if span <= 0 {
		return PlotTop + PlotHeight
	}
	return PlotTop + PlotHeight*(1-(v-float64(g.Min))/span)
}

// X is the horizontal position of a time; a single point sits in the middle.
func (g Geometry) X(t time.Time) float64 {
	span := g.Last.Sub(g.First)
	if span <= 0 {
		return PlotLeft + PlotWidth/2
	}
	return PlotLeft + PlotWidth*float64(t.Sub(g.First))/float64(span)
}

// BandRect is one shaded severity band.
type BandRect struct {
	Label     string
	Y, Height float64
	Fill      string
}

// GeometryOf returns the chart's scales for a series.
func GeometryOf(sr Series) Geometry {
	g := Geometry{Min: sr.Min, Max: sr.Max}
	if len(sr.Points) > 0 {
		g.First, g.Last = sr.Points[0].At, sr.Points[len(sr.Points)-1].At
	}
	return g
}

// Bands returns the shaded rectangles: band i covers scores from its Min up
// to the next band's Min (the last band up to Max), so the bands tile the
// plot without gaps. Worse bands get darker fills whichever way the scale runs.
func (g Geometry) Bands(sr Series) []BandRect {
	out := make([]BandRect, 0, len(sr.Bands))
	for i, b := range sr.Bands {
		upper := float64(g.Max)
		if i+1 < len(sr.Bands) {
			upper = float64(sr.Bands[i+1].Min)
		}
		shade := i
		if sr.HigherIsBetter {
			shade = len(sr.Bands) - 1 - i
		}
		top, bottom := g.Y(upper), g.Y(float64(b.Min))
		out = append(out, BandRect{Label: b.Label, Y: top, Height: bottom - top, Fill: bandFills[min(shade, len(bandFills)-1)]})
	}
	return out
}

// SVG renders the series as an accessible chart, its dates in loc (the
// viewer's time zone, as the table beside it): role="img" with a title
// and a description that states the scores in words. A data table beside it
// (the page's job) is the alternative for screen-reader users.
func SVG(sr Series, id string, loc *time.Location) template.HTML {
	g := GeometryOf(sr)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %d %d" role="img" aria-labelledby="%s-title %s-desc" xmlns="http://www.w3.org/2000/svg">`, ChartWidth, ChartHeight, id, id)
	fmt.Fprintf(&b, `<title id="%s-title">%s over time</title><desc id="%s-desc">%s</desc>`, id, template.HTMLEscapeString(sr.Title), id, template.HTMLEscapeString(Describe(sr, loc)))
	for _, r := range g.Bands(sr) {
		fmt.Fprintf(&b, `<rect class="band" x="%d" y="%.1f" width="%d" height="%.1f" fill="%s"><title>%s</title></rect>`,
			PlotLeft, r.Y, PlotWidth, r.Height, r.Fill, template.HTMLEscapeString(BandLabel(r.Label)))
		fmt.Fprintf(&b, `<text class="band-label" x="%d" y="%.1f" font-size="10" fill="#555" text-anchor="end">%s</text>`, PlotLeft+PlotWidth-4, r.Y+12, template.HTMLEscapeString(BandLabel(r.Label)))
	}
	writeAxes(&b, g, loc)
	writeLine(&b, g, sr)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func writeAxes(b *strings.Builder, g Geometry, loc *time.Location) {
	fmt.Fprintf(b, `<g class="axis" font-size="11" fill="#333" stroke="#888">`)
	fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%d" y2="%d"/>`, PlotLeft, PlotTop, PlotLeft, PlotTop+PlotHeight)
	fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%d" y2="%d"/>`, PlotLeft, PlotTop+PlotHeight, PlotLeft+PlotWidth, PlotTop+PlotHeight)
	for _, v := range []int{g.Min, (g.Min + g.Max) / 2, g.Max} {
		fmt.Fprintf(b, `<text x="%d" y="%.1f" text-anchor="end" stroke="none">%d</text>`, PlotLeft-6, g.Y(float64(v))+4, v)
	}
	if !g.First.IsZero() {
		fmt.Fprintf(b, `<text x="%d" y="%d" stroke="none">%s</text>`, PlotLeft, PlotTop+PlotHeight+18, humantime.Day(g.First, loc))
		if g.Last.After(g.First) {
			fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="end" stroke="none">%s</text>`, PlotLeft+PlotWidth, PlotTop+PlotHeight+18, humantime.Day(g.Last, loc))
		}
	}
	b.WriteString(`</g>`)
}

func writeLine(b *strings.Builder, g Geometry, sr Series) {
	pts := make([]string, len(sr.Points))
	for i, p := range sr.Points {
		pts[i] = fmt.Sprintf("%.1f,%.1f", g.X(p.At), g.Y(float64(p.Total)))
	}
	if len(pts) > 1 {
		fmt.Fprintf(b, `<polyline class="series" fill="none" stroke="#2f5d8a" stroke-width="2.5" points="%s"/>`, strings.Join(pts, " "))
	}
	for _, p := range sr.Points {
		x, y := g.X(p.At), g.Y(float64(p.Total))
		fmt.Fprintf(b, `<circle class="point" cx="%.1f" cy="%.1f" r="4.5" fill="#2f5d8a"><title>%s: %d (%s)</title></circle>`,
			x, y, TimepointLabel(p.Timepoint), p.Total, BandLabel(p.Severity))
		if p.Reliable {
			fmt.Fprintf(b, `<circle class="marker-reliable" cx="%.1f" cy="%.1f" r="9" fill="none" stroke="%s" stroke-width="2.5"><title>%s</title></circle>`,
				x, y, changeColour(p), ChangeLabel(p))
		}
		if p.MCIDMet {
			fmt.Fprintf(b, `<path class="marker-mcid" d="M%.1f %.1fl6 -10h-12z" fill="%s"><title>%s</title></path>`, x, y-12, changeColour(p), ChangeLabel(p))
		}
	}
}

func changeColour(p Point) string {
	if p.Improved {
		return "#1b7a4a"
	}
	return "#b3261e"
}
