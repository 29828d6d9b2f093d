package safety_test

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/safety"
)

// example is one labelled sentence of an evaluation set.
type example struct {
	want safety.Level
	kind string // "psychedelic" for benign experience language, else "general"
	text string
}

func loadEval(t *testing.T, path string) []example {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []example
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		if sc.Text() == "" || strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		cols := strings.SplitN(sc.Text(), "\t", 3)
		if len(cols) != 3 {
			t.Fatalf("%s:%d: want level<TAB>kind<TAB>text", path, line)
		}
		level, err := safety.ParseLevel(cols[0])
		if err != nil {
			t.Fatalf("%s:%d: %v", path, line, err)
		}
		out = append(out, example{want: level, kind: cols[1], text: cols[2]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// scores are the figures the evaluation reports.
type scores struct {
	precision, recall [3]float64
	flagRecall        float64 // urgent+concern examples flagged at any level
	psychedelicFalse  float64 // benign psychedelic examples flagged
	benignFalse       float64 // all benign (none) examples flagged
	n, psychedelicN   int
	benignN           int
}

func evaluate(t *testing.T, examples []example) scores {
	var tp, predicted, actual [3]int
	var flagged, risky, psyFlagged, psyN, benignFlagged int
	for _, ex := range examples {
		got := safety.Scan(ex.text).Level
		predicted[got]++
		actual[ex.want]++
		if got == ex.want {
			tp[got]++
		} else {
			t.Logf("miss: got %v, want %v: %q", got, ex.want, ex.text)
		}
		if ex.want > safety.None {
			risky++
			if got > safety.None {
				flagged++
			}
		}
		if ex.want == safety.None && got > safety.None {
			benignFlagged++
		}
		if ex.want == safety.None && ex.kind == "psychedelic" {
			psyN++
			if got > safety.None {
				psyFlagged++
			}
		}
	}
	var s scores
	for l := range 3 {
		s.precision[l] = ratio(tp[l], predicted[l])
		s.recall[l] = ratio(tp[l], actual[l])
	}
	s.flagRecall, s.psychedelicFalse = ratio(flagged, risky), ratio(psyFlagged, psyN)
	s.benignFalse = ratio(benignFlagged, actual[safety.None])
	s.n, s.psychedelicN, s.benignN = len(examples), psyN, actual[safety.None]
	return s
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func logScores(t *testing.T, name string, s scores) {
	t.Helper()
	for l := safety.None; l <= safety.Urgent; l++ {
		t.Logf("%s %-7v precision %.3f recall %.3f", name, l, s.precision[l], s.recall[l])
	}
	t.Logf("%s n=%d: urgent+concern flagged (recall) %.3f; benign psychedelic false alarms %.3f of %d; all benign false alarms %.3f of %d",
		name, s.n, s.flagRecall, s.psychedelicFalse, s.psychedelicN, s.benignFalse, s.benignN)
}

// TestEvalDev holds the targets: recall of urgent+concern at least 0.95,
// false alarms on benign psychedelic language at most 5%, and per-level
// floors so that a regression in any level fails.
func TestEvalDev(t *testing.T) {
	s := evaluate(t, loadEval(t, "testdata/eval_dev.tsv"))
	logScores(t, "dev", s)
	if s.flagRecall < 0.95 {
		t.Errorf("urgent+concern recall = %.3f, want >= 0.95", s.flagRecall)
	}
	if s.psychedelicFalse > 0.05 {
		t.Errorf("psychedelic false alarms = %.3f, want <= 0.05", s.psychedelicFalse)
	}
	for l := safety.None; l <= safety.Urgent; l++ {
		if s.precision[l] < 0.85 || s.recall[l] < 0.85 {
			t.Errorf("%v precision %.3f recall %.3f, want both >= 0.85", l, s.precision[l], s.recall[l])
		}
	}
}

// TestEvalHeldOut reports the set the rules were never tuned on: the honest
// estimate of how they generalise (measured blind: urgent+concern recall
// 0.872, no false alarms). Its floors sit just under that, as a guard
// against regressions; its misses are listed in the log. The 0.95 recall
// target is held on the dev set, not here.
func TestEvalHeldOut(t *testing.T) {
	s := evaluate(t, loadEval(t, "testdata/eval_heldout.tsv"))
	logScores(t, "held-out", s)
	if s.flagRecall < 0.85 {
		t.Errorf("urgent+concern recall = %.3f, want >= 0.85", s.flagRecall)
	}
	if s.psychedelicFalse > 0.05 {
		t.Errorf("psychedelic false alarms = %.3f, want <= 0.05", s.psychedelicFalse)
	}
	if s.precision[safety.Urgent] < 0.9 || s.recall[safety.None] < 0.9 {
		t.Errorf("urgent precision %.3f, none recall %.3f, want both >= 0.9", s.precision[safety.Urgent], s.recall[safety.None])
	}
}

// TestEvalBlind reports the blind sets of the hardening round. Each was
// written before the rule changes it measures; its first-run figures are
// recorded in testdata/README.md. It only logs: misses are listed.
func TestEvalBlind(t *testing.T) {
	for _, name := range []string{"v6", "v7", "v8", "v9"} {
		logScores(t, name, evaluate(t, loadEval(t, "testdata/eval_"+name+".tsv")))
	}
}

func TestEvalSetSize(t *testing.T) {
	n := len(loadEval(t, "testdata/eval_dev.tsv")) + len(loadEval(t, "testdata/eval_heldout.tsv"))
	if n < 200 {
		t.Errorf("evaluation sentences = %d, want >= 200", n)
	}
}
