package vetting

import (
	"regexp"
	"slices"
	"testing"
)

// TestLazyRegexpMatchesAsCompiled holds a rule expression compiled on
// first use to the same expression compiled up front, and checks that
// nothing is compiled before the first match is asked for.
func TestLazyRegexpMatchesAsCompiled(t *testing.T) {
	tests := []struct {
		name    string
		pattern string
		text    string
	}{
		{"vocabulary match", `(?:i|we) ~2 (?:provide|supply) <sub>`, "we can provide psilocybin and we supply the tea"},
		{"no match", `(?:i|we) ~2 (?:provide|supply) <sub>`, "i offer integration coaching after retreats"},
		{"clause limit", `i ~1 treat <cond>`, "i really do treat ptsd ; i treat anxiety"},
		{"empty text", `guarantee\w*`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := compile(tt.pattern)
			if l.Compiled() {
				t.Fatal("compiled before first use")
			}
			want := regexp.MustCompile(l.String())
			if got, w := l.MatchString(tt.text), want.MatchString(tt.text); got != w {
				t.Errorf("MatchString = %v, want %v", got, w)
			}
			if !l.Compiled() {
				t.Error("not kept after first use")
			}
			if got, w := l.FindAllStringIndex(tt.text, -1), want.FindAllStringIndex(tt.text, -1); !slices.EqualFunc(got, w, slices.Equal) {
				t.Errorf("FindAllStringIndex = %v, want %v", got, w)
			}
			if got, w := l.FindStringIndex(tt.text), want.FindStringIndex(tt.text); !slices.Equal(got, w) {
				t.Errorf("FindStringIndex = %v, want %v", got, w)
			}
			if got, w := l.ReplaceAllString(tt.text, "_"), want.ReplaceAllString(tt.text, "_"); got != w {
				t.Errorf("ReplaceAllString = %q, want %q", got, w)
			}
		})
	}
}

// TestLazyRejectsBadPatternAtOnce: a broken pattern fails when the rules
// are built, not in the first screen that opens its gate.
func TestLazyRejectsBadPatternAtOnce(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("lazy accepted an unparsable pattern")
		}
	}()
	lazy(`(?:unclosed`)
}
