package questionnaire_test

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/measure"
	"github.com/afterward/afterward/internal/questionnaire"
)

func series(t *testing.T, instrument string, totals ...int) questionnaire.Series {
	t.Helper()
	reg, err := measure.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var rs []questionnaire.Response
	d, _ := reg.Lookup(instrument)
	for i, v := range totals {
		v := v
		rs = append(rs, questionnaire.Response{Instrument: instrument, AnsweredAt: t0.AddDate(0, i, 0), Timepoint: "m" + string(rune('0'+i)),
			Total: &v, Severity: measure.SeverityOf(d, v)})
	}
	out := questionnaire.BuildSeries(reg, rs)
	if len(out) != 1 {
		t.Fatalf("series = %d, want 1", len(out))
	}
	return out[0]
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// TestBandGeometry: bands tile the plot from the top (worst PHQ-9 scores)
// to the bottom, and WHO-5 shades its low (worse) band darkest.
func TestBandGeometry(t *testing.T) {
	phq := series(t, "phq9", 12)
	g := questionnaire.GeometryOf(phq)
	bands := g.Bands(phq)
	unit := float64(questionnaire.PlotHeight) / 27
	bottom := float64(questionnaire.PlotTop + questionnaire.PlotHeight)
	tests := []struct {
		name      string
		band      int
		wantLabel string
		wantY     float64
		wantH     float64
	}{
		{"minimal 0–4 at the bottom", 0, "minimal", bottom - 5*unit, 5 * unit},
		{"mild 5–9", 1, "mild", bottom - 10*unit, 5 * unit},
		{"moderate 10–14", 2, "moderate", bottom - 15*unit, 5 * unit},
		{"moderately severe 15–19", 3, "moderately_severe", bottom - 20*unit, 5 * unit},
		{"severe 20–27 reaches the top", 4, "severe", questionnaire.PlotTop, 7 * unit},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := bands[tc.band]
			if b.Label != tc.wantLabel || !near(b.Y, tc.wantY) || !near(b.Height, tc.wantH) {
				t.Errorf("got %s y=%.3f h=%.3f, want %s y=%.3f h=%.3f", b.Label, b.Y, b.Height, tc.wantLabel, tc.wantY, tc.wantH)
			}
		})
	}
	if got, want := g.Y(0), bottom; !near(got, want) {
		t.Errorf("Y(0) = %v, want %v", got, want)
	}
	if got, want := g.Y(27), float64(questionnaire.PlotTop); !near(got, want) {
		t.Errorf("Y(27) = %v, want %v", got, want)
	}
	who := series(t, "who5", 10)
	wb := questionnaire.GeometryOf(who).Bands(who)
	if len(wb) < 2 || wb[0].Fill == wb[len(wb)-1].Fill {
		t.Fatalf("WHO-5 bands = %+v", wb)
	}
	if worst := bands[len(wb)-1].Fill; wb[0].Fill != worst || wb[len(wb)-1].Fill != bands[0].Fill {
		t.Errorf("WHO-5 band fills %s..%s, want the shades reversed (low wellbeing is worse)", wb[0].Fill, wb[len(wb)-1].Fill)
	}
}

// TestChangeMarkers: reliable change (Jacobson–Truax, PHQ-9 SEdiff ≈ 1.99)
// and the MCID (PHQ-9 5, GAD-7 4, PCL-5 10) against baseline.
func TestChangeMarkers(t *testing.T) {
	tests := []struct {
		name                           string
		instrument                     string
		totals                         []int
		wantReliable, wantMCID, better bool
		wantHasRCI                     bool
	}{
		{"phq9 big drop: both", "phq9", []int{18, 8}, true, true, true, true},
		{"phq9 drop of 4: reliable, under MCID", "phq9", []int{18, 14}, true, false, true, true},
		{"phq9 drop of 3: neither", "phq9", []int{18, 15}, false, false, true, true},
		{"phq9 rise of 6: worse, both", "phq9", []int{8, 14}, true, true, false, true},
		{"gad7 drop of 4 reaches MCID", "gad7", []int{12, 8}, true, true, true, true},
		{"pcl5 drop of 10: MCID, no reliability data", "pcl5", []int{50, 40}, false, true, true, false},
		{"pcl5 drop of 9: under MCID", "pcl5", []int{50, 41}, false, false, true, false},
		{"who5 rise is better, no markers", "who5", []int{8, 16}, false, false, true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sr := series(t, tc.instrument, tc.totals...)
			p := sr.Points[1]
			if p.Reliable != tc.wantReliable || p.MCIDMet != tc.wantMCID || p.Improved != tc.better || p.HasRCI != tc.wantHasRCI {
				t.Errorf("got reliable %v mcid %v better %v hasRCI %v (rci %.2f), want %v %v %v %v",
					p.Reliable, p.MCIDMet, p.Improved, p.HasRCI, p.RCI, tc.wantReliable, tc.wantMCID, tc.better, tc.wantHasRCI)
			}
			svg := string(questionnaire.SVG(sr, "c", time.UTC))
			if got := strings.Contains(svg, `class="marker-reliable"`); got != tc.wantReliable {
				t.Errorf("SVG reliable marker %v, want %v", got, tc.wantReliable)
			}
			if got := strings.Contains(svg, `class="marker-mcid"`); got != tc.wantMCID {
				t.Errorf("SVG MCID marker %v, want %v", got, tc.wantMCID)
			}
			if sr.Points[0].Reliable || sr.Points[0].MCIDMet {
				t.Errorf("baseline carries a marker")
			}
		})
	}
}

