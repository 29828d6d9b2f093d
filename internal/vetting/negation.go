package vetting

import (
	"regexp"
	"strings"
)

// negationWindow bounds how far back (in words) a negation can reach. It
// covers lists such as "I won't help you plan a journey, suggest doses or
// advise on combining medicines" and keeps screening linear on long text.
const negationWindow = 25

// clauseBreaks end the reach of a negation: what comes after them is a
// new statement ("I don't sell medicine, but I can point you to sources").
var clauseBreaks = map[string]bool{
	";": true, ":": true, "?": true, "!": true, "but": true, "however": true,
	"though": true, "although": true, "yet": true, "whereas": true, "except": true,
}

// negators turn the rest of their clause into a disclaimer.
var negators = map[string]bool{
	"not": true, "never": true, "no": true, "non": true, "nor": true, "neither": true,
	"without": true, "none": true, "refuse": true, "refuses": true,
	"decline": true, "declines": true, "avoid": true, "avoids": true,
	"wary": true, "forbids": true, "forbid": true, "forbidden": true, "prohibits": true, "prohibited": true, "bans": true, "dishonest": true, "unethical": true, "irresponsible": true, "misleading": true, "beware": true, "nothing": true, "suspicious": true, "unlike": true, "against": true,
}

// negatorPairs are two-word negators.
var negatorPairs = map[string]bool{
	"instead of": true, "rather than": true, "red flag": true, "stay away": true,
	"stay out": true, "steer clear": true, "is wrong": true, "be wrong": true, "wrong to": true, "keep away": true, "nothing to": true, "outside my": true,
}

// notNegating lists what follows "not" or "no" when the pair does not deny
// anything ("not sure where to find medicine?", "no longer need therapy").
var notNegating = map[string]bool{
	"sure": true, "only": true, "just": true, "certain": true, "matter": true,
	"doubt": true, "longer": true, "exception": true, "exceptions": true, "fail": true, "nonsense": true, "pressure": true,
	"judgement": true, "judgment": true, "fluff": true,
}

// formerSelf, before "no longer", makes it the coach giving something up
// ("I no longer serve medicine", "I am no longer a facilitator"), not a
// result ("you will no longer need therapy").
var formerSelf = map[string]bool{"i": true, "we": true, "am": true}

// suppressors mark the rest of a comma-delimited phrase as someone else's
// words or a hypothetical, not the coach's offer: "if you need treatment
// for PTSD, I will refer you", "clients ask whether coaching will cure
// their depression", "someone to accompany you through a ceremony".
// "whether" alone is not one: "I help you work out whether you should stop
// your antidepressants" is advice.
var suppressors = map[string]bool{
	"someone": true, "somebody": true, "anyone": true,
	"anybody": true, "ask": true, "asks": true, "asked": true, "wonder": true,
}

// suppressorPairs are two-word suppressors.
var suppressorPairs = map[string]bool{
	"if you": true, "if they": true, "should you": true, "in case": true,
	"person who": true, "coaches who": true, "other coaches": true,
	"refer you": true, "refer them": true, "refer clients": true,
}

// isNegated reports whether the match starting at byte start of the
// normalised sentence is denied or framed as hypothetical by the words
// of its clause before end (the match's end, or its start for patterns
// that carry their own negation).
func isNegated(norm string, start, end int) bool {
	next := firstWord(norm[end:])
	before := lastWords(norm[:end], negationWindow+wordCount(norm[start:end]), next)
	clause := before[lastIndexFunc(before, isClauseBreak)+1:]
	if hasAny(clause, next, negators, negatorPairs, true) {
		return true
	}
	phrase := clause[lastIndexFunc(clause, func(w string) bool { return w == "," })+1:]
	if len(phrase) > 0 && wantsSomeone[phrase[0]] && strings.HasSuffix(norm, "?") {
		// "Need someone by your side while the mushrooms kick in?" is an
		// advert addressed to the reader, not a hypothetical.
		return false
	}
	return hasAny(phrase, next, suppressors, suppressorPairs, false)
}

