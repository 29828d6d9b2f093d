package vetting

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// vetWriterGroups are the bios written outside the team (outsideSets),
// one group per writer, each held out whole in TestLearnedCV.
var vetWriterGroups = []struct {
	name string
	sets []string
}{
	{"writer A (x1+x2)", outsideSets[0:2]},
	{"writer B (x3+x4)", outsideSets[2:4]},
	{"writer C (dev_x)", outsideSets[4:5]},
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
// that TestLearnedCV holds, a little under what the code measured
// (testdata/independent/README.md). Since vet5 the rules were written
// with these writers' misses in view, so the folds hold the learned layer
// out but not the rules: the floors guard against regressions, they are
// not an estimate (the blind sets are).
var cvFloors = struct{ recall, clean float64 }{recall: 0.94, clean: 0.03}

// TestLearnedCV measures the screener on each outside writer's bios with
// the learned layer trained on the team's corpus and the other writers'
// bios, never on the writer measured (leave-one-writer-out). Set
// VETTING_SWEEP=1 to compare which categories the layer scores, and
// VETTING_MISSES=1 to list each held-out miss and flagged clean bio.
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
		ms := trainLearned(train, learnedCategories)
		var log func(string, ...any)
		if os.Getenv("VETTING_MISSES") != "" {
			log = t.Logf
		}
		h.scoreListing(held, ms, log)
		pooled.score(held, ms)
		t.Logf("%s held out:%s", g.name, h)
		if os.Getenv("VETTING_SWEEP") != "" {
			for _, cats := range [][]Category{{OutcomeGuarantee, SubstanceProvision}, {OutcomeGuarantee, SubstanceProvision, InSessionGuidance}, {OutcomeGuarantee, SubstanceProvision, InSessionGuidance, ClinicalClaim}} {
				v := cvTally{}
				v.score(held, trainLearned(train, cats))
				t.Logf("%s learned %v:%s", g.name, cats, v)
			}
		}
	}
	t.Logf("pooled:%s", pooled)
	for name, v := range pooled {
		r := float64(v[0]) / float64(v[1])
		if name == "clean flagged" && r > cvFloors.clean {
			t.Errorf("held-out clean bios flagged %.3f, want <= %.2f", r, cvFloors.clean)
		}
		if name != "clean flagged" && r < cvFloors.recall {
			t.Errorf("held-out %s recall %.3f, want >= %.2f", name, r, cvFloors.recall)
		}
	}
}
