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

// Reason is a stable code saying why a phrase matched. Every code starts
// with the kind it names (suicidal_intent names suicide), so a reader of
// the JSON sees the kind of each phrase.
type Reason string

// Suicide.
const (
	SuicidalIntent   Reason = "suicidal_intent"
	SuicidePlan      Reason = "suicide_plan"
	MeansAccess      Reason = "suicide_means"
	SuicideImminent  Reason = "suicide_imminent"
	SuicideGoodbye   Reason = "suicide_goodbye"
	SuicidePlace     Reason = "suicide_place"
	PassiveDeathWish Reason = "suicide_passive_wish"
	BurdenToOthers   Reason = "suicide_burden"
	SuicidalThoughts Reason = "suicidal_thoughts"
	PastAttempt      Reason = "suicide_past_attempt"
	// SuicideLanguage and SuicideLanguagePlan are hits of the broad
	// fallback lexicon (fallback.go) in a sentence no specific rule
	// explained, alone (concern) or next to an intent, plan, means or time
	// cue (urgent). The fallback's hopelessness and self-harm hits take
	// those kinds' codes.
	SuicideLanguage     Reason = "suicide_language"
	SuicideLanguagePlan Reason = "suicide_language_with_plan"
)

// PossibleRiskLanguage and PossibleRiskPlan are the fallback's codes
// before its hits are given a kind.
const (
	PossibleRiskLanguage = SuicideLanguage
	PossibleRiskPlan     = SuicideLanguagePlan
)

// Self-harm.
const (
	ImminentSelfHarm  Reason = "self_harm_imminent"
	SelfHarmThoughts  Reason = "self_harm_thoughts"
	SelfHarmBehaviour Reason = "self_harm_behaviour"
	SelfHarmInjury    Reason = "self_harm_injury"
	SelfHarmLanguage  Reason = "self_harm_language"
)

// Overdose and medical emergencies.
const (
	OverdoseTaken    Reason = "overdose_taken"
	OverdoseMixing   Reason = "overdose_mixing"
	MedicalEmergency Reason = "medical_emergency"
)

// Violence and an unsafe home.
const (
	ViolenceThreatened Reason = "violence_threatened"
	ViolenceAct        Reason = "violence_against_writer"
	ViolenceIntent     Reason = "violence_intent"
	ChildInDanger      Reason = "violence_child_in_danger"
	UnsafeAtHome       Reason = "unsafe_home"
)

// Psychiatric warning signs.
const (
	CommandVoices       Reason = "psychosis_command_voices"
	PsychosisVoices     Reason = "psychosis_voices"
	PsychosisParanoia   Reason = "psychosis_paranoia"
	PsychosisVisuals    Reason = "psychosis_lasting_visuals"
	ManiaDanger         Reason = "mania_with_danger"
	ManiaNoSleep        Reason = "mania_no_sleep"
	ManiaRacing         Reason = "mania_racing_thoughts"
	ManiaGrandiose      Reason = "mania_grandiosity"
	DissociationLasting Reason = "dissociation_lasting"
	PanicOngoing        Reason = "panic_ongoing"
	RelapseUse          Reason = "relapse"
	EatingRestrictPurge Reason = "eating_restrict_purge"
	Hopelessness        Reason = "hopelessness"
	HopelessLanguage    Reason = "hopelessness_language"
	Withdrawal          Reason = "hopelessness_withdrawal"
)

// Match is one phrase that raised the level.
type Match struct {
	// Phrase is the exact substring of the scanned text.
	Phrase string `json:"phrase"`
	Reason Reason `json:"reason"`
	// Kind is the kind of risk the phrase names; the JSON keeps to the
	// phrase and reason, and Result.Kinds lists the kinds.
	Kind Kind `json:"-"`
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
