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
		// Every part's clauses are required. A run of parts that match
		// only a few strings each ("h", "r|eart rate", " ") gives one
		// clause of their concatenations ("hr ", "heart rate "), which
		// every match contains whole: it replaces the parts' own clauses,
		// each of which it implies, and is far sharper ("h" is in nearly
		// every sentence, "hr " in few).
		var out [][]string
		var run []*syntax.Regexp
		var runSet []string
		flush := func() {
			var own [][]string
			for _, sub := range run {
				own = append(own, requiredClauses(sub)...)
			}
			if best := shortest(mostSelective(own)); best < sharpEnough && shortest(runSet) > best {
				out = append(out, runSet)
			} else {
				out = append(out, own...)
			}
			run, runSet = nil, nil
		}
		for _, sub := range re.Sub {
			set, ok := exactSet(sub)
			if ok && run != nil {
				if joined, ok := product(runSet, set); ok {
					run, runSet = append(run, sub), joined
					continue
				}
			}
			if run != nil {
				flush()
			}
			if ok {
				run, runSet = []*syntax.Regexp{sub}, set
				continue
			}
			out = append(out, requiredClauses(sub)...)
		}
		if run != nil {
			flush()
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

// sharpEnough is the literal length from which a clause is kept as it
// is: longer literals rarely occur by chance, and joining them with their
// neighbours would only add literals to the automaton.
const sharpEnough = 4

// maxExact bounds the strings exactSet and product list: a clause of more
// literals costs nothing to check (one bit), but each is a literal of the
// automaton.
const maxExact = 16

// exactSet returns every string re can match when there are at most
// maxExact of them; ok is false otherwise. Zero-width assertions match the
// empty string here (a necessary condition may ignore them), and
// case-folded literals are left out (ok false).
func exactSet(re *syntax.Regexp) (set []string, ok bool) {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return []string{""}, true
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		return []string{string(re.Rune)}, true
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if len(set) == maxExact {
					return nil, false
				}
				set = append(set, string(r))
			}
		}
		return set, true
	case syntax.OpCapture:
		return exactSet(re.Sub[0])
	case syntax.OpQuest:
		sub, ok := exactSet(re.Sub[0])
		if !ok || len(sub) == maxExact {
			return nil, false
		}
		return append([]string{""}, sub...), true
	case syntax.OpConcat:
		set = []string{""}
		for _, sub := range re.Sub {
			s, ok := exactSet(sub)
			if !ok {
				return nil, false
			}
			if set, ok = product(set, s); !ok {
				return nil, false
			}
		}
		return set, true
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			s, ok := exactSet(sub)
			if !ok || len(set)+len(s) > maxExact {
				return nil, false
			}
			set = append(set, s...)
		}
		return set, true
	}
	return nil, false
}

// product is every a followed by every b, when there are at most maxExact.
func product(a, b []string) ([]string, bool) {
	if len(a)*len(b) > maxExact {
		return nil, false
	}
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return out, true
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
