package questionnaire

import (
	"context"
	"math"
	"time"

	"github.com/afterward/afterward/internal/measure"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// HigherIsBetter lists instruments whose scores rise as things improve
// (WHO-5 wellbeing); on the others a fall is an improvement.
var HigherIsBetter = map[string]bool{"who5": true}

// reliableRCI is the |RCI| above which a change is unlikely (p < .05) to be
// measurement error alone.
const reliableRCI = 1.96

// Series is one instrument's scores over time, ready to chart.
type Series struct {
	Instrument, Title string
	Min, Max          int
	Bands             []measure.Band
	HigherIsBetter    bool
	// MCID is 0 when the instrument records none.
	MCID   float64
	Points []Point
}

// Point is one score. Change fields compare it with the first (baseline).
type Point struct {
	At        time.Time
	Timepoint string
	Total     int
	Severity  string
	// RCI is the Jacobson–Truax index against baseline; HasRCI is false for
	// the baseline itself and for instruments without reliability figures.
	RCI    float64
	HasRCI bool
	// Reliable: |RCI| > 1.96. MCIDMet: the change reached the MCID.
	Reliable, MCIDMet bool
	// Improved says the change from baseline is in the better direction.
	Improved bool
}

// History returns the client's scored questionnaires as one series per
// instrument (audited read of their scores).
func (s *Service) History(ctx context.Context, a policy.Actor, clientID int64) ([]Series, error) {
	var responses []Response
	err := s.authorize(ctx, a, clientID, policy.Read, "scores", 0, "", func(tx *store.Tx) error {
		var err error
		responses, err = listResponses(ctx, tx, clientID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return BuildSeries(s.measures, responses), nil
}

// BuildSeries groups scored responses (ordered by instrument, then time)
// into series and marks reliable and clinically important change.
func BuildSeries(reg *measure.Registry, responses []Response) []Series {
	var out []Series
	for _, r := range responses {
		def, ok := reg.Lookup(r.Instrument)
		if !ok || r.Total == nil {
			continue
		}
		if len(out) == 0 || out[len(out)-1].Instrument != def.ID {
			out = append(out, newSeries(def))
		}
		sr := &out[len(out)-1]
		sr.Points = append(sr.Points, sr.point(def, r))
	}
	return out
}

func newSeries(def *measure.Definition) Series {
	sr := Series{Instrument: def.ID, Title: def.Title, Min: def.Scoring.Total.Min, Max: def.Scoring.Total.Max,
		Bands: def.Bands, HigherIsBetter: HigherIsBetter[def.ID]}
	sr.MCID, _ = measure.MCIDValue(def)
	return sr
}

func (sr *Series) point(def *measure.Definition, r Response) Point {
	p := Point{At: r.AnsweredAt, Timepoint: r.Timepoint, Total: *r.Total, Severity: r.Severity}
	if len(sr.Points) == 0 {
		return p
	}
	base := float64(sr.Points[0].Total)
	change := float64(p.Total) - base
	if sr.HigherIsBetter {
		p.Improved = change > 0
	} else {
		p.Improved = change < 0
	}
	if rci, err := measure.ReliableChange(def, base, float64(p.Total)); err == nil {
		p.RCI, p.HasRCI = rci, true
		p.Reliable = math.Abs(rci) > reliableRCI
	}
	p.MCIDMet = sr.MCID > 0 && math.Abs(change) >= sr.MCID
	return p
}
