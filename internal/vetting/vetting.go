// Package vetting screens coach profile text before it goes public.
//
// Screening is rule-based so that every flag can be explained to the coach
// and the admin who reviews it: the text is split into sentences, each
// sentence is normalised (case, curly quotes, contractions, hyphens), and
// phrase and concept patterns per category are matched against it. Every
// match then passes the same checks, whichever rule made it:
//   - negation and hypotheticals (negation.go): a denial in its clause
//     before it ("I do not provide substances", "coaching is not therapy")
//     or after it ("sourcing substances is not something I do"), or
//     someone else's question ("if you need treatment for PTSD, I will
//     refer you");
//   - context (context.go): who is writing (a licensed clinician's own
//     practice is not a clinical claim), legal frameworks and sober
//     settings, study, training and the coach's own history, promises
//     about conduct rather than results, hedged results, and sessions
//     placed before or after the coach's work.
//
// Decisions worth knowing:
//   - Personal experience is clean ("I have sat in ceremony myself"); only
//     sitting with, guiding, serving or facilitating others during an
//     experience is in_session_guidance.
//   - Integration language is clean: working after a ceremony, exploring
//     what came up during a journey, collaborating with a therapist.
//   - Advice about psychiatric medication is clinical_claim, not
//     substance_provision, even when it mentions a dose.
//   - Serving or administering a substance is both substance_provision and
//     in_session_guidance.
//   - A negation reaches back within its clause only (up to ";", ":",
//     "but", ", and I"), so "I do not sell, source or supply psychedelics"
//     is clean while "I don't provide medicine, but I can connect you with
//     sources" is flagged.
//
// A learned layer (learned.go) adds sentences the rules miss, for every
// category: a logistic regression per category over the words, word
// beginnings and word pairs of a sentence, trained at first use on
// sentences drawn from the embedded labelled bios, behind the same
// negation and context checks (on the word that weighed most). Since
// session 8 it also checks the rules: a rule's flag for an outcome
// guarantee, substance provision or in-session guidance is dropped when
// the layer scores its sentence, and the runs of sentences around it,
// near zero (decision.go, agrees).
//
// A flag carries the whole sentence as its excerpt, with byte offsets into
// the input so that an admin view can highlight it.
package vetting

import (
	"regexp"
	"strings"
)

// Category is one kind of statement a public profile must not make.
type Category string

// The categories, in the order they are listed to admins.
const (
	OutcomeGuarantee   Category = "outcome_guarantee"
	SubstanceProvision Category = "substance_provision"
	InSessionGuidance  Category = "in_session_guidance"
	ClinicalClaim      Category = "clinical_claim"
)

// CategoryInfo describes a category for people: admins and coaches.
type CategoryInfo struct {
	Category    Category
	Description string
}

// Categories lists every category with a human description.
func Categories() []CategoryInfo {
	return []CategoryInfo{
		{OutcomeGuarantee, "Promises or guarantees results, cures or healing."},
		{SubstanceProvision, "Offers to source, sell, supply, dose or combine substances."},
		{InSessionGuidance, "Offers to sit with, guide or facilitate a client while under the influence, which is outside integration coaching."},
		{ClinicalClaim, "Diagnoses or treats conditions, calls coaching therapy, or advises on psychiatric medication."},
	}
}

// Flag is one sentence of a profile that needs an admin's review.
type Flag struct {
	Category Category
	// Excerpt is the trimmed sentence that triggered the flag; it equals
	// text[Start:End] of the screened text.
	Excerpt string
	Start   int
	End     int
}

// Screen returns the flags for a profile text, in order of appearance, at
// most one per category and sentence. A clean text gives an empty,
// non-nil slice. Screen never fails: invalid UTF-8 is matched as best it
// can be (callers that need valid text check it themselves).
func Screen(text string) []Flag {
	return screen(text, models())
}

// screen is Screen with given learned models: the rules and the learned
// layer raise candidate flags (scan), which become the flags (decide,
// decision.go).
func screen(text string, ms learnedSet) []Flag {
	return decide(ms.scan(text))
}

