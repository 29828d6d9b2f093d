package safety_test

import (
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/safety"
)

// TestFallbackLayer covers the broad layer beneath the rules: each risk
// concept alone (concern), with a cue (urgent), and each harmless frame.
// The sentences are phrased so that no specific rule matches them.
func TestFallbackLayer(t *testing.T) {
	tests := []struct {
		name string
		text string
		want safety.Level
	}{
		{"suicide named", "Suicide has been on my mind a lot.", safety.Concern},
		{"means named with quantity", "There are forty tramadol in the drawer.", safety.Concern},
		{"means with time cue", "There are forty tramadol in the drawer and tonight is the night.", safety.Urgent},
		{"place with finality", "I walked up to the cliff edge and thought how easy it would be.", safety.Concern},
		{"place with present time", "Standing at the edge of the quarry right now.", safety.Urgent},
		{"place without finality", "We walked up to the cliff for the view.", safety.None},
		// A prepared means is urgent once the text layer's urgent head
		// reads it (session 5): the outside writers label "the rope is in
		// the garage" urgent. The fallback lexicon alone says concern.
		{"rope with purpose", "The rope is tied in the garage.", safety.Urgent},
		{"climbing rope", "Bought a new rope for climbing.", safety.None},
		{"gun owned and loaded", "My dad's shotgun is loaded in the cupboard.", safety.Urgent},
		{"gun owned", "I own a shotgun and some days that scares me.", safety.Concern},
		{"hunting gun", "We took the rifle hunting at dawn.", safety.None},
		{"self-harm on a body part with cue", "I scratched my arms till they bled.", safety.Concern},
		{"accidental burn", "I burned myself on the oven.", safety.None},
		{"burden", "I'm such a burden on my family.", safety.Concern},
		{"burden negated", "I'm not a burden to anyone.", safety.None},
		{"better off if gone, other subject", "My wife would be happier if I was gone.", safety.Concern},
		{"hopeless", "I've lost all hope.", safety.Concern},
		{"hopeless denied", "I'm not hopeless, just tired.", safety.None},
		{"cannot go on", "I can't go on.", safety.Concern},
		{"cannot go on a trip", "I can't go on the trip next week.", safety.None},
		{"wish for the end", "I just want it all to stop.", safety.Concern},
		{"farewell with finality", "I've been quietly saying my goodbyes to everyone.", safety.Concern},
		{"goodbye at the station", "Said goodbye to mum at the station.", safety.None},
		// Alone, a goodbye cue is concern since the outside writers' sets
		// x5–x7 (full of letters left for family) joined the text layer's
		// training (session 5); the fallback lexicon alone says none.
		{"letters left", "The letters are on the table.", safety.Concern},
		{"letters left after a plan", "It's set for tonight. The letters are on the table.", safety.Urgent},
		{"psychedelic death imagery", "In the journey I died a thousand times and came back.", safety.None},
		{"medicine cabinet is not the medicine", "Swallowed everything in the medicine cabinet.", safety.Urgent},
		{"idiom commute", "The commute is killing me.", safety.None},
		{"idiom dead phone", "My phone is dead again.", safety.None},
		{"idiom deadline", "This deadline is going to be the end of me.", safety.None},
		{"someone else", "My cousin keeps talking about overdosing.", safety.None},
		{"fiction", "In the novel she walks into the sea.", safety.None},
		{"question answered no", "Is suicide on my mind? No.", safety.None},
		{"asked, not told", "The nurse asked whether I own a shotgun.", safety.None},
		{"resolved in the past", "I used to have overdoses on my mind, but that's behind me.", safety.None},
		{"clinical note", "Client reports she has been stockpiling her insulin.", safety.Urgent},
		{"negated wish", "I would never want to die.", safety.None},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := safety.Scan(tt.text)
			if got.Level != tt.want {
				t.Fatalf("Scan(%q).Level = %v, want %v (matches %+v)", tt.text, got.Level, tt.want, got.Matches)
			}
			for _, m := range got.Matches {
				if !strings.Contains(tt.text, m.Phrase) || m.Phrase != tt.text[m.Start:m.End] {
					t.Errorf("phrase %q at [%d,%d) is not the exact substring", m.Phrase, m.Start, m.End)
				}
			}
		})
	}
}

// TestFallbackReasons checks the fallback's reason codes and that it adds
// nothing to a sentence a specific rule already explained.
func TestFallbackReasons(t *testing.T) {
	tests := []struct {
		name string
		text string
		want safety.Reason
	}{
		{"concern", "Suicide has been on my mind a lot.", safety.PossibleRiskLanguage},
		{"urgent", "There are forty tramadol in the drawer and tonight is the night.", safety.PossibleRiskPlan},
		{"specific rule wins", "I'm going to kill myself tonight.", safety.SuicidalIntent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := safety.Scan(tt.text)
			if len(got.Matches) != 1 || got.Matches[0].Reason != tt.want {
				t.Fatalf("Scan(%q).Matches = %+v, want one match with reason %s", tt.text, got.Matches, tt.want)
			}
		})
	}
}
