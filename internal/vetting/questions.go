package vetting

import "regexp"

// Questions in a reader's voice ("Q: Do I need to bring my own
// medicine?", "Where do I get the mushrooms?", "FAQ: Is medicine
// included?") ask; they offer nothing. The answer that follows decides
// (see the answer anaphors in anaphora.go). Adverts phrased as questions
// to the reader ("Need mushrooms?", "Do you want clean medicine?") are not
// in the reader's voice and stay claims.
var readerQuestion = regexp.MustCompile(`^(?:(?:q|question|faq) (?:: |, )?)?(?:(?:do|does|can|could|will|would|should|is|are|am|must|where do|where can|how do|how can|what do|what if) (?:i|we|this|it|there|the|my|medicine|substances|mushrooms)|where do i|where can i)\b[^?]*\?$`)

// readerCategories are the claims a reader's question cannot make.
var readerCategories = map[Category]bool{OutcomeGuarantee: true, SubstanceProvision: true}

// withoutReaderClaims drops the claims a reader's question cannot make.
func withoutReaderClaims(norm string, cats []Category) []Category {
	if !readerQuestion.MatchString(norm) {
		return cats
	}
	var out []Category
	for _, c := range cats {
		if !readerCategories[c] {
			out = append(out, c)
		}
	}
	return out
}
