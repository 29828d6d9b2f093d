package vetting

import (
	"regexp"
	"strings"
)

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

// A question is decided by its answer, for every category: "Q: Will you be
// with me during my trip? A: No.", "Do I do therapy? No, I'll refer you.",
// "Guarantee? Only this: I will show up." A question answered by a denial
// or a restriction claims nothing; a question in an FAQ's voice (the
// reader asking the coach, "Q: Can you…?", or the coach asking
// themselves, "Do I treat addiction?") claims only what an answer of yes
// confirms. Adverts phrased as questions ("Need someone by your side while
// the mushrooms kick in?") keep their claims unless the answer denies.
var (
	deniedAnswer = regexp.MustCompile(`^(?:a : )?(?:(?:no|nope|never|not at all|not really|absolutely not|of course not|definitely not|certainly not)(?:$| , | \. | (?:i|we|never|not|that|this|and|sorry)\b)|(?:i|we) (?:do not|can not|will not|never)\b|sorry\b|(?:only|just) (?:this|one thing|these)\b|that is (?:a (?:question|conversation|matter)|one) for (?:your|a|the)\b)`)
	faqQuestion  = regexp.MustCompile(`^(?:(?:q|question|faq) (?:: |, )?)?(?:(?:do|does|can|could|will|would|are|is|should|must) you|(?:do|can|could|will|would|should|must) i)\b[^?]*\?$`)
	// restrictedYes answers with what the coach does instead ("I can talk
	// with you about how you feel, but…"): not a yes to the question.
	restrictedYes = regexp.MustCompile(`^(?:a : )?(?:yes , but|(?:i|we) can (?:only|just|talk|listen|discuss|share|tell you about|point|refer|help you (?:think|reflect|process|prepare|integrate|make sense)))\b`)
	yesAnswer     = regexp.MustCompile(`^(?:a : )?(?:yes|yep|yeah|of course|absolutely|sure|definitely|certainly|always|you bet|i do|i can|i will|we do|we can|we will)\b`)
)

// answeredAway reports whether the question norm claims nothing given the
// sentence that answers it.
func answeredAway(norm, answer string) bool {
	if !strings.HasSuffix(norm, "?") {
		return false
	}
	if deniedAnswer.MatchString(answer) {
		return true
	}
	return faqQuestion.MatchString(norm) && (!yesAnswer.MatchString(answer) || restrictedYes.MatchString(answer))
}
