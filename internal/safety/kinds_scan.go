package safety

import (
	"regexp"
	"slices"
	"strings"
)

// concepts are every kind's concepts, most urgent kinds first so that an
// overlapping phrase is reported once, under the kind needing most help.
var concepts = concatConcepts(medicalConcepts(), overdoseConcepts(), violenceConcepts(), suicideConcepts(),
	selfHarmConcepts(), psychosisConcepts(), maniaConcepts(), unsafeHomeConcepts(), dissociationConcepts(),
	panicConcepts(), relapseConcepts(), eatingConcepts(), hopelessnessConcepts(), broadConcepts())

func concatConcepts(lists ...[]concept) []concept {
	var out []concept
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// reasonKind is the kind of each reason the older rules give.
var reasonKind = map[Reason]Kind{
	SuicidalIntent: KindSuicide, SuicidePlan: KindSuicide, MeansAccess: KindSuicide, SuicideImminent: KindSuicide,
	PassiveDeathWish: KindSuicide, BurdenToOthers: KindSuicide, SuicidalThoughts: KindSuicide, PastAttempt: KindSuicide,
	SelfHarmThoughts: KindSelfHarm, SelfHarmBehaviour: KindSelfHarm, Hopelessness: KindHopelessness,
}

var (
	// overdosePhrase and selfHarmPhrase split the older rules' imminent
	// and fallback matches by what the phrase names.
	overdosePhrase = regexp.MustCompile(`\b(?:took|taken|swallowed|downed|overdos\w*|pills|tablets|bottle|packet|strip|handful)\b`)
	selfHarmPhrase = regexp.MustCompile(`\b(?:cut\w*|hurt\w*|harm\w*|burn\w*|scratch\w*|bled|bleed\w*|blades?|razor|wrists?|arms?|legs?|thighs?|skin)\b`)
	hopelessPhrase = regexp.MustCompile(`\b(?:hope\w*|point|pointless|meaningless|future|give up|gave up|giving up|bother|can not (?:go on|carry on|keep going|cope|do this|take)|nothing left|no way out|tired of|sick of|done with)\b`)
	goodbyePhrase  = regexp.MustCompile(`\b(?:goodbye|farewell|letters?|notes?|gone|read this|alive|will not be|last|forever|my things|give away|gave away)\b`)
)

// assignKind fills a match's kind from its reason, and for the older
// rules' broad reasons from what the phrase names.
func assignKind(m *Match) {
	if m.Kind != "" {
		return
	}
	lower := strings.ToLower(m.Phrase)
	switch m.Reason {
	case ImminentSelfHarm:
		switch {
		case overdosePhrase.MatchString(lower) && !goodbyePhrase.MatchString(lower):
			m.Kind, m.Reason = KindOverdose, OverdoseTaken
		case selfHarmPhrase.MatchString(lower) && !goodbyePhrase.MatchString(lower):
			m.Kind = KindSelfHarm
		default:
			m.Kind, m.Reason = KindSuicide, SuicideImminent
		}
		return
	case PossibleRiskLanguage, PossibleRiskPlan:
		plan := m.Reason == PossibleRiskPlan
		switch {
		case selfHarmPhrase.MatchString(lower) && !strings.Contains(lower, "kill"):
			m.Kind, m.Reason = KindSelfHarm, SelfHarmLanguage
		case hopelessPhrase.MatchString(lower) && !plan:
			m.Kind, m.Reason = KindHopelessness, HopelessLanguage
		default:
			m.Kind = KindSuicide
		}
		return
	}
	if k, ok := reasonKind[m.Reason]; ok {
		m.Kind = k
		return
	}
	m.Kind = KindSuicide
}

// kindsOf lists the kinds of the matches in the order of Kinds.
func kindsOf(ms []Match) []Kind {
	out := []Kind{}
	for _, k := range Kinds {
		if slices.ContainsFunc(ms, func(m Match) bool { return m.Kind == k }) {
			out = append(out, k)
		}
	}
	return out
}

// scanKinds runs the concepts on every sentence, adds what the older rules
// did not find, drops older matches the frames rule out, and applies the
// text-level judgements (goodbyes, escalations). frames is the scan's frame
// cache: the concepts read a view of it (frameCache.view), which answers as
// a cache of their own would while reusing the frames already computed.
func scanKinds(text string, sents []sentence, joins []joined, frames *frameCache, found [][]Match, nb *naiveBayes) {
	k := kindScan{text: text, sents: sents, joins: joins, frames: frames.view(), arounds: make([]string, len(joins))}
	for i := range sents {
		found[i] = k.keepFramed(i, found[i])
		for _, m := range k.matchConcepts(i) {
			found[i] = addOrUpgrade(found[i], m)
		}
	}
	k.goodbyes(found)
	for i := range sents {
		if nb != nil && len(found[i]) == 0 {
			if m, ok := k.learnedMatch(nb, i, learnedThreshold); ok {
				found[i] = append(found[i], m)
			}
		}
	}
}

// keepFramed drops older-rule matches of a sentence told about a course,
// a shift, a story or a hypothetical, or told as long-past history.
func (k kindScan) keepFramed(i int, ms []Match) []Match {
	if len(ms) == 0 {
		return ms
	}
	f := k.frames.at(i)
	idiomSpans := idiomSpansIn(k.joins[i].text)
	if k.deniedQuestion(i) {
		return ms[:0]
	}
	out := ms[:0]
	for _, m := range ms {
		if (f.training || f.work || f.fiction) && !writerWord.MatchString(strings.ToLower(m.Phrase)) {
			continue
		}
		// A farewell at a move, a new job or the end of a course is no goodbye.
		if m.Kind == "" && goodbyePhrase.MatchString(strings.ToLower(m.Phrase)) && movingOn.MatchString(k.joins[i].text) {
			continue
		}
		if len(idiomSpans) > 0 && inIdiom(k.sents[i], k.joins[i], idiomSpans, m) {
			continue
		}
		if (f.carried || f.training || f.work || f.fiction) && !f.writerIn {
			continue
		}
		if f.role && roleFramed(m, f) {
			continue
		}
		if f.training || f.fiction || ((f.hypoAt >= 0 || f.work) && m.Level == Concern) {
			continue
		}
		if f.historyOnly() || k.toldAsPastNext(i) || k.resolvedNext(i) {
			if m.Reason != PastAttempt || f.resolved || k.resolvedNext(i) {
				continue
			}
			m.Level = Concern
		}
		out = append(out, m)
	}
	return out
}

// roleFramed reports whether a match in an entry framed by the writer's
// professional role is the people met in that role, not the writer: a
// concern match whose phrase does not speak of the writer, in a sentence
// where the writer is not in the risk (workPossessive); or a bare topic
// noun ("overdoses") that the lexicon raised only for a nearby time word.
// Urgent phrases of the rules and concepts stay whatever the frame.
func roleFramed(m Match, f sentenceFrame) bool {
	if writerWord.MatchString(strings.ToLower(m.Phrase)) {
		return false
	}
	if m.Level == Concern {
		return !f.writerIn
	}
	return m.Reason == SuicideLanguagePlan && topicNoun.MatchString(strings.ToLower(m.Phrase))
}

// topicNoun is a clinical word standing alone as a match: the name of a
// condition or an event, not an act of the writer.
var topicNoun = regexp.MustCompile(`^(?:suicides?|overdoses?|ods|psychosis|paranoia|eating disorders?|self-harm|self harm|bulimia|anorexia|suicidal|relapses?|seizures?|serotonin syndrome|heart attacks?|panic attacks?|purging|restricting|hearing voices|voices)$`)

// addOrUpgrade adds a concept match unless an older match covers it at
// the same or a higher level; a lower older match it overlaps is replaced.
func addOrUpgrade(ms []Match, m Match) []Match {
	for i, old := range ms {
		if m.Start < old.End && old.Start < m.End {
			if m.Level > old.Level {
				ms[i] = m
			}
			return ms
		}
	}
	return append(ms, m)
}

var (
	thanksRe      = newCue(`\b(?:` + thanksSign + `)\b`)
	arrangementRe = newCue(`\b(?:` + arrangementSign + `)\b`)
)

// goodbyes reads the signs of leaving across the whole text: thanks for
// everything, the cat's new home, letters left, sessions cancelled. One is
// ordinary; two in one text with at least one arrangement, or one beside a
// wish to die in another sentence, are an indirect goodbye, and urgent.
func (k kindScan) goodbyes(found [][]Match) {
	thanks, arrangements := k.signs(thanksRe), k.signs(arrangementRe)
	n := len(thanks) + len(arrangements)
	if n == 0 {
		return
	}
	if !(len(arrangements) > 0 && n >= 2) && !k.wishElsewhere(found, append(thanks, arrangements...)) {
		return
	}
	for _, m := range append(thanks, arrangements...) {
		for i, s := range k.sents {
			if m.Start >= s[0].start && m.End <= s[len(s)-1].end {
				found[i] = addOrUpgrade(found[i], m)
			}
		}
	}
}

// signs finds the farewell signs of one family outside harmless frames.
func (k kindScan) signs(c cue) []Match {
	var out []Match
	for i, j := range k.joins {
		if !c.MatchString(j.text) {
			continue
		}
		locs := c.re.FindAllStringIndex(j.text, -1)
		f := k.frames.at(i)
		if f.framedAway(0) || f.historyOnly() || ritualRe.MatchString(j.text) || movingOn.MatchString(j.text) {
			continue
		}
		s := k.sents[i]
		for _, loc := range locs {
			first, last := j.tokenRange(s, loc[0], loc[1])
			if first < 0 || negated(s, first) {
				continue
			}
			m := Match{Phrase: k.text[s[first].start:s[last].end], Reason: SuicideGoodbye, Level: Urgent,
				Kind: KindSuicide, Start: s[first].start, End: s[last].end}
			if !overlapsAny(out, m) {
				out = append(out, m)
			}
		}
	}
	return out
}

// movingOn is an ordinary ending: a move, a new job, the end of a course.
var movingOn = newCue(`\b(?:pen ?pals?|end of the course|swapped numbers|changing jobs|leaving (?:my |the )?job|colleagues|leaving (?:do|party|card)|moving|move|new job|abroad|emigrat\w*|holiday|travel\w*|retir\w*|graduat\w*|last session of|end of (?:our|the) (?:sessions|course|programme|program)|finished (?:our|the|my) (?:sessions|course|programme|program)|after the baby|new baby|declutter\w*|charity|donat\w*|wedding|birthday|christmas)\b`)

// wishElsewhere reports whether a wish to die, burden or hopelessness
// stands in the text apart from the signs themselves.
func (k kindScan) wishElsewhere(found [][]Match, signs []Match) bool {
	for _, ms := range found {
		for _, m := range ms {
			wish := m.Reason == PassiveDeathWish || m.Reason == SuicidalThoughts || m.Reason == BurdenToOthers ||
				m.Reason == PossibleRiskLanguage || m.Reason == Hopelessness
			if wish && !overlapsAny(signs, m) {
				return true
			}
		}
	}
	return false
}

var ritualRe = newCue(ritual)

// inIdiom reports whether an older match lies inside an idiom span of its
// sentence ("overdosing on Christmas films").
func inIdiom(s sentence, j joined, spans [][]int, m Match) bool {
	for ti, t := range s {
		if t.start < m.Start || t.end > m.End {
			continue
		}
		for _, sp := range spans {
			if j.starts[ti] >= sp[0] && j.starts[ti] < sp[1] {
				return true
			}
		}
	}
	return false
}

// resolvedNext reports whether the next sentence tells the risk of
// sentence i as over ("...nearly died; now I'm a grandmother and very
// happy"), when sentence i itself is not told as happening now.
func (k kindScan) resolvedNext(i int) bool {
	return i+1 < len(k.joins) && k.frames.at(i+1).resolved && !k.frames.at(i).still &&
		!presentRe.MatchString(k.joins[i].text)
}

// toldAsPastNext reports whether the next sentence dates sentence i far
// back: "My first husband beat me. That was decades ago."
func (k kindScan) toldAsPastNext(i int) bool {
	return i+1 < len(k.joins) && thatWasPast.MatchString(k.joins[i+1].text)
}

var thatWasPast = newCue(`^(?:that|it|this|all that|that all) (?:was|is|happened|were) (?:\w+ ){0,2}?(?:years|decades|a (?:long )?(?:time|while)|ages|long) ago|^(?:that|it) (?:is|was) (?:all )?(?:in the past|behind me|long gone|over now)|^(?:that|it|this|all that) (?:was|happened) (?:in |back in )?(?:19|20)\d\d`)

// deniedQuestion reports whether sentence i asks about risk only to deny
// it: "Do I want to die? No.", "She asked if I had thoughts of harming
// myself and I said no."
func (k kindScan) deniedQuestion(i int) bool {
	if askedNo.MatchString(k.joins[i].text) {
		return true
	}
	if i+1 < len(k.joins) && (isQuestion(k.text, k.sents[i]) || askedAbout.MatchString(k.joins[i].text)) {
		return answeredNo.MatchString(k.joins[i+1].text) || saidNo.MatchString(k.joins[i+1].text)
	}
	return false
}

var (
	askedAbout = regexp.MustCompile(`\b(?:asked|asks|asking|ask) (?:me )?(?:if|whether|about)\b`)
	saidNo     = regexp.MustCompile(`^(?:i (?:said|told (?:her|him|them)) (?:no|that i (?:do not|did not|have not)))\b`)
)

var askedNo = newCue(`\b(?:asked|asks|asking|ask) (?:me )?(?:if|whether|about)\b.*\b(?:i said no|said no|the answer (?:is|was) no|no ,? (?:and|honestly))\b|\b(?:do not|never) have (?:any )?(?:thoughts|plans|intent)\b|\b(?:not|never|no longer) (?:having|had|getting|get) (?:any )?(?:thoughts|plans|urges|intent|ideas) (?:of|about|to)\b`)