// scan finds the candidate flags of a text, each with the sentence and the
// layer that raised it.
func (ms learnedSet) scan(text string) *scanned {
	sc := &scanned{text: text, spans: splitSentences(text)}
	sc.norms = make([]string, len(sc.spans))
	for i, s := range sc.spans {
		sc.norms[i] = normalize(text[s.start:s.end])
	}
	sc.author = readProfile(sc.norms)
	sc.denied = deniedLines(text, sc.spans, sc.norms)
	ms.score(sc)
	// Long inputs often repeat sentences (templates, pasted text); each
	// distinct sentence is matched once.
	seen := map[string][]Category{}
	for i := range sc.spans {
		norm := sc.norms[i]
		cats, ok := seen[norm]
		if !ok {
			cats = sentenceCategories(norm, sc.author)
			seen[norm] = cats
		}
		prev := ""
		if i > 0 {
			prev = sc.norms[i-1]
		}
		cats = withAnaphora(cats, prev, norm, sc.author)
		ruled := cats
		if extra := withoutReaderClaims(norm, ms.categoriesOf(sc, i, cats)); len(extra) > 0 {
			cats = inOrder(append(append([]Category{}, cats...), extra...))
		}
		if referredElsewhere(prev, norm) {
			cats = without(cats, SubstanceProvision)
		}
		next := ""
		if i+1 < len(sc.norms) {
			next = sc.norms[i+1]
		}
		if answeredAway(norm, next) || sc.denied[i] {
			cats = nil
		}
		for _, cat := range cats {
			src := fromLayer
			if hasCategory(ruled, cat) {
				src = fromRule
				if !ms.agrees(sc, cat, i) {
					continue
				}
			}
			sc.cands = append(sc.cands, candidate{cat: cat, sentence: i, source: src})
		}
	}
	ms.textFlags(sc)
	return sc
}

// deniedList is a heading that denies what follows its colon: "What I
// never do: supply, source or suggest sources; attend journeys", "What
// you shouldn't expect:", "Not offered:".
var deniedList = regexp.MustCompile(`^(?:(?:what|things|stuff) (?:i|we|you) (?:\S+ ){0,2}(?:never|do not|will not|would not|can not|should not|must not|shall not) (?:\S+ ){0,3}|(?:what is |what are )?not (?:offered|included|on offer|provided|available)(?: \S+){0,3} |(?:i|we) (?:do not|will not|never|can not|would never|will never)(?: \S+){0,2} |(?:never|hard limits|limits|boundaries|off limits|no gos?|out of scope|outside my scope|what i do not do|what i will not do)(?: \S+){0,2} ):`)

// listMarker starts a list item: a bullet or a number.
var listMarker = regexp.MustCompile(`^(?:[-*•·–—]|\d{1,2}[.)])`)

// deniedLines marks the sentences a denying heading covers: the heading's
// own sentence (its items follow the colon) and the list items after a
// heading that ends with its colon, up to the first line that is not an
// item. A denial does not reach past its list.
func deniedLines(text string, spans []span, norms []string) []bool {
	out := make([]bool, len(spans))
	inList := false
	for i, s := range spans {
		item := listMarker.MatchString(strings.TrimSpace(text[s.start:s.end]))
		if !item {
			inList = false
		}
		if item && inList {
			out[i] = true
			continue
		}
		if deniedList.MatchString(norms[i]) {
			out[i] = true
			inList = strings.HasSuffix(norms[i], ":")
		}
	}
	return out
}

// sentenceCategories lists the categories a normalised sentence matches.
func sentenceCategories(norm string, author profile) []Category {
	var cats []Category
	for _, cat := range categoryOrder {
		if matchesCategory(norm, cat, author) {
			cats = append(cats, cat)
		}
	}
	return withoutReaderClaims(norm, cats)
}

// withAnaphora adds, in category order, the categories that the sentence's
// pronoun offers take from the sentence before (see anaphora.go).
func withAnaphora(cats []Category, prev, norm string, author profile) []Category {
	extra := anaphoraCategories(prev, norm, author)
	if len(extra) == 0 {
		return cats
	}
	has := map[Category]bool{}
	for _, c := range append(append([]Category{}, cats...), extra...) {
		has[c] = true
	}
	var out []Category
	for _, c := range categoryOrder {
		if has[c] {
			out = append(out, c)
		}
	}
	return out
}

// categoryOrder fixes the order of flags that share a sentence.
var categoryOrder = []Category{OutcomeGuarantee, SubstanceProvision, InSessionGuidance, ClinicalClaim}

// askedForCare is a question about clinical or other care ("Need a
// psychiatrist, a GP or a peer group?"); the offer that answers it ("I'll
// point you to the right people") takes its object from it.
var askedForCare = compile(`(?:` + frElsewhere + `|gp|crisis line)`)

// referredElsewhere reports whether the sentence answers a question about
// care and names no substance itself.
func referredElsewhere(prev, norm string) bool {
	return strings.HasSuffix(prev, "?") && askedForCare.MatchString(prev) && !substanceWord.MatchString(prev) && !substanceWord.MatchString(norm)
}

var substanceWord = compile(`<sub>`)

// without returns cats without c.
func without(cats []Category, c Category) []Category {
	var out []Category
	for _, x := range cats {
		if x != c {
			out = append(out, x)
		}
	}
	return out
}

// inOrder returns the distinct categories of cats in category order.
func inOrder(cats []Category) []Category {
	var out []Category
	for _, c := range categoryOrder {
		if hasCategory(cats, c) {
			out = append(out, c)
		}
	}
	return out
}
