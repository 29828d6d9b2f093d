// Package triage decides, from an intake, whether a person can start
// integration coaching and on what terms. The rules are ordered: the first
// tier that matches wins (emergency, then clinical referral, then coaching
// alongside a clinician, then plain coaching), and every result carries the
// stable reason codes that put it there so a coach can see why.
//
// The command line (afterward triage) and the web intake both go through
// Decode and Assess, so they can never disagree.
package triage

import "time"

// Disposition is the outcome of triage.
type Disposition string

// Dispositions, most urgent first.
const (
	Emergency             Disposition = "emergency"
	ReferClinical         Disposition = "refer_clinical"
	CoachingWithClinician Disposition = "coaching_with_clinician"
	Coaching              Disposition = "coaching"
)

// FirstSessionWindow is how soon after the experience the first session is due.
const FirstSessionWindow = 72 * time.Hour

// Values of the enumerated intake fields.
const (
	None = "none"

	PsychosisPast    = "past"
	PsychosisCurrent = "current"

	BipolarII = "bipolar_ii"
	BipolarI  = "bipolar_i"

	SubstanceUseMild     = "mild"
	SubstanceUseModerate = "moderate"
	SubstanceUseSevere   = "severe"

	ContextUnintentional = "unintentional"
)

// Intake is one validated intake. Build it with Decode; the zero values of
// History, Current and CSSRS mean "none" and "no".
type Intake struct {
	SubmittedAt time.Time
	Experience  Experience
	History     History
	Current     Current
	CSSRS       CSSRS
	// PHQ9, GAD7 and PCL5 are nil when not answered.
	PHQ9 []int
	GAD7 []int
	PCL5 []int
}

// Experience is the psychedelic experience the person is integrating.
type Experience struct {
	Date      time.Time
	Substance string
	Context   string
}

// History is the person's psychiatric history.
type History struct {
	Psychosis               string // none, past, current
	Bipolar                 string // none, bipolar_ii, bipolar_i
	MoodEpisodeNow          bool
	SubstanceUse            string // none, mild, moderate, severe
	SubstanceUseInRemission bool
}

// Current is the person's situation now.
type Current struct {
	HasTherapist     bool
	MedicalEmergency bool
	AdverseReaction  bool
}

// CSSRS holds the six yes/no answers of the C-SSRS screener.
type CSSRS struct {
	Q1, Q2, Q3, Q4, Q5, Q6 bool
	// Q6Within3Months only matters when Q6 is true.
	Q6Within3Months bool
}

// Result is the outcome of Assess, shaped for JSON output.
type Result struct {
	Disposition Disposition `json:"disposition"`
	// Reasons are the codes of the winning tier only, in rule order; never nil.
	Reasons []string `json:"reasons"`
	// FirstSessionDue is in UTC; encoding/json writes it as RFC 3339 and keeps
	// sub-seconds only when the experience date had them.
	FirstSessionDue        time.Time `json:"first_session_due"`
	LateStart              bool      `json:"late_start"`
	NeedsClinicianReferral bool      `json:"needs_clinician_referral"`
}

// Sum adds up questionnaire item scores.
func Sum(items []int) int {
	total := 0
	for _, v := range items {
		total += v
	}
	return total
}
