package outcome

// Rates are response and remission among clients with a 12-month score.
type Rates struct {
	N, Responders, Remitters int
	// ResponseRate and RemissionRate are fractions in [0, 1]; 0 when N is 0.
	ResponseRate, RemissionRate float64
}

// Responded reports a reduction of at least 50% from baseline. A baseline of
// 0 cannot halve, so it never counts as a response.
func Responded(r Row) bool {
	return r.FollowedUp && r.Baseline > 0 && r.Baseline-r.Month12 >= 0.5*r.Baseline
}

// Remitted reports a follow-up score under the instrument's remission cut-off
// (PHQ-9 < 5, GAD-7 < 5, PCL-5 < 33).
func Remitted(r Row, rule Rule) bool {
	return r.FollowedUp && r.Month12 < rule.RemissionBelow
}

// ResponseRemission computes the rates for rows of one instrument; rows lost
// to follow-up are excluded.
func ResponseRemission(rows []Row, rule Rule) Rates {
	var out Rates
	for _, r := range rows {
		if !r.FollowedUp {
			continue
		}
		out.N++
		if Responded(r) {
			out.Responders++
		}
		if Remitted(r, rule) {
			out.Remitters++
		}
	}
	if out.N > 0 {
		out.ResponseRate = float64(out.Responders) / float64(out.N)
		out.RemissionRate = float64(out.Remitters) / float64(out.N)
	}
	return out
}
