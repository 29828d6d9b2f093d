package vetting

import (
	"strings"
	"unicode"
)

// normalize turns a sentence into the form the rules are written against:
// lower case, straight apostrophes, contractions expanded ("don't" → "do
// not", "I'll" → "i will"), hyphens and other punctuation turned into
// spaces, and clause punctuation (, ; : ? !) kept as separate tokens, all
// separated by single spaces. Rules can then be written once for "do not"
// and "don't", "trip-sitting" and "trip sitting".
func normalize(sentence string) string {
	var b strings.Builder
	b.Grow(len(sentence) + 16)
	lower := prefixes.Replace(" " + strings.ToLower(sentence))
	for _, r := range lower {
		switch {
		case r == '\'' || r == '’' || r == '‘' || r == 'ʼ' || r == '`' || r == '´':
			b.WriteByte('\'')
		case r == ',' || r == ';' || r == ':' || r == '?' || r == '!':
			b.WriteByte(' ')
			b.WriteRune(r)
			b.WriteByte(' ')
		case r == '—' || r == '–':
			// A dash between clauses works like a comma.
			b.WriteString(" , ")
		case r == '%':
			b.WriteString(" percent ")
		case r == '🍄':
			// The mushroom emoji stands for the product in sales copy.
			b.WriteString(" mushrooms ")
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	words := strings.Fields(b.String())
	out := make([]string, 0, len(words)+4)
	for _, w := range words {
		if full, ok := textingForms[w]; ok {
			out = append(out, strings.Fields(full)...)
			continue
		}
		out = append(out, expandContraction(w)...)
	}
	return strings.Join(out, " ")
}

// prefixes reads "post-ceremony" and "pre-journey" as the time they name,
// so that "post" is not taken for posting a parcel, and "a growing share
// of my clients" as a quantity, so that "growing" is not taken for
// cultivation.
var prefixes = strings.NewReplacer(" post-traumatic", " post traumatic", " post-", " after ", " pre-", " before ", "(post-", "(after ", "(pre-", "(before ",
	" growing share", " larger share", " growing number", " larger number", " growing proportion", " larger proportion",
	" growing part", " larger part", " growing body", " larger body", " growing interest", " more interest", " growing demand", " more demand")

// textingForms are the short forms of texting style, read as the words
// they stand for ("i can hook u up w good acid"). Ambiguous forms ("ill",
// "id", "were") are left alone.
var textingForms = map[string]string{
	"u": "you", "ur": "your", "w": "with", "thru": "through", "ive": "i have",
	"im": "i am", "dont": "do not", "cant": "can not", "wont": "will not",
	"doesnt": "does not", "didnt": "did not", "isnt": "is not", "r": "are",
	"pls": "please", "plz": "please", "b4": "before", "gonna": "going to",
	"wanna": "want to", "youll": "you will", "youre": "you are", "itll": "it will",
}

// pronounIs lists words whose "'s" means "is" rather than a possessive.
var pronounIs = map[string]string{
	"it": "it is", "that": "that is", "what": "what is", "there": "there is",
	"here": "here is", "he": "he is", "she": "she is", "who": "who is",
	"where": "where is", "let": "let us", "everyone": "everyone is",
}

// irregular holds contractions whose stem changes.
var irregular = map[string]string{
	"won't": "will not", "can't": "can not", "cannot": "can not",
	"shan't": "shall not", "ain't": "is not", "i'm": "i am",
}

// suffixes maps a contracted ending to its expansion.
var suffixes = []struct{ suffix, expansion string }{
	{"n't", " not"}, {"'re", " are"}, {"'ve", " have"}, {"'ll", " will"}, {"'d", " would"}, {"'m", " am"},
}

// expandContraction returns the words a token stands for, apostrophes
// removed.
func expandContraction(w string) []string {
	if full, ok := irregular[w]; ok {
		return strings.Fields(full)
	}
	if stem, ok := strings.CutSuffix(w, "'s"); ok {
		if full, ok := pronounIs[stem]; ok {
			return strings.Fields(full)
		}
		return []string{strings.ReplaceAll(stem, "'", "")}
	}
	for _, s := range suffixes {
		if stem, ok := strings.CutSuffix(w, s.suffix); ok && stem != "" {
			return strings.Fields(strings.ReplaceAll(stem, "'", "") + s.expansion)
		}
	}
	if strings.Contains(w, "'") {
		// Quoted words ('medicine') and stray apostrophes carry no meaning.
		return strings.Fields(strings.ReplaceAll(w, "'", " "))
	}
	return []string{w}
}
