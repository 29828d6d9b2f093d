package vetting

import "testing"

// agreeingSet is a learned layer for outcome guarantees alone whose
// sentence and bio-level models give every sentence the probability of
// the logit z, asking the rules' flags for the given agreement and never
// flagging by themselves.
func agreeingSet(z float64, ask map[Category]agreement) learnedSet {
	return agreeingSetFor(OutcomeGuarantee, z, ask)
}

// agreeingSetFor is agreeingSet for category cat.
func agreeingSetFor(cat Category, z float64, ask map[Category]agreement) learnedSet {
	m := &logistic{vocab: map[string]int32{}, b: z}
	return learnedSet{
		opts: learnedOptions{
			cut:       map[Category]float64{cat: 2},
			textCut:   map[Category]float64{cat: 2},
			ruleAgree: ask,
		},
		models: map[Category]*logistic{cat: m},
		texts:  map[Category]*logistic{cat: m},
	}
}

// TestClinicalRuleFlagNeedsLayersAgreement: since vet12 a clinical claim
// a rule flags stands only if the layers do not flatly contradict it, at
// the defaults' agreement.
func TestClinicalRuleFlagNeedsLayersAgreement(t *testing.T) {
	const text = "As a coach I diagnose PTSD and treat depression in my clients."
	ask := map[Category]agreement{ClinicalClaim: learnedDefaults.ruleAgree[ClinicalClaim]}
	if ask[ClinicalClaim].sentence == 0 {
		t.Fatal("learnedDefaults ask clinical claims for no agreement")
	}
	for _, tt := range []struct {
		name string
		z    float64
		want bool
	}{{"layers agree", 0, true}, {"layers contradict", -10, false}} {
		got := false
		for _, f := range screen(text, agreeingSetFor(ClinicalClaim, tt.z, ask)) {
			got = got || f.Category == ClinicalClaim
		}
		if got != tt.want {
			t.Errorf("%s: flagged %v, want %v", tt.name, got, tt.want)
		}
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

// TestSentenceExamplesLocatedByRules: a labelled text's positive is the
// sentence the bio-level model weighs most among those the rules flag,
// and the one it weighs most overall when the rules flag none.
func TestSentenceExamplesLocatedByRules(t *testing.T) {
	m := &logistic{w: []float64{2, 1, 0}}
	sents := [][][]int32{{{0}, {1}, {2}}, {{0}, {2}}}
	ys := []bool{true, true}
	located := [][]bool{{false, true, true}, {false, false}}
	xs, labels, _ := sentenceExamples(m, sents, ys, located, nil)
	if len(xs) != 2 || !labels[0] || !labels[1] {
		t.Fatalf("got %d examples %v, want two positives", len(xs), labels)
	}
	if xs[0][0] != 1 {
		t.Errorf("first text's positive is feature %d, want 1 (the located sentence weighed most)", xs[0][0])
	}
	if xs[1][0] != 0 {
		t.Errorf("second text's positive is feature %d, want 0 (none located: the sentence weighed most)", xs[1][0])
	}
	xs, _, _ = sentenceExamples(m, sents[:1], ys[:1], nil, nil)
	if xs[0][0] != 0 {
		t.Errorf("without located the positive is feature %d, want 0", xs[0][0])
	}
}

// TestSentenceExamplesDedup: within one set a sentence given as an
// example with a label is not given again with that label; across sets,
// with the other label, or for texts in no set it is.
func TestSentenceExamplesDedup(t *testing.T) {
	m := &logistic{w: []float64{0, 1, 2, 3}}
	// feature 0 is a shared sentence, 1 and 2 distinct ones; 3 a claim.
	tests := []struct {
		name    string
		sents   [][][]int32
		ys      []bool
		groups  []string
		wantNeg int
		wantPos int
	}{
		{"no groups keep every repeat", [][][]int32{{{0}, {1}}, {{0}, {2}}}, []bool{false, false}, nil, 4, 0},
		{"texts in no set keep every repeat", [][][]int32{{{0}, {1}}, {{0}, {2}}}, []bool{false, false}, []string{"", ""}, 4, 0},
		{"a repeat within a set counts once", [][][]int32{{{0}, {1}}, {{0}, {2}}}, []bool{false, false}, []string{"w", "w"}, 3, 0},
		{"the same sentence in two sets counts twice", [][][]int32{{{0}, {1}}, {{0}, {2}}}, []bool{false, false}, []string{"w", "v"}, 4, 0},
		{"a repeated positive within a set counts once", [][][]int32{{{0}, {3}}, {{1}, {3}}}, []bool{true, true}, []string{"w", "w"}, 0, 1},
		{"a positive repeated as a negative stays", [][][]int32{{{0}, {3}}, {{3}, {1}}}, []bool{true, false}, []string{"w", "w"}, 2, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, labels, _ := sentenceExamples(m, tc.sents, tc.ys, nil, tc.groups)
			neg, pos := 0, 0
			for _, y := range labels {
				if y {
					pos++
				} else {
					neg++
				}
			}
			if neg != tc.wantNeg || pos != tc.wantPos {
				t.Errorf("got %d negatives and %d positives, want %d and %d", neg, pos, tc.wantNeg, tc.wantPos)
			}
		})
	}
}
