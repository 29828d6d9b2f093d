package vetting

import "testing"

// agreeingSet is a learned layer for outcome guarantees alone whose
// sentence and bio-level models give every sentence the probability of
// the logit z, asking the rules' flags for the given agreement and never
// flagging by themselves.
func agreeingSet(z float64, ask map[Category]agreement) learnedSet {
	m := &logistic{vocab: map[string]int32{}, b: z}
	return learnedSet{
		opts: learnedOptions{
			cut:       map[Category]float64{OutcomeGuarantee: 2},
			textCut:   map[Category]float64{OutcomeGuarantee: 2},
			ruleAgree: ask,
		},
		models: map[Category]*logistic{OutcomeGuarantee: m},
		texts:  map[Category]*logistic{OutcomeGuarantee: m},
	}
}

func TestRuleFlagNeedsLayersAgreement(t *testing.T) {
	const text = "I guarantee you will be free of depression after three sessions."
	ask := map[Category]agreement{OutcomeGuarantee: {sentence: 0.1, run: 0.5}}
	tests := []struct {
		name string
		ms   learnedSet
		want bool
	}{
		{"no agreement asked", agreeingSet(-10, nil), true},
		{"layers agree", agreeingSet(0, ask), true},
		{"layers contradict", agreeingSet(-10, ask), false},
		{"run agrees though the sentence does not", agreeingSet(-1, map[Category]agreement{OutcomeGuarantee: {sentence: 0.5, run: 0.2}}), true},
		{"no layer to ask", learnedSet{opts: learnedOptions{ruleAgree: ask}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := false
			for _, f := range screen(text, tt.ms) {
				got = got || f.Category == OutcomeGuarantee
			}
			if got != tt.want {
				t.Errorf("flagged %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRunAroundReadsEveryWindowOfTheSentence(t *testing.T) {
	m := &logistic{vocab: map[string]int32{}}
	ms := learnedSet{texts: map[Category]*logistic{OutcomeGuarantee: m}}
	sc := &scanned{norms: make([]string, 5), textZ: make([][4]float64, 5)}
	sc.textZ[4][0] = 5 // only the last sentence carries weight
	for i, want := range []bool{false, false, true, true, true} {
		if got := ms.runAround(sc, 0, i) > 0.9; got != want {
			t.Errorf("sentence %d: run around high %v, want %v", i, got, want)
		}
	}
	short := &scanned{norms: make([]string, 2), textZ: [][4]float64{{5}, {0}}}
	if ms.runAround(short, 0, 1) < 0.9 {
		t.Errorf("a text shorter than a window is one run")
	}
}
