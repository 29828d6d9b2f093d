package safety

import (
	"hash/maphash"
	"strings"
	"sync"
	"sync/atomic"
)

// The gates (gate.go) of every rule, concept, cue and branch ask the same
// question of the same sentence hundreds of times: does it contain this
// literal? Asked one strings.Contains at a time that was a third of the
// scan. Instead every gate literal is registered while the package
// initialises, one Aho–Corasick automaton over all of them is built at
// first use, and one pass over a sentence marks every literal it contains
// in a bit set, and every gate clause (a list of literals, one of which
// must occur) holding one of them in another. A gate is then one bit test
// per clause.

// wordStart prefixes a registered literal that counts only where it
// starts a word: at the start of the text or after a byte that is not an
// ASCII letter, digit or underscore (where \b before a word character
// holds). Gates derive such literals from expressions that open with \b
// ("\bnow" is not in "know").
const wordStart = "\x01"

// wordStartOK reports whether lit, a literal that starts with an ASCII
// word character, may be registered as a word-start literal.
func wordStartOK(lit string) bool { return lit != "" && isWordByte(lit[0]) }

func isWordByte(b byte) bool {
	return b == '_' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}

// containsLit is strings.Contains for a registered literal, word-start
// literals included.
func containsLit(text, lit string) bool {
	bare, ws := strings.CutPrefix(lit, wordStart)
	if !ws {
		return strings.Contains(text, lit)
	}
	for from := 0; ; {
		i := strings.Index(text[from:], bare)
		if i < 0 {
			return false
		}
		if at := from + i; at == 0 || !isWordByte(text[at-1]) {
			return true
		}
		from += i + 1
	}
}

// literalRegistry gives each distinct gate literal and each distinct
// clause an id.
var literalRegistry = struct {
	sync.Mutex
	ids       map[string]int32
	lits      []string
	clauseIDs map[string]int32
	// litClauses[id] are the clauses literal id belongs to.
	litClauses [][]int32
	clauses    int
}{ids: map[string]int32{}, clauseIDs: map[string]int32{}}

// clauseID registers a clause and its literals and returns its id.
func clauseID(lits []string) int32 {
	literalRegistry.Lock()
	defer literalRegistry.Unlock()
	key := strings.Join(lits, "\x00")
	if id, ok := literalRegistry.clauseIDs[key]; ok {
		return id
	}
	cid := int32(literalRegistry.clauses)
	literalRegistry.clauses++
	literalRegistry.clauseIDs[key] = cid
	for _, lit := range lits {
		id, ok := literalRegistry.ids[lit]
		if !ok {
			id = int32(len(literalRegistry.lits))
			literalRegistry.ids[lit] = id
			literalRegistry.lits = append(literalRegistry.lits, lit)
			literalRegistry.litClauses = append(literalRegistry.litClauses, nil)
		}
		literalRegistry.litClauses[id] = append(literalRegistry.litClauses[id], cid)
	}
	return cid
}

// automaton is an Aho–Corasick automaton with its failure links folded
// into a dense transition table over byte classes.
type automaton struct {
	n       int // literals it knows (ids 0..n-1)
	clauses int // clauses it knows (ids 0..clauses-1)
	// litClauses[id] are the clauses literal id belongs to.
	litClauses [][]int32
	// ws[id] is the word-start literal of literal id, or -1; lens[id] is
	// the length of literal id.
	ws   []int32
	lens []int32
	// class maps a byte to its column; bytes in no literal share column 0.
	class   [256]uint8
	classes int
	next    []int32 // next[state*classes+class]
	out     []int32 // literal id ending at a state, or -1
	dict    []int32 // nearest proper suffix state with an output, or -1
}

var (
	automatonOnce sync.Once
	theAutomaton  *automaton
)

// literalAutomaton builds the automaton once, after every package-level
// gate has registered its literals. Literals registered later (tests
// building their own gates) are past n and checked with strings.Contains.
func literalAutomaton() *automaton {
	automatonOnce.Do(func() {
		literalRegistry.Lock()
		lits := append([]string(nil), literalRegistry.lits...)
		theAutomaton = buildAutomaton(lits)
		theAutomaton.clauses = literalRegistry.clauses
		for _, cs := range literalRegistry.litClauses {
			theAutomaton.litClauses = append(theAutomaton.litClauses, append([]int32(nil), cs...))
		}
		literalRegistry.Unlock()
	})
	return theAutomaton
}

