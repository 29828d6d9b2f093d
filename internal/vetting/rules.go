package vetting

import (
	"strings"

	"github.com/afterward/afterward/internal/lazyre"
)

// rule is one phrase pattern. It matches a normalised sentence (see
// normalize) unless the match contains an unless word (a rule-specific
// exception, such as "integration" in "I offer integration for ayahuasca
// ceremonies") or is negated by its clause (see isNegated).
//
// A negation inside the match counts too ("I do not provide substances"
// matches "i ~3 provide ~4 <sub>"), except for patterns that start with
// "!": those contain their own negation ("you will never feel anxious
// again") and only look before the match.
type rule struct {
	category Category
	pattern  *lazyRegexp
	unless   *lazyRegexp
	// unlessClause is like unless for the whole clause around the match.
	unlessClause *lazyRegexp
	// unlessSentence is like unless for the whole sentence ("@@" in
	// rulesFor): "I'll point you to the right people: a psychiatrist".
	unlessSentence *lazyRegexp
	ownNegation    bool
	gate           gate
	// needs are vocabularies that must each occur in the sentence before
	// the pattern is tried; they make the broad "two lexicons within a
	// few words" patterns cheap on the sentences that lack one of them.
	needs []*lazyRegexp
}

// needsMark frames the vocabularies of a pattern built by needing.
const needsMark = "\x01"

// needing prefixes a pattern with vocabularies that must each occur in a
// sentence for the pattern to be tried (see rule.needs).
func needing(pattern string, vocabularies ...string) string {
	return needsMark + strings.Join(vocabularies, needsMark) + needsMark + pattern
}

// splitNeeds separates the vocabularies written by needing from the pattern.
func splitNeeds(p string) (pattern string, needs []*lazyRegexp) {
	if !strings.HasPrefix(p, needsMark) {
		return p, nil
	}
	parts := strings.Split(p[len(needsMark):], needsMark)
	for _, v := range parts[:len(parts)-1] {
		needs = append(needs, compile(v))
	}
	return parts[len(parts)-1], needs
}

// Vocabulary shared by the rules, as regular-expression alternations.
var vocabulary = map[string]string{
	// drug names: specific substances and the products they are sold as.
	"drug": `(?:toad|yage|sapo|psilocybin|cubes|penis envy|psilocin|psilocybe|cubensis|golden teachers?|liberty caps|magic mushrooms?|mushrooms?|shrooms|truffles|acid|amanita|muscimol|changa|ayahuasca|ketamine|mdma|molly|ecstasy|lsd|dmt|5 meo(?: dmt)?|bufo|iboga(?:ine)?|peyote|mescaline|san pedro|huachuma|kambo|cannabis|microdoses?|microdose capsules|lion s mane|niacin)`,
	// sub: anything that can be provided, including the generic words.
	"sub": `(?:<drug>|psychedelics?|entheogens?|substances?|drugs|medicines?|plant medicines?|sacraments?|capsules|chocolates?|tinctures?|lozenges|gummies|tabs|blotters?)`,
	// live: the time someone is under the influence (not "our sessions").
	"live": `(?:journeys?|journeying|trips?|tripping|ceremon(?:y|ies)|psychedelic experiences?|experiences?|peak|night|medicine|<drug> sessions?)`,
	// occasion: the time someone is under the influence, or a session.
	"occ": `(?:journeys?|journeying|trips?|tripping|ceremon(?:y|ies|ial)|psychedelic experiences?|experiences?|sessions?|peak|night)`,
	// med: psychiatric medication.
	"med": `(?:medications?|meds|antidepressants?|ssris?|snris?|maois?|lithium|benzodiazepines?|benzos?|antipsychotics?|mood stabili[sz]ers?|prescriptions?|sertraline|zoloft|prozac|fluoxetine|lexapro|escitalopram|wellbutrin|bupropion|lamotrigine|lamictal|seroquel|quetiapine|xanax|klonopin|adderall|stimulants)`,
	// cond: clinical conditions a coach must not diagnose or treat.
	"cond": `(?:post traumatic stress(?: disorder)?|depress\w*|anxiety(?: disorders?)?|ptsd|c ptsd|cptsd|complex ptsd|ocd|adhd|bipolar(?: disorder)?|schizophreni\w*|psychosis|addictions?|alcoholism|substance use disorders?|eating disorders?|anorexia|bulimia|insomnia|panic(?: attacks| disorders?)?|phobias?|mental illness\w*|mental health (?:conditions?|disorders?)|disorders?)`,
	// self: the coach as the subject, in first or third person ("she
	// offers", "he treats"); "they" is left out as it is usually clients.
	"self": `(?:i|we|she|he)`,
	// who: the coach's clients as a group.
	"who": `(?:you|clients|people|participants|journeyers|individuals|them|others|each (?:client|participant|person)|(?:more than |over |hundreds of |dozens of |\d+ |[a-z]+ hundred )(?:people|clients|participants|journeyers|individuals))`,
}

