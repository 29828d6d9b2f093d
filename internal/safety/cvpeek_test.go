package safety

import (
	"os"
	"strings"
	"testing"
)

// TestLearnedCVPeek (SAFETY_PEEK=<fold names, comma separated>) lists the
// false alarms of the named held-out folds only, with the layers that
// fired and the text layer's reading: the folds read to choose a change;
// the others judge it.
func TestLearnedCVPeek(t *testing.T) {
	want := os.Getenv("SAFETY_PEEK")
	if want == "" {
		t.Skip("set SAFETY_PEEK to the folds to read")
	}
	heldOutFolds(t, func(group string, l models, held []labelled) {
		if !strings.Contains(want, strings.Fields(group)[1]) {
			return
		}
		var files []string
		for _, g := range writerGroups {
			if g.name == group {
				files = g.files
			}
		}
		labels := familiesOf(t, files)
		for i, ex := range held {
			got := scan(ex.text, l)
			if (ex.class == nbNone) == (got.Level == None) {
				continue
			}
			var why []string
			for _, m := range got.Matches {
				why = append(why, string(m.Reason)+"/"+m.Level.String()+"«"+m.Phrase+"»")
			}
			p := l.lr.predict(wordsOf(ex.text))
			t.Logf("%s %s/%s got %v pnone %.2f purg %.2f %v: %s", group, ex.class, labels[i], got.Level, p[0], l.lr.urgentProb(wordsOf(ex.text)), why, ex.text)
		}
	})
}

// TestLearnedCVAblate (SAFETY_ABLATE=1) measures the held-out folds with
// each learned layer left out.
func TestLearnedCVAblate(t *testing.T) {
	if os.Getenv("SAFETY_ABLATE") == "" {
		t.Skip("set SAFETY_ABLATE=1")
	}
	var full, noNB, noLR holdoutTally
	heldOutFolds(t, func(group string, l models, held []labelled) {
		for _, ex := range held {
			full.add(ex.class, scan(ex.text, l).Level)
			noNB.add(ex.class, scan(ex.text, models{lr: l.lr}).Level)
			noLR.add(ex.class, scan(ex.text, models{nb: l.nb}).Level)
		}
	})
	t.Logf("full:    %s", full)
	t.Logf("no NB:   %s", noNB)
	t.Logf("no text: %s", noLR)
}
