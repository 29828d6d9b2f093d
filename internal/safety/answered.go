package safety

import "regexp"

// A risk named only to be answered "no": an intake form answered in a
// journal ("Thoughts of suicide: no. Hurting myself: no."), a word set
// against its denial ("Tired, yes. Hopeless, no."), a question the writer
// asks themself and answers ("Am I thinking about killing myself? No.").
// Literal, list-like writers and second-language writers put the negation
// after the words it denies, where the negation window (negated) never
// looks.

// postposedNo are the answers that deny what stands before them.
var postposedNo = set("no", "none", "never", "nope", "nah", "nahi", "nil", "zero")

// answeredAlone is a sentence that is only a "no", perhaps with a reason
// after a comma ("No, unless you count the sunburn"), not "no idea".
var answeredAlone = regexp.MustCompile(`^(?:(?:honestly|truthfully|and|but|the answer is) ,? )?(?:no|nope|never|nah|none|not really|not at all|of course not)(?: ,.*)?$`)

// dropAnsweredNo removes the matches denied by an answer after them.
func dropAnsweredNo(text string, sents []sentence, joins []joined, found [][]Match) {
	for i, ms := range found {
		if len(ms) == 0 {
			continue
		}
		askedSelf := i+1 < len(joins) && isQuestion(text, sents[i]) && answeredAlone.MatchString(joins[i+1].text)
		out := ms[:0]
		for _, m := range ms {
			if !askedSelf && !answeredAfter(sents[i], m) {
				out = append(out, m)
			}
		}
		found[i] = out
	}
}

// answeredAfter reports whether match m of s is a fragment without the
// writer as its subject ("Thoughts of suicide", "Hopeless") followed by a
// clause that is only a "no".
func answeredAfter(s sentence, m Match) bool {
	first, last := -1, -1
	for t, tok := range s {
		if tok.start >= m.Start && first < 0 {
			first = t
		}
		if tok.end <= m.End {
			last = t
		}
	}
	if first < 0 || last+2 >= len(s) {
		return false
	}
	if s[last+1].word != clauseMark || !postposedNo[s[last+2].word] || last+3 < len(s) && s[last+3].word != clauseMark {
		return false
	}
	for t := first - 1; t >= 0 && s[t].word != clauseMark; t-- {
		if s[t].word == "i" || s[t].word == "am" {
			return false
		}
	}
	return true
}