// hasAny reports whether words contain one of singles or pairs; next is
// the word after the last one. With checkNot, "not sure" and the like
// do not count.
func hasAny(words []string, next string, singles, pairs map[string]bool, checkNot bool) bool {
	for i, w := range words {
		following := next
		if i+1 < len(words) {
			following = words[i+1]
		}
		if w == "no" && following == "," {
			// "No, that is all handled": an answer, not a denial.
			continue
		}
		if w == "no" && following == "longer" && i > 0 && formerSelf[words[i-1]] {
			// "I no longer serve medicine": the coach's own past, given up.
			return true
		}
		if singles[w] && !(checkNot && notNegating[following]) && !(w == "ask" && (i == 0 && (following == "me" || following == "us") || i > 0 && words[i-1] == "to")) {
			return true
		}
		if i+1 < len(words) && pairs[w+" "+following] {
			return true
		}
	}
	return false
}

func isClauseBreak(w string) bool { return clauseBreaks[w] }

// lastWords returns up to n words at the end of s, in order. A new subject
// after "and" or a comma (", I", "and we") starts a new clause, so one
// denial does not cover the coach's next statement: such breaks are
// turned into ";". next is the word that follows s.
func lastWords(s string, n int, next string) []string {
	var rev []string
	end := len(s)
	for end > 0 && len(rev) < n {
		for end > 0 && s[end-1] == ' ' {
			end--
		}
		begin := strings.LastIndexByte(s[:end], ' ') + 1
		if begin < end {
			rev = append(rev, s[begin:end])
		}
		end = begin
	}
	words := make([]string, len(rev))
	for i, w := range rev {
		words[len(rev)-1-i] = w
	}
	for i := range words {
		following := next
		if i+1 < len(words) {
			following = words[i+1]
		}
		// The last word's follower is past the match: a new subject there
		// starts after the match and does not cut its negation off.
		if i+1 < len(words) && newSubject[following] && (words[i] == "and" || words[i] == "," || words[i] == "so") {
			words[i] = ";"
		}
	}
	return words
}

// wantsSomeone starts a question that advertises what follows.
var wantsSomeone = map[string]bool{"need": true, "want": true, "looking": true, "searching": true, "seeking": true}

// newSubject lists words that, after "and" or a comma, start the coach's
// next statement: "Although I am not licensed, my work is therapy".
var newSubject = map[string]bool{"i": true, "we": true, "my": true, "our": true, "she": true, "he": true}

func wordCount(s string) int { return strings.Count(strings.TrimSpace(s), " ") + 1 }

func firstWord(s string) string {
	s = strings.TrimLeft(s, " ")
	if k := strings.IndexByte(s, ' '); k >= 0 {
		return s[:k]
	}
	return s
}

func lastIndexFunc(words []string, f func(string) bool) int {
	for i := len(words) - 1; i >= 0; i-- {
		if f(words[i]) {
			return i
		}
	}
	return -1
}

// denialAfter is a denial that follows what it denies, within the clause:
// "sourcing substances is not something I do", "I promise nothing".
var denialAfter = regexp.MustCompile(`^ ?(?:nothing|none|no|not)\b|^[^;:?!]*?\b(?:(?:is|are) (?:not|never) (?:something|what|anything|part of|my (?:role|thing|job|place)|a service|on offer|offered|available|for me)|(?:is|are) off the table|(?:is|are) (?:outside|beyond) (?:my|the) (?:scope|remit|role)|(?:is|are) (?:outside|beyond) (?:what|the law|my work|my practice)\b|belongs? (?:to|with) (?:your|a|the|their)\b|(?:is|are) (?:zero|none|nil|nothing)\b|(?:i|we) (?:do not|never|will not) do (?:that|this|it)\b)`)

// deniedAfter reports whether the clause after a match denies it.
func deniedAfter(after string) bool {
	return denialAfter.MatchString(after)
}
