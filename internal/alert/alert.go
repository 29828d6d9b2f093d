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
// and id of the source. The follow-up note is sealed by the vault.
package alert

import (
	"time"

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
)

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
	// FollowUp is the opened note; only Get fills it, for the coach.
	FollowUp string
}

// Open reports whether the alert still waits for a follow-up.
func (a Alert) Open() bool { return a.ClosedAt == nil }

// ReasonLabel is the reason in plain words for the queue.
func (a Alert) ReasonLabel() string { return ReasonLabel(a.Reason) }

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
	}
	return code
}

// MaxNote bounds a follow-up note.
const MaxNote = 4000
