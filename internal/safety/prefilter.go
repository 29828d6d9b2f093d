package safety

import (
	"regexp/syntax"

	"github.com/afterward/afterward/internal/lazyre"
)

// prefilter answers "can this expression match here?" faster than the
// expression: it holds each top-level alternative as its own small
// expression behind its own literal gate (gate.go). A large alternation
// runs on Go's slower NFA engine and is tried whole on every sentence;
// split, most alternatives are skipped by their gates and the rest run on
// the backtracker. It is exact: it matches exactly when the expression does.
type prefilter []branch

// branch is one alternative with its literal pre-check.
type branch struct {
	re   *lazyre.Regexp // compiled the first time its gate lets a text through
	gate gate
}

// newPrefilter splits pattern at its top-level alternation, or at the
// first alternation of a top-level sequence (P(A|B)S is PAS|PBS). Its
// findAll is the union of the branches' matches, which the concepts use
// as their matches: the split must stay as it is for them.
func newPrefilter(pattern string) prefilter {
	parsed := parseSimple(pattern)
	var alts []*syntax.Regexp
	switch {
	case parsed.Op == syntax.OpAlternate:
		alts = parsed.Sub
	case parsed.Op == syntax.OpConcat:
		alts = distribute(parsed)
	}
	if alts == nil {
		alts = []*syntax.Regexp{parsed}
	}
	return compileBranches(alts)
}

// newMatcher is a prefilter for "does it match at all?" only (no findAll):
// it also splits each top-level alternative that is a sequence around an
// alternation, so that an expression such as \b(?:a|b|...)\b|x, whose
// first alternative holds the whole lexicon, is split by words too.
// Whether any branch matches is exactly whether the expression does.
func newMatcher(pattern string) prefilter {
	parsed := parseSimple(pattern)
	alts := []*syntax.Regexp{parsed}
	if parsed.Op == syntax.OpAlternate {
		alts = parsed.Sub
	}
	var split []*syntax.Regexp
	for _, alt := range alts {
		if d := distribute(alt); alt.Op == syntax.OpConcat && d != nil {
			split = append(split, d...)
		} else {
			split = append(split, alt)
		}
	}
	return compileBranches(split)
}

func parseSimple(pattern string) *syntax.Regexp {
	parsed, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		panic("safety: prefilter: " + err.Error())
	}
	return parsed.Simplify()
}

func compileBranches(alts []*syntax.Regexp) prefilter {
	out := make(prefilter, len(alts))
	for i, alt := range alts {
		src := alt.String()
		out[i] = branch{re: lazyre.Parsed(src), gate: gateFor(src)}
	}
	return out
}

// distribute expands the first alternation of a sequence into one
// sequence per alternative; nil when the sequence has none.
func distribute(concat *syntax.Regexp) []*syntax.Regexp {
	for i, sub := range concat.Sub {
		if sub.Op != syntax.OpAlternate {
			continue
		}
		out := make([]*syntax.Regexp, len(sub.Sub))
		for k, alt := range sub.Sub {
			parts := append(append(append([]*syntax.Regexp{}, concat.Sub[:i]...), alt), concat.Sub[i+1:]...)
			out[k] = &syntax.Regexp{Op: syntax.OpConcat, Sub: parts, Flags: concat.Flags}
		}
		return out
	}
	return nil
}

// match reports whether any alternative matches text.
func (p prefilter) match(text string) bool { return p.matchIn(literalsIn(text), text) }

// matchIn is match with the text's literal set already looked up.
func (p prefilter) matchIn(set *literalSet, text string) bool {
	for _, b := range p {
		if b.gate.openIn(set) && b.re.Get().MatchString(text) {
			return true
		}
	}
	return false
}

// findAll returns the matches of every alternative whose gate is open,
// in text order, longer first at the same start.
func (p prefilter) findAll(text string) [][]int { return p.findAllIn(literalsIn(text), text) }

// findAllIn is findAll with the text's literal set already looked up.
func (p prefilter) findAllIn(set *literalSet, text string) [][]int {
	var locs [][]int
	for _, b := range p {
		if b.gate.openIn(set) {
			locs = append(locs, b.re.Get().FindAllStringIndex(text, -1)...)
		}
	}
	sortLocs(locs)
	return locs
}
