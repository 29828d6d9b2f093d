package safety

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// writerGroups are the sets written outside the team (outsideFiles), one
// group per writer: a group is held out whole, so that the model is never
// measured on a voice it trained on.
var writerGroups = []struct {
	name  string
	files []string
}{
	{"writer A (x1+x2)", outsideFiles[0:2]},
	{"writer B (x3+x4)", outsideFiles[2:4]},
	{"writer C (dev_x)", outsideFiles[4:5]},
	{"writer D (x5+x6)", outsideFiles[5:7]},
	{"writer E (x7)", outsideFiles[7:8]},
	{"writer G (x8)", outsideFiles[8:9]},
	{"writer H (x9)", outsideFiles[9:10]},
	{"writer T1 (t1)", outsideFiles[10:11]},
	{"writer T2 (t2)", outsideFiles[11:12]},
	{"writer T4 (t4)", outsideFiles[12:13]},
	{"writer T6 (t6)", outsideFiles[13:14]},
	{"writer V (x14)", outsideFiles[14:15]},
	{"writer W (x15)", outsideFiles[15:16]},
	{"writer T12 (t12)", outsideFiles[16:17]},
	{"writer T11 (t11)", outsideFiles[17:18]},
	{"writer AC (x18)", outsideFiles[18:19]},
	{"writer AD (x19)", outsideFiles[19:20]},
	{"writer T20 (t20)", outsideFiles[20:21]},
	{"writer T21 (t21)", outsideFiles[21:22]},
	{"writer T22 (t22)", outsideFiles[22:23]},
}

func readCorpusFiles(t testing.TB, files []string) []labelled {
	t.Helper()
	var out []labelled
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, parseCorpus(string(data))...)
	}
	return out
}

// heldOutFolds trains, for each outside writer, the learned layers on the
// team's corpus and the other writers' sets, and passes the models and
// that writer's texts to measure.
func heldOutFolds(t *testing.T, measure func(group string, l models, held []labelled)) {
	team := readCorpusFiles(t, trainingFiles)
	for gi, g := range writerGroups {
		var others []labelled
		for gj, other := range writerGroups {
			if gj != gi {
				others = append(others, readCorpusFiles(t, other.files)...)
			}
		}
		measure(g.name, trainModels(team, others), readCorpusFiles(t, g.files))
	}
}

// cvFloors are the held-out figures TestLearnedCV holds, a little under
// what the final code measured (testdata/README.md): they catch a change
// that makes the scanner worse on writing it never trained on. Writers G,
// H, T1 and T2 (from safety10) are harder than the five before them: with
// them the pooled false alarms rose from 0.042 to 0.064 on the same code,
// and safety10 brought them to 0.043. Writers T4 (near-miss twins) and T6
// (long trip and recovery journals), added after safety10's changes, raised
// them again on the same code, 0.043 → 0.054 (their own folds 21/167 and
// 24/150): the pooled benign floor is 0.06 over the eleven folds, and the
// nine folds before them (lateFolds left out) still hold 0.05. Writers V,
// W (session 8's spent blind sets) and T12 joined as folds in safety11:
// on the unchanged scanner the fourteen folds measured risky 0.928,
// urgent 0.900, benign 0.051; safety11's concepts (final arrangements,
// imminence told without a clock, acute physiology) brought them to
// 0.932, 0.926 and 0.050, and the floors rose to match. Writers AC, AD
// (session 9's spent blind sets x18, x19), T20 and T21 joined in safety12:
// on the scanner at the session's start the nineteen folds measured risky
// 0.915, urgent 0.899, benign 0.048 (under the risky and urgent floors:
// AC's and T21's text-speak and code-switching); safety12's glossary,
// normalisation and frames brought them to 0.929, 0.918 and 0.047, and
// the floors stand. Writer T22 (labourers, faith language, literal lists,
// second-language English) joined in safety13: twenty folds at the
// session's start with it in training 0.934, 0.923, 0.053; safety13's
// settled-other and answered-no frames 0.934, 0.923, 0.051.
var cvFloors = struct{ risky, urgent, benign, benignEarly float64 }{risky: 0.92, urgent: 0.91, benign: 0.06, benignEarly: 0.05}

