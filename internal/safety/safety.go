// Package safety scans free text that clients write (journal entries,
// messages, intake notes) for crisis language, so a coach can act on it.
//
// The scanner is rule-based so every alert can be explained: each match
// carries the exact phrase from the text and a stable reason code. It reads
// the text sentence by sentence after normalising case, apostrophes and
// contractions, and it is written for the language of psychedelic
// integration, where "ego death", "I felt like I was dying" and "my old self
// died" are ordinary descriptions of an experience, not crisis language.
//
// Choices, so that reviewers can disagree with them on purpose:
//   - Only the writer's own risk is flagged: patterns need a first-person
//     subject or object ("I", "me", "myself", "my life"). "My friend said she
//     wanted to die" is none: it is not the client's risk, and a coach reads
//     the text anyway.
//   - A negator just before a phrase cancels it ("I'm not going to kill
//     myself", "I would never hurt myself"), but phrases whose meaning is
//     the negation match as written ("I don't want to live anymore").
//   - History counts: a past attempt ("last year I tried to kill myself") or
//     past self-harm is concern, never urgent. Past death wishes are concern
//     too, except when they describe the experience itself ("during the
//     ceremony I wanted to die"), which is common and passes.
//   - Wanting to kill oneself is urgent (stated intent); wanting to die,
//     thinking about suicide, or wanting to hurt oneself is concern.
//
// The scanner never logs or stores the text; it returns the matches only.
package safety

import (
	"encoding/json"
	"fmt"
)

// Level orders how much attention a text needs: None < Concern < Urgent.
type Level int

// Levels in increasing order of urgency.
const (
	None Level = iota
	Concern
	Urgent
)

var levelNames = [...]string{None: "none", Concern: "concern", Urgent: "urgent"}

func (l Level) String() string {
	if l < None || l > Urgent {
		return fmt.Sprintf("Level(%d)", int(l))
	}
	return levelNames[l]
}

// MarshalText writes the level as none, concern or urgent.
func (l Level) MarshalText() ([]byte, error) {
	if l < None || l > Urgent {
		return nil, fmt.Errorf("safety: invalid level %d", int(l))
	}
	return []byte(levelNames[l]), nil
}

// UnmarshalText reads none, concern or urgent.
func (l *Level) UnmarshalText(b []byte) error {
	parsed, err := ParseLevel(string(b))
	if err != nil {
		return err
	}
	*l = parsed
	return nil
}

// ParseLevel reads none, concern or urgent.
func ParseLevel(s string) (Level, error) {
	for i, name := range levelNames {
		if name == s {
			return Level(i), nil
		}
	}
	return None, fmt.Errorf("safety: unknown level %q", s)
}

// Reason is a stable code saying why a phrase matched.
type Reason string

// Urgent reasons.
const (
	SuicidalIntent   Reason = "suicidal_intent"
	SuicidePlan      Reason = "suicide_plan"
	MeansAccess      Reason = "means_access"
	ImminentSelfHarm Reason = "imminent_self_harm"
)

// Concern reasons.
const (
	PassiveDeathWish  Reason = "passive_death_wish"
	BurdenToOthers    Reason = "burden_to_others"
	Hopelessness      Reason = "hopelessness"
	SelfHarmThoughts  Reason = "self_harm_thoughts"
	SuicidalThoughts  Reason = "suicidal_thoughts"
	PastAttempt       Reason = "past_attempt"
	SelfHarmBehaviour Reason = "self_harm_behaviour"
)

// Fallback reasons: a hit of the broad lexicon (fallback.go) in a
// sentence no specific rule explained, alone (concern) or next to an
// intent, plan, means or time cue (urgent).
const (
	PossibleRiskLanguage Reason = "possible_risk_language"
	PossibleRiskPlan     Reason = "possible_risk_with_plan"
)

// Match is one phrase that raised the level.
type Match struct {
	// Phrase is the exact substring of the scanned text.
	Phrase string `json:"phrase"`
	Reason Reason `json:"reason"`
	// Level is the level this phrase alone raises the text to.
	Level Level `json:"-"`
	// Start and End are the byte offsets of Phrase in the text.
	Start int `json:"-"`
	End   int `json:"-"`
}

// Result is the outcome of Scan.
type Result struct {
	// Level is the highest level of any match; None without matches.
	Level Level `json:"level"`
	// Matches are in text order; empty, never nil, when nothing matched.
	Matches []Match `json:"matches"`
	// Kinds are the kinds of risk found, in the order of Kinds; empty,
	// never nil, when nothing matched.
	Kinds []Kind `json:"kinds"`
}

var _ json.Marshaler = Result{}

// MarshalJSON writes matches as [] rather than null when there are none.
func (r Result) MarshalJSON() ([]byte, error) {
	type plain Result
	out := plain(r)
	if out.Matches == nil {
		out.Matches = []Match{}
	}
	if out.Kinds == nil {
		out.Kinds = []Kind{}
	}
	return json.Marshal(out)
}
