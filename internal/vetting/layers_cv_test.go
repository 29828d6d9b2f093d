package vetting

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestLearnedCVLayers (VETTING_LAYERS=1 [VETTING_LAYERS_ONLY=name]) is session 7's attribution of
// held-out flags to the layer that raised them, and the search for an
// operating point of the sentence and run thresholds by nested
// leave-one-writer-out cross-validation. Each writer's bios are scanned
// once by the layer trained without that writer, keeping per category
// whether the rules flagged it, the sentence probability of every
// sentence the layer could flag (with the best run of sentences around
// it) and the best run that could flag a sentence, so that any
// thresholds can be applied afterwards; at the defaults' thresholds the
// figures are TestLearnedCV's.
func TestLearnedCVLayers(t *testing.T) {
	if os.Getenv("VETTING_LAYERS") == "" {
		t.Skip("set VETTING_LAYERS=1")
	}
	team := trainingTexts(learnedSets)
	var bios []layerBio
	for gi, g := range vetWriterGroups {
		train := append([]labelledText(nil), team...)
		for gj, other := range vetWriterGroups {
			if gj != gi {
				train = append(train, labelledSets(other.sets)...)
			}
		}
		ms := trainLearned(train, learnedDefaults)
		for _, b := range labelledSets(g.sets) {
			bios = append(bios, ms.layerScan(gi, b))
		}
	}
	def, base := defaultPolicy(), ungatedPolicy()
	logAttribution(t, "no agreement asked of the rules", bios, base)
	logAttribution(t, "defaults", bios, def)
	logPolicy(t, "no agreement asked of the rules (session 7)", bios, func(int) layerPolicy { return base })
	logPolicy(t, "defaults", bios, func(int) layerPolicy { return def })
	logAgreementGrid(t, bios, base)
	rulesOnly := base
	for ci := range rulesOnly {
		rulesOnly[ci].cut, rulesOnly[ci].high, rulesOnly[ci].run = 2, 2, 2
	}
	logPolicy(t, "rules alone", bios, func(int) layerPolicy { return rulesOnly })
	noRuns := def
	for ci := range noRuns {
		noRuns[ci].run = 2
	}
	logPolicy(t, "no runs of sentences", bios, func(int) layerPolicy { return noRuns })
	noCCRuns := def
	noCCRuns[slices.Index(categoryOrder, ClinicalClaim)].run = 2
	logPolicy(t, "no clinical-claim runs", bios, func(int) layerPolicy { return noCCRuns })
	for _, sel := range policySelections {
		if only := os.Getenv("VETTING_LAYERS_ONLY"); only != "" && !strings.Contains(sel.name, only) {
			continue
		}
		// The rules' agreement is chosen from session 7's screener, the
		// other thresholds from the defaults (agreement included).
		from := def
		if sel.rules && !sel.fromDefaults {
			from = base
		}
		chosen := map[int]layerPolicy{}
		for gi := range vetWriterGroups {
			chosen[gi] = choosePolicy(bios, from, sel, func(w int) bool { return w != gi && (!sel.newestOnly || newestWriter(w)) })
		}
		logPolicy(t, "nested, "+sel.name, bios, func(w int) layerPolicy { return chosen[w] })
		for _, gi := range newestWriters() {
			t.Logf("  %s chose for %s: %s", sel.name, vetWriterGroups[gi].name, chosen[gi])
		}
		all := choosePolicy(bios, from, sel, func(w int) bool { return !sel.newestOnly || newestWriter(w) })
		t.Logf("  %s chosen on every writer: %s", sel.name, all)
		logPolicy(t, "chosen on every writer (not held out), "+sel.name, bios, func(int) layerPolicy { return all })
	}
}

// layerCat is what a held-out bio's scan says about one category.
type layerCat struct {
	rule bool
	// ruleP and ruleAround are the highest sentence probability of the
	// sentences the rules flag and the best run of sentences around them.
	ruleP, ruleAround float64
	// layer are the sentence probabilities of the sentences the layer
	// may flag, around the best run of sentences containing each.
	layer, around []float64
	// run is the best run of sentences that may flag a sentence.
	run float64
}