// lateFolds are the writers added after the last change was chosen, kept
// apart for the early folds' benign floor.
var lateFolds = map[string]bool{"writer T4 (t4)": true, "writer T6 (t6)": true}

// TestLearnedCV is the scanner's honest figure: leave-one-writer-out
// cross-validation over the outside writers' sets. The rules were tuned
// with writers A and C in view (safety4), never B, so B is the cleanest
// of the three.
func TestLearnedCV(t *testing.T) {
	var pooled, early holdoutTally
	heldOutFolds(t, func(group string, l models, held []labelled) {
		var h holdoutTally
		for _, ex := range held {
			got := scan(ex.text, l).Level
			h.add(ex.class, got)
			pooled.add(ex.class, got)
			if !lateFolds[group] {
				early.add(ex.class, got)
			}
		}
		t.Logf("%s held out: %s", group, h)
		// A writer's sets one by one, when there are several (x6, writer
		// D's long entries, differs from x5, D's short messages).
		for _, g := range writerGroups {
			if g.name != group || len(g.files) < 2 {
				continue
			}
			for _, f := range g.files {
				var s holdoutTally
				for _, ex := range readCorpusFiles(t, []string{f}) {
					s.add(ex.class, scan(ex.text, l).Level)
				}
				t.Logf("  %s: %s", f[strings.LastIndex(f, "/")+1:], s)
			}
		}
	})
	t.Logf("pooled: %s", pooled)
	t.Logf("pooled without T4 and T6: %s", early)
	if r := ratio(pooled.flagged, pooled.risky); r < cvFloors.risky {
		t.Errorf("held-out risky flagged %.3f, want >= %.2f", r, cvFloors.risky)
	}
	if r := ratio(pooled.urgent, pooled.urgentN); r < cvFloors.urgent {
		t.Errorf("held-out urgent rated urgent %.3f, want >= %.2f", r, cvFloors.urgent)
	}
	if r := ratio(pooled.benignFlagged, pooled.benign); r > cvFloors.benign {
		t.Errorf("held-out benign flagged %.3f, want <= %.3f", r, cvFloors.benign)
	}
	if r := ratio(early.benignFlagged, early.benign); r > cvFloors.benignEarly {
		t.Errorf("held-out benign flagged without T4 and T6 %.3f, want <= %.3f", r, cvFloors.benignEarly)
	}
}

func ratio(hit, n int) float64 {
	if n == 0 {
		return 0
	}
	return float64(hit) / float64(n)
}

