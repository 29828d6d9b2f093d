// Package adverse is the adverse-reaction log every practice keeps: what
// happened after or around a client's experience, how severe it was, how
// the coach responded and what follow-up was arranged. A severe or
// life-threatening reaction raises a safety alert, so it reaches the
// safety queue and its escalation.
//
// The free text is clinical: it is sealed under the client's data key,
// read and written only by the client's coach (an admin reads it under
// break-glass, as other clinical content), and every access is audited.
package adverse

import (
	"strconv"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/errs"
)

// Severity grades a reaction.
type Severity string

const (
	Mild            Severity = "mild"
	Moderate        Severity = "moderate"
	Severe          Severity = "severe"
	LifeThreatening Severity = "life_threatening"
)

// Severities in increasing order, for forms.
var Severities = []Severity{Mild, Moderate, Severe, LifeThreatening}

// Label is the severity in plain words.
func (s Severity) Label() string {
	switch s {
	case Mild:
		return "Mild"
	case Moderate:
		return "Moderate"
	case Severe:
		return "Severe"
	case LifeThreatening:
		return "Life-threatening"
	}
	return string(s)
}

// Valid reports whether s is one of the Severities.
func (s Severity) Valid() bool {
	for _, v := range Severities {
		if s == v {
			return true
		}
	}
	return false
}

// RaisesAlert: severe and life-threatening reactions go to the safety
// queue.
func (s Severity) RaisesAlert() bool { return s == Severe || s == LifeThreatening }

// MaxText bounds each free-text field.
const MaxText = 4000

// Report is what the coach records.
type Report struct {
	OccurredAt time.Time
	Severity   Severity
	What       string // what happened
	Response   string // what was done at the time
	FollowUp   string // what follow-up is arranged (may be empty)
}

// Validate checks a report at now; the field names are the form's.
func (r *Report) Validate(now time.Time) error {
	r.What, r.Response, r.FollowUp = strings.TrimSpace(r.What), strings.TrimSpace(r.Response), strings.TrimSpace(r.FollowUp)
	v := errs.Validation{}
	v.Check(!r.OccurredAt.IsZero(), "occurred_at", "enter when it happened")
	v.Check(r.OccurredAt.IsZero() || !r.OccurredAt.After(now.Add(time.Hour)), "occurred_at", "a reaction cannot be in the future")
	v.Check(r.Severity.Valid(), "severity", "choose mild, moderate, severe or life-threatening")
	v.Check(r.What != "", "what", "describe what happened")
	v.Check(len(r.What) <= MaxText, "what", "keep this under 4,000 characters")
	v.Check(r.Response != "", "response", "say how it was responded to")
	v.Check(len(r.Response) <= MaxText, "response", "keep this under 4,000 characters")
	v.Check(len(r.FollowUp) <= MaxText, "follow_up", "keep this under 4,000 characters")
	return v.Err()
}

// Reaction is one logged reaction with its text opened.
type Reaction struct {
	ID           int64
	ClientID     int64
	ExperienceAt *time.Time // the client's experience when it was logged
	AlertID      int64      // the safety alert it raised; 0 for none
	RecordedBy   string
	CreatedAt    time.Time
	Report
}

// SinceExperience says how long after the experience the reaction
// happened, in days, or "" when the experience is not recorded.
func (r Reaction) SinceExperience() string {
	if r.ExperienceAt == nil || r.OccurredAt.Before(*r.ExperienceAt) {
		return ""
	}
	d := r.OccurredAt.Sub(*r.ExperienceAt)
	if d < 24*time.Hour {
		return "within a day of the experience"
	}
	days := int(d.Hours() / 24)
	if days == 1 {
		return "1 day after the experience"
	}
	return strconv.Itoa(days) + " days after the experience"
}
