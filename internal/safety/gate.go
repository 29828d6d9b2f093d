package safety

import (
	"regexp/syntax"
)

// gate is a cheap necessary condition for a rule: every match of the rule
// contains, for each clause of the gate, at least one of that clause's
// literal strings. Scanning checks the gate before running the regular
// expression, so most of the many rules cost almost nothing on most
// sentences. An empty gate means "always run". Each literal is registered
// with the shared literal automaton (literal.go), so checking a gate is a
// few bit tests on the sentence's literal set.
type gate struct {
	clauses [][]string
	ids     []int32 // ids[i] is the clause id of clauses[i]
}

// newGate registers the clauses and returns their gate.
func newGate(clauses ...[]string) gate {
	g := gate{clauses: clauses, ids: make([]int32, len(clauses))}
	for i, clause := range clauses {
		g.ids[i] = clauseID(clause)
	}
	return g
}

// gateFor derives the gate from a pattern's syntax tree. Every required
// clause is kept, however short its literals: with the literal automaton
// a clause costs one bit test whatever it holds, and short words ("am",
// "my") reject many sentences a longer clause lets through.
func gateFor(pattern string) gate {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return gate{}
	}
	var usable [][]string
	for _, clause := range requiredClauses(re.Simplify()) {
		if shortest(clause) > 0 {
			usable = append(usable, clause)
		}
	}
	return newGate(usable...)
}

// open reports whether the gate lets the text through.
func (g gate) open(text string) bool {
	if len(g.clauses) == 0 {
		return true
	}
	return g.openIn(literalsIn(text))
}

// openIn is open on the literal set of the text. A loop asking many gates
// about one sentence looks its set up once (literalsIn compares the text
// and, after another sentence, hashes it) and then asks each gate with a
// few bit tests.
func (g gate) openIn(set *literalSet) bool {
	for i, clause := range g.clauses {
		if !set.satisfies(g.ids[i], clause) {
			return false
		}
	}
	return true
}

// requiredClauses returns sets of strings such that every match of re
// contains one string of each set; nil when none is known.
func requiredClauses(re *syntax.Regexp) [][]string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil
		}
		return [][]string{{string(re.Rune)}}
	case syntax.OpCapture, syntax.OpPlus:
		return requiredClauses(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return requiredClauses(re.Sub[0])
		}
	case syntax.OpConcat:
		// Every part's clauses are required.
		var out [][]string
		for _, sub := range re.Sub {
			out = append(out, requiredClauses(sub)...)
		}
		return out
	case syntax.OpAlternate:
		// One branch matches: the union of each branch's most selective
		// clause is required.
		var union []string
		for _, sub := range re.Sub {
			best := mostSelective(requiredClauses(sub))
			if best == nil {
				return nil
			}
			union = append(union, best...)
		}
		return [][]string{union}
	}
	return nil
}

func mostSelective(clauses [][]string) []string {
	var best []string
	for _, c := range clauses {
		if shortest(c) > shortest(best) {
			best = c
		}
	}
	return best
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