// TestLearnedCVSweep reports the pooled held-out figures for other
// settings (SAFETY_SWEEP=1): how textThreshold and vetoConcern
// (SAFETY_SWEEP=text), urgentThreshold and urgentReach (SAFETY_SWEEP=urgent),
// vetoLearned (SAFETY_SWEEP=learned),
// vetoBoth and vetoBothUrgent (SAFETY_SWEEP=both) and shortText (SAFETY_SWEEP=short) were
// chosen.
func TestLearnedCVSweep(t *testing.T) {
	which := os.Getenv("SAFETY_SWEEP")
	if which == "" {
		t.Skip("set SAFETY_SWEEP=text, urgent, learned, both or short to sweep the thresholds")
	}
	type setting struct {
		name string
		set  func()
	}
	saved := []float64{textThreshold, vetoConcern, urgentThreshold, float64(urgentReach), float64(shortText), vetoLearned, vetoBoth, vetoBothUrgent, vetoFramed, learnedThreshold, learnedUrgentThreshold}
	restore := func() {
		textThreshold, vetoConcern, urgentThreshold = saved[0], saved[1], saved[2]
		urgentReach, shortText, vetoLearned = int(saved[3]), int(saved[4]), saved[5]
		vetoBoth, vetoBothUrgent, vetoFramed = saved[6], saved[7], saved[8]
		learnedThreshold, learnedUrgentThreshold = saved[9], saved[10]
	}
	defer restore()
	var grid []setting
	switch which {
	case "text":
		for _, th := range []float64{0.4, 0.45, 0.5, 0.55, 0.6, 0.7} {
			for _, veto := range []float64{0.7, 0.8, 0.9} {
				grid = append(grid, setting{fmt.Sprintf("text %.2f veto %.2f", th, veto), func() { textThreshold, vetoConcern = th, veto }})
			}
		}
	case "urgent":
		for _, th := range []float64{0.4, 0.5, 0.6, 0.7, 0.8, 1.01} {
			for _, reach := range []int{0, 1, 2} {
				grid = append(grid, setting{fmt.Sprintf("urgent %.2f reach %d", th, reach), func() { urgentThreshold, urgentReach = th, reach }})
			}
		}
	case "learned":
		for _, th := range []float64{0.4, 0.5, 0.6, 0.7, 0.8, 1.01} {
			grid = append(grid, setting{fmt.Sprintf("learned veto %.2f", th), func() { vetoLearned = th }})
		}
	case "both":
		for _, th := range []float64{0.8, 0.9, 0.95} {
			for _, u := range []float64{0.02, 0.05, 0.1, 0.2} {
				grid = append(grid, setting{fmt.Sprintf("both %.2f %.2f", th, u), func() { vetoBoth, vetoBothUrgent = th, u }})
			}
		}
	case "framed":
		for _, th := range []float64{0.3, 0.4, 0.5, 0.6, 0.7, 1.01} {
			grid = append(grid, setting{fmt.Sprintf("framed veto %.2f", th), func() { vetoFramed = th }})
		}
	case "nb":
		for _, th := range []float64{0.7, 0.8, 0.9, 0.95} {
			for _, u := range []float64{0.9, 0.95, 0.99, 1.01} {
				grid = append(grid, setting{fmt.Sprintf("sentence model %.2f urgent %.2f", th, u), func() { learnedThreshold, learnedUrgentThreshold = th, u }})
			}
		}
	case "bothtext":
		for _, th := range []float64{0.7, 0.8} {
			for _, u := range []float64{0.1, 0.2, 0.3, 0.5} {
				for _, tt := range []float64{0.5, 0.55} {
					grid = append(grid, setting{fmt.Sprintf("both %.2f %.2f text %.2f", th, u, tt), func() { vetoBoth, vetoBothUrgent, textThreshold = th, u, tt }})
				}
			}
		}
	case "short":
		for _, n := range []int{0, 8, 12, 16, 24, 40, 1 << 30} {
			grid = append(grid, setting{fmt.Sprintf("kind over none under %d words", n), func() { shortText = n }})
		}
	default:
		t.Fatalf("SAFETY_SWEEP=%q: want text, urgent, learned, both or short", which)
	}
	// SAFETY_SPLIT names the folds a choice is made on ("C T1"): the
	// others are then reported apart, as folds the choice never saw.
	split := strings.Fields(os.Getenv("SAFETY_SPLIT"))
	pooled := make([]holdoutTally, len(grid))
	chosen := make([]holdoutTally, len(grid))
	heldOutFolds(t, func(group string, l models, held []labelled) {
		inSplit := false
		for _, f := range split {
			inSplit = inSplit || strings.Fields(group)[1] == f
		}
		for gi, g := range grid {
			restore()
			g.set()
			for _, ex := range held {
				got := scan(ex.text, l).Level
				pooled[gi].add(ex.class, got)
				if inSplit {
					chosen[gi].add(ex.class, got)
				}
			}
		}
	})
	for gi, g := range grid {
		t.Logf("%s: %s", g.name, pooled[gi])
		if len(split) > 0 {
			t.Logf("    on %v: %s", split, chosen[gi])
		}
	}
}

// TestLearnedCVMisses lists the held-out texts the scanner gets wrong,
// and the urgent ones it rates below urgent
// (SAFETY_MISSES=1), to study families of misses, never to copy them into
// rules.
func TestLearnedCVMisses(t *testing.T) {
	if os.Getenv("SAFETY_MISSES") == "" {
		t.Skip("set SAFETY_MISSES=1 to list the held-out misses")
	}
	heldOutFolds(t, func(group string, l models, held []labelled) {
		for _, ex := range held {
			got := scan(ex.text, l)
			underRated := strings.HasSuffix(ex.class, "/urgent") && got.Level != Urgent
			if (ex.class == nbNone) != (got.Level == None) || underRated {
				var why []string
				for _, m := range got.Matches {
					why = append(why, string(m.Reason)+"/"+m.Level.String())
				}
				t.Logf("%s %s got %v %v %v: %s", group, ex.class, got.Level, got.Kinds, why, ex.text)
			}
		}
	})
}
