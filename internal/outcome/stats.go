package outcome

import "math"

// z975 is the 97.5th percentile of the standard normal distribution.
const z975 = 1.959963984540054

// Table is a 2×2 table: rows high dose / low dose, columns maintained / not.
type Table struct {
	HighYes, HighNo, LowYes, LowNo int
}

// OddsRatio is an odds ratio with its 95% confidence interval.
type OddsRatio struct {
	OR, Lo, Hi float64
	// Corrected is true when 0.5 was added to every cell because one was 0.
	Corrected bool
}

// WoolfOddsRatio computes the odds ratio (HighYes·LowNo)/(HighNo·LowYes) and
// Woolf's log-method 95% CI: exp(ln OR ± 1.96·sqrt(1/a+1/b+1/c+1/d)). When
// any cell is 0, 0.5 is added to every cell (Haldane–Anscombe) so both the
// estimate and the interval are finite.
func WoolfOddsRatio(t Table) OddsRatio {
	a, b, c, d := float64(t.HighYes), float64(t.HighNo), float64(t.LowYes), float64(t.LowNo)
	corrected := a == 0 || b == 0 || c == 0 || d == 0
	if corrected {
		a, b, c, d = a+0.5, b+0.5, c+0.5, d+0.5
	}
	logOR := math.Log(a) + math.Log(d) - math.Log(b) - math.Log(c)
	se := math.Sqrt(1/a + 1/b + 1/c + 1/d)
	return OddsRatio{
		OR:        (a * d) / (b * c),
		Lo:        math.Exp(logOR - z975*se),
		Hi:        math.Exp(logOR + z975*se),
		Corrected: corrected,
	}
}

// fisherRelErr is R's tolerance for ties in fisher.test: tables whose
// probability is within a relative 1e-7 of the observed one count as "as
// extreme", so floating-point noise does not drop exactly tied tables.
const fisherRelErr = 1 + 1e-7

// FisherExact is the two-sided p-value of Fisher's exact test as R's
// fisher.test computes it: the sum of the hypergeometric probabilities of
// every table with the observed margins whose probability is at most the
// observed table's (times 1+1e-7).
func FisherExact(t Table) float64 {
	m := t.HighYes + t.LowYes // column 1 total (maintained)
	n := t.HighNo + t.LowNo   // column 2 total
	k := t.HighYes + t.HighNo // row 1 total (high dose)
	lo, hi := max(0, k-n), min(k, m)
	if lo == hi {
		return 1
	}
	logd := make([]float64, hi-lo+1)
	top := math.Inf(-1)
	for x := lo; x <= hi; x++ {
		v := logHyper(x, m, n, k)
		logd[x-lo] = v
		top = max(top, v)
	}
	// Normalise as R does (exp(d − max d) / sum) so the relative tolerance
	// acts on the same numbers.
	sum := 0.0
	for i, v := range logd {
		logd[i] = math.Exp(v - top)
		sum += logd[i]
	}
	observed := logd[t.HighYes-lo] * fisherRelErr
	p := 0.0
	for _, d := range logd {
		if d <= observed {
			p += d
		}
	}
	return min(1, p/sum)
}

// logHyper is log P(X = x) for X ~ Hypergeometric(m white, n black, k drawn).
func logHyper(x, m, n, k int) float64 {
	return logChoose(m, x) + logChoose(n, k-x) - logChoose(m+n, k)
}

func logChoose(n, k int) float64 {
	a, _ := math.Lgamma(float64(n + 1))
	b, _ := math.Lgamma(float64(k + 1))
	c, _ := math.Lgamma(float64(n - k + 1))
	return a - b - c
}

// RiskDifference is P(maintained | high dose) − P(maintained | low dose);
// ok is false when either group is empty.
func RiskDifference(t Table) (diff float64, ok bool) {
	nh, nl := t.HighYes+t.HighNo, t.LowYes+t.LowNo
	if nh == 0 || nl == 0 {
		return 0, false
	}
	return float64(t.HighYes)/float64(nh) - float64(t.LowYes)/float64(nl), true
}
