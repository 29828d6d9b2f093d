package questionnaire

import (
	"fmt"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/humantime"
)

// BandLabel is a severity band in plain words ("moderately_severe" →
// "moderately severe").
func BandLabel(label string) string { return strings.ReplaceAll(label, "_", " ") }

// ChangeLabel says what kind of change a point shows against baseline.
func ChangeLabel(p Point) string {
	dir := "worse"
	if p.Improved {
		dir = "better"
	}
	var parts []string
	if p.Reliable {
		parts = append(parts, fmt.Sprintf("reliable change (%s, RCI %.1f)", dir, p.RCI))
	}
	if p.MCIDMet {
		parts = append(parts, "clinically important change ("+dir+")")
	}
	if len(parts) == 0 {
		return "no reliable change"
	}
	return strings.Join(parts, "; ")
}

// Describe states a series in words, for the chart's <desc>.
func Describe(sr Series, loc *time.Location) string {
	if len(sr.Points) == 0 {
		return "No scores yet."
	}
	parts := make([]string, len(sr.Points))
	for i, p := range sr.Points {
		parts[i] = fmt.Sprintf("%s %s: %d (%s)", TimepointLabel(p.Timepoint), humantime.Day(p.At, loc), p.Total, BandLabel(p.Severity))
		if i > 0 && (p.Reliable || p.MCIDMet) {
			parts[i] += ", " + ChangeLabel(p)
		}
	}
	scale := "lower is better"
	if sr.HigherIsBetter {
		scale = "higher is better"
	}
	return fmt.Sprintf("Scores from %d to %d, %s. %s.", sr.Min, sr.Max, scale, strings.Join(parts, "; "))
}

func itoa(n int64) string { return fmt.Sprint(n) }
