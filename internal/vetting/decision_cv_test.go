package vetting

import (
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
)

// The bio-level decision tried in session 7 (vet9) and not kept: a
// logistic per category over features of the whole bio (which layers
// raised the category and how often, the sentence and run probabilities,
// what the deciding sentence is — a question, an FAQ answer, a list item,
// negated, conditional, about someone else — the author's licence or
// regulated programme, the bio's format) confirming or vetoing the
// category's candidates together, trained on out-of-fold rows (each
// writer's bios scanned by a layer trained without that writer). On the
// held-out folds it traded recall for clean bios about one for one: with
// thirteen writers, clean negatives only and the veto at 0.6, trained as
// at first use (three folds of writers) and measured leave-one-writer-out,
// clean bios flagged 49 → 44 of 1,190 for 5 of 1,854 labels, while the
// first use went from about 1.5 s to about 23 s (four trainings of the
// layer and a scan of every outside bio). So the screener keeps every
// candidate (decide); this is the harness to try it again as new writers'
// sets, and their clean bios the rules misread, join
// (testdata/independent/README.md, session 7).

// vetoModel is the bio-level decision: a logistic per category over
// bioFeatures, and the probability under which a category's candidates
// are dropped.
type vetoModel struct {
	w   map[Category][]float64
	cut map[Category]float64
}

func dot(w, x []float64) float64 {
	z := 0.0
	for i := range x {
		z += w[i] * x[i]
	}
	return z
}

func logit(p float64) float64 { return math.Log(p / (1 - p)) }

// Words that mark what a deciding sentence is.
var (
	conditionalWords = map[string]bool{"if": true, "unless": true, "whether": true, "when": true, "should": true}
	otherSubjects    = map[string]bool{"he": true, "she": true, "they": true, "people": true, "some": true, "many": true, "clients": true, "most": true, "others": true, "their": true, "his": true, "her": true}
	firstPerson      = map[string]bool{"i": true, "we": true, "my": true, "me": true, "our": true, "us": true}
	secondPerson     = map[string]bool{"you": true, "your": true, "yours": true}
	endedWords       = map[string]bool{"used": true, "longer": true, "ago": true, "former": true, "formerly": true, "until": true, "stopped": true, "retired": true, "was": true, "were": true}
	hedgeWords       = map[string]bool{"may": true, "might": true, "could": true, "can": true, "often": true, "sometimes": true, "hope": true, "aim": true}
	faqWords         = map[string]bool{"faq": true, "q": true, "a": true, "question": true, "questions": true}
)

// bioFeatureCount is len(bioFeatures(...)).
const bioFeatureCount = 31

