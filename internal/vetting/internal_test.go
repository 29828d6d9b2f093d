package vetting

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"empty", "", nil},
		{"white space only", " \n\t", nil},
		{"no terminal", "I am a coach", []string{"I am a coach"}},
		{"three terminals", "One. Two! Three?", []string{"One.", "Two!", "Three?"}},
		{"closing quote stays", `She said "stop." Then left.`, []string{`She said "stop."`, "Then left."}},
		{"repeated terminals", "Really?! Yes...", []string{"Really?!", "Yes..."}},
		{"decimal number", "Sessions cost 1.5 hours of time. Next.", []string{"Sessions cost 1.5 hours of time.", "Next."}},
		{"abbreviation", "Dr. Lee and e.g. Prof. Kim agree. Fine.", []string{"Dr. Lee and e.g. Prof. Kim agree.", "Fine."}},
		{"initial", "J. Smith trained me. Good.", []string{"J. Smith trained me.", "Good."}},
		{"line breaks", "About me\r\n- I coach\n\n- I listen", []string{"About me", "- I coach", "- I listen"}},
		{"ellipsis character", "Wait… then go.", []string{"Wait…", "then go."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range splitSentences(tt.text) {
				got = append(got, tt.text[s.start:s.end])
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("splitSentences(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"case and punctuation", "I Treat PTSD.", "i treat ptsd"},
		{"straight contraction", "I don't diagnose", "i do not diagnose"},
		{"curly contraction", "I don’t, I won’t; I can’t", "i do not , i will not ; i can not"},
		{"cannot", "I cannot promise", "i can not promise"},
		{"am will have are would", "I’m sure you’ll see we’ve they’re I’d", "i am sure you will see we have they are i would"},
		{"is after pronoun", "It's that's", "it is that is"},
		{"possessive dropped", "the client's plan", "the client plan"},
		{"hyphen and slash", "trip-sitting and/or psilocybin-assisted", "trip sitting and or psilocybin assisted"},
		{"dash is a comma", "healed — guaranteed", "healed , guaranteed"},
		{"percent", "95% of clients", "95 percent of clients"},
		{"quoted word", "'medicine'", "medicine"},
		{"accents kept", "Zoë café", "zoë café"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := normalize(tt.in); got != tt.want {
				t.Errorf("normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestIsNegated(t *testing.T) {
	tests := []struct {
		name     string
		sentence string
		match    string
		want     bool
	}{
		{"plain", "i sell mushrooms", "sell mushrooms", false},
		{"not before", "i do not sell mushrooms", "sell mushrooms", true},
		{"never before", "i never guarantee results", "guarantee results", true},
		{"negation inside match", "i do not sell mushrooms", "i do not sell mushrooms", true},
		{"not sure is not a denial", "not sure where to find medicine ?", "where to find medicine", false},
		{"but starts a new clause", "i do not sell medicine , but i can point you to sources", "point you to sources", false},
		{"and i starts a new clause", "i am not a therapist , and i treat ptsd", "i treat ptsd", false},
		{"list keeps the denial", "i will not help you plan a journey , suggest doses or advise on combining medicines", "combining medicines", true},
		{"conditional phrase", "if you need treatment for ptsd , i refer you", "treatment for ptsd", true},
		{"conditional ends at comma", "if you like , i sell mushrooms", "i sell mushrooms", false},
		{"reported question", "clients ask whether coaching will cure depression", "cure depression", true},
		{"rather than", "i help you find care rather than provide it", "provide it", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := strings.LastIndex(tt.sentence, tt.match)
			if start < 0 {
				t.Fatalf("%q is not in %q", tt.match, tt.sentence)
			}
			got := isNegated(tt.sentence, start, start+len(tt.match))
			if got != tt.want {
				t.Errorf("isNegated(%q, %q) = %v, want %v", tt.sentence, tt.match, got, tt.want)
			}
		})
	}
}

// TestGatesAreNecessary checks that no rule's literal gate ever hides a
// match: on every sentence of every labelled set, the rule's regular
// expression finds nothing where the gate is closed.
func TestGatesAreNecessary(t *testing.T) {
	files, err := filepath.Glob("testdata/*.jsonl")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	checked := 0
	for _, file := range files {
		for _, text := range bioTexts(t, file) {
			for _, s := range splitSentences(text) {
				norm := normalize(text[s.start:s.end])
				for cat, rules := range rulesByCategory {
					for i, r := range rules {
						if !r.gate.open(norm) && r.pattern.MatchString(norm) {
							t.Errorf("%s rule %d: gate %q closed but pattern matches %q", cat, i, r.gate, norm)
						}
						checked++
					}
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("checked no sentences")
	}
}

func TestEveryRuleIsGated(t *testing.T) {
	for cat, rules := range rulesByCategory {
		for i, r := range rules {
			if len(r.gate) == 0 {
				t.Errorf("%s rule %d has no gate: %s", cat, i, r.pattern)
			}
		}
	}
}

func bioTexts(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var texts []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var b struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &b); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		texts = append(texts, b.Text)
	}
	return texts
}

// FuzzSplitSentences checks that sentences are ordered, disjoint, trimmed
// and non-empty, whatever the input.
func FuzzSplitSentences(f *testing.F) {
	for _, seed := range []string{"", "a. b", "Dr. X.\n\nY?! \"Z.\" …", "\xff. \xfe", "1.5. e.g. U.S."} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		last := 0
		for _, s := range splitSentences(text) {
			if s.start < last || s.end <= s.start || s.end > len(text) {
				t.Fatalf("bad span %v after %d in %d bytes", s, last, len(text))
			}
			last = s.end
		}
	})
}
