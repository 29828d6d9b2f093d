package safety

import (
	"cmp"
	"regexp"
	"strings"
)

// The fallback layer runs beneath the rules: for each sentence that no rule
// matched, a hit of the broad lexicon (fallback_lexicon.go) about the
// writer, outside a harmless frame, is reported as concern with the reason
// possible_risk_language, and as urgent (possible_risk_with_plan) when an
// intent, plan, means or time cue stands in the sentence or the next one.
// It is how the scanner stays recall-first: a coach reading a false concern
// loses a minute; a missed plan can cost a life.

// compiledEntry is a lexEntry with its patterns compiled.
type compiledEntry struct {
	kind                   lexKind
	re, cue, except, after *regexp.Regexp
	selfInHit              bool
	// gate is the literal pre-check of re (see gate.go): most sentences
	// hold none of the lexicon's words, and a bit test on the sentence's
	// literal set (literal.go) is far cheaper than the expression.
	gate gate
	// pre answers whether re can match, faster (see prefilter.go).
	pre prefilter
}

var compiledLexicon = compileLexicon(fallbackLexicon)

func compileLexicon(entries []lexEntry) []compiledEntry {
	out := make([]compiledEntry, len(entries))
	for i, e := range entries {
		out[i] = compiledEntry{kind: e.kind, re: regexp.MustCompile(`\b(?:` + e.re + `)`), gate: gateFor(cmp.Or(e.gateWords, e.re)),
			pre: newMatcher(`\b(?:` + e.re + `)`),
			cue: optional(e.cue), except: optional(e.except), after: optional(e.notAfter), selfInHit: e.selfInHit}
	}
	return out
}

func optional(re string) *regexp.Regexp {
	if re == "" {
		return nil
	}
	return regexp.MustCompile(re)
}

