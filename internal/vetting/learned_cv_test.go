package vetting

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// writerGroup is one outside writer's sets (testdata/independent).
type writerGroup struct {
	name string
	sets []string
}

// vetWriterGroups are the bios written outside the team (outsideSets),
// one group per writer, each held out whole in TestLearnedCV. x5–x7 were
// the blind sets of session 4 and joined in session 5; x8 and x9, session
// 5's, joined in session 6, with T3 and T5, training sets written
// outside the team for session 6; x10 and x11 (writers M and N),
// session 6's blind sets, joined in session 7, with T7 and T8, training
// sets written outside the team for session 7; x12 and x13 (writers O
// and P), session 7's blind sets, joined in session 8, with T9 and T10,
// training sets written outside the team for session 8, and T13–T15,
// more of them (vet12); x14 and x15 (writers S and U), session 8's blind
// sets, joined in session 9, with T16–T19 and T23, training sets written
// outside the team for session 9.
var vetWriterGroups = []writerGroup{
	{"writer A (x1+x2)", []string{"independent/vet_x1", "independent/vet_x2"}},
	{"writer B (x3+x4)", []string{"independent/vet_x3", "independent/vet_x4"}},
	{"writer C (dev_x)", []string{"independent/vet_dev_x"}},
	{"writer F (x5+x6)", []string{"independent/vet_x5", "independent/vet_x6"}},
	{"writer E (x7)", []string{"independent/vet_x7"}},
	{"writer I (x8)", []string{"independent/vet_x8"}},
	{"writer J (x9)", []string{"independent/vet_x9"}},
	{"writer T3 (t3)", []string{"independent/vet_t3"}},
	{"writer T5 (t5)", []string{"independent/vet_t5"}},
	{"writer M (x10)", []string{"independent/vet_x10"}},
	{"writer N (x11)", []string{"independent/vet_x11"}},
	{"writer T7 (t7)", []string{"independent/vet_t7"}},
	{"writer T8 (t8)", []string{"independent/vet_t8"}},
	{"writer O (x12)", []string{"independent/vet_x12"}},
	{"writer P (x13)", []string{"independent/vet_x13"}},
	{"writer T9 (t9)", []string{"independent/vet_t9"}},
	{"writer T10 (t10)", []string{"independent/vet_t10"}},
	{"writer T13 (t13)", []string{"independent/vet_t13"}},
	{"writer T14 (t14)", []string{"independent/vet_t14"}},
	{"writer T15 (t15)", []string{"independent/vet_t15"}},
	{"writer S (x14)", []string{"independent/vet_x14"}},
	{"writer U (x15)", []string{"independent/vet_x15"}},
	{"writer T16 (t16)", []string{"independent/vet_t16"}},
	{"writer T17 (t17)", []string{"independent/vet_t17"}},
	{"writer T18 (t18)", []string{"independent/vet_t18"}},
	{"writer T19 (t19)", []string{"independent/vet_t19"}},
	{"writer T23 (t23)", []string{"independent/vet_t23"}},
}

// TestWriterGroupsCoverOutsideSets keeps the folds and the training sets
// in step: every outside set is one writer's, once.
func TestWriterGroupsCoverOutsideSets(t *testing.T) {
	seen := map[string]int{}
	for _, g := range vetWriterGroups {
		for _, s := range g.sets {
			seen[s]++
		}
	}
	for _, s := range outsideSets {
		if seen[s] != 1 {
			t.Errorf("outside set %s is in %d writer groups, want 1", s, seen[s])
		}
		delete(seen, s)
	}
	for s := range seen {
		t.Errorf("writer group set %s is not in testdata/independent", s)
	}
}

// cvTally counts, per category, bios flagged for it out of bios labelled
// with it, and clean bios flagged out of clean bios.
type cvTally map[string][2]int

func (c cvTally) add(name string, hit bool) {
	v := c[name]
	v[1]++
	if hit {
		v[0]++
	}
	c[name] = v
}

func (c cvTally) String() string {
	var b strings.Builder
	for _, name := range []string{string(OutcomeGuarantee), string(SubstanceProvision), string(InSessionGuidance), string(ClinicalClaim), "clean flagged"} {
		v := c[name]
		fmt.Fprintf(&b, " %s %d/%d", name, v[0], v[1])
	}
	return b.String()
}

