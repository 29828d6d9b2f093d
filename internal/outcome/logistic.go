package outcome

import (
	"errors"
	"math"
)

// Logistic is the fit of maintained ~ high_dose + baseline.
type Logistic struct {
	// Coef and SE are for intercept, high_dose and baseline, in that order.
	Coef, SE [3]float64
	// OR and Lo, Hi are exp(high_dose coefficient) and its Wald 95% CI.
	OR, Lo, Hi float64
	Iterations int
}

// Reasons a logistic fit is not reported.
var (
	ErrNoOutcomeVariation = errors.New("outcome has no variation (all or none maintained)")
	ErrSeparation         = errors.New("separation: the outcome is perfectly predicted, so the odds ratio is infinite")
	ErrEmptyGroup         = errors.New("one dose group is empty")
	ErrSingular           = errors.New("predictors are collinear (baseline does not vary, or varies only with dose)")
	ErrNoConvergence      = errors.New("did not converge")
)

const (
	maxIterations = 50
	// devTolerance is tighter than R's glm default (1e-8) so that results
	// agree with a tightly converged reference to 1e-6.
	devTolerance = 1e-12
	// separationEps: a fitted probability this close to 0 or 1 means the
	// likelihood is still climbing towards an infinite coefficient.
	separationEps = 1e-9
)

// FitLogistic fits maintained ~ high_dose + baseline by Newton–Raphson
// (IRLS) and reports the adjusted odds ratio for high dose with its Wald 95%
// CI. Separation, collinearity and non-convergence return an error saying why
// instead of a misleading number.
func FitLogistic(y, high []bool, baseline []float64) (Logistic, error) {
	if t := tabulate(y, high); t.HighYes+t.LowYes == 0 || t.HighNo+t.LowNo == 0 {
		return Logistic{}, ErrNoOutcomeVariation
	} else if t.HighYes+t.HighNo == 0 || t.LowYes+t.LowNo == 0 {
		return Logistic{}, ErrEmptyGroup
	} else if t.HighYes == 0 || t.HighNo == 0 || t.LowYes == 0 || t.LowNo == 0 {
		return Logistic{}, ErrSeparation
	}
	var beta [3]float64
	dev := math.Inf(1)
	for it := 1; it <= maxIterations; it++ {
		h, g, newDev := newtonTerms(y, high, baseline, beta)
		inv, ok := invert3(h)
		if !ok {
			return Logistic{}, ErrSingular
		}
		for i := range beta {
			beta[i] += inv[i][0]*g[0] + inv[i][1]*g[1] + inv[i][2]*g[2]
		}
		if math.Abs(newDev-dev)/(math.Abs(newDev)+0.1) < devTolerance {
			return finishLogistic(y, high, baseline, beta, it)
		}
		dev = newDev
	}
	return Logistic{}, ErrNoConvergence
}

// newtonTerms returns the information matrix X'WX, the score X'(y−p) and the
// deviance at beta.
func newtonTerms(y, high []bool, baseline []float64, beta [3]float64) (h [3][3]float64, g [3]float64, dev float64) {
	for i := range y {
		x := [3]float64{1, b2f(high[i]), baseline[i]}
		p := sigmoid(beta[0] + beta[1]*x[1] + beta[2]*x[2])
		w := p * (1 - p)
		r := b2f(y[i]) - p
		for j := range 3 {
			g[j] += x[j] * r
			for k := range 3 {
				h[j][k] += w * x[j] * x[k]
			}
		}
		if y[i] {
			dev -= 2 * math.Log(p)
		} else {
			dev -= 2 * math.Log1p(-p)
		}
	}
	return h, g, dev
}

func finishLogistic(y, high []bool, baseline []float64, beta [3]float64, iterations int) (Logistic, error) {
	h, _, _ := newtonTerms(y, high, baseline, beta)
	for i := range y {
		p := sigmoid(beta[0] + beta[1]*b2f(high[i]) + beta[2]*baseline[i])
		if p < separationEps || p > 1-separationEps {
			return Logistic{}, ErrSeparation
		}
	}
	inv, ok := invert3(h)
	if !ok {
		return Logistic{}, ErrSingular
	}
	fit := Logistic{Coef: beta, Iterations: iterations}
	for i := range 3 {
		fit.SE[i] = math.Sqrt(inv[i][i])
	}
	fit.OR = math.Exp(beta[1])
	fit.Lo = math.Exp(beta[1] - z975*fit.SE[1])
	fit.Hi = math.Exp(beta[1] + z975*fit.SE[1])
	if math.IsInf(fit.Hi, 0) || fit.Lo == 0 || math.IsNaN(fit.Hi) {
		return Logistic{}, ErrSeparation
	}
	return fit, nil
}

func sigmoid(eta float64) float64 { return 1 / (1 + math.Exp(-eta)) }

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// invert3 inverts a symmetric positive-definite 3×3 matrix by Gauss–Jordan
// elimination with partial pivoting; ok is false when it is (nearly) singular.
func invert3(m [3][3]float64) (inv [3][3]float64, ok bool) {
	var a [3][6]float64
	scale := 0.0
	for i := range 3 {
		for j := range 3 {
			a[i][j] = m[i][j]
			scale = max(scale, math.Abs(m[i][j]))
		}
		a[i][3+i] = 1
	}
	for col := range 3 {
		pivot := col
		for r := col + 1; r < 3; r++ {
			if math.Abs(a[r][col]) > math.Abs(a[pivot][col]) {
				pivot = r
			}
		}
		if math.Abs(a[pivot][col]) <= 1e-12*scale {
			return inv, false
		}
		a[col], a[pivot] = a[pivot], a[col]
		p := a[col][col]
		for j := range 6 {
			a[col][j] /= p
		}
		for r := range 3 {
			if r != col {
				f := a[r][col]
				for j := range 6 {
					a[r][j] -= f * a[col][j]
				}
			}
		}
	}
	for i := range 3 {
		copy(inv[i][:], a[i][3:])
	}
	return inv, true
}