var (
	// idioms are everyday uses of the death and harm words; a hit inside
	// one is no hit.
	idioms = regexp.MustCompile(`\b(?:(?:murder|kill|destroy|demolish|smash) (?:this|that|a|the) (?:\w+ )?(?:cake|pizza|burger|sandwich|curry|meal|plate|bottle of wine|pint|coffee|chocolate|kebab|dessert|workout|exam|set)|lost the will to live|lose the will to live|losing the will to live|overdose of (?:\w+ )?(?:meetings|work|emails|admin|tv|telly|sugar|chocolate|christmas|sun|sunshine|fun|love|information|news|social media|screen time|caffeine|coffee|paperwork|cuteness)|(?:brain|head) (?:is |was )?(?:going to|gonna|about to) (?:explode|burst)|end (?:my |the |this |that |our |a )?(?:relationship|lease|contract|chapter|call|meeting|subscription|tenancy|marriage|friendship|session|day|week|year|month|cycle|pattern|habit|argument|conversation)|end(?:ing)? things with|(?:stop|quit|give up|let go of) (?:punishing|hurting|hating|blaming) myself|jump(?:ed|ing)? (?:off the (?:pier|rocks|boat|jetty|harbour wall) )?(?:in(?:to)? the )?(?:lake|sea|pool|river|ocean)(?: this| for| on| with| in| ,|$)|can not (?:wait|stop smiling|stop laughing|stop grinning)|take (?:all )?my pills with|no point (?:in )?(?:arguing|asking|trying to explain|worrying)|overdos\w* on (?:christmas|films|movies|tv|telly|netflix|chocolate|sugar|caffeine|coffee|love|kindness|reality tv|podcasts|content)|dying (?:to|for)|killing it|killed it|kill(?:ed|s)? (?:the|that|a|my) (?:set|show|game|gig|interview|presentation|exam|test|audition|performance)|dead (?:tired|beat|on my feet|end|ends|battery|set|serious|center|centre|silence|heat|weight|giveaway|ringer|wood|line|lift)|to die for|(?:could|would) (?:kill|murder) (?:for|a)\b|(?:bored|scared|worried|frightened|freezing|loved|tickled) (?:me )?to death|(?:phone|battery|laptop|car|plant|plants|batteries) (?:is |was |has |had |just )*(?:dead|died|dying)|(?:is|are|was|were) killing (?:me|my \w+)|deadlines?|died laughing|die laughing|die of (?:embarrassment|laughter|boredom|shame)|(?:killing|kill) (?:me|myself) laughing|over my dead body|kill time|killing time|drop dead gorgeous|hurt my (?:feelings|back|knee|ankle|wrist|shoulder)|killing myself (?:trying|at|with|over|working|studying|for)|(?:rather|sooner) (?:die|be dead) than (?:sing|go|do|eat|wear|watch|listen|sit|have|be seen|work|call|talk|spend|move|give|admit|ask|lose|run|dance|take|catch|attend|join|drive|ride|cook|clean|read|write|pay|visit|hear|meet|use|stand|queue|wait|share|try|play|repeat|redo|start|fly|see|speak|apologi[sz]e|miss|let)|could sleep (?:forever|for a week|for days))`)
	// idiomCue answers cheaply whether a sentence holds an idiom at all;
	// idioms itself runs only on the few that do (idiomSpansIn).
	idiomCue = newCue(idioms.String())
	// psychFrame marks a sentence describing the psychedelic experience.
	psychFrame = newCue(`\b(?:trip|tripping|tripped|ceremony|ceremonies|journey|journeying|retreat|ayahuasca|psilocybin|mushrooms?|shrooms|lsd|acid|mdma|ketamine|k-hole|dmt|5-meo|breakthrough|ego|iboga\w*|mescaline|san pedro|peyote|rebirth|reborn|born again|breathwork|visions?|the medicine (?:showed|taught|took|told|said|was|is|gave|made|killed|kills|let|brought|opened|helped|felt|came)|sitter|shaman|come-up|comeup|purge|old (?:self|selves|identity|me|ways|story)|former self|on the mat|second cup|first cup|the brew|peak|peaking|heroic dose|integration)\b`)
	// rebirthFrame is death imagery that ends in coming back.
	rebirthFrame = newCue(`\b(?:die|died|dying|dead|death)\b.*\b` + rebirthWords + `|` + rebirthWords + `.*\b(?:die|died|dying|dead|death)\b`)
	// resolvedFrame is a risk told as over, in a fallback's own words: "I
	// used to feel suicidal but that's behind me now".
	resolvedFrame = newCue(`\b(?:used to|in the past|years ago|last (?:year|month|summer|winter|spring|autumn)|as a (?:teen|teenager|kid|child)|when i was (?:younger|a teen\w*|a kid|\d+))\b.*\b(?:but|now|helped|behind me|otherwise|no longer|not anymore|these days|recovered|well)\b`)
	// noteFrame is a clinical note about the client, whose risk is the one
	// written down even in the third person.
	noteFrame = newCue(`^(?:patient|client|pt)\b|\b(?:patient|client) (?:states|stated|reports|reported|disclosed|discloses|says|said|endorses|endorsed|admits|admitted)\b`)
	// presentRisk keeps the psychedelic frame from hiding a wish that is
	// the writer's now: "since the ceremony I just want to disappear".
	presentRisk = regexp.MustCompile(`\bi (?:` + adv + `)(?:am |have )?(?:` + adv + `)(?:want|wish|going to|will|plan|planning|keep thinking|keep wanting|can not|need|decided)\b`)
	// askedFrame is a question reported, not an answer: "she asked if I
	// had thoughts of harming myself".
	askedFrame = regexp.MustCompile(`\b(?:asked|asks|ask|asking|screened|screening|question\w*) (?:me )?(?:if|whether|about)\b|\b(?:denies|denied|deny)\b|\bi want to live\b`)
	otherRe    = regexp.MustCompile(otherFrame)
	// answeredNo is a question the writer answers no in the next sentence.
	answeredNo = regexp.MustCompile(`^(?:(?:honestly|truthfully) ,? )?(?:no|nope|never|not really|of course not)\b`)
	// urgentCue is an intent, plan, means or time next to a hit.
	urgentCue = regexp.MustCompile(`\bi (?:am |have |had )?(?:` + adv + `)(?:going to|about to|will|shall|plan to|planned|planning|decided|ready|intend|intending|am doing it|picked|chosen)\b|\b` + timeCue + `\b|\b(?:have|got|bought|counted|loaded|saved|saving|stockpiled|stockpiling|hoarded|hoarding|stashed|stashing|lined up)\b (?:` + w + `){0,3}?` + `(?:` + fbMeds + `|` + fbMeans + `)\b|(?:` + fbMeds + `|` + fbMeans + `) (?:` + w + `){0,3}?(?:ready|loaded|counted|in my hand|next to me|on the table|in the boot|in the car)\b|\b(?:already|just)? ?(?:took|taken|swallowed|downed)\b|\b(?:wrote|written|writing) (?:` + w + `){0,3}?(?:letters?|notes?)\b|\bsaid (?:my )?goodbyes?\b|\b(?:giving|gave|given) away\b|\b(?:the|my) note\b|\blast (?:journal )?entry\b|\bi am done\b|\b(?:this|next) time\b|\bthe date\b|\bbooked\b`)
	// pastOnly marks a hit told as over: its time cue is not a plan.
	pastOnly = regexp.MustCompile(`\b(?:last (?:night|week|month|year)|yesterday|ago|used to|when i was)\b`)
)

