package safety

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one normalised word and where it came from in the text.
// A contraction becomes several tokens that share the span of the original
// word ("I'm" gives "i" and "am").
type token struct {
	word       string
	start, end int // byte offsets in the original text
}

// clauseMark is the token that stands for a comma, colon, bracket, quote or
// dash: patterns can anchor on it and negation never reaches across it.
const clauseMark = ","

// sentence is a run of tokens between sentence-ending punctuation.
type sentence []token

// contractions expands the forms people type, with or without apostrophes.
// Ambiguous apostrophe-less forms ("ill", "id", "were") are left alone.
var contractions = map[string][]string{
	"i'm": {"i", "am"}, "im": {"i", "am"}, "i've": {"i", "have"}, "ive": {"i", "have"},
	"i'll": {"i", "will"}, "i'd": {"i", "would"},
	"can't": {"can", "not"}, "cant": {"can", "not"}, "cannot": {"can", "not"},
	"won't": {"will", "not"}, "wont": {"will", "not"},
	"dont": {"do", "not"}, "doesnt": {"does", "not"}, "didnt": {"did", "not"},
	"isnt": {"is", "not"}, "wasnt": {"was", "not"}, "arent": {"are", "not"},
	"wouldnt": {"would", "not"}, "couldnt": {"could", "not"}, "shouldnt": {"should", "not"},
	"havent": {"have", "not"}, "hasnt": {"has", "not"}, "hadnt": {"had", "not"},
	"gonna": {"going", "to"}, "wanna": {"want", "to"},
	"whats": {"what", "is"}, "thats": {"that", "is"}, "theres": {"there", "is"},
	"youre": {"you", "are"}, "theyre": {"they", "are"}, "itll": {"it", "will"},
}

// isSubjectIs lists words whose 's is "is" rather than a possessive.
var isSubjectIs = map[string]bool{
	"it": true, "he": true, "she": true, "that": true, "there": true, "what": true,
	"who": true, "where": true, "here": true, "life": true, "everything": true,
	"nothing": true, "everyone": true, "nobody": true, "no-one": true, "everybody": true,
}

// sentenceEnd and clauseEnd are the punctuation that split the text.
func sentenceEnd(r rune) bool { return strings.ContainsRune(".!?;\n\r…", r) }
func clauseEnd(r rune) bool   { return strings.ContainsRune(",:()[]\"“”—–", r) }

func laughing(r rune) bool { return strings.ContainsRune("😂🤣😅😆😹", r) }

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '-'
}

// normaliseApostrophe maps the apostrophes phones and word processors type.
func normaliseApostrophe(r rune) rune {
	switch r {
	case '’', '‘', 'ʼ', '`', '´':
		return '\''
	}
	return r
}

// sentences splits text into sentences of normalised tokens.
func sentences(text string) []sentence {
	var out []sentence
	var cur sentence
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		r = normaliseApostrophe(r)
		switch {
		case isWordRune(r):
			end := wordEnd(text, i)
			cur = appendWord(cur, text, i, end)
			i = end
			continue
		case laughing(r):
			// A laughing face reads as the "lol" it stands for, so the
			// joke frames see it: "jump out the window 😂".
			cur = append(cur, token{word: "lol", start: i, end: i + size})
		case sentenceEnd(r):
			if len(cur) > 0 {
				out = append(out, cur)
				cur = nil
			}
		case clauseEnd(r) && len(cur) > 0 && cur[len(cur)-1].word != clauseMark:
			cur = append(cur, token{word: clauseMark, start: i, end: i + size})
		}
		i += size
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	for i := range out {
		out[i] = glossSentence(joinSplitReflexives(out[i]))
	}
	return out
}

// joinSplitReflexives reads "my self" as "myself", a common typing slip
// that would otherwise hide "kill my self".
func joinSplitReflexives(s sentence) sentence {
	out := s[:0]
	for i := 0; i < len(s); i++ {
		if s[i].word == "my" && i+1 < len(s) && s[i+1].word == "self" {
			out = append(out, token{word: "myself", start: s[i].start, end: s[i+1].end})
			i++
			continue
		}
		out = append(out, s[i])
	}
	return out
}

func wordEnd(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(normaliseApostrophe(r)) {
			break
		}
		i += size
	}
	return i
}

// appendWord normalises one word and appends its tokens. Quote marks and
// dashes at the edges of a word are not part of it.
func appendWord(cur sentence, text string, start, end int) sentence {
	raw := text[start:end]
	if strings.Trim(raw, "'-‘’`´ʼ") == "" {
		// A free-standing dash ("note written - pills counted") separates
		// the items of a list as a comma would.
		if strings.Contains(raw, "-") && len(cur) > 0 && cur[len(cur)-1].word != clauseMark {
			cur = append(cur, token{word: clauseMark, start: start, end: end})
		}
		return cur
	}
	trimmed := strings.TrimLeft(raw, "'-‘’`´ʼ")
	start += len(raw) - len(trimmed)
	raw = strings.TrimRight(trimmed, "'-‘’`´ʼ")
	end = start + len(raw)
	if raw == "" {
		return cur
	}
	word := strings.ToLower(strings.Map(normaliseApostrophe, raw))
	if raw == "SI" {
		// "SI" typed in capitals is suicidal ideation; "si" is the
		// Spanish "if" and the Tagalog name marker ("si mama").
		return append(cur, token{word: "suicidal", start: start, end: end}, token{word: "ideation", start: start, end: end})
	}
	for _, w := range expand(word) {
		cur = append(cur, token{word: w, start: start, end: end})
	}
	return cur
}

// expand turns a contraction into its words: "don't" → do not,
// "she's" → she is, "mom's" → mom.
func expand(word string) []string {
	if parts, ok := contractions[word]; ok {
		return parts
	}
	if parts, ok := spellings[word]; ok {
		return parts
	}
	switch {
	case strings.HasSuffix(word, "n't"):
		return []string{strings.TrimSuffix(word, "n't"), "not"}
	case strings.HasSuffix(word, "'re"):
		return []string{strings.TrimSuffix(word, "'re"), "are"}
	case strings.HasSuffix(word, "'ve"):
		return []string{strings.TrimSuffix(word, "'ve"), "have"}
	case strings.HasSuffix(word, "'ll"):
		return []string{strings.TrimSuffix(word, "'ll"), "will"}
	case strings.HasSuffix(word, "'d"):
		return []string{strings.TrimSuffix(word, "'d"), "would"}
	case strings.HasSuffix(word, "'s"):
		base := strings.TrimSuffix(word, "'s")
		if isSubjectIs[base] {
			return []string{base, "is"}
		}
		return []string{base}
	}
	return []string{word}
}

// joined is a sentence as one string for the patterns, one space between
// words, with the offset in that string where each token starts.
type joined struct {
	text   string
	starts []int
}

func join(s sentence) joined {
	var b strings.Builder
	starts := make([]int, len(s))
	for i, t := range s {
		if i > 0 {
			b.WriteByte(' ')
		}
		starts[i] = b.Len()
		b.WriteString(t.word)
	}
	return joined{text: b.String(), starts: starts}
}

// tokenRange returns the first and last words a match [from, to) in the
// joined string covers; clause marks at its edges are not part of the phrase.
func (j joined) tokenRange(s sentence, from, to int) (first, last int) {
	first, last = -1, -1
	for i, start := range j.starts {
		if start <= from {
			first = i
		}
		if start < to {
			last = i
		}
	}
	for first < last && s[first].word == clauseMark {
		first++
	}
	for last > first && s[last].word == clauseMark {
		last--
	}
	return first, last
}