type layerBio struct {
	writer int
	cats   []Category
	by     [4]layerCat
}

// layerScan scans a bio with every sentence threshold at zero, so that
// each sentence the layer may flag is a candidate, and reads the runs of
// sentences as textFlags does.
func (ms learnedSet) layerScan(writer int, b labelledText) layerBio {
	open := ms
	open.opts.cut, open.opts.textCut = map[Category]float64{}, map[Category]float64{}
	open.opts.ruleAgree = nil // every rule's flag is kept, with its agreement
	for _, c := range categoryOrder {
		open.opts.cut[c], open.opts.textCut[c] = 0, 2 // the runs are read below
	}
	sc := open.scan(b.text)
	lb := layerBio{writer: writer, cats: b.cats}
	n := len(sc.norms)
	windows := max(1, n-textWindow+1)
	for ci := range categoryOrder {
		lc := &lb.by[ci]
		around := make([]float64, n)
		if ms.texts[categoryOrder[ci]] != nil && n > 0 {
			for lo := 0; lo < windows; lo++ {
				hi := min(n, lo+textWindow)
				p := ms.runProb(sc, ci, lo, hi)
				for i := lo; i < hi; i++ {
					around[i] = max(around[i], p)
					if sc.probs[i][ci] > 0 && ms.runMayFlag(sc, ci, i) {
						lc.run = max(lc.run, p)
					}
				}
			}
		}
		for _, c := range sc.cands {
			if c.cat != categoryOrder[ci] {
				continue
			}
			if c.source == fromRule {
				lc.rule = true
				lc.ruleP = max(lc.ruleP, sc.probs[c.sentence][ci])
				lc.ruleAround = max(lc.ruleAround, around[c.sentence])
				continue
			}
			lc.layer = append(lc.layer, sc.probs[c.sentence][ci])
			lc.around = append(lc.around, around[c.sentence])
		}
	}
	return lb
}

// layerPolicy is, per category index, where the layers flag: a sentence
// at or over high, or at or over cut with a run around it at or over
// agree; a run of sentences at or over run; a rule when its sentence's
// probability is at or over ruleP or the run around it at or over
// ruleRun (both zero: every rule).
type layerPolicy [4]struct{ cut, high, agree, run, ruleP, ruleRun float64 }

// defaultPolicy is learnedDefaults' policy, the rules' agreement included.
func defaultPolicy() layerPolicy {
	p := ungatedPolicy()
	for ci, c := range categoryOrder {
		if a, ok := learnedDefaults.ruleAgree[c]; ok {
			p[ci].ruleP, p[ci].ruleRun = a.sentence, a.run
		}
	}
	return p
}

// ungatedPolicy is learnedDefaults' thresholds with every rule flag kept
// (session 7's screener).
func ungatedPolicy() layerPolicy {
	var p layerPolicy
	for ci, c := range categoryOrder {
		p[ci].cut, p[ci].high, p[ci].run = learnedDefaults.cut[c], learnedDefaults.cut[c], learnedDefaults.textCut[c]
	}
	return p
}

// logAgreementGrid prints, per category, what asking the rules for the
// layers' agreement does on its own at each point of the grid (the other
// categories as in base): the category's labels recalled, and the clean
// bios it flags, for the newest writers and the older ones.
func logAgreementGrid(t *testing.T, bios []layerBio, base layerPolicy) {
	for ci, c := range categoryOrder {
		for _, rp := range gridRuleP {
			var line strings.Builder
			for _, rr := range gridRuleR {
				q := base
				q[ci].ruleP, q[ci].ruleRun = rp, rr
				var hit, clean [2]int
				for _, b := range bios {
					k := 0
					if newestWriter(b.writer) {
						k = 1
					}
					switch {
					case len(b.cats) == 0 && b.flagged(ci, q):
						clean[k]++
					case hasCategory(b.cats, c) && b.flagged(ci, q):
						hit[k]++
					}
				}
				fmt.Fprintf(&line, " run %.2f: newest %d, %d clean; older %d, %d clean;", rr, hit[1], clean[1], hit[0], clean[0])
			}
			t.Logf("agreement grid, %s, sentence %.3f:%s", c, rp, line.String())
		}
	}
}

