// Package alert is the safety side of the practice after intake: safety
// alerts raised by crisis language in what clients write, by questionnaire
// answers (PHQ-9 item 9, C-SSRS risk) and by an emergency at intake; the
// coach's safety queue; and closing an alert with a follow-up note.
//
// Other packages call three functions inside the transaction that saves the
// client's content: ScanText after saving free text, CheckQuestionnaire
// after saving a questionnaire, and Raise for a decision they made
// themselves. Each creates the alert, appends a content-free audit event and
// enqueues content-free emails to the assigned coach and the practice
// admins, all in that transaction: the alert exists if and only if the
// content was saved. The in-app alert is immediate; the email worker polls
// every second.
//
// Alerts never carry the client's text: a level, a reason code and the kind
// and id of the source. The reason code, the kinds of risk and the
// follow-up note are sealed by the vault; the one-open-alert index holds a
// keyed digest of the code (vault.Digest), never the code.
package alert

import (
	"time"

	"github.com/afterward/afterward/internal/crisis"
	"github.com/afterward/afterward/internal/safety"
)

// Source is where an alert came from: the kind of record and its id.
type Source struct {
	Kind string // journal_entry, message, intake, questionnaire, …
	ID   int64
}

// Reason codes of alerts raised by this package; callers of Raise may use
// their own snake_case codes.
const (
	ReasonCrisisLanguage  = "crisis_language"
	ReasonPHQ9Item9       = "phq9_item9"
	ReasonCSSRSModerate   = "cssrs_moderate"
	ReasonCSSRSHigh       = "cssrs_high"
	ReasonIntakeEmergency = "intake_emergency"
	// ReasonClientNotSafe: the client said so themselves, with the "I'm
	// not safe right now" button or the check-in's safety question.
	ReasonClientNotSafe = "client_not_safe"
	// ReasonLowMood: the lowest mood score on three days running (see
	// checkin.LowMoodDays).
	ReasonLowMood = "low_mood_days"
	// ReasonAdverseSevere and ReasonAdverseLifeThreatening: the coach
	// logged a severe or life-threatening adverse reaction.
	ReasonAdverseSevere          = "adverse_severe"
	ReasonAdverseLifeThreatening = "adverse_life_threatening"
	// ReasonFormHarmThoughts: on a signed regulated form (Oregon's client
	// information form, Colorado's safety screen) the client answered yes
	// to current thoughts of harming themselves or others.
	ReasonFormHarmThoughts = "form_harm_thoughts"
)

// DefaultKinds are the kinds of risk a structured reason is about, for
// alerts raised without a text scan: PHQ-9 item 9 and the C-SSRS ask about
// suicide and self-harm; a low-mood run is a psychiatric warning sign. A
// client who says they are not safe has not said how, so the help for no
// kind (the emergency number first) applies.
func DefaultKinds(reason string) []safety.Kind {
	switch reason {
	case ReasonPHQ9Item9:
		return []safety.Kind{safety.KindSuicide, safety.KindSelfHarm}
	case ReasonCSSRSModerate, ReasonCSSRSHigh:
		return []safety.Kind{safety.KindSuicide}
	case ReasonLowMood:
		return []safety.Kind{safety.KindHopelessness}
	}
	return nil
}

// Alert is one safety alert as the queue shows it.
type Alert struct {
	ID         int64
	ClientID   int64
	ClientName string
	Level      safety.Level
	Reason     string
	Source     Source
	CreatedAt  time.Time
	ClosedAt   *time.Time
	ClosedBy   string
	// Kinds are the kinds of risk, in the order of safety.Kinds; empty
	// when unknown.
	Kinds          []safety.Kind
	AcknowledgedAt *time.Time
	EscalatedAt    *time.Time
	// FollowUp is the opened note; only Get fills it, for the coach.
	FollowUp string
}

// Open reports whether the alert still waits for a follow-up.
func (a Alert) Open() bool { return a.ClosedAt == nil }

// ReasonLabel is the reason in plain words for the queue.
func (a Alert) ReasonLabel() string { return ReasonLabel(a.Reason) }

// Waited is how long the alert has waited at now: until it was closed, or
// until now while open.
func (a Alert) Waited(now time.Time) time.Duration {
	end := now
	if a.ClosedAt != nil {
		end = *a.ClosedAt
	}
	if end.Before(a.CreatedAt) {
		return 0
	}
	return end.Sub(a.CreatedAt)
}

// KindLabels are the alert's kinds in plain words.
func (a Alert) KindLabels() []string { return crisis.KindLabels(a.Kinds) }

// ReasonLabel says what a reason code means.
func ReasonLabel(code string) string {
	switch code {
	case "":
		return "Reason withheld: clinical detail needs break-glass access"
	case ReasonCrisisLanguage:
		return "Crisis language in something the client wrote"
	case ReasonPHQ9Item9:
		return "PHQ-9 item 9: thoughts of self-harm"
	case ReasonCSSRSModerate:
		return "C-SSRS screener: moderate risk"
	case ReasonCSSRSHigh:
		return "C-SSRS screener: high risk"
	case ReasonIntakeEmergency:
		return "Intake triage: emergency"
	case ReasonClientNotSafe:
		return "The client said they are not safe right now"
	case ReasonLowMood:
		return "Lowest mood score three days running"
	case ReasonAdverseSevere:
		return "Severe adverse reaction logged"
	case ReasonAdverseLifeThreatening:
		return "Life-threatening adverse reaction logged"
	case ReasonFormHarmThoughts:
		return "On a signed form: current thoughts of harming self or others"
	}
	return code
}

// MaxNote bounds a follow-up note.
const MaxNote = 4000
