package vetting

import "strings"

// Anaphora: a claim whose object is a pronoun for something named in the
// sentence before ("Good mushrooms are hard to find. I can get them for
// you."; "Many of my clients have bipolar disorder. I treat them."). Such
// a sentence is flagged when its own wording is an offer with a pronoun
// and the topic it needs (a substance, a condition, a session) is named in
// it or in the sentence before. The same negation and context checks as
// every rule apply to the sentence that is flagged.

// anaphor is one pronoun-offer pattern and the topic that gives it sense.
type anaphor struct {
	category Category
	pattern  *lazyRegexp
	topic    *lazyRegexp
	gate     gate
	// whole marks a pattern that is the whole sentence ("Always. No
	// exceptions."): its own words ("without fail") are not a denial.
	whole bool
}

var anaphors = gateAnaphors([]anaphor{
	{SubstanceProvision,
		compile(`(?:i|we) (?:can |will |could |would |am happy to |am glad to |still )?(?:\S+ )?(?:send|bring|source|supply|provide|arrange|order|ship|post|give)\w* (?:you )?(?:them|it|some|one|these|those)\b|(?:i|we) (?:can |will |could |would |am happy to |still )?(?:\S+ )?(?:get|find|sort|buy|grab|pick up)\w* (?:them|it|some|one) (?:for|to) (?:you|clients)|help you (?:get|find|get hold of|lay hands on) (?:them|it|some)|leave (?:that|it|this) (?:to|with) me|(?:that is|this is) something (?:i|we) (?:provide|supply|offer|handle|sort|can help with)|(?:i|we) (?:\S+ )?(?:prepare|brew|cook|make)\w* (?:it|them) (?:myself|ourselves|for (?:you|them|guests|clients|participants))|(?:i|we) (?:keep|have|carry|stock) (?:some|a few|a little|plenty)|(?:i am|i m) (?:the|your) (?:person|one|go to) (?:to ask|for that|for it)`),
		compile(`<sub>|supply|supplies|supplier|source|sourcing|medicine|cactus|vine|brew`), nil, false},
	// An answer to a reader's question about supply: "Q: Is the medicine
	// included? A: Yes, of course.", "Where do I get the mushrooms? I take
	// care of it."
	{SubstanceProvision,
		compile(`^(?:a : )?(?:no , )?(?:yes|yep|yeah|of course|absolutely|sure|definitely|that is (?:all )?(?:handled|taken care of|sorted|included|provided|covered)|(?:i|we) (?:take care of|handle|sort|cover|provide|arrange) (?:it|that|this|everything)|you do not (?:need|have) to worry about (?:that|it|this))`),
		compile(`<sub> ~4 (?:included|provided|supplied|available|for sale|part of)|(?:sell|supply|provide|bring|get|source|buy|order|find) ~4 <sub>`), nil, true},
	// "Q: Will this work for me? A: Yes.", "Is there a chance it won't help? No. I have never had that happen."
	{OutcomeGuarantee,
		compile(`^(?:a : )?(?:yes|absolutely|definitely|of course|always|guaranteed|100 percent|every time)(?: , (?:always|every time|guaranteed|100 percent|absolutely|definitely|of course))?$|^(?:a : )?(?:no , )?(?:i have )?never (?:had|seen) (?:that|it) happen`),
		compile(`(?:will|does|can|would) (?:this|it|coaching|your \S+|the \S+) (?:work|help)|(?:chance|risk) ~4 (?:not|fail)|how long until|guarantee`), nil, true},
	// "Sourcing is the hardest part for most people. For my clients it isn't."
	{SubstanceProvision,
		compile(`^for (?:my|our) (?:clients|guests|members|participants) (?:it is not|it is easy|it is covered|it is handled|that is handled)`),
		compile(`sourcing|<sub>|supply|supplier`), nil, true},
	// "Medicine? Covered.", "Need a plug? Not anymore."
	{SubstanceProvision,
		compile(`^(?:covered|sorted|handled|taken care of|included|provided|on me|on us|on the house|not any ?more|not after today)$`),
		compileQuestion(`(?:<sub>|a plug|a source|a supplier|a dealer|sourcing)`), nil, true},
	// "Post-trip panic? Solved.", "Healed. Whole. Free. That's where you'll be."
	{OutcomeGuarantee,
		compile(`^(?:solved|fixed|cured|handled|gone|sorted|over|healed|done)$|^that is (?:where|who|how) you (?:will|are going to) (?:be|end up|feel)`),
		compile(pmSymptom + `|` + pmResult), nil, true},
	// "Looking for LSD? Talk to me."
	{SubstanceProvision,
		compile(`^(?:then |just |yes |so )?(?:i can help|i have got you|i got you|talk to me|dm me|message me|text me|hit me up|ask me|i know where|i know a guy|i know people|i can sort (?:you|that|it)|i can point you|come to me|i am your (?:person|guy|girl)|i can hook you up|i can get (?:it|them|some)|i can arrange (?:it|that)|i have (?:some|plenty|extra))\b`),
		compileQuestion(`(?:need|needs|looking for|want|searching for|seeking|out of|run out of|where to (?:get|find|buy)) (?:some |good |clean |quality |reliable |a |your |more )?(?:<sub>|a source|a supplier|a plug|grams)(?: (?:now|today|tonight|again|here|locally|nearby))?`), nil, false},
	{InSessionGuidance,
		compile(`(?:be there|be with you|sit with you|stay with you|be beside you|be by your side|hold space|guide you|keep you safe)\w* (?:with you )?(?:while it (?:happens|unfolds|lasts)|for the whole thing|for all of it|throughout|the whole time|the entire time|until it (?:ends|wears off|is over)|through (?:it|the whole thing))`),
		compile(`(?:<drug>|psychedelic|medicine|first) ~2 (?:trips?|journeys?|ceremon\w*|experiences?|sessions?)|tripping|journeying`), nil, false},
	{ClinicalClaim,
		compile(`(?:i|we) (?:\S+ )?(?:treat|diagnose|cure|heal)\w* (?:them|it|this|that|those)`),
		compile(`<cond>|disorders?|mental illness`), nil, false},
	{OutcomeGuarantee,
		compile(`(?:it|they|that) (?:will|is going to|are going to) (?:\S+ )?(?:end|stop|lift|fade|go away|disappear|vanish|dissolve)\b`),
		compile(`<cond>|trauma|fear|pain|grief`), nil, false},
	// "Clients find their way back to joy. Always. No exceptions."
	// A certainty tag whose result is in the sentence before: "My
	// clients recover. Every one of them.", "Will the fear go away? It
	// will.", "I don't wonder whether they get better. I know they will."
	{OutcomeGuarantee,
		compile(`^(?:and |but |yes , )?(?:i know (?:they|you|it|she|he) (?:will|do|does)|it will|they will|you will|it does|they do|they all do|every (?:single )?one of them|all of them|each (?:and every )?one of them|each of them|every (?:single )?time|i have never seen it (?:stay|fail|come back|return)|it never fails|never fails|it always has|it always does)(?: (?:, )?(?:always|every time|without fail|all of them|each time))?$`),
		compile(frResult + `|` + sgOutcome + `|go away|goes away|stop|stops|end|ends|lift|lifts|disappear\w*|get better|feel better|recover|heal`), nil, true},
	{OutcomeGuarantee,
		compile(`^(?:and |yes |honestly )?(?:always|every (?:single )?time|no exceptions|without (?:fail|exception)|guaranteed|that is (?:a|my) promise|i promise|it always does|always have (?:, |and )?always will|for everyone|for every client|full stop)(?: , (?:for|with) (?:every|each) (?:client|person|one))?(?: (?:, )?no exceptions)?$`),
		compile(sgOutcome + `|get you there|joy|ease|eases|soften\w*|clear\w*|lifts?|calm\w*`), nil, true},
})