func (p layerPolicy) String() string {
	var b strings.Builder
	for ci, c := range categoryOrder {
		q := p[ci]
		fmt.Fprintf(&b, " %s sent %.2f", c, q.cut)
		if q.high > q.cut {
			fmt.Fprintf(&b, " (under %.2f with a run >= %.2f)", q.high, q.agree)
		}
		fmt.Fprintf(&b, " run %.2f", q.run)
		if q.ruleP > 0 {
			fmt.Fprintf(&b, " rules where sentence >= %.3f or run >= %.2f", q.ruleP, q.ruleRun)
		}
		b.WriteString(";")
	}
	return b.String()
}

// source says which layer flags category index ci of a bio under p: "rule",
// "sentence", "run" or "" (not flagged), with the deciding probability.
func (b layerBio) source(ci int, p layerPolicy) (string, float64) {
	lc, q := b.by[ci], p[ci]
	if lc.rule && (lc.ruleP >= q.ruleP || lc.ruleAround >= q.ruleRun) {
		return "rule", lc.ruleP
	}
	best := -1.0
	for i, s := range lc.layer {
		if s >= q.high || (s >= q.cut && lc.around[i] >= q.agree) {
			best = max(best, s)
		}
	}
	if best >= 0 {
		return "sentence", best
	}
	if lc.run >= q.run {
		return "run", lc.run
	}
	return "", 0
}

func (b layerBio) flagged(ci int, p layerPolicy) bool {
	s, _ := b.source(ci, p)
	return s != ""
}

func (b layerBio) anyFlag(p layerPolicy) bool {
	for ci := range categoryOrder {
		if b.flagged(ci, p) {
			return true
		}
	}
	return false
}

// newestWriter: M, N, T7, T8, O, P, T9, T10, T13–T15, S, U and T16–T19,
// the writers no rule was written from (session 9; session 8 counted M
// to T15, session 7 T3, T5, M, N, T7 and T8).
func newestWriter(w int) bool {
	return slices.Contains([]string{"M", "N", "T7", "T8", "O", "P", "T9", "T10", "T13", "T14", "T15", "S", "U", "T16", "T17", "T18", "T19"}, strings.Fields(vetWriterGroups[w].name)[1])
}

func newestWriters() []int {
	var out []int
	for w := range vetWriterGroups {
		if newestWriter(w) {
			out = append(out, w)
		}
	}
	return out
}

// logAttribution prints, for the newest writers held out, per
// category and layer, the clean bios' flags and the true flags, by the
// deciding probability.
func logAttribution(t *testing.T, name string, bios []layerBio, p layerPolicy) {
	bands := []float64{0, 0.1, 0.3, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99}
	band := func(x float64) string {
		i := len(bands) - 1
		for x < bands[i] {
			i--
		}
		return fmt.Sprintf("%.2f+", bands[i])
	}
	for ci, c := range categoryOrder {
		for _, src := range []string{"rule", "sentence", "run"} {
			var falseN, trueN int
			falseP, trueP := map[string]int{}, map[string]int{}
			for _, b := range bios {
				if !newestWriter(b.writer) {
					continue
				}
				s, x := b.source(ci, p)
				if s != src {
					continue
				}
				switch {
				case len(b.cats) == 0:
					falseN++
					falseP[band(x)]++
				case hasCategory(b.cats, c):
					trueN++
					trueP[band(x)]++
				}
			}
			t.Logf("%s, newest held out, %s from %s: clean-bio flags %d %v, true flags %d %v", name, c, src, falseN, falseP, trueN, trueP)
		}
	}
}