const rebirthWords = `(?:reborn|born again|rebirth|came back|come back|snapp\w* back|let go|letting go|surrender\w*|afterlife|lighter|grateful|healing|beautiful)\b`

// fallback adds a match to each sentence no rule matched, when the broad
// lexicon finds risk language about the writer there.
func fallback(text string, sents []sentence, joins []joined, found [][]Match) {
	for i, s := range sents {
		if len(found[i]) > 0 {
			continue
		}
		prev, next := "", ""
		if i > 0 {
			prev = joins[i-1].text
		}
		if i+1 < len(joins) {
			next = joins[i+1].text
		}
		if isQuestion(text, s) && answeredNo.MatchString(next) {
			continue
		}
		// The frames are checked only after a hit: they cost more than the
		// gates, and most sentences have no hit.
		m, ok := lexiconMatch(text, s, joins[i], prev+" , "+next)
		if ok && !resolvedHistory(joins, i) && !benignFrame(joins[i].text) {
			found[i] = append(found[i], m)
		}
	}
}

// benignFrame reports whether the whole sentence is told in a frame where
// death words are not the writer's risk.
func benignFrame(j string) bool {
	if otherRe.MatchString(j) || askedFrame.MatchString(j) || resolvedFrame.MatchString(j) {
		return true
	}
	trip := psychFrame.MatchString(j) || rebirthFrame.MatchString(j)
	return trip && !ongoing.MatchString(j) && !presentRisk.MatchString(j)
}

// isQuestion reports whether the sentence ends with a question mark.
func isQuestion(text string, s sentence) bool {
	end := s[len(s)-1].end
	return end < len(text) && text[end] == '?'
}

// lexiconMatch returns the first surviving lexicon hit of a sentence, at
// its level. around is the text of the sentences before and after it,
// where a cue may stand.
func lexiconMatch(text string, s sentence, j joined, around string) (Match, bool) {
	var idiomSpans [][]int
	set := literalsIn(j.text)
	for _, e := range compiledLexicon {
		if !e.gate.openIn(set) || !e.pre.matchIn(set, j.text) {
			continue
		}
		if idiomSpans == nil {
			idiomSpans = append(idiomSpansIn(j.text), nil)
		}
		if e.except != nil && e.except.MatchString(j.text) {
			continue
		}
		if e.cue != nil && !e.cue.MatchString(j.text) && !e.cue.MatchString(around) {
			continue
		}
		for _, loc := range e.re.FindAllStringIndex(j.text, -1) {
			if m, ok := e.hit(text, s, j, loc, idiomSpans); ok {
				if e.kind == actKind && upgrades(s, j, around) {
					m.Level, m.Reason = Urgent, PossibleRiskPlan
				}
				return m, true
			}
		}
	}
	return Match{}, false
}

// hit checks one lexicon match against idioms, negation, the subject and,
// for wishes, other people named inside it ("I wish my gran had not died").
func (e compiledEntry) hit(text string, s sentence, j joined, loc []int, idiomSpans [][]int) (Match, bool) {
	if overlapsSpan(idiomSpans, loc) || (e.after != nil && e.after.MatchString(j.text[loc[1]:])) {
		return Match{}, false
	}
	first, last := j.tokenRange(s, loc[0], loc[1])
	if first < 0 || negated(s, first) || !(e.selfInHit || aboutWriter(text, s, j, first)) {
		return Match{}, false
	}
	if e.kind == wishKind && namesOther(s, first, last) {
		return Match{}, false
	}
	return Match{Phrase: text[s[first].start:s[last].end], Reason: PossibleRiskLanguage, Level: Concern,
		Start: s[first].start, End: s[last].end}, true
}

