package safety

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGatesAreNecessary checks that no rule's or concept's literal gate
// hides a match: on every sentence of every evaluation set, a rule whose
// gate is closed finds nothing.
func TestGatesAreNecessary(t *testing.T) {
	files, err := filepath.Glob("testdata/*.tsv")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	checked := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			cols := strings.SplitN(line, "\t", 3)
			if len(cols) != 3 || strings.HasPrefix(line, "#") {
				continue
			}
			for _, s := range sentences(cols[2]) {
				j := join(s)
				for i, r := range rules {
					if !r.gate.open(j.text) && r.re.MatchString(j.text) {
						t.Errorf("rule %d: gate %q closed but pattern matches %q", i, r.gate, j.text)
					}
					if r.pre.match(j.text) != r.re.MatchString(j.text) {
						t.Errorf("rule %d: prefilter and pattern disagree on %q", i, j.text)
					}
					checked++
				}
				for i, c := range concepts {
					if !c.gate.open(j.text) && c.re.MatchString(j.text) {
						t.Errorf("concept %d (%s): gate %q closed but pattern matches %q", i, c.reason, c.gate, j.text)
					}
					for _, b := range c.branches {
						if !b.gate.open(j.text) && b.re.Get().MatchString(j.text) {
							t.Errorf("concept %d (%s): branch gate %q closed but %s matches %q", i, c.reason, b.gate, b.re.String(), j.text)
						}
					}
					if c.re.MatchString(j.text) != (len(c.findAll(j.text)) > 0) || c.re.MatchString(j.text) != c.branches.match(j.text) {
						t.Errorf("concept %d (%s): branches and whole expression disagree on %q", i, c.reason, j.text)
					}
					checked++
				}
				for i, e := range compiledLexicon {
					if e.pre.match(j.text) != e.re.MatchString(j.text) {
						t.Errorf("lexicon entry %d: prefilter and pattern disagree on %q", i, j.text)
					}
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("checked no sentences")
	}
}

func TestGateOpen(t *testing.T) {
	tests := []struct {
		name string
		g    gate
		text string
		want bool
	}{
		{"empty gate always open", gate{}, "anything", true},
		{"one clause hit", newGate([]string{"kill", "die"}), "i want to die", true},
		{"one clause miss", newGate([]string{"kill", "die"}), "i want coffee", false},
		{"both clauses needed", newGate([]string{"want"}, []string{"die"}), "i want coffee", false},
		{"both clauses hit", newGate([]string{"want"}, []string{"die"}), "i want to die", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.g.open(tt.text); got != tt.want {
				t.Errorf("open(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

// TestLiteralSetMatchesContains checks the literal automaton against
// strings.Contains for every registered literal on every sentence.
func TestLiteralSetMatchesContains(t *testing.T) {
	a := literalAutomaton()
	if a.n == 0 {
		t.Fatal("no literals registered")
	}
	lits := literalRegistry.lits[:a.n]
	for _, text := range []string{"", "i want to die", "kill myself tonight , pills", "an overdose of meetings"} {
		set := a.scan(text)
		for id, lit := range lits {
			if got, want := set.has(int32(id), lit), containsLit(text, lit); got != want {
				t.Errorf("literal %q in %q: automaton %v, strings.Contains %v", lit, text, got, want)
			}
		}
	}
	data, err := os.ReadFile("testdata/dev_kinds.tsv")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		for _, s := range sentences(line) {
			text := join(s).text
			set := a.scan(text)
			for id, lit := range lits {
				if set.has(int32(id), lit) != containsLit(text, lit) {
					t.Fatalf("literal %q in %q: automaton disagrees with strings.Contains", lit, text)
				}
			}
		}
	}
}

// TestCuesMatchTheirExpression checks that every cue's literal gate and
// split matcher answer exactly as its whole expression, on every sentence
// of every testdata set and on each sentence with its neighbours (where
// the concepts' with-cues look).
func TestCuesMatchTheirExpression(t *testing.T) {
	cues := map[string]cue{"presentRe": presentRe, "tripMoment": tripMoment, "pastMarker": pastMarker,
		"recoveredMarker": recoveredMarker, "idiomCue": idiomCue, "psychFrame": psychFrame, "rebirthFrame": rebirthFrame,
		"resolvedFrame": resolvedFrame, "noteFrame": noteFrame, "farPastCue": farPastCue, "monthsAgoCue": monthsAgoCue,
		"stillCue": stillCue, "resolvedCue": resolvedCue, "trainingCue": trainingCue, "workCue": workCue,
		"fictionCue": fictionCue, "hypotheticalCue": hypotheticalCue, "tripCue": tripCue, "persistCue": persistCue,
		"levityCue": levityCue, "othersPastOnly": othersPastOnly, "othersPresent": othersPresent, "sceneNow": sceneNow, "visionCue": visionCue, "likeAFilm": likeAFilm,
		"thanksRe": thanksRe, "arrangementRe": arrangementRe, "movingOn": movingOn, "ritualRe": ritualRe,
		"thatWasPast": thatWasPast, "askedNo": askedNo}
	for i, c := range concepts {
		for k, w := range c.with {
			cues[fmt.Sprintf("concept %d with %d", i, k)] = w
		}
	}
	checked := 0
	for _, line := range testdataLines(t) {
		sents := sentences(line)
		joins := make([]joined, len(sents))
		for i, s := range sents {
			joins[i] = join(s)
		}
		k := kindScan{text: line, sents: sents, joins: joins}
		for i := range joins {
			for _, text := range []string{joins[i].text, k.around(i)} {
				for name, c := range cues {
					if c.MatchString(text) != c.re.MatchString(text) {
						t.Errorf("%s: cue and expression disagree on %q", name, text)
					}
					checked++
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("checked nothing")
	}
}

// String shows the clauses, for test failures.
func (g gate) String() string { return fmt.Sprintf("%q", g.clauses) }

// has reports whether the text contains literal id (lit is its text).
func (l *literalSet) has(id int32, lit string) bool {
	if int(id) >= l.a.n {
		return containsLit(l.text, lit)
	}
	return hasBit(l.bits, id)
}

// TestGateForJoinsShortLiterals checks the clauses gateFor derives: a run
// of parts with few strings each becomes one clause of their joins when
// that is sharper than the parts' own clauses, and only then.
func TestGateForJoinsShortLiterals(t *testing.T) {
	tests := []struct {
		name    string
		pattern string
		want    [][]string
	}{
		{"short prefix joined with its alternatives", `\bh(?:r|eart rate) is`, [][]string{{"\x01hr is", "\x01heart rate is"}}},
		{"without \\b the literals may start inside a word", `h(?:r|eart rate) is`, [][]string{{"hr is", "heart rate is"}}},
		{"optional part multiplies the run", `\bhr (?:is )?up`, [][]string{{"\x01hr up", "\x01hr is up"}}},
		{"sharp part keeps the clauses", `\bhr (?:is )?high`, [][]string{{"hr "}, {"high"}}},
		{"sharp literal kept as it is", `\bpulse (?:is|was)`, [][]string{{"pulse "}, {"is", "was"}}},
		{"unbounded part ends the run", `\bi \w+ go`, [][]string{{"\x01i "}, {" go"}}},
		{"word start passed into alternatives", `\b(?:now\w+|to\w*day)`, [][]string{{"\x01now", "\x01to"}}},
		{"no word start before a non-word character", `\b, now`, [][]string{{", now"}}},
		{"too many strings keep the parts' clauses", `\b[a-z][a-z] x`, [][]string{{" x"}}},
		{"case-folded literal has no clause", `(?i)hr`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := gateFor(tt.pattern).clauses
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("gateFor(%q) = %q, want %q", tt.pattern, got, tt.want)
			}
		})
	}
}

func TestContainsLit(t *testing.T) {
	tests := []struct {
		name, text, lit string
		want            bool
	}{
		{"plain literal inside a word", "i know", "now", true},
		{"word start inside a word", "i know", wordStart + "now", false},
		{"word start at the text start", "now then", wordStart + "now", true},
		{"word start after a space", "i know now", wordStart + "now", true},
		{"word start after a hyphen", "right-now", wordStart + "now", true},
		{"word start after a non-ASCII letter", "énow", wordStart + "now", true},
		{"word start absent", "i know", wordStart + "then", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := containsLit(tt.text, tt.lit); got != tt.want {
				t.Errorf("containsLit(%q, %q) = %v, want %v", tt.text, tt.lit, got, tt.want)
			}
			set := literalAutomaton().scan(tt.text)
			if g := newGate([]string{tt.lit}); g.openIn(set) != tt.want {
				t.Errorf("gate %q on %q: open %v, want %v", tt.lit, tt.text, !tt.want, tt.want)
			}
		})
	}
}

// TestExactSet checks the strings exactSet lists, and that it gives up
// past maxExact.
func TestExactSet(t *testing.T) {
	tests := []struct {
		name    string
		pattern string
		want    []string
		ok      bool
	}{
		{"literal", `abc`, []string{"abc"}, true},
		{"assertions are empty", `\bab$`, []string{"ab"}, true},
		{"alternation", `a(?:b|cd)`, []string{"ab", "acd"}, true},
		{"optional", `ab?`, []string{"a", "ab"}, true},
		{"small class", `[23]x`, []string{"2x", "3x"}, true},
		{"star is unbounded", `ab*`, nil, false},
		{"too many strings", `[a-z][a-z]`, nil, false},
		{"case folded", `(?i)ab`, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := exactSet(parseSimple(tt.pattern))
			if ok != tt.ok || fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("exactSet(%q) = %q, %v; want %q, %v", tt.pattern, got, ok, tt.want, tt.ok)
			}
		})
	}
}

// TestCueIndexIsLeftmostStart checks cue.index, answered by the cue's
// branches, against the whole expression's leftmost match on every
// sentence of every testdata set.
func TestCueIndexIsLeftmostStart(t *testing.T) {
	cues := map[string]cue{"hypotheticalCue": hypotheticalCue, "farPastCue": farPastCue, "resolvedCue": resolvedCue,
		"workCue": workCue, "levityCue": levityCue, "sceneNow": sceneNow, "tripCue": tripCue}
	checked := 0
	for _, line := range testdataLines(t) {
		for _, s := range sentences(line) {
			j := join(s).text
			for name, c := range cues {
				want := -1
				if loc := c.re.FindStringIndex(j); loc != nil {
					want = loc[0]
				}
				if got := c.index(j); got != want {
					t.Errorf("%s: index(%q) = %d, want %d", name, j, got, want)
				}
				checked++
			}
		}
	}
	if checked == 0 {
		t.Fatal("checked nothing")
	}
}

// testdataLines returns the text lines (not the comments) of every
// evaluation set in testdata, for tests that check a cheap path against
// the full expression on real sentences.
func testdataLines(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("testdata/*.tsv")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	var lines []string
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if !strings.HasPrefix(line, "#") {
				lines = append(lines, line)
			}
		}
	}
	return lines
}
