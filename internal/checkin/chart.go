package checkin

import (
	"fmt"
	"strings"
	"time"
)

// Chart is the geometry of a line chart of the four scales, for a
// server-rendered SVG. The template adds the title, description and the
// data table that screen readers and printers use instead.
type Chart struct {
	Width, Height int
	Lines         []ChartLine
	YTicks        []ChartTick
	XTicks        []ChartTick
	Empty         bool
}

// ChartLine is one scale's polyline.
type ChartLine struct {
	Name, Key string
	Points    string // "x,y x,y …" for <polyline points>
	Dots      []ChartDot
}

// ChartDot is one marked value.
type ChartDot struct{ X, Y, Value int }

// ChartTick is an axis label at a position.
type ChartTick struct {
	Pos   int
	Label string
	At    time.Time // the time an x tick marks, to relabel in the reader's zone
}

const (
	padLeft, padRight, padTop, padBottom = 28, 8, 10, 24
)

// NewChart lays the series out on a width×height canvas. The x axis is
// time (first to last check-in); the y axis is 1–5.
func NewChart(series []Series, width, height int) Chart {
	c := Chart{Width: width, Height: height}
	if len(series) == 0 || len(series[0].Points) == 0 {
		c.Empty = true
		return c
	}
	first, last := series[0].Points[0].At, series[0].Points[len(series[0].Points)-1].At
	span := last.Sub(first)
	plotW, plotH := width-padLeft-padRight, height-padTop-padBottom
	x := func(t time.Time) int {
		if span <= 0 {
			return padLeft + plotW/2
		}
		return padLeft + int(float64(plotW)*float64(t.Sub(first))/float64(span))
	}
	y := func(v int) int { return padTop + plotH - (v-1)*plotH/4 }
	for v := 1; v <= 5; v++ {
		c.YTicks = append(c.YTicks, ChartTick{Pos: y(v), Label: fmt.Sprint(v)})
	}
	c.XTicks = []ChartTick{{Pos: x(first), Label: first.Format("2 Jan"), At: first}}
	if span > 0 {
		c.XTicks = append(c.XTicks, ChartTick{Pos: x(last), Label: last.Format("2 Jan"), At: last})
	}
	for _, s := range series {
		l := ChartLine{Name: s.Name, Key: s.Key}
		pts := make([]string, len(s.Points))
		for i, p := range s.Points {
			d := ChartDot{X: x(p.At), Y: y(p.Value), Value: p.Value}
			l.Dots = append(l.Dots, d)
			pts[i] = fmt.Sprintf("%d,%d", d.X, d.Y)
		}
		l.Points = strings.Join(pts, " ")
		c.Lines = append(c.Lines, l)
	}
	return c
}

// Describe summarises the trend in words for the SVG's <desc>: the first
// and latest value of each scale.
func Describe(series []Series) string {
	if len(series) == 0 || len(series[0].Points) == 0 {
		return "No check-ins yet."
	}
	parts := make([]string, 0, len(series))
	for _, s := range series {
		a, b := s.Points[0].Value, s.Points[len(s.Points)-1].Value
		parts = append(parts, fmt.Sprintf("%s from %d to %d", strings.ToLower(s.Name), a, b))
	}
	n := len(series[0].Points)
	return fmt.Sprintf("%d check-ins; %s (1 to 5).", n, strings.Join(parts, ", "))
}
