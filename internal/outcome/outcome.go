// Package outcome computes practice outcome statistics: the integration-dose
// comparison (clients with 8 or more sessions in their first 90 days against
// fewer, on whether they maintained a clinically important improvement at 12
// months), and response and remission rates per instrument.
//
// It is pure computation over in-memory rows plus a CSV reader; it knows
// nothing of storage or HTTP, and takes each instrument's thresholds as a
// Rule so that it does not depend on the measure package (app wires them).
// Scores are clinical content: nothing here logs.
package outcome

// HighDoseSessions is the number of sessions in the first 90 days at which a
// client counts as "high dose".
const HighDoseSessions = 8

// MinReportable is the smallest number of clients a figure may be computed
// from before a product page shows it; below it the page hides the figure
// (small cells can identify people and are too noisy to mean anything).
const MinReportable = 10

// Rule carries an instrument's thresholds.
type Rule struct {
	// Min and Max bound a valid total score.
	Min, Max float64
	// MCID is the baseline-minus-follow-up drop that counts as maintained.
	MCID float64
	// RemissionBelow is the follow-up total under which a client remits.
	RemissionBelow float64
}

// Row is one client's scores on one instrument.
type Row struct {
	ClientID   string
	Sessions90 int
	Instrument string
	Baseline   float64
	Month12    float64
	// FollowedUp is false when the 12-month score is missing (lost to
	// follow-up): such rows are counted but excluded from the analysis.
	FollowedUp bool
}

// HighDose reports whether the client had the high integration dose.
func (r Row) HighDose() bool { return r.Sessions90 >= HighDoseSessions }

// Maintained reports whether baseline minus the 12-month score reached the
// MCID. Rows without follow-up are never maintained.
func Maintained(r Row, rule Rule) bool {
	return r.FollowedUp && r.Baseline-r.Month12 >= rule.MCID
}

// Hidden reports whether a figure computed from n clients must be hidden on
// a product page.
func Hidden(n int) bool { return n < MinReportable }
