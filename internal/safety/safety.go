// Package safety scans free text that clients write (journal entries,
// messages, intake notes) for risk, so a coach can act on it and the client
// is shown the help that fits: the level (none, concern, urgent), every
// matching phrase with a reason code, and the kinds of risk (kind.go).
//
// Every alert can be explained: each match carries the exact phrase from
// the text and a reason code that starts with its kind. The text is read
// sentence by sentence after normalising case, apostrophes, contractions,
// text-speak and common misspellings (text.go, spelling.go), in layers:
//   - phrase rules and concept rules for suicide and self-harm (rules*.go,
//     concept_rules*.go) and a broad fallback lexicon (fallback*.go);
//   - concepts for every kind (concepts_*.go): the ways people say a
//     symptom, a threat, a return to use, and broad word classes that must
//     meet in a sentence (a symptom, a substance and distress);
//   - indirect goodbyes read across the whole text (kinds_scan.go);
//   - a naive Bayes layer trained at first use from the embedded
//     development corpus (learned.go, corpus.go), for sentences nothing
//     else explained; its match is the span of the words that decided;
//   - a text-level logistic regression (softmax.go) trained at first use
//     from the development corpus and the outside writers' sets, with two
//     heads: the kinds head flags at concern a text nothing else flagged
//     and overrules concern-only matches when it is sure the text is
//     none; the urgent head (urgent against the rest) raises a concern to
//     urgent when the sentence's window reads as an emergency, and with
//     the kinds head overrules urgent phrases too when both are sure the
//     text is none and calm; its match is the words that decided.
//
// One set of frames (frame.go) decides for every layer whether a risk is
// the writer's, now: told as history or recovery, someone else's, met at
// work or on a course, in a story or a game, a hypothetical, a denied
// question, the psychedelic experience itself ("ego death", "I died and
// was reborn", purging in ceremony) unless it outlasts it, or hyperbole.
// A medical emergency or overdose of someone with the writer counts.
//
// Choices, so that reviewers can disagree with them on purpose:
//   - A negator just before a phrase cancels it ("I'm not going to kill
//     myself"), but phrases whose meaning is the negation match as written
//     ("I don't want to live anymore").
//   - A crisis told as over ("a year ago I was suicidal, today I'm well")
//     is none; a past attempt without a recovery is concern.
//   - Intent, plan, means, place, timing, goodbyes, overdose, a medical
//     emergency, violence and a child in danger are urgent; wishes,
//     self-harm, hopelessness and psychiatric warning signs are concern,
//     urgent when they come with acute danger (voices commanding harm, no
//     sleep with dangerous acts).
//
// Figures on unseen text are in testdata/README.md; the held-out figure
// is TestLearnedCV's (leave-one-writer-out over the outside writers).
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