// compile expands a rule pattern: "<name>" is a vocabulary entry and
// "~N " allows up to N words within the clause (not across ; : ? !).
// Patterns match whole words.
func compile(pattern string) *lazyRegexp {
	for i := 0; i < 3; i++ { // vocabulary entries may refer to each other
		for name, alt := range vocabulary {
			pattern = strings.ReplaceAll(pattern, "<"+name+">", alt)
		}
	}
	for n := '1'; n <= '9'; n++ {
		pattern = strings.ReplaceAll(pattern, "~"+string(n)+" ", `(?:[^ ;:?!]+ ){0,`+string(n)+`}`)
	}
	return lazy(`\b(?:` + pattern + `)\b`)
}

// lazyRegexp is an expression compiled on first use (internal/lazyre):
// compiled at package init, the rules held ~15 MB of instructions in every
// process. lazy parses the source, so a bad pattern still fails at init.
type lazyRegexp = lazyre.Regexp

func lazy(src string) *lazyRegexp { return lazyre.MustNew(src) }

// rulesFor builds one category's rules; every pattern shares the
// exceptions. unless has the form "match words@clause words": words before
// "@" are looked for in the match, words after it in the whole clause
// around the match.
func rulesFor(cat Category, unless string, patterns ...string) []rule {
	var u, uc, us *lazyRegexp
	if rest, ok := strings.CutPrefix(unless, "@@"); ok {
		us, unless = compile(rest), ""
	}
	inMatch, inClause, _ := strings.Cut(unless, "@")
	if inMatch != "" {
		u = compile(inMatch)
	}
	if inClause != "" {
		uc = compile(inClause)
	}
	out := make([]rule, len(patterns))
	for i, p := range patterns {
		body, own := strings.CutPrefix(p, "!")
		body, needs := splitNeeds(body)
		re := compile(body)
		out[i] = rule{category: cat, pattern: re, unless: u, unlessClause: uc, unlessSentence: us, ownNegation: own, gate: gateFor(re.String()), needs: needs}
	}
	return out
}

// matchesCategory reports whether any rule of the category fires on the
// normalised sentence.
func matchesCategory(norm string, cat Category, p profile) bool {
	for _, r := range rulesByCategory[cat] {
		if r.fires(norm, p) {
			return true
		}
	}
	return false
}

// fires reports whether some match of the rule survives its exceptions
// and negation.
func (r rule) fires(norm string, p profile) bool {
	if !r.gate.open(norm) {
		return false
	}
	for _, n := range r.needs {
		if !n.MatchString(norm) {
			return false
		}
	}
	for _, m := range r.pattern.FindAllStringIndex(norm, -1) {
		if r.excepted(norm, m[0], m[1]) {
			continue
		}
		end := m[1]
		if r.ownNegation {
			end = m[0]
		}
		if !isNegated(norm, m[0], end) && !deniedAfter(norm[m[1]:]) && p.allows(r.category, norm, m[0], m[1]) {
			return true
		}
	}
	return false
}

// excepted reports whether the rule's unless words cover the match.
func (r rule) excepted(norm string, start, end int) bool {
	if r.unless != nil && r.unless.MatchString(norm[start:end]) {
		return true
	}
	if r.unlessSentence != nil && r.unlessSentence.MatchString(norm) {
		return true
	}
	if r.unlessClause != nil {
		cs, ce := clauseAround(norm, start, end)
		return r.unlessClause.MatchString(norm[cs:ce])
	}
	return false
}

// clauseAround widens [start, end) to the clause punctuation around it.
func clauseAround(norm string, start, end int) (int, int) {
	start = strings.LastIndexAny(norm[:start], ";:?!") + 1
	if k := strings.IndexAny(norm[end:], ";:?!"); k >= 0 {
		end += k
	} else {
		end = len(norm)
	}
	return start, end
}

// rulesByCategory is built once; the rules are never modified.
var rulesByCategory = buildRules()

func buildRules() map[Category][]rule {
	all := [][]rule{outcomeRules(), substanceRules(), sessionRules(), presenceRules(), clinicalRules(), conceptRules(), generalRules(), fallbackRules(), signalRules(), promiseRules(), universalRules(), supplyRules(), handoverRules(), broadRules(), frameRules(), euphemismRules()}
	byCat := map[Category][]rule{}
	for _, rs := range all {
		for _, r := range rs {
			byCat[r.category] = append(byCat[r.category], r)
		}
	}
	return byCat
}
