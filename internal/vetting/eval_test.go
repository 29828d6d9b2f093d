package vetting_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/vetting"
)

// bio is one labelled profile of the evaluation set.
type bio struct {
	ID         string             `json:"id"`
	Categories []vetting.Category `json:"categories"`
	Text       string             `json:"text"`
}

func loadBios(t *testing.T, path string) []bio {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var bios []bio
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var b bio
		if err := json.Unmarshal(sc.Bytes(), &b); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		bios = append(bios, b)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return bios
}

// evaluation holds bio-level counts: a bio is flagged for a category when
// at least one of its sentences is.
type evaluation struct {
	tp, fp, fn   map[vetting.Category]int
	clean        int
	cleanFlagged int
	mistakes     []string
}

func evaluate(bios []bio) evaluation {
	e := evaluation{tp: map[vetting.Category]int{}, fp: map[vetting.Category]int{}, fn: map[vetting.Category]int{}}
	for _, b := range bios {
		want := map[vetting.Category]bool{}
		for _, c := range b.Categories {
			want[c] = true
		}
		got := map[vetting.Category]bool{}
		for _, f := range vetting.Screen(b.Text) {
			got[f.Category] = true
		}
		if len(want) == 0 {
			e.clean++
			if len(got) > 0 {
				e.cleanFlagged++
			}
		}
		for _, info := range vetting.Categories() {
			c := info.Category
			switch {
			case want[c] && got[c]:
				e.tp[c]++
			case got[c]:
				e.fp[c]++
				e.mistakes = append(e.mistakes, b.ID+": false "+string(c)+": "+b.Text)
			case want[c]:
				e.fn[c]++
				e.mistakes = append(e.mistakes, b.ID+": missed "+string(c)+": "+b.Text)
			}
		}
	}
	return e
}

func ratio(num, den int) float64 {
	if den == 0 {
		return 1
	}
	return float64(num) / float64(den)
}

// report logs the figures and returns the lowest recall and the false-flag
// rate on clean bios.
func (e evaluation) report(t *testing.T, name string) (minRecall, falseFlagRate float64) {
	minRecall = 1
	for _, info := range vetting.Categories() {
		c := info.Category
		p := ratio(e.tp[c], e.tp[c]+e.fp[c])
		r := ratio(e.tp[c], e.tp[c]+e.fn[c])
		t.Logf("%s %-20s precision %.2f (%d/%d)  recall %.2f (%d/%d)",
			name, c, p, e.tp[c], e.tp[c]+e.fp[c], r, e.tp[c], e.tp[c]+e.fn[c])
		minRecall = min(minRecall, r)
	}
	falseFlagRate = ratio(e.cleanFlagged, e.clean)
	t.Logf("%s false flags on clean bios %.3f (%d/%d)", name, falseFlagRate, e.cleanFlagged, e.clean)
	for _, m := range e.mistakes {
		t.Logf("%s %s", name, m)
	}
	return minRecall, falseFlagRate
}

// TestEvaluationSet reports precision and recall per category on the
// labelled bios and holds the targets: recall at least 0.9 in every
// category and at most 5% of clean bios flagged.
func TestEvaluationSet(t *testing.T) {
	bios := loadBios(t, "testdata/bios.jsonl")
	checkSetShape(t, bios)
	minRecall, falseFlags := evaluate(bios).report(t, "bios")
	if minRecall < 0.9 {
		t.Errorf("lowest recall = %.2f, want >= 0.90", minRecall)
	}
	if falseFlags > 0.05 {
		t.Errorf("false-flag rate on clean bios = %.3f, want <= 0.05", falseFlags)
	}
}

// TestHoldoutSet reports the same figures on every other labelled set
// and only logs: holdout and fresh–fresh10 come from earlier rounds;
// after1–after22 were written in pairs before each freeze of the fairness
// rounds and run once on it (testdata/README.md has their first-run
// figures). With -v it lists every miss and false flag.
func TestHoldoutSet(t *testing.T) {
	for _, name := range []string{"holdout", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8", "fresh9", "fresh10", "after1", "after2", "after3", "after4", "after5", "after6", "after7", "after8", "after9", "after10", "after11", "after12", "after13", "after14", "after15", "after16", "after17", "after18", "after19", "after20", "after21", "after22", "after23", "after24", "after25", "after26"} {
		bios := loadBios(t, "testdata/"+name+".jsonl")
		if len(bios) == 0 {
			t.Fatalf("%s set is empty", name)
		}
		e := evaluate(bios)
		e.summary(t, name)
		if testing.Verbose() {
			for _, m := range e.mistakes {
				t.Logf("%s %s", name, m)
			}
		}
	}
}

// checkSetShape holds the evaluation set to its promised size and mix.
func checkSetShape(t *testing.T, bios []bio) {
	t.Helper()
	clean := 0
	perCategory := map[vetting.Category]int{}
	known := map[vetting.Category]bool{}
	for _, info := range vetting.Categories() {
		known[info.Category] = true
	}
	for _, b := range bios {
		if len(b.Categories) == 0 {
			clean++
		}
		for _, c := range b.Categories {
			if !known[c] {
				t.Errorf("%s: unknown category %q", b.ID, c)
			}
			perCategory[c]++
		}
	}
	if len(bios) < 100 || clean < 50 {
		t.Errorf("got %d bios, %d clean; want >= 100 and >= 50", len(bios), clean)
	}
	for c := range known {
		if perCategory[c] < 12 {
			t.Errorf("category %s has %d positives, want >= 12", c, perCategory[c])
		}
	}
}

// summary logs one line per set: recall per category and clean bios
// flagged, and returns the lowest recall and the false-flag rate.
func (e evaluation) summary(t *testing.T, name string) (minRecall, falseFlagRate float64) {
	minRecall = 1
	var sb strings.Builder
	for _, info := range vetting.Categories() {
		c := info.Category
		if n := e.tp[c] + e.fn[c]; n > 0 {
			fmt.Fprintf(&sb, " %s %d/%d", c, e.tp[c], n)
			minRecall = min(minRecall, ratio(e.tp[c], n))
		}
	}
	falseFlagRate = ratio(e.cleanFlagged, e.clean)
	t.Logf("%-22s recall:%s; clean flagged %d/%d (%.1f%%)", name, sb.String(), e.cleanFlagged, e.clean, 100*falseFlagRate)
	return minRecall, falseFlagRate
}
