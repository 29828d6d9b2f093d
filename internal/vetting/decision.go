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
// so decide keeps every candidate.

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
