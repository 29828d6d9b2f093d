package safety

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
)

// TestLearnedHoldout measures what the learned layer adds on a set it was
// not trained on: the model is trained on every development set except
// dev_kinds2 and run on dev_kinds2, with the rules alone and with the
// rules plus the model. This is how learnedThreshold was chosen.
func TestLearnedHoldout(t *testing.T) {
	var train []labelled
	for _, name := range trainingFiles {
		if strings.HasSuffix(name, "dev_kinds2.tsv") {
			continue
		}
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		train = append(train, parseCorpus(string(data))...)
	}
	nb := trainNB(train)
	data, err := os.ReadFile("testdata/dev_kinds2.tsv")
	if err != nil {
		t.Fatal(err)
	}
	var rules, both holdoutTally
	examples := parseCorpus(string(data))
	for _, ex := range examples {
		rules.add(ex.class, scan(ex.text, models{}).Level)
		both.add(ex.class, scan(ex.text, models{nb: nb}).Level)
	}
	t.Logf("rules alone:     %s", rules)
	t.Logf("rules + learned: %s (threshold %.2f)", both, learnedThreshold)
	if os.Getenv("SAFETY_SWEEP") != "" {
		saved := learnedThreshold
		defer func() { learnedThreshold = saved }()
		for _, th := range []float64{0.3, 0.4, 0.5, 0.6, 0.7, 0.8} {
			learnedThreshold = th
			var h holdoutTally
			for _, ex := range examples {
				h.add(ex.class, scan(ex.text, models{nb: nb}).Level)
			}
			t.Logf("threshold %.2f: %s", th, h)
		}
	}
	if both.flagged < rules.flagged || both.urgent < rules.urgent {
		t.Errorf("the learned layer lowered recall: %s vs %s", both, rules)
	}
}

// holdoutTally counts a held-out set's outcomes; overUrgent are the texts
// labelled concern or none that the scanner rated urgent, the cost of
// raising levels.
type holdoutTally struct{ flagged, risky, urgent, urgentN, benignFlagged, benign, overUrgent, notUrgentN int }

func (h *holdoutTally) add(class string, got Level) {
	if !strings.HasSuffix(class, "/urgent") {
		h.notUrgentN++
		if got == Urgent {
			h.overUrgent++
		}
	}
	switch {
	case class == nbNone:
		h.benign++
		if got > None {
			h.benignFlagged++
		}
	default:
		h.risky++
		if got > None {
			h.flagged++
		}
		if strings.HasSuffix(class, "/urgent") {
			h.urgentN++
			if got == Urgent {
				h.urgent++
			}
		}
	}
}

func (h holdoutTally) String() string {
	return fmt.Sprintf("risky flagged %d/%d; urgent rated urgent %d/%d; benign flagged %d/%d; others rated urgent %d/%d",
		h.flagged, h.risky, h.urgent, h.urgentN, h.benignFlagged, h.benign, h.overUrgent, h.notUrgentN)
}

// TestTrainingIsDeterministic trains twice from the embedded corpus and
// checks the two models are identical, so every build scans alike.
func TestTrainingIsDeterministic(t *testing.T) {
	a, b := trainNB(trainingCorpus()), trainNB(trainingCorpus())
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two trainings on the same corpus differ")
	}
	if !reflect.DeepEqual(trainSoftmax(trainingCorpus()), trainSoftmax(trainingCorpus())) {
		t.Fatal("two trainings of the text layer on the same corpus differ")
	}
	if len(a.classes) < len(Kinds) {
		t.Errorf("classes = %v, want none and every kind", a.classes)
	}
}

// TestLearnedMatchExplains checks that a sentence only the model flags
// comes back with a span of the words that decided and a kind's reason.
func TestLearnedMatchExplains(t *testing.T) {
	text := "My jaw keeps clenching and I'm twitching all over after the pills."
	res := Scan(text)
	for _, m := range res.Matches {
		if m.Phrase == "" || text[m.Start:m.End] != m.Phrase || !strings.HasPrefix(string(m.Reason), string(m.Kind)) {
			t.Errorf("match %+v: want a span of the text and a reason naming its kind", m)
		}
	}
	if res.Level == None {
		t.Errorf("Scan(%q) = none, want the symptoms after a substance flagged", text)
	}
}

// TestTextLayerExplains checks that a text only the text-level layer
// flags comes back at concern, with a span of its own words and a reason
// naming the kind, and that a text the rules flag only at concern can be
// overruled but an urgent one never is.
func TestTextLayerExplains(t *testing.T) {
	l := learnedModels()
	for _, text := range []string{
		"my body feels like a costume i am renting, it has been like that since the weekend",
		"back at the bookies every night since the retreat, the rent money is gone",
	} {
		if rules := scan(text, models{}); rules.Level != None {
			t.Fatalf("scan(%q) without models = %v: pick a text the rules miss", text, rules.Level)
		}
		res := scan(text, l)
		if res.Level != Concern || len(res.Matches) != 1 {
			t.Fatalf("scan(%q) = %+v, want one concern match from the text layer", text, res)
		}
		m := res.Matches[0]
		if text[m.Start:m.End] != m.Phrase || string(m.Reason) != string(m.Kind)+"_learned" {
			t.Errorf("match %+v: want a span of the text and the reason <kind>_learned", m)
		}
		t.Logf("%q → %s %q", text, m.Reason, m.Phrase)
	}
}
