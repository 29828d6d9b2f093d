package vetting

import (
	"regexp/syntax"
	"strings"
)

// gate is a cheap necessary condition for a rule: every match of the rule
// contains at least one of these literal strings. Screening checks the
// gate with strings.Contains before running the regular expression, which
// makes most rules cost almost nothing on most sentences. An empty gate
// means "always run".
type gate []string

// minGateLen is the shortest literal worth gating on; shorter ones ("i")
// occur in nearly every sentence.
const minGateLen = 3

// gateFor derives the gate from the compiled pattern's syntax tree.
func gateFor(pattern string) gate {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	lits, ok := requiredLiterals(re)
	if !ok || shortest(lits) < minGateLen {
		return nil
	}
	return lits
}

// open reports whether the gate lets the sentence through.
func (g gate) open(norm string) bool {
	if len(g) == 0 {
		return true
	}
	for _, lit := range g {
		if strings.Contains(norm, lit) {
			return true
		}
	}
	return false
}

// requiredLiterals returns a set of strings one of which every match of re
// contains, or ok=false when no such set is known.
func requiredLiterals(re *syntax.Regexp) (lits []string, ok bool) {
	switch re.Op {
	case syntax.OpLiteral:
		return []string{string(re.Rune)}, true
	case syntax.OpCapture:
		return requiredLiterals(re.Sub[0])
	case syntax.OpPlus:
		return requiredLiterals(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return requiredLiterals(re.Sub[0])
		}
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			l, ok := requiredLiterals(sub)
			if !ok {
				return nil, false
			}
			lits = append(lits, l...)
		}
		return lits, true
	case syntax.OpConcat:
		// Any one part's literals are required; keep the most selective.
		for _, sub := range re.Sub {
			if l, ok := requiredLiterals(sub); ok && shortest(l) > shortest(lits) {
				lits = l
			}
		}
		return lits, lits != nil
	}
	return nil, false
}

func shortest(lits []string) int {
	if len(lits) == 0 {
		return 0
	}
	n := len(lits[0])
	for _, l := range lits[1:] {
		n = min(n, len(l))
	}
	return n
}
