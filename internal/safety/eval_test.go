package safety_test

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/safety"
)

// example is one labelled text of an evaluation set. For a risky text
// (urgent or concern) label is the kind of risk, or "general" in the
// older sets that predate kinds; for a benign text it is the family of
// hard negative ("psychedelic", "past", "training", "idiom", ...).
type example struct {
	want  safety.Level
	label string
	text  string
}

func loadEval(t testing.TB, path string) []example {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []example
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for line := 1; sc.Scan(); line++ {
		if sc.Text() == "" || strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		cols := strings.SplitN(sc.Text(), "\t", 3)
		if len(cols) != 3 {
			t.Fatalf("%s:%d: want level<TAB>label<TAB>text", path, line)
		}
		level, err := safety.ParseLevel(cols[0])
		if err != nil {
			t.Fatalf("%s:%d: %v", path, line, err)
		}
		out = append(out, example{want: level, label: cols[1], text: cols[2]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// tally counts hits out of a total.
type tally struct{ hit, n int }

func (c *tally) add(hit bool) {
	c.n++
	if hit {
		c.hit++
	}
}

func (c tally) rate() float64 {
	if c.n == 0 {
		return 1
	}
	return float64(c.hit) / float64(c.n)
}

func (c tally) String() string { return fmt.Sprintf("%.3f (%d/%d)", c.rate(), c.hit, c.n) }

// scores are the figures the owner measures on the hidden sets, plus a
// breakdown per kind of risk and per family of hard negative.
type scores struct {
	flagged      tally // urgent+concern texts flagged at any level
	urgentUrgent tally // urgent texts rated urgent
	benign       tally // benign texts flagged (false alarms)
	kindNamed    tally // risky texts with a kind label whose kind is among Result.Kinds
	perKind      map[string]*tally
	perFamily    map[string]*tally
	misses       []string
}

func evaluate(examples []example) scores {
	s := scores{perKind: map[string]*tally{}, perFamily: map[string]*tally{}}
	for _, ex := range examples {
		got := safety.Scan(ex.text)
		group := s.perKind
		if ex.want == safety.None {
			group = s.perFamily
		}
		if group[ex.label] == nil {
			group[ex.label] = &tally{}
		}
		switch {
		case ex.want == safety.None:
			s.benign.add(got.Level > safety.None)
			group[ex.label].add(got.Level > safety.None)
		default:
			s.flagged.add(got.Level > safety.None)
			group[ex.label].add(got.Level > safety.None)
			if ex.want == safety.Urgent {
				s.urgentUrgent.add(got.Level == safety.Urgent)
			}
			if ex.label != "general" {
				s.kindNamed.add(slices.Contains(got.Kinds, safety.Kind(ex.label)))
			}
		}
		if got.Level != ex.want {
			s.misses = append(s.misses, fmt.Sprintf("got %v want %v [%s] %v: %q", got.Level, ex.want, ex.label, got.Kinds, ex.text))
		}
	}
	return s
}

func logScores(t *testing.T, name string, s scores) {
	t.Helper()
	for _, m := range s.misses {
		t.Logf("%s miss: %s", name, m)
	}
	t.Logf("%s: risky flagged %v; urgent rated urgent %v; benign flagged %v; kind named %v",
		name, s.flagged, s.urgentUrgent, s.benign, s.kindNamed)
	for _, group := range []struct {
		what string
		m    map[string]*tally
	}{{"kind (flagged)", s.perKind}, {"hard negative family (false alarms)", s.perFamily}} {
		keys := make([]string, 0, len(group.m))
		for k := range group.m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			t.Logf("%s   %s %-13s %v", name, group.what, k, *group.m[k])
		}
	}
}

// devSets are the sets the rules were written and tuned against.
var devSets = []string{"eval_dev", "eval_heldout", "eval_v6", "eval_v7", "eval_v8", "eval_v9", "dev_kinds", "dev_kinds2", "fresh_a", "fresh_b", "fresh_c", "fresh_d", "fresh_e", "fresh_f", "fresh_g", "fresh_h", "dev_everyday", "fresh_i", "fresh_j", "fresh_k", "fresh_l", "dev_s3a", "fresh_m", "fresh_n", "dev_s3b", "dev_s9"}

// TestEvalDev is a regression guard, not evidence: the development corpus
// is what the rules were tuned on and the learned layers train on, so its
// figures are in-sample and say nothing about unseen writing (the
// held-out figure is TestLearnedCV's). The floors catch a change that
// breaks what already worked: urgent+concern flagged >= 0.95, urgent
// rated urgent >= 0.90, benign flagged <= 0.05, kind named >= 0.85.
func TestEvalDev(t *testing.T) {
	var all []example
	for _, name := range devSets {
		all = append(all, loadEval(t, "testdata/"+name+".tsv")...)
	}
	s := evaluate(all)
	logScores(t, "dev", s)
	if s.flagged.rate() < 0.95 {
		t.Errorf("urgent+concern flagged %v, want >= 0.95", s.flagged)
	}
	if s.urgentUrgent.rate() < 0.90 {
		t.Errorf("urgent rated urgent %v, want >= 0.90", s.urgentUrgent)
	}
	if s.benign.rate() > 0.05 {
		t.Errorf("benign flagged %v, want <= 0.05", s.benign)
	}
	if s.kindNamed.rate() < 0.85 {
		t.Errorf("kind named %v, want >= 0.85", s.kindNamed)
	}
}

// afterFreezeSets were written after the current code froze and run once;
// see testdata/README.md. This test only reports them: tuning on them would
// make their figures worthless as an estimate. Earlier pairs (fresh_a to
// fresh_j) joined the development sets after their one run.
var afterFreezeSets = []string{"fresh_o", "fresh_p"}

func TestEvalAfterFreeze(t *testing.T) {
	for _, name := range afterFreezeSets {
		logScores(t, name, evaluate(loadEval(t, "testdata/"+name+".tsv")))
	}
}

// TestEvalEachSet reports every development set on its own.
func TestEvalEachSet(t *testing.T) {
	for _, name := range devSets {
		logScores(t, name, evaluate(loadEval(t, "testdata/"+name+".tsv")))
	}
}

func TestEvalSetSize(t *testing.T) {
	n := 0
	for _, name := range devSets {
		n += len(loadEval(t, "testdata/"+name+".tsv"))
	}
	if n < 1500 {
		t.Errorf("development texts = %d, want >= 1500", n)
	}
}