// TestSVGAccessible: role, title, desc and scores in words.
func TestSVGAccessible(t *testing.T) {
	sr := series(t, "phq9", 18, 8)
	svg := string(questionnaire.SVG(sr, "phq9-chart", time.UTC))
	for _, want := range []string{`role="img"`, `aria-labelledby="phq9-chart-title phq9-chart-desc"`, `<title id="phq9-chart-title">`,
		`<desc id="phq9-chart-desc">`, "lower is better", "18 (moderately severe)", "reliable change (better", `class="band"`, "<polyline"} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	if strings.Contains(svg, "style=") {
		t.Errorf("SVG uses style attributes, which the CSP forbids")
	}
}

// TestChartDatesInViewersZone: the chart's axis, its description and the
// PDF write dates with the one formatter in the viewer's time zone, so a
// score answered at 03:00 UTC on Saturday 5 Dec reads Friday 4 Dec in Los
// Angeles on the chart, as in the table beside it.
func TestChartDatesInViewersZone(t *testing.T) {
	sr := series(t, "phq9", 18, 8)
	sr.Points[0].At = time.Date(2026, 12, 5, 3, 0, 0, 0, time.UTC)
	sr.Points[1].At = time.Date(2027, 1, 5, 3, 0, 0, 0, time.UTC)
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		loc       *time.Location
		want, not string
	}{
		{"Los Angeles", la, "Fri 4 Dec 2026", "5 Dec"},
		{"UTC", time.UTC, "Sat 5 Dec 2026", "4 Dec"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			svg := string(questionnaire.SVG(sr, "c", tc.loc))
			if n := strings.Count(svg, tc.want); n != 2 { // the axis label and the description
				t.Errorf("SVG has %q %d times, want 2 (axis and description)", tc.want, n)
			}
			if strings.Contains(svg, tc.not) {
				t.Errorf("SVG has %q, the day in another zone", tc.not)
			}
			var pdf bytes.Buffer
			if err := questionnaire.WriteReport(&pdf, "Łucja Wójcik", []questionnaire.Series{sr}, sr.Points[1].At, tc.loc); err != nil {
				t.Fatal(err)
			}
			text := pdfText(t, pdf.Bytes())
			if n := strings.Count(text, tc.want); n != 2 { // the axis label and the table row
				t.Errorf("PDF has %q %d times, want 2 (axis and table): %s", tc.want, n, text)
			}
			if strings.Contains(text, tc.not) {
				t.Errorf("PDF has %q, the day in another zone", tc.not)
			}
		})
	}
}

// pdfText extracts a PDF's text with poppler's pdftotext.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-raw", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext (poppler-utils) is required: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// TestSlots: the schedule from the experience date.
func TestSlots(t *testing.T) {
	exp := time.Date(2026, 1, 31, 12, 0, 0, 0, time.UTC)
	plan := exp.Add(40 * 24 * time.Hour)
	before := exp.Add(-time.Hour)
	tests := []struct {
		name     string
		last     *time.Time
		months   []int
		wantPost time.Time
		wantLast string
	}{
		{"no plan: experience + 8 weeks", nil, []int{3, 6, 12}, exp.Add(56 * 24 * time.Hour), "m12"},
		{"plan's last session", &plan, []int{3, 6, 12}, plan, "m12"},
		{"a plan date before the experience is ignored", &before, []int{3}, exp.Add(56 * 24 * time.Hour), "m3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			slots := questionnaire.Slots(exp, tc.last, tc.months)
			if got, want := len(slots), 2+len(tc.months); got != want {
				t.Fatalf("slots = %d, want %d", got, want)
			}
			if slots[0].Timepoint != questionnaire.Baseline || !slots[0].DueAt.Equal(exp) {
				t.Errorf("baseline = %+v", slots[0])
			}
			if !slots[1].DueAt.Equal(tc.wantPost) {
				t.Errorf("post due %v, want %v", slots[1].DueAt, tc.wantPost)
			}
			for _, s := range slots {
				if got := s.ExpiresAt.Sub(s.DueAt); got != questionnaire.Window {
					t.Errorf("%s window %v, want %v", s.Timepoint, got, questionnaire.Window)
				}
			}
			if got := slots[len(slots)-1].Timepoint; got != tc.wantLast {
				t.Errorf("last timepoint %s, want %s", got, tc.wantLast)
			}
		})
	}
	m3 := questionnaire.Slots(exp, nil, []int{3})[2]
	if want := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC); !m3.DueAt.Equal(want) {
		t.Errorf("3 months after 31 Jan due %v, want %v (calendar months, normalised)", m3.DueAt, want)
	}
}