func buildAutomaton(lits []string) *automaton {
	a := &automaton{n: len(lits), classes: 1}
	// A word-start literal is found as its bare text: the bare text gets
	// a literal id of its own if it has none, past the registered ones
	// (n), and links to the word-start id.
	ids := map[string]int32{}
	for id, lit := range lits {
		if !strings.HasPrefix(lit, wordStart) {
			ids[lit] = int32(id)
		}
	}
	a.ws = make([]int32, len(lits))
	for id := range a.ws {
		a.ws[id] = -1
	}
	for id, lit := range lits {
		bare, ok := strings.CutPrefix(lit, wordStart)
		if !ok {
			continue
		}
		b, seen := ids[bare]
		if !seen {
			b = int32(len(lits))
			ids[bare] = b
			lits = append(lits, bare)
			a.ws = append(a.ws, -1)
		}
		a.ws[b] = int32(id)
	}
	a.lens = make([]int32, len(lits))
	for id, lit := range lits {
		a.lens[id] = int32(len(lit))
	}
	for _, lit := range lits {
		if strings.HasPrefix(lit, wordStart) {
			continue
		}
		for i := 0; i < len(lit); i++ {
			if a.class[lit[i]] == 0 {
				a.class[lit[i]] = uint8(a.classes)
				a.classes++
			}
		}
	}
	// The trie, with -1 for a missing edge.
	a.grow()
	for id, lit := range lits {
		if strings.HasPrefix(lit, wordStart) {
			continue
		}
		s := int32(0)
		for i := 0; i < len(lit); i++ {
			c := int32(a.class[lit[i]])
			if a.next[s*int32(a.classes)+c] < 0 {
				a.next[s*int32(a.classes)+c] = a.grow()
			}
			s = a.next[s*int32(a.classes)+c]
		}
		a.out[s] = int32(id)
	}
	a.link()
	return a
}

// grow adds a state and returns it.
func (a *automaton) grow() int32 {
	s := int32(len(a.out))
	for range a.classes {
		a.next = append(a.next, -1)
	}
	a.out = append(a.out, -1)
	a.dict = append(a.dict, -1)
	return s
}

// link fills the missing edges from the failure links, breadth first, and
// the dictionary links that let a match report every literal ending there.
func (a *automaton) link() {
	k := int32(a.classes)
	fail := make([]int32, len(a.out))
	var queue []int32
	for c := int32(0); c < k; c++ {
		if t := a.next[c]; t > 0 {
			queue = append(queue, t)
		} else {
			a.next[c] = 0
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		if f := fail[s]; a.out[f] >= 0 {
			a.dict[s] = f
		} else {
			a.dict[s] = a.dict[f]
		}
		for c := int32(0); c < k; c++ {
			t := a.next[s*k+c]
			if t < 0 {
				a.next[s*k+c] = a.next[fail[s]*k+c]
				continue
			}
			fail[t] = a.next[fail[s]*k+c]
			queue = append(queue, t)
		}
	}
}

// literalSet is the literals one text contains, and the clauses they
// satisfy.
type literalSet struct {
	text    string
	bits    []uint64 // literal ids
	clauses []uint64 // clause ids
	a       *automaton
}

func (a *automaton) scan(text string) *literalSet {
	set := &literalSet{text: text, bits: make([]uint64, (len(a.ws)+63)/64), clauses: make([]uint64, (a.clauses+63)/64), a: a}
	k := int32(a.classes)
	s := int32(0)
	for i := 0; i < len(text); i++ {
		s = a.next[s*k+int32(a.class[text[i]])]
		for o := s; o >= 0; o = a.dict[o] {
			id := a.out[o]
			if id < 0 {
				continue
			}
			if !hasBit(set.bits, id) {
				set.mark(id)
			}
			if w := a.ws[id]; w >= 0 && !hasBit(set.bits, w) {
				if start := i + 1 - int(a.lens[id]); start == 0 || !isWordByte(text[start-1]) {
					set.mark(w)
				}
			}
		}
	}
	return set
}

// mark records literal id and the clauses it satisfies.
func (l *literalSet) mark(id int32) {
	l.bits[id>>6] |= 1 << (id & 63)
	if int(id) < len(l.a.litClauses) {
		for _, c := range l.a.litClauses[id] {
			l.clauses[c>>6] |= 1 << (c & 63)
		}
	}
}

func hasBit(bits []uint64, id int32) bool { return bits[id>>6]&(1<<(id&63)) != 0 }

// satisfies reports whether the text contains one literal of clause id
// (lits are its literals).
func (l *literalSet) satisfies(id int32, lits []string) bool {
	if int(id) >= l.a.clauses {
		for _, lit := range lits {
			if containsLit(l.text, lit) {
				return true
			}
		}
		return false
	}
	return hasBit(l.clauses, id)
}

// literalMemo remembers the literal sets of recent texts: the same
// sentence is asked about by every gate in turn. It is a small table of
// immutable entries swapped atomically, so concurrent scans share it
// without locks; a collision only costs a recomputation.
var (
	literalMemo     [4096]atomic.Pointer[literalSet]
	literalMemoSeed = maphash.MakeSeed()
)

// literalLast is the most recent set: gates ask about one sentence many
// times in a row, and comparing a string with itself is a pointer check.
var literalLast atomic.Pointer[literalSet]

// literalsIn returns the gate literals text contains.
func literalsIn(text string) *literalSet {
	if set := literalLast.Load(); set != nil && set.text == text {
		return set
	}
	set := literalsInMemo(text)
	literalLast.Store(set)
	return set
}

func literalsInMemo(text string) *literalSet {
	slot := &literalMemo[maphash.String(literalMemoSeed, text)%uint64(len(literalMemo))]
	if set := slot.Load(); set != nil && set.text == text {
		return set
	}
	set := literalAutomaton().scan(text)
	slot.Store(set)
	return set
}
