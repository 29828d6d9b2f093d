package safety_test

import (
	"testing"

	"github.com/afterward/afterward/internal/safety"
)

// TestUnderstatedEmergencies holds session 8's concepts on texts written
// for the test (not taken from the outside sets): flat emergencies told
// without crisis words, and the near misses that share their words.
func TestUnderstatedEmergencies(t *testing.T) {
	tests := []struct {
		name string
		text string
		want safety.Level
	}{
		// A final arrangement keeps an urgent phrase that the text layer
		// would read as a calm check-in.
		{"arrangement beside means", "Mood 2. Gave my cat to the neighbour this morning and told her I was going away. The rope is up in the shed. That's all.", safety.Urgent},
		// Acute physiology read off a cuff or a body, now.
		{"low pressure on a home cuff", "BP 78/45 on the home monitor and greying out when I stand, since the iboga last night.", safety.Urgent},
		{"fine then, but now", "She was fine an hour ago but now she's cold and clammy and says she can't feel her arms.", safety.Urgent},
		{"stroke signs", "My left side has gone weak and I'm seeing double, started half an hour after the ketamine.", safety.Urgent},
		{"lithium fragment", "on lithium and just took two tabs, hands twitching already", safety.Urgent},
		{"the day named", "been saving up 40 of my sleeping pills. today's the day.", safety.Urgent},
		{"a place, a phone running out", "Parked up by the reservoir. Phone on 3%. Can't see the point of any of it.", safety.Urgent},
		{"eyes heavy after using", "Picked up again tonight after a year off it. Eyes getting heavy.", safety.Urgent},
		// Concern signs told plainly.
		{"cigarette burn", "When the cravings get bad I hold a lighter against my arm.", safety.Concern},
		{"clothes falling off", "Skipping most meals lately. My jeans are hanging off me.", safety.Concern},
		{"letters for the kids left out", "The letters for my kids are on the kitchen table.", safety.Urgent},
		// Near misses with the same words.
		{"normal readings", "HR in the 60s, BP 120/80, feeling rested after the ceremony.", safety.None},
		{"a decade", "Back in the 80s I lived in a squat and played in a band.", safety.None},
		{"a load taken to someone", "Folk say he's drinking himself into the ground. Took him a load of firewood and we talked.", safety.None},
		{"bills on the table", "The bills are on the kitchen table, can you pay the electric one?", safety.None},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := safety.Scan(tc.text); got.Level != tc.want {
				t.Errorf("Scan(%q).Level = %v, want %v (matches %v)", tc.text, got.Level, tc.want, got.Matches)
			}
		})
	}
}
