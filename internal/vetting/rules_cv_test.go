package vetting

import (
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
)

// TestRuleFiresByWriter (VETTING_RULES=1) counts, per rule, the held-out
// bios whose flag it raised (after the layers' agreement, decision.go):
// on bios labelled with its category and on clean bios, for the writers
// the rules were written from and for the newest writers, whom no rule
// was written from. A rule that fires on new writers' clean bios more
// than on their labelled ones is a candidate to retire. Counts only: no
// text is printed. VETTING_RULES_UNGATED=1 counts every rule flag, as
// before the layers' agreement was asked.
func TestRuleFiresByWriter(t *testing.T) {
	if os.Getenv("VETTING_RULES") == "" {
		t.Skip("set VETTING_RULES=1")
	}
	// Per rule: [older writers, M N T7 T8, O P] × (true, true alone, clean).
	type tally [3][3]int
	counts := map[string]*tally{}
	group := ruleGroups()
	team := trainingTexts(learnedSets)
	for gi, g := range vetWriterGroups {
		train := append([]labelledText(nil), team...)
		for gj, other := range vetWriterGroups {
			if gj != gi {
				train = append(train, labelledSets(other.sets)...)
			}
		}
		o := learnedDefaults
		if os.Getenv("VETTING_RULES_UNGATED") != "" {
			o.ruleAgree = nil
		}
		ms := trainLearned(train, o)
		k := 0
		if newestWriter(gi) {
			k = 1
			if n := strings.Fields(g.name)[1]; n == "O" || n == "P" {
				k = 2
			}
		}
		for _, b := range labelledSets(g.sets) {
			sc := ms.scan(b.text)
			fired := map[Category]map[string]bool{}
			for _, c := range sc.cands {
				if c.source != fromRule {
					continue
				}
				if fired[c.cat] == nil {
					fired[c.cat] = map[string]bool{}
				}
				any := false
				for k, r := range rulesByCategory[c.cat] {
					if r.fires(sc.norms[c.sentence], sc.author) {
						fired[c.cat][fmt.Sprintf("%s %s #%d", c.cat, group[c.cat][k], k)] = true
						any = true
					}
				}
				if !any {
					fired[c.cat][string(c.cat)+" anaphora"] = true
				}
			}
			for cat, names := range fired {
				// sole: no other source flags the category in this bio.
				others := slices.ContainsFunc(sc.cands, func(c candidate) bool { return c.cat == cat && c.source != fromRule })
				for name := range names {
					tl := counts[name]
					if tl == nil {
						tl = &tally{}
						counts[name] = tl
					}
					sole := len(names) == 1 && !others
					switch {
					case len(b.cats) == 0:
						tl[k][2]++
					case hasCategory(b.cats, cat):
						tl[k][0]++
						if sole {
							tl[k][1]++
						}
					}
				}
			}
		}
	}
	names := make([]string, 0, len(counts))
	for n := range counts {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := counts[names[i]], counts[names[j]]
		if a[1][2] != b[1][2] {
			return a[1][2] > b[1][2]
		}
		return names[i] < names[j]
	})
	for _, n := range names {
		c := counts[n]
		if c[0][2]+c[1][2]+c[2][2] == 0 {
			continue
		}
		t.Logf("%s: M N T7 T8 true %d (alone %d), clean %d; O P true %d (alone %d), clean %d; older true %d (alone %d), clean %d", n, c[1][0], c[1][1], c[1][2], c[2][0], c[2][1], c[2][2], c[0][0], c[0][1], c[0][2])
	}
}

// ruleGroups names, per category, the group (the function in buildRules'
// order) each rule of rulesByCategory comes from.
func ruleGroups() map[Category][]string {
	groups := []struct {
		name  string
		rules []rule
	}{
		{"outcome", outcomeRules()}, {"substance", substanceRules()}, {"session", sessionRules()}, {"presence", presenceRules()},
		{"clinical", clinicalRules()}, {"concept", conceptRules()}, {"general", generalRules()}, {"fallback", fallbackRules()},
		{"signal", signalRules()}, {"promise", promiseRules()}, {"universal", universalRules()}, {"supply", supplyRules()},
		{"handover", handoverRules()}, {"broad", broadRules()}, {"frame", frameRules()}, {"euphemism", euphemismRules()},
	}
	out := map[Category][]string{}
	for _, g := range groups {
		for i, r := range g.rules {
			out[r.category] = append(out[r.category], fmt.Sprintf("%s[%d] %.60s", g.name, i, strings.TrimPrefix(r.pattern.String(), `\b(?:`)))
		}
	}
	return out
}