// compileQuestion compiles a pattern that must end its sentence with a
// question mark ("Looking for LSD?"), so that "Looking for medicine
// integration?" is not read as a request for a substance.
func compileQuestion(pattern string) *lazyRegexp {
	return lazy(strings.TrimSuffix(compile(pattern).String(), `\b`) + `\b ?\?$`)
}

// otherReferent names, in the offer's own sentence, something other than
// a substance for its pronoun to stand for.
var otherReferent = compile(`(?:clinical|medical|proper|professional|further|specialist) care|needs care|therapist|clinician|doctor|gp|psychiatrist|referral|support group|someone qualified|the right help|a professional`)

// gateAnaphors derives each pattern's literal gate (see gate.go).
func gateAnaphors(as []anaphor) []anaphor {
	for i := range as {
		as[i].gate = gateFor(as[i].pattern.String())
	}
	return as
}

// anaphoraCategories lists the categories whose pronoun offers in norm
// are given sense by norm itself or by prev, the sentence before.
func anaphoraCategories(prev, norm string, author profile) []Category {
	var cats []Category
	for _, a := range anaphors {
		// The offer is rare and cheap to look for; the topic is checked
		// only when there is one.
		if !a.gate.open(norm) {
			continue
		}
		ms := a.pattern.FindAllStringIndex(norm, -1)
		if ms == nil || (!a.topic.MatchString(norm) && !a.topic.MatchString(prev)) {
			continue
		}
		if a.whole && !a.topic.MatchString(norm) && !strings.HasSuffix(prev, "?") && !undeniedTopic(a.topic, prev) {
			// "No, I don't know where to get mushrooms. Yes, I can help
			// you prepare for a retreat": an answer does not take up a
			// topic the sentence before denied.
			continue
		}
		if a.category == SubstanceProvision && otherReferent.MatchString(norm) {
			// "If we find something that needs clinical care, I'll help
			// you find it": the pronoun has its referent in the sentence.
			continue
		}
		for _, m := range ms {
			end := m[1]
			if a.whole {
				end = m[0]
			}
			if !isNegated(norm, m[0], end) && !deniedAfter(norm[m[1]:]) && author.allows(a.category, norm, m[0], m[1]) {
				cats = append(cats, a.category)
				break
			}
		}
	}
	return cats
}

// undeniedTopic reports whether topic matches in s outside a denial.
func undeniedTopic(topic *lazyRegexp, s string) bool {
	for _, m := range topic.FindAllStringIndex(s, -1) {
		if !isNegated(s, m[0], m[1]) && !deniedAfter(s[m[1]:]) {
			return true
		}
	}
	return false
}
