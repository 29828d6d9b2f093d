package vetting

import (
	"slices"
	"sort"
)

// Screening is two steps: scan (vetting.go) raises candidate flags, each
// on a sentence and with the layer that raised it (a rule, the sentence
// layer, or a run of sentences read by the bio-level model), and decide
// turns the candidates into the flags an admin sees. Keeping the
// candidates with their source and the sentences' scores is what a
// bio-level decision over them needs: one was tried in session 7 (a
// logistic per category over features of the whole bio, trained on
// out-of-fold scans, vetoing a category's candidates) and did not help on
// held-out writers (decision_cv_test.go, testdata/independent/README.md),
// so decide keeps every candidate. What did help (session 8) is narrower
// and runs during the scan, before a run of sentences is read: a rule's
// candidate needs the learned layers' agreement (agrees, below).

// flagSource is the layer that raised a candidate flag.
type flagSource uint8

const (
	fromRule flagSource = iota
	fromLayer
	fromRun
)

// candidate is a flag before the bio-level decision.
type candidate struct {
	cat      Category
	sentence int
	source   flagSource
}

// scanned is a text split, normalised and scored, with its candidates.
type scanned struct {
	text   string
	spans  []span
	norms  []string
	author profile
	denied []bool
	feats  [][]learnedFeature
	names  [][]string
	// probs are each sentence's sentence-model probabilities and textZ
	// its bio-level model's weight sums, per category in categoryOrder.
	probs [][4]float64
	textZ [][4]float64
	cands []candidate
}

// decide returns the flags of the candidates, in order of appearance and
// category.
func decide(sc *scanned) []Flag {
	flags := []Flag{}
	for _, c := range sc.cands {
		s := sc.spans[c.sentence]
		flags = append(flags, Flag{Category: c.cat, Excerpt: sc.text[s.start:s.end], Start: s.start, End: s.end})
	}
	sort.SliceStable(flags, func(i, j int) bool {
		if flags[i].Start != flags[j].Start {
			return flags[i].Start < flags[j].Start
		}
		return slices.Index(categoryOrder, flags[i].Category) < slices.Index(categoryOrder, flags[j].Category)
	})
	return flags
}

// agreement is where the learned layers agree with a rule's flag: its
// sentence's probability under the sentence model reaches sentence, or a
// run of sentences around it reaches run under the bio-level model.
type agreement struct{ sentence, run float64 }

// agrees reports whether the learned layers agree with a rule's flag for
// cat on sentence i, as opts.ruleAgree asks. Why a rule needs the
// layers' agreement at all: the rules were written from the misses and
// false flags of the writers the team had read, and on those writers'
// clean bios they fire almost never; on the next writers' clean bios they
// fire on about one in ten, nearly always on sentences the layer (trained
// on every labelled bio, rules' writers included) scores near zero, while
// their true flags there mostly score high (session 8,
// testdata/independent/README.md). A rule the layers flatly contradict is
// more often a phrase that meant something else in a new writer's mouth
// than a claim the layers cannot see.
func (ms learnedSet) agrees(sc *scanned, cat Category, i int) bool {
	a, ok := ms.opts.ruleAgree[cat]
	ci := slices.Index(categoryOrder, cat)
	if !ok || ms.models[cat] == nil || ci < 0 {
		return true
	}
	if sc.probs[i][ci] >= a.sentence {
		return true
	}
	return ms.texts[cat] != nil && ms.runAround(sc, ci, i) >= a.run
}

// runAround is the highest bio-level probability of the runs of
// textWindow sentences that contain sentence i.
func (ms learnedSet) runAround(sc *scanned, ci, i int) float64 {
	n, best := len(sc.norms), 0.0
	for lo := max(0, i-textWindow+1); lo <= i && lo < max(1, n-textWindow+1); lo++ {
		best = max(best, ms.runProb(sc, ci, lo, min(n, lo+textWindow)))
	}
	return best
}
