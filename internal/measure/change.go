package measure

import (
	"errors"
	"math"
)

// ErrNoReliability means the definition records no SD and test–retest r, so
// the reliable change index cannot be computed.
var ErrNoReliability = errors.New("no reliability figures recorded for this instrument")

// RCI is the Jacobson–Truax reliable change index for a change from x1 to x2:
// (x2−x1)/SEdiff with SEdiff = sqrt(2)·SD·sqrt(1−r). |RCI| > 1.96 is a
// change unlikely (p < .05) to be measurement error alone.
func RCI(x1, x2, sd, r float64) float64 {
	return (x2 - x1) / SEDiff(sd, r)
}

// SEDiff is the standard error of the difference of two scores.
func SEDiff(sd, r float64) float64 {
	return math.Sqrt2 * sd * math.Sqrt(1-r)
}

// ReliableChange computes the RCI with the figures recorded in def.
func ReliableChange(def *Definition, x1, x2 float64) (float64, error) {
	if def.Reliability == nil {
		return 0, ErrNoReliability
	}
	return RCI(x1, x2, def.Reliability.SD, def.Reliability.RetestR), nil
}

// MCIDValue returns the instrument's minimal clinically important difference
// and whether one is recorded.
func MCIDValue(def *Definition) (float64, bool) {
	if def.MCID == nil {
		return 0, false
	}
	return def.MCID.Value, true
}