func (c cvTally) score(bios []labelledText, ms learnedSet) {
	c.scoreListing(bios, ms, nil)
}

// scoreListing is score that also logs, when log is not nil, each held-out
// miss and each flagged clean bio (VETTING_MISSES=1 in TestLearnedCV).
func (c cvTally) scoreListing(bios []labelledText, ms learnedSet, log func(format string, args ...any)) {
	for _, b := range bios {
		flags := screen(b.text, ms)
		if len(b.cats) == 0 {
			c.add("clean flagged", len(flags) > 0)
			if log != nil && len(flags) > 0 {
				for _, f := range flags {
					log("FALSE %s: %q\n    in %q", f.Category, f.Excerpt, b.text)
				}
			}
			continue
		}
		for _, cat := range b.cats {
			hit := false
			for _, f := range flags {
				hit = hit || f.Category == cat
			}
			c.add(string(cat), hit)
			if log != nil && !hit {
				log("MISS %s: %q", cat, b.text)
			}
		}
	}
}

// cvFloors are the held-out recall per category and clean bios flagged
// that TestLearnedCV holds, under what the code measured
// (testdata/independent/README.md). Since vet5 the rules were written
// with writers A–C's misses in view, and since vet8 (session 6) with
// those of F, E, I, J and T3, so the folds hold the learned layer out but
// not the rules, and the layer's settings were chosen on the folds. The
// floors guard against regressions; they are not an estimate (the blind
// sets are). In session 7 the clean floor went from 0.02 to 0.045 with no
// code change: writers T7 and T8, asked for hard clean bios (FAQs, lists,
// marketing copy), joined as folds, and the same code went from 19 of 950
// held-out clean bios flagged (eleven writers, 2.0 %) to 49 of 1,190
// (4.1 %; T7 and T8 14 and 13 of 120, measured at 13 and 13 held out
// before they joined). At the start of session 8 it went to 0.06, again
// with no code change: writers O and P (session 7's blind sets, 21 of
// their 110 clean bios flagged held out) joined, and the pooled figure
// became 71 of 1,300 (5.5 %). Then rule flags came to need the learned
// layers' agreement (decision.go): 46 of 1,300 (3.5 %); with writers T9
// and T10 as folds (35 of their 240 clean bios flagged held out on
// main's flags, 23 with the agreement, before they joined) 63 of 1,540
// (4.1 %, against 100 without the agreement), so the floor is 0.045.
// Recall stays at 0.92: the agreement costs the writers the rules were
// written from a few labels each and the newest writers none (clinical
// claims, which it leaves alone, are lowest: 524/562 = 0.932). In vet12
// writers T13–T15 (420 clean bios, 32 flagged held out before they
// joined) became folds: 96 of 1,960 (4.9 %), floor 0.05, no code change.
// Then positives located by the rules and the clinical claims' agreement
// (vet12): 82 of 1,960 (4.2 %), floor 0.045 again; clinical claims, which
// the agreement costs labels of the rules' own writers (C, J, F), are
// lowest at 567/613 = 0.925. In vet13 clinical claims' runs of
// sentences went to 0.97 (chosen nested leave-one-writer-out): 75 of
// 1,960 (3.8 %), floor 0.04; clinical claims 564/613 = 0.920, at the
// recall floor with no label to spare, so the next change that costs
// clinical claims a label must say why. At the start of session 9
// writers S and U (session 8's blind sets, 14 of their 105 clean bios
// flagged blind on the final code) joined as folds, with no code change:
// 86 of 2,065 (4.2 %), S and U held out 3/55 and 11/50, floor 0.045;
// clinical claims 613/662 = 0.926. Then writers T17–T19 (session 9's
// training sets, 13 of their 350 clean bios flagged held out before they
// joined) became folds: 99 of 2,415 (4.1 %), no code change; with the
// thresholds and the rules' agreement re-chosen nested (vet14), 66 of
// 2,415 (2.7 %), floor 0.03; clinical claims 696/754 = 0.923. With
// writer T16 (long credentialed bios; 13 of 140 clean flagged held out
// on that code before it joined) as a fold: 75 of 2,555 (2.9 %, 109 on
// the previous values); clinical claims 716/778 = 0.920, again at the
// recall floor with no label to spare. Then writer T23 (220 bios: 100
// clinical claims, 120 clean credentialed bios; 72/100 and 12 of 120
// clean flagged held out on that code before it joined) became a fold,
// no code change: clinical claims 799/878 = 0.910, the others still
// over 0.93, clean 90 of 2,675 (3.4 %). So clinical claims get their own
// floor, 0.91, the others keep 0.92, and the clean floor is 0.035: the
// drop is a new writer's, measured before it trained anything.
var cvFloors = struct{ recall, ccRecall, clean float64 }{recall: 0.92, ccRecall: 0.91, clean: 0.035}