// logPolicy prints each writer's and the pooled figures, and the six
// newest writers', under the policy each writer is scored with.
func logPolicy(t *testing.T, name string, bios []layerBio, policy func(int) layerPolicy) {
	pooled, newest := cvTally{}, cvTally{}
	writers := make([]cvTally, len(vetWriterGroups))
	for _, b := range bios {
		p := policy(b.writer)
		if writers[b.writer] == nil {
			writers[b.writer] = cvTally{}
		}
		ts := []cvTally{pooled, writers[b.writer]}
		if newestWriter(b.writer) {
			ts = append(ts, newest)
		}
		for _, tl := range ts {
			if len(b.cats) == 0 {
				tl.add("clean flagged", b.anyFlag(p))
			}
			for _, c := range b.cats {
				tl.add(string(c), b.flagged(slices.Index(categoryOrder, c), p))
			}
		}
	}
	for w, tl := range writers {
		t.Logf("%s, %s:%s", name, vetWriterGroups[w].name, tl)
	}
	t.Logf("%s, newest:%s", name, newest)
	t.Logf("%s, pooled:%s", name, pooled)
}

// policySelection is a way to choose a category's thresholds on the
// inner writers: the fewest clean bios flagged for the category among
// the grid's policies that lose at most slack of the inner writers'
// labels the defaults recall.
type policySelection struct {
	name       string
	slack      float64
	newestOnly bool
	agreement  bool
	rules      bool
	// fixed keeps the defaults' sentence and run thresholds.
	fixed bool
	// runs keeps the defaults' sentence thresholds and chooses only the
	// runs' (vet13); 1.01 in the grid drops a category's runs.
	runs bool
	// skip are category indices left as they are.
	skip []int
	// fromDefaults chooses the rules' agreement starting from the
	// defaults (their agreement for the categories skipped) rather than
	// from session 7's screener.
	fromDefaults bool
}

var policySelections = []policySelection{
	{name: "thresholds, slack 0.005", slack: 0.005},
	{name: "runs' thresholds alone, slack 0.005", slack: 0.005, runs: true},
	{name: "runs' thresholds alone, slack 0.01", slack: 0.01, runs: true},
	{name: "runs' thresholds alone, slack 0.02", slack: 0.02, runs: true},
	{name: "runs' thresholds alone, slack 0.01, newest writers only", slack: 0.01, runs: true, newestOnly: true},
	{name: "clinical claims' agreement alone, slack 0.01", slack: 0.01, rules: true, fixed: true, skip: []int{0, 1, 2}, fromDefaults: true},
	{name: "clinical claims' agreement alone, slack 0.02", slack: 0.02, rules: true, fixed: true, skip: []int{0, 1, 2}, fromDefaults: true},
	{name: "clinical claims' agreement alone, slack 0.03", slack: 0.03, rules: true, fixed: true, skip: []int{0, 1, 2}, fromDefaults: true},
	{name: "re-chosen agreement but clinical claims, slack 0.005", slack: 0.005, rules: true, fixed: true, skip: []int{3}, fromDefaults: true},
	{name: "re-chosen agreement but clinical claims, slack 0.01", slack: 0.01, rules: true, fixed: true, skip: []int{3}, fromDefaults: true},
	{name: "rules' agreement alone, slack 0.005", slack: 0.005, rules: true, fixed: true},
	{name: "rules' agreement alone, slack 0.01", slack: 0.01, rules: true, fixed: true},
	{name: "rules' agreement alone, slack 0.02", slack: 0.02, rules: true, fixed: true},
	{name: "rules' agreement alone but clinical claims, slack 0.01", slack: 0.01, rules: true, fixed: true, skip: []int{3}},
	{name: "rules' agreement alone but clinical claims, slack 0.015", slack: 0.015, rules: true, fixed: true, skip: []int{3}},
	{name: "rules' agreement alone but clinical claims, slack 0.02", slack: 0.02, rules: true, fixed: true, skip: []int{3}},
	{name: "rules' agreement alone but clinical claims, slack 0.03", slack: 0.03, rules: true, fixed: true, skip: []int{3}},
	{name: "rules' agreement alone, slack 0.005, newest writers only", slack: 0.005, rules: true, fixed: true, newestOnly: true},
	{name: "rules' agreement alone, slack 0.01, newest writers only", slack: 0.01, rules: true, fixed: true, newestOnly: true},
	{name: "rules' agreement alone, slack 0.02, newest writers only", slack: 0.02, rules: true, fixed: true, newestOnly: true},
	{name: "rules' agreement, slack 0.01", slack: 0.01, rules: true},
	{name: "rules' agreement, slack 0.02", slack: 0.02, rules: true},
	{name: "rules' agreement and thresholds, slack 0.02", slack: 0.02, rules: true, agreement: true},
	// Session 9 (vet14): everything re-chosen at once from the shipped
	// screener on the larger pool, slack fixed at 0.01 in advance (0.005
	// and 0.02 for the sensitivity only).
	{name: "all re-chosen from the defaults, slack 0.01", slack: 0.01, rules: true, fromDefaults: true},
	{name: "all re-chosen from the defaults, slack 0.005", slack: 0.005, rules: true, fromDefaults: true},
	{name: "all re-chosen from the defaults, slack 0.02", slack: 0.02, rules: true, fromDefaults: true},
	{name: "thresholds, slack 0.01", slack: 0.01},
	{name: "thresholds, slack 0.02", slack: 0.02},
	{name: "thresholds and agreement, slack 0.01", slack: 0.01, agreement: true},
	{name: "thresholds, slack 0.01, newest writers only", slack: 0.01, newestOnly: true},
	{name: "thresholds and agreement, slack 0.01, newest writers only", slack: 0.01, newestOnly: true, agreement: true},
}

