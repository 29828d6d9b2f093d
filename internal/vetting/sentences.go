package vetting

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a half-open byte range [start, end) of the input.
type span struct{ start, end int }

// abbreviations end with a full stop that does not end a sentence. Kept
// short on purpose: a missed abbreviation only makes an excerpt shorter.
var abbreviations = map[string]bool{
	"dr": true, "mr": true, "mrs": true, "ms": true, "prof": true, "st": true,
	"e.g": true, "i.e": true, "etc": true, "vs": true, "approx": true,
	"incl": true, "cert": true, "dipl": true, "hon": true, "jr": true, "sr": true,
}

// splitSentences cuts text into trimmed, non-empty sentences. A sentence
// ends at a line break, or at ".", "!", "?" or "…" (with any closing
// quotes or brackets) followed by white space or the end of the text,
// unless the full stop belongs to an abbreviation or an initial.
func splitSentences(text string) []span {
	var spans []span
	start := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		next := i + size
		switch {
		case r == '\n' || r == '\r':
			spans = appendTrimmed(spans, text, start, i)
			start = next
		case isTerminal(r):
			end := skipClosers(text, next)
			if atBreak(text, end) && !(r == '.' && endsWithAbbreviation(text[start:i])) {
				spans = appendTrimmed(spans, text, start, end)
				start = end
			}
			next = end
		}
		i = next
	}
	return appendTrimmed(spans, text, start, len(text))
}

func isTerminal(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '…' }

// skipClosers moves past closing quotes and brackets (and repeated
// terminals such as "?!" or "...") that belong to the sentence just ended.
func skipClosers(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isTerminal(r) && !strings.ContainsRune(`"')]’”»`, r) {
			break
		}
		i += size
	}
	return i
}

// atBreak reports whether position i is the end of the text or white space.
func atBreak(text string, i int) bool {
	if i >= len(text) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsSpace(r)
}

// endsWithAbbreviation reports whether the text before a full stop ends in
// a known abbreviation or a single-letter initial ("J. Smith", "U.S.").
func endsWithAbbreviation(before string) bool {
	word := before
	if k := strings.LastIndexFunc(before, unicode.IsSpace); k >= 0 {
		word = before[k+1:]
	}
	word = strings.TrimLeft(word, `("'“‘`)
	if utf8.RuneCountInString(word) == 1 {
		return true
	}
	return abbreviations[strings.ToLower(word)]
}

// appendTrimmed appends text[start:end] without surrounding white space,
// if anything is left.
func appendTrimmed(spans []span, text string, start, end int) []span {
	for start < end {
		r, size := utf8.DecodeRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		start += size
	}
	for end > start {
		r, size := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	if start < end {
		spans = append(spans, span{start, end})
	}
	return spans
}