// TestLearnedCV measures the screener on each outside writer's bios with
// the learned layer trained on the team's corpus and the other writers'
// bios, never on the writer measured (leave-one-writer-out). Set
// VETTING_MISSES=1 to list each held-out miss and flagged clean bio, and
// see TestLearnedCVSweep for the settings tried.
func TestLearnedCV(t *testing.T) {
	team := trainingTexts(learnedSets)
	pooled := cvTally{}
	for gi, g := range vetWriterGroups {
		train := append([]labelledText(nil), team...)
		for gj, other := range vetWriterGroups {
			if gj != gi {
				train = append(train, labelledSets(other.sets)...)
			}
		}
		held := labelledSets(g.sets)
		h := cvTally{}
		ms := trainLearned(train, learnedDefaults)
		var log func(string, ...any)
		if os.Getenv("VETTING_MISSES") != "" {
			log = t.Logf
		}
		h.scoreListing(held, ms, log)
		pooled.score(held, ms)
		t.Logf("%s held out:%s", g.name, h)
	}
	t.Logf("pooled:%s", pooled)
	for name, v := range pooled {
		r := float64(v[0]) / float64(v[1])
		if name == "clean flagged" && r > cvFloors.clean {
			t.Errorf("held-out clean bios flagged %.3f, want <= %.3f", r, cvFloors.clean)
		}
		floor := cvFloors.recall
		if name == string(ClinicalClaim) {
			floor = cvFloors.ccRecall
		}
		if name != "clean flagged" && r < floor {
			t.Errorf("held-out %s recall %.3f, want >= %.2f", name, r, floor)
		}
	}
}

// heldOutScore is one held-out bio's labels, the categories the rules
// flagged, and, per category, the highest probability the layer gave a
// sentence whose checks passed.
type heldOutScore struct {
	writer      int
	cats, rules []Category
	best        map[Category]float64
}

// cvSweepCuts are the thresholds TestLearnedCVSweep tries.
var cvSweepCuts = []float64{0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95}

