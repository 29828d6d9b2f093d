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
	// The common case, a clause the automaton knows, is tested inline:
	// this runs some 2,000 times per sentence.
	known := int32(set.a.clauses)
	for i, id := range g.ids {
		if id < known {
			if set.clauses[id>>6]&(1<<(id&63)) == 0 {
				return false
			}
		} else if !set.satisfies(id, g.clauses[i]) {
			return false
		}
	}
	return true
}

// requiredClauses returns sets of strings such that every match of re
// contains one string of each set; nil when none is known.
func requiredClauses(re *syntax.Regexp) [][]string { return requiredAt(re, false) }

// requiredAt is requiredClauses for re standing right after a \b (ws):
// a literal of its own that starts with a word character then starts a
// word, and is registered as a word-start literal (literal.go).
func requiredAt(re *syntax.Regexp, ws bool) [][]string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil
		}
		lit := string(re.Rune)
		if ws && wordStartOK(lit) {
			lit = wordStart + lit
		}
		return [][]string{{lit}}
	case syntax.OpCapture, syntax.OpPlus:
		return requiredAt(re.Sub[0], ws)
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return requiredAt(re.Sub[0], ws)
		}
	case syntax.OpConcat:
		return requiredInConcat(re.Sub, ws)
	case syntax.OpAlternate:
		// One branch matches: the union of each branch's most selective
		// clause is required.
		var union []string
		for _, sub := range re.Sub {
			best := mostSelective(requiredAt(sub, ws))
			if best == nil {
				return nil
			}
			union = append(union, best...)
		}
		return [][]string{union}
	}
	return nil
}

// requiredInConcat is requiredAt for a sequence of parts. Every part's
// clauses are required. A run of parts that match only a few strings each
// ("h", "r|eart rate", " ") gives one clause of their concatenations ("hr
// ", "heart rate "), which every match contains whole: it replaces the
// parts' own clauses, each of which it implies, when they are weak (their
// best literal shorter than sharpEnough): "h" is in nearly every
// sentence, "hr " in few. A run that opens with \b (or after one) is
// made of word-start literals.
func requiredInConcat(parts []*syntax.Regexp, ws bool) [][]string {
	var out [][]string
	var run []*syntax.Regexp
	var runSet []string
	runWS := false
	flush := func() {
		var own [][]string
		for _, sub := range run {
			own = append(own, requiredClauses(sub)...)
		}
		w := runWS && allWordStart(runSet)
		best := shortest(mostSelective(own))
		if best < sharpEnough && (shortest(runSet) > best || w && shortest(runSet) > 0) {
			if w {
				for i, lit := range runSet {
					runSet[i] = wordStart + lit
				}
			}
			out = append(out, runSet)
		} else {
			out = append(out, own...)
		}
	}
	for _, sub := range parts {
		set, ok := exactSet(sub)
		if ok && run != nil {
			if joined, ok := product(runSet, set); ok {
				run, runSet = append(run, sub), joined
				continue
			}
		}
		if run != nil {
			flush()
			// The part after a run that ends in \b starts a word.
			ws = run[len(run)-1].Op == syntax.OpWordBoundary
			run, runSet = nil, nil
		}
		if ok {
			run, runSet, runWS = []*syntax.Regexp{sub}, set, ws || sub.Op == syntax.OpWordBoundary
			continue
		}
		out = append(out, requiredAt(sub, ws)...)
		ws = false
	}
	if run != nil {
		flush()
	}
	return out
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

// allWordStart reports whether every literal starts with a word character.
func allWordStart(lits []string) bool {
	for _, lit := range lits {
		if !wordStartOK(lit) {
			return false
		}
	}
	return true
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
