package coach

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// maxTokenLen caps a token: PostgreSQL's parser drops very long words, so
// both engines must never see one.
const maxTokenLen = 40

// maxQueryTerms bounds the work one search can ask for.
const maxQueryTerms = 8

// Tokens splits text into lower-case, unaccented words of letters and
// digits. Search text is stored in this form (space separated) and queries
// are tokenised the same way, so SQLite's FTS5 and PostgreSQL's 'simple'
// configuration see identical tokens.
func Tokens(text string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			tok := b.String()
			if len(tok) > maxTokenLen {
				tok = tok[:maxTokenLen]
			}
			out = append(out, tok)
			b.Reset()
		}
	}
	for _, r := range norm.NFD.String(text) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// a combining accent: dropped, so "José" is "jose"
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(unicode.ToLower(r))
		default:
			// Only ASCII letters and digits make tokens: the two engines'
			// parsers disagree on other scripts and on mixed punctuation.
			flush()
		}
	}
	flush()
	return out
}

// normalised is text in stored form: tokens with a leading space, so a
// portable `LIKE '% term%'` finds a word that starts with term.
func normalised(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		for _, t := range Tokens(p) {
			b.WriteByte(' ')
			b.WriteString(t)
		}
	}
	return b.String()
}

// queryTerms is the search box's text as at most maxQueryTerms distinct
// tokens, in order.
func queryTerms(q string) []string {
	var out []string
	for _, t := range Tokens(q) {
		dup := false
		for _, o := range out {
			dup = dup || o == t
		}
		if !dup && len(out) < maxQueryTerms {
			out = append(out, t)
		}
	}
	return out
}