// bioFeatures describes a bio's candidates for category cat; the first
// is the bias.
func (ms learnedSet) bioFeatures(sc *scanned, cat Category) []float64 {
	ci := slices.Index(categoryOrder, cat)
	var nRule, nLayer, nRun, others float64
	decider, deciderP := -1, -1.0
	otherCats := map[Category]bool{}
	for _, c := range sc.cands {
		if c.cat != cat {
			otherCats[c.cat] = true
			continue
		}
		switch c.source {
		case fromRule:
			nRule++
		case fromLayer:
			nLayer++
		default:
			nRun++
		}
		if p := sc.probs[c.sentence][ci]; p > deciderP {
			decider, deciderP = c.sentence, p
		}
	}
	others = float64(len(otherCats))
	p1, p2 := 0.0, 0.0
	for i := range sc.probs {
		switch p := sc.probs[i][ci]; {
		case p > p1:
			p1, p2 = p, p1
		case p > p2:
			p2 = p
		}
	}
	run := 0.0
	if ms.texts[cat] != nil {
		for lo := 0; lo < max(1, len(sc.norms)-textWindow+1); lo++ {
			run = max(run, ms.runProb(sc, ci, lo, min(len(sc.norms), lo+textWindow)))
		}
	}
	toks, _ := learnedTokens(sc.norms[decider])
	has := func(set map[string]bool) float64 {
		for _, t := range toks {
			if set[t.word] {
				return 1
			}
		}
		return 0
	}
	negated := 0.0
	for _, t := range toks {
		if learnedNegators[t.word] {
			negated = 1
		}
	}
	other := 0.0
	if len(toks) > 0 && otherSubjects[toks[0].word] {
		other = 1
	}
	questions, items, faq := 0.0, 0.0, 0.0
	for i, n := range sc.norms {
		if strings.HasSuffix(n, "?") {
			questions++
		}
		if listMarker.MatchString(strings.TrimSpace(sc.text[sc.spans[i].start:sc.spans[i].end])) {
			items++
		}
		if t, _ := learnedTokens(n); len(t) > 0 && faqWords[t[0].word] {
			faq = 1
		}
	}
	n := float64(len(sc.norms))
	prevQuestion := 0.0
	if decider > 0 && strings.HasSuffix(sc.norms[decider-1], "?") {
		prevQuestion = 1
	}
	return []float64{
		1,
		b2f(nRule > 0), b2f(nRule > 1), b2f(nLayer > 0), b2f(nLayer > 1), b2f(nRun > 0 && nRule+nLayer == 0),
		p1, p2, deciderP, run, others / 3,
		b2f(strings.HasSuffix(sc.norms[decider], "?")), prevQuestion,
		b2f(listMarker.MatchString(strings.TrimSpace(sc.text[sc.spans[decider].start:sc.spans[decider].end]))),
		negated, has(conditionalWords), other, has(firstPerson), has(secondPerson), has(endedWords), has(hedgeWords),
		b2f(sc.author.licensedClinician), b2f(sc.author.legalFacilitator),
		questions / n, b2f(items > 0), items / n, faq, math.Log1p(n) / 4,
		b2f(deciderP >= 0.9), b2f(nRule > 0 && deciderP < 0.2), float64(len(toks)) / 40,
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// vetoRow is one bio's candidates for one category, described, with
// whether the bio is labelled with it.
type vetoRow struct {
	cat Category
	x   []float64
	y   bool
}

// trainVeto fits each category's bio-level logistic by full-batch gradient
// descent from zero (deterministic), with an L2 penalty.
func trainVeto(rows []vetoRow, cut map[Category]float64) *vetoModel {
	v := &vetoModel{w: map[Category][]float64{}, cut: cut}
	for _, cat := range categoryOrder {
		var xs [][]float64
		var ys []float64
		for _, r := range rows {
			if r.cat == cat {
				xs = append(xs, r.x)
				ys = append(ys, b2f(r.y))
			}
		}
		if len(xs) == 0 {
			continue
		}
		w := make([]float64, bioFeatureCount)
		g := make([]float64, bioFeatureCount)
		const rate, l2, iters = 0.5, 1e-3, 600
		for range iters {
			clear(g)
			for i, x := range xs {
				d := 1/(1+math.Exp(-dot(w, x))) - ys[i]
				for j := range x {
					g[j] += d * x[j]
				}
			}
			for j := range w {
				w[j] -= rate * (g[j]/float64(len(xs)) + l2*w[j])
			}
		}
		v.w[cat] = w
	}
	return v
}

// heldOutBio is a held-out bio's labels and, per category it has
// candidates for, the bio-level features (scanned by a layer trained
// without its writer).
type heldOutBio struct {
	writer int
	cats   []Category
	rows   map[Category][]float64
}

// decisionVariant is a way of raising candidates tried by
// TestLearnedCVDecision.
type decisionVariant struct {
	name string
	edit func(*learnedOptions)
}

// TestLearnedCVDecision (VETTING_DECISION=1) measures the bio-level
// decision with leave-one-writer-out folds: each writer's bios are scanned
// by a layer trained without that writer, and the veto deciding them is
// trained on the other writers' out-of-fold rows. It prints, per variant
// of candidate thresholds and per veto cut, each writer's and the pooled
// figures.
func TestLearnedCVDecision(t *testing.T) {
	if os.Getenv("VETTING_DECISION") == "" {
		t.Skip("set VETTING_DECISION=1")
	}
	variants := []decisionVariant{
		{"defaults", func(*learnedOptions) {}},
		{"cuts -0.1", func(o *learnedOptions) { shiftCuts(o, -0.1, 0.9) }},
		{"cuts -0.2, runs 0.8", func(o *learnedOptions) { shiftCuts(o, -0.2, 0.8) }},
	}
	// cleanOnly trains the veto on clean bios' candidates as its only
	// negatives (not on a bio flagged for a category it has not but
	// labelled with another).
	cleanOnly := os.Getenv("VETTING_DECISION_CLEAN_ONLY") != ""
	team := trainingTexts(learnedSets)
	held := make([][][]heldOutBio, len(variants))
	if only := os.Getenv("VETTING_DECISION_ONLY"); only != "" {
		variants = slices.DeleteFunc(variants, func(v decisionVariant) bool { return v.name != only })
	}
	for gi := range vetWriterGroups {
		train := append([]labelledText(nil), team...)
		for gj, other := range vetWriterGroups {
			if gj != gi {
				train = append(train, labelledSets(other.sets)...)
			}
		}
		base := trainLearned(train, learnedDefaults)
		for vi, v := range variants {
			ms := base
			ms.opts.cut, ms.opts.textCut = copyCuts(base.opts.cut), copyCuts(base.opts.textCut)
			v.edit(&ms.opts)
			var bios []heldOutBio
			for _, b := range labelledSets(vetWriterGroups[gi].sets) {
				sc := ms.scan(b.text)
				hb := heldOutBio{writer: gi, cats: b.cats, rows: map[Category][]float64{}}
				for _, c := range sc.cands {
					if hb.rows[c.cat] == nil {
						hb.rows[c.cat] = ms.bioFeatures(sc, c.cat)
					}
				}
				bios = append(bios, hb)
			}
			held[vi] = append(held[vi], bios)
		}
	}
	for vi, v := range variants {
		if os.Getenv("VETTING_DECISION_AUC") != "" {
			logAUC(t, v.name, held[vi])
		}
		// The veto on every category, then on one at a time.
		for _, mode := range append([]Category{""}, categoryOrder...) {
			for _, cut := range []float64{0, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9} {
				if mode != "" && cut == 0 {
					continue
				}
				cuts := map[Category]float64{}
				for _, c := range categoryOrder {
					if mode == "" || mode == c {
						cuts[c] = cut
					}
				}
				pooled, recent := cvTally{}, cvTally{}
				var per []string
				for gi := range vetWriterGroups {
					var rows []vetoRow
					for gj, bios := range held[vi] {
						if gj == gi {
							continue
						}
						for _, b := range bios {
							for c, x := range b.rows {
								y := hasCategory(b.cats, c)
								if cleanOnly && !y && len(b.cats) > 0 {
									continue
								}
								rows = append(rows, vetoRow{cat: c, x: x, y: y})
							}
						}
					}
					veto := trainVeto(rows, cuts)
					w := cvTally{}
					for _, b := range held[vi][gi] {
						kept := map[Category]bool{}
						for c, x := range b.rows {
							kept[c] = cuts[c] == 0 || dot(veto.w[c], x) >= logit(cuts[c])
						}
						tallyKept(b, kept, w, pooled)
						if strings.Contains("T3 T5 M N", strings.Fields(vetWriterGroups[gi].name)[1]) {
							tallyKept(b, kept, recent)
						}
					}
					per = append(per, fmt.Sprintf("%s:%s", vetWriterGroups[gi].name, w))
				}
				t.Logf("%s, veto %s cut %.2f: pooled%s | T3+T5+M+N%s", v.name, mode, cut, pooled, recent)
				if os.Getenv("VETTING_DECISION_WRITERS") != "" {
					t.Logf("  %s", strings.Join(per, "\n  "))
				}
			}
		}
	}
}

// tallyKept adds a bio's outcome, given the categories the decision
// kept, to each tally.
func tallyKept(b heldOutBio, kept map[Category]bool, ts ...cvTally) {
	any := false
	for _, k := range kept {
		any = any || k
	}
	for _, t := range ts {
		if len(b.cats) == 0 {
			t.add("clean flagged", any)
		}
		for _, c := range b.cats {
			t.add(string(c), kept[c])
		}
	}
}

func copyCuts(m map[Category]float64) map[Category]float64 {
	out := map[Category]float64{}
	for k, v := range m {
		out[k] = v
	}
	return out
}

// shiftCuts moves every sentence threshold by d and sets the runs' to run.
func shiftCuts(o *learnedOptions, d, run float64) {
	for c := range o.cut {
		o.cut[c] += d
	}
	for c := range o.textCut {
		o.textCut[c] = run
	}
}

// logAUC logs, per category, the held-out rows' counts and how well the
// veto ranks true candidates above false ones (AUC), and the veto
// probabilities of the clean bios' rows.
func logAUC(t *testing.T, name string, held [][]heldOutBio) {
	type scored struct {
		p     float64
		y     bool
		clean bool
	}
	per := map[Category][]scored{}
	for gi := range held {
		var rows []vetoRow
		for gj, bios := range held {
			if gj != gi {
				for _, b := range bios {
					for c, x := range b.rows {
						rows = append(rows, vetoRow{cat: c, x: x, y: hasCategory(b.cats, c)})
					}
				}
			}
		}
		veto := trainVeto(rows, nil)
		for _, b := range held[gi] {
			for c, x := range b.rows {
				per[c] = append(per[c], scored{1 / (1 + math.Exp(-dot(veto.w[c], x))), hasCategory(b.cats, c), len(b.cats) == 0})
			}
		}
	}
	for _, c := range categoryOrder {
		pos, neg, above := 0, 0, 0.0
		var cleanPs []string
		for _, a := range per[c] {
			if a.y {
				pos++
				continue
			}
			neg++
			if a.clean {
				cleanPs = append(cleanPs, fmt.Sprintf("%.2f", a.p))
			}
			for _, b := range per[c] {
				if b.y && b.p > a.p {
					above++
				}
			}
		}
		t.Logf("%s, %s: %d true, %d false candidates, AUC %.3f; clean bios' veto p %v", name, c, pos, neg, above/float64(max(1, pos*neg)), cleanPs)
	}
}