// upgrades reports whether an act hit comes with an intent, plan, means or
// time cue, in its sentence or the next, that is not denied or over.
func upgrades(s sentence, j joined, next string) bool {
	// urgentCue is too large for the backtracker: its literal gate first
	// says whether it can occur at all.
	if !urgentCueGate.open(j.text) {
		return next != "" && !pastOnly.MatchString(next) && urgentCue.MatchString(next) && !negatedText(next)
	}
	for _, loc := range urgentCue.FindAllStringIndex(j.text, -1) {
		first, _ := j.tokenRange(s, loc[0], loc[1])
		if first >= 0 && !negated(s, first) && !(isTime(j.text[loc[0]:loc[1]]) && pastOnly.MatchString(j.text)) {
			return true
		}
	}
	return next != "" && !pastOnly.MatchString(next) && urgentCue.MatchString(next) && !negatedText(next)
}

// urgentCueGate is urgentCue's literal gate. Not a cue: splitting the
// expression into a prefilter costs about half a second at start-up
// (printing its branches), which first use would pay.
var urgentCueGate = gateFor(urgentCue.String())

var (
	timeOnly = regexp.MustCompile(`^(?:` + timeCue + `)$`)
	// negatedCue is a cue denied in a sentence read on its own.
	negatedCue = regexp.MustCompile(`\b(?:not|never|no) (?:` + w + `){0,2}?(?:going to|planning|plan|decided|ready|will)\b`)
)

func isTime(s string) bool      { return timeOnly.MatchString(s) }
func negatedText(s string) bool { return negatedCue.MatchString(s) }

func overlapsSpan(spans [][]int, loc []int) bool {
	for _, sp := range spans {
		if sp != nil && loc[0] < sp[1] && sp[0] < loc[1] {
			return true
		}
	}
	return false
}

// aboutWriter is writerIsSubject for the fallback: a possessive ("my dad's
// revolver") is an owner, not a subject, and a clinical note is about the
// client whoever its pronouns name.
func aboutWriter(text string, s sentence, j joined, first int) bool {
	if noteFrame.MatchString(j.text) {
		return true
	}
	for i := first - 1; i >= 0; i-- {
		word := s[i].word
		switch {
		case word == clauseMark || firstPerson[word]:
			return true
		case otherPeople[word] && !possessive(text[s[i].start:s[i].end]):
			return false
		}
	}
	return true
}

func possessive(raw string) bool {
	return strings.HasSuffix(raw, "'s") || strings.HasSuffix(raw, "’s")
}

// namesOther reports whether a hit names someone else within it.
func namesOther(s sentence, first, last int) bool {
	for i := first; i <= last; i++ {
		if otherPeople[s[i].word] {
			return true
		}
	}
	return false
}

// idiomSpansIn returns the idiom spans of a normalised sentence, nil when
// there are none.
func idiomSpansIn(text string) [][]int {
	if !idiomCue.MatchString(text) {
		return nil
	}
	return idioms.FindAllStringIndex(text, -1)
}

// lexiconIdiomAt reports whether token t of the sentence lies in a
// lexicon phrase that what follows makes everyday ("can't go on the
// trip", "don't want to live in this city") or that lies in an idiom: the
// lexicon read those words and ruled them out, and the learned layers do
// not overrule it on the same words.
func lexiconIdiomAt(s sentence, j joined, t int) bool {
	var idiomSpans [][]int
	for _, e := range compiledLexicon {
		if e.after == nil || !e.gate.open(j.text) || !e.pre.match(j.text) {
			continue
		}
		for _, loc := range e.re.FindAllStringIndex(j.text, -1) {
			if idiomSpans == nil {
				idiomSpans = append(idiomSpansIn(j.text), nil)
			}
			if !overlapsSpan(idiomSpans, loc) && !e.after.MatchString(j.text[loc[1]:]) {
				continue
			}
			if first, last := j.tokenRange(s, loc[0], loc[1]); first <= t && t <= last {
				return true
			}
		}
	}
	return false
}

// lexiconExceptAt reports whether token t of sentence s is a hit of a
// lexicon entry whose harmless frame stands in the sentence ("I cut
// myself shaving"): the learned layers' deciding word then passes the
// same frame the lexicon's own hit would.
func lexiconExceptAt(s sentence, j joined, t int) bool {
	for _, e := range compiledLexicon {
		if e.except == nil || !e.gate.open(j.text) || !e.pre.match(j.text) || !e.except.MatchString(j.text) {
			continue
		}
		for _, loc := range e.re.FindAllStringIndex(j.text, -1) {
			if first, last := j.tokenRange(s, loc[0], loc[1]); first <= t && t <= last {
				return true
			}
		}
	}
	return false
}
