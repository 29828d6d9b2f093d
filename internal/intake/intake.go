// Package intake is a client's intake: a step-by-step form (the experience,
// intentions, current care, history, current state, the C-SSRS screener,
// PHQ-9, GAD-7 and the optional PCL-5) whose progress is saved after every
// step, and its submission, which runs the same triage as the
// `afterward triage` command (the answers become a triage intake through
// triage.Decode and are assessed by triage.Assess).
//
// Answers are sensitive: they are sealed by the vault as one JSON document
// per intake, and every read and write goes through the policy, which audits
// it. The triage outcome (disposition, reason codes, first session due, late
// start, clinician needed, clinical clearance) is kept beside it in plain
// columns, because coaches and admins work from it.
//
// The package also keeps the practice's referral partners (psychiatric and
// medical services a client is referred to).
package intake

import (
	"time"

	"github.com/afterward/afterward/internal/triage"
)

// Answers are the form values by question name, as typed: a step is saved
// even when later steps are blank, so nothing typed is lost.
type Answers map[string]string

// Intake is one client's intake as its owner (or their coach) sees it.
type Intake struct {
	ID        int64
	ClientID  int64
	Step      string // the next step to fill in; StepReview when all are saved
	Answers   Answers
	Submitted bool
	Outcome   Outcome
}

// Outcome is what triage decided and what has happened since.
type Outcome struct {
	SubmittedAt       time.Time
	Disposition       triage.Disposition
	Reasons           []string
	FirstSessionDue   time.Time
	LateStart         bool
	NeedsClinician    bool       // triage asked for a clinician alongside coaching
	ClinicianRecorded *time.Time // when a clinician was recorded
	ClearedAt         *time.Time // clinical clearance (refer_clinical, emergency)
	ClearedBy         int64
}

// ClinicianNeeded is true while a clinician is required and none is recorded.
func (o Outcome) ClinicianNeeded() bool { return o.NeedsClinician && o.ClinicianRecorded == nil }

// OnHold reports whether coaching booking waits for clinical clearance.
func (o Outcome) OnHold() bool {
	return (o.Disposition == triage.ReferClinical || o.Disposition == triage.Emergency) && o.ClearedAt == nil
}

// Summary is one row of a coach's or admin's intake list: no answers.
type Summary struct {
	ClientID   int64
	ClientName string
	CoachName  string
	Step       string
	Submitted  bool
	Outcome    Outcome
	Withheld   bool // the outcome is clinical: shown to an admin only under break-glass
	// Hold is Outcome.HoldOf(), kept when the outcome is withheld: an
	// admin must know a client is on hold (not to assign them), not why.
	Hold Hold
}

// Partner is one referral partner of a practice.
type Partner struct {
	ID         int64
	PracticeID int64
	Kind       string // psychiatric, medical, therapy
	Name       string
	Phone      string
	URL        string
	Note       string
}

// Partner kinds.
var PartnerKinds = []string{"psychiatric", "medical", "therapy"}

// ExperienceAt is when the experience happened, from the answers' date,
// time and zone; an error when any of them is missing or unreadable.
func (a Answers) ExperienceAt() (time.Time, error) { return experienceAt(a) }