var (
	gridCuts  = []float64{0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.98, 1.01}
	gridRuns  = []float64{0.9, 0.95, 0.97, 0.98, 0.99, 0.995, 1.01}
	gridAgree = []float64{0.5, 0.7, 0.8, 0.9}
	gridRuleP = []float64{0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5}
	gridRuleR = []float64{0.3, 0.5, 0.7, 0.9, 0.99, 1.01}
)

// choosePolicy chooses each category's thresholds on the bios of the
// writers in (held-out scores only).
func choosePolicy(bios []layerBio, def layerPolicy, sel policySelection, in func(int) bool) layerPolicy {
	chosen := def
	for ci, c := range categoryOrder {
		if slices.Contains(sel.skip, ci) {
			continue
		}
		count := func(p layerPolicy) (hit, clean int) {
			for _, b := range bios {
				if !in(b.writer) {
					continue
				}
				switch {
				case len(b.cats) == 0 && b.flagged(ci, p):
					clean++
				case hasCategory(b.cats, c) && b.flagged(ci, p):
					hit++
				}
			}
			return hit, clean
		}
		labelled := 0
		for _, b := range bios {
			if in(b.writer) && hasCategory(b.cats, c) {
				labelled++
			}
		}
		baseHit, baseClean := count(def)
		floor := float64(baseHit) - sel.slack*float64(labelled)
		bestHit, bestClean := baseHit, baseClean
		try := func(q layerPolicy) {
			hit, clean := count(q)
			if float64(hit) >= floor && (clean < bestClean || (clean == bestClean && hit > bestHit)) {
				chosen, bestHit, bestClean = q, hit, clean
			}
		}
		cuts, runs := gridCuts, gridRuns
		if sel.fixed {
			cuts, runs = []float64{def[ci].cut}, []float64{def[ci].run}
		}
		if sel.runs {
			cuts = []float64{def[ci].cut}
		}
		for _, cut := range cuts {
			for _, run := range runs {
				q := chosen
				q[ci].cut, q[ci].high, q[ci].agree, q[ci].run = cut, cut, 0, run
				try(q)
				if sel.rules {
					for _, rp := range gridRuleP {
						for _, rr := range gridRuleR {
							r := q
							r[ci].ruleP, r[ci].ruleRun = rp, rr
							try(r)
						}
					}
				}
				if !sel.agreement {
					continue
				}
				for _, high := range gridCuts {
					for _, agree := range gridAgree {
						if high > cut {
							q[ci].high, q[ci].agree = high, agree
							try(q)
						}
					}
				}
			}
		}
	}
	return chosen
}