// TestLearnedCVSweep (VETTING_SWEEP=1) is how learnedDefaults were chosen:
// for the defaults and for each with one mechanism taken away, it trains
// on each writer's folds as TestLearnedCV does and prints, per category
// and sentence threshold, the held-out bios recalled (rules, runs of
// sentences or layer) and the held-out clean bios the category's sentence
// flags add that nothing else flagged.
func TestLearnedCVSweep(t *testing.T) {
	if os.Getenv("VETTING_SWEEP") == "" {
		t.Skip("set VETTING_SWEEP=1")
	}
	variants := []struct {
		name string
		edit func(*learnedOptions)
	}{
		{"defaults", func(*learnedOptions) {}},
		{"no runs of sentences read whole", func(o *learnedOptions) { o.textCut = nil }},
		{"runs of sentences at 0.8", func(o *learnedOptions) {
			o.textCut = map[Category]float64{OutcomeGuarantee: 0.8, SubstanceProvision: 0.8, InSessionGuidance: 0.8, ClinicalClaim: 0.8}
		}},
		{"runs' sentence floor 0.1", func(o *learnedOptions) { o.textFloor = 0.1 }},
		{"runs' sentence floor 0.2", func(o *learnedOptions) { o.textFloor = 0.2 }},
		{"runs' sentence floor 0.3", func(o *learnedOptions) { o.textFloor = 0.3 }},
		{"runs' sentence floor 0.5", func(o *learnedOptions) { o.textFloor = 0.5 }},
		{"bio-level training", func(o *learnedOptions) { o.sentences = false }},
		{"outside writers' bios counted 3 times", func(o *learnedOptions) { o.outsideWeight = 3 }},
		{"a sentence repeated within an outside set given once", func(o *learnedOptions) { o.dedup = true }},
		{"no word beginnings", func(o *learnedOptions) { o.stems = false }},
		{"no negation marks", func(o *learnedOptions) { o.negMark = false }},
		{"checks on the deciding word for substance provision too", func(o *learnedOptions) {
			o.wordChecks = map[Category]bool{OutcomeGuarantee: true, SubstanceProvision: true, InSessionGuidance: true, ClinicalClaim: true}
		}},
		{"whole-sentence checks", func(o *learnedOptions) { o.wordChecks = nil }},
		{"session 4 (bio-level, whole sentence, words and pairs)", func(o *learnedOptions) {
			*o = learnedOptions{cats: o.cats}
		}},
	}
	team := trainingTexts(learnedSets)
	for _, v := range variants {
		if only := os.Getenv("VETTING_SWEEP_ONLY"); only != "" && !strings.Contains(v.name, only) {
			continue
		}
		o := learnedDefaults
		v.edit(&o)
		o.cut = map[Category]float64{}
		for _, c := range o.cats {
			o.cut[c] = 2 // the rules' flags only; the probe sees the layer's
		}
		var scores []heldOutScore
		for gi := range vetWriterGroups {
			train := append([]labelledText(nil), team...)
			for gj, other := range vetWriterGroups {
				if gj != gi {
					train = append(train, labelledSets(other.sets)...)
				}
			}
			ms := trainLearned(train, o)
			for _, b := range labelledSets(vetWriterGroups[gi].sets) {
				sc := heldOutScore{writer: gi, cats: b.cats, best: map[Category]float64{}}
				ms.probe = func(c Category, p float64, passed bool) {
					if passed && p > sc.best[c] {
						sc.best[c] = p
					}
				}
				for _, f := range screen(b.text, ms) {
					sc.rules = append(sc.rules, f.Category)
				}
				scores = append(scores, sc)
			}
		}
		for _, c := range o.cats {
			var line strings.Builder
			for _, cut := range cvSweepCuts {
				hit, n, clean := 0, 0, 0
				for _, sc := range scores {
					switch {
					case len(sc.cats) == 0 && len(sc.rules) == 0 && sc.best[c] >= cut:
						clean++
					case hasCategory(sc.cats, c):
						n++
						if hasCategory(sc.rules, c) || sc.best[c] >= cut {
							hit++
						}
					}
				}
				fmt.Fprintf(&line, " %.2f: %d/%d +%d clean;", cut, hit, n, clean)
			}
			t.Logf("%s, %s:%s", v.name, c, line.String())
		}
		joint := cvTally{}
		writers := make([]cvTally, len(vetWriterGroups))
		for _, sc := range scores {
			flagged := func(c Category) bool {
				return hasCategory(sc.rules, c) || sc.best[c] >= learnedDefaults.cut[c]
			}
			w := writers[sc.writer]
			if w == nil {
				w = cvTally{}
				writers[sc.writer] = w
			}
			if len(sc.cats) == 0 {
				any := len(sc.rules) > 0
				var by []Category
				for _, c := range o.cats {
					if !hasCategory(sc.rules, c) && flagged(c) {
						by = append(by, c)
					}
					any = any || flagged(c)
				}
				joint.add("clean flagged", any)
				w.add("clean flagged", any)
				if len(sc.rules) == 0 && len(by) > 0 {
					t.Logf("%s: a clean bio of %s flagged by the layer alone for %v", v.name, vetWriterGroups[sc.writer].name, by)
				}
			}
			for _, c := range sc.cats {
				joint.add(string(c), flagged(c))
				w.add(string(c), flagged(c))
			}
		}
		for i, w := range writers {
			t.Logf("%s at the defaults' thresholds, %s:%s", v.name, vetWriterGroups[i].name, w)
		}
		t.Logf("%s at the defaults' thresholds:%s", v.name, joint)
	}
}
