package safety

import (
	"sort"
	"strings"
)

// negationWindow is how many words before a phrase a negator may stand.
const negationWindow = 4

var (
	negators = set("not", "never", "no", "zero", "nor", "without", "free", "nobody", "stopped", "quit", "denies", "denied", "deny", "denying")
	// notNegating are verbs after a negator that keep the phrase true:
	// "I can't stop thinking about killing myself".
	notNegating = set("stop", "help", "shake", "escape", "quit", "get", "fight", "control", "silence", "resist")
	// clauseStarters end the negation window: the negator belongs to
	// another clause ("I don't know why I want to die").
	clauseStarters = set("why", "if", "whether", "because", "but", "when", "how", "though", "although", "unless", "until", "and", "so", "that", "yet", "or", "sure", "anymore")
	firstPerson    = set("i", "me", "my", "myself", "mine")
	// otherPeople are subjects whose risk is not the writer's own. Clients
	// and patients are not among them: in a coach's note ("client reports
	// suicidal ideation") they are the person whose risk is being written.
	otherPeople = set("he", "she", "they", "his", "her", "their", "him", "them", "friend", "friends", "sister", "brother",
		"mother", "mom", "mum", "dad", "father", "partner", "son", "daughter", "wife", "husband", "boyfriend",
		"girlfriend", "someone", "somebody", "people", "cousin", "aunt", "uncle", "character",
		"song", "lyrics", "film", "movie", "book", "novel", "poem", "story", "show", "article", "news", "author", "guy", "woman", "man", "girl", "boy", "kid", "teenager", "colleague",
		"coworker", "roommate", "neighbour", "neighbor", "grandma", "grandpa", "grandmother", "grandfather", "ex",
		"lad", "lads", "bloke", "star", "singer", "celebrity", "actor", "musician")
)

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// Scan reads text for crisis language and returns every matching phrase
// with its reason and the highest level found. It never fails: any string
// is valid text, and empty text is level None.
func Scan(text string) Result {
	return scan(text, learnedModels())
}

// scan is Scan with given learned models; the zero models run the rules alone.
func scan(text string, l models) Result {
	res := Result{Level: None, Matches: []Match{}, Kinds: []Kind{}}
	sents := sentences(text)
	readNotesAsFirstPerson(text, sents)
	joins := make([]joined, len(sents))
	found := make([][]Match, len(sents))
	for i, s := range sents {
		joins[i] = join(s)
	}
	frames := newFrameCache(joins)
	for i, s := range sents {
		found[i] = scanSentence(text, s, joins[i], resolvedHistory(joins, i))
		if len(found[i]) > 0 {
			found[i] = unframed(found[i], frames.at(i))
		}
	}
	escalate(text, sents, joins, found)
	fallback(text, sents, joins, found)
	scanKinds(text, sents, joins, frames, found, l.nb)
	for i := range found {
		found[i] = dropTopics(text, sents[i], found[i])
	}
	imminent := newImminence(joins, frames)
	imminent.raiseImminent(found)
	if l.lr != nil {
		k := kindScan{text: text, sents: sents, joins: joins, frames: frames, firm: imminent.firm(found),
			arounds: make([]string, len(joins))}
		l.lr.judge(k, found)
		imminent.raiseImminent(found)
	}
	dropReassured(joins, frames, found)
	dropSettledOthers(sents, joins, found)
	dropAnsweredNo(text, sents, joins, found)
	for _, ms := range found {
		for _, m := range ms {
			assignKind(&m)
			res.Matches = append(res.Matches, m)
		}
	}
	sort.SliceStable(res.Matches, func(i, j int) bool { return res.Matches[i].Start < res.Matches[j].Start })
	for _, m := range res.Matches {
		res.Level = max(res.Level, m.Level)
	}
	res.Kinds = kindsOf(res.Matches)
	return res
}

// scanSentence runs the rules on one sentence; a resolved history keeps
// its urgent matches only.
func scanSentence(text string, s sentence, j joined, resolved bool) []Match {
	var found []Match
	set := literalsIn(j.text)
	for ri := range rules {
		r := &rules[ri] // not a copy of the rule per sentence
		// Sentence-level conditions are checked before the pattern runs:
		// they are cheaper, and most sentences fail them.
		if !r.gate.openIn(set) || (r.with != nil && !r.with.MatchString(j.text)) ||
			(r.without != nil && r.without.MatchString(j.text)) {
			continue
		}
		if !r.pre.matchIn(set, j.text) {
			continue
		}
		for _, loc := range r.re.FindAllStringIndex(j.text, -1) {
			first, last := j.tokenRange(s, loc[0], loc[1])
			if first < 0 || (resolved && r.level == Concern) || !r.applies(s, j, first, loc[1]) {
				continue
			}
			m := Match{Phrase: text[s[first].start:s[last].end], Reason: r.reason, Level: r.level,
				Start: s[first].start, End: s[last].end}
			if !overlapsAny(found, m) {
				found = append(found, m)
			}
		}
	}
	return found
}

// applies runs the checks a regular expression cannot express.
func (r rule) applies(s sentence, j joined, first, matchEnd int) bool {
	if r.unless != nil && r.unless.MatchString(j.text[matchEnd:]) {
		return false
	}
	if negated(s, first) {
		return false
	}
	if r.subject && !writerIsSubject(s, first) {
		return false
	}
	if r.tripPasses && describesTrip(j.text) {
		return false
	}
	return true
}

// negated reports whether a negator stands within negationWindow words
// before token first, in the same clause.
func negated(s sentence, first int) bool {
	for i := first - 1; i >= 0 && i >= first-negationWindow; i-- {
		w := s[i].word
		if w == clauseMark || clauseStarters[w] {
			return false
		}
		if negators[w] && (i+1 >= len(s) || !notNegating[s[i+1].word]) {
			return true
		}
	}
	return false
}

// writerIsSubject looks back through the clause for the nearest person
// word: the writer unless someone else is named first. A fragment with no
// subject ("Suicidal thoughts again.") is the writer's, as journals are.
func writerIsSubject(s sentence, first int) bool {
	for i := first - 1; i >= 0; i-- {
		w := s[i].word
		switch {
		case w == clauseMark:
			return true
		case firstPerson[w]:
			return true
		case otherPeople[w]:
			return false
		}
	}
	return true
}

func overlapsAny(found []Match, m Match) bool {
	for _, f := range found {
		if m.Start < f.End && f.Start < m.End {
			return true
		}
	}
	return false
}

// unframed drops the concern matches of the phrase rules in a sentence
// that a frame puts away from the writer (a shift, a course, a story, a
// hypothetical that opens the sentence), as the kind concepts already do:
// "Crisis line shift tonight, three callers thinking about suicide". Urgent
// matches stay: a plan or an emergency is never framed away by a word.
func unframed(ms []Match, f sentenceFrame) []Match {
	if !f.framedAway(0) {
		return ms
	}
	var out []Match
	for _, m := range ms {
		if m.Level == Urgent {
			out = append(out, m)
		}
	}
	return out
}

// topicHeads are nouns a condition's name modifies when it is a subject
// of work, study or talk: "self-harm protocol", "overdose awareness",
// "eating disorder unit", "serotonin syndrome cases".
var topicHeads = set("protocol", "protocols", "policy", "prevention", "awareness", "unit", "ward", "clinic", "service", "services",
	"module", "unit", "scene", "scenes", "case", "cases", "deaths", "death", "rates", "statistics", "research", "study", "studies",
	"support", "group", "groups", "treatment", "reversal", "reversals", "call", "calls", "threat", "assembly", "vigil", "training",
	"course", "class", "dietitian", "specialist", "nurse", "team", "documentary", "memoir", "novel", "book", "film", "episode",
	"lecture", "talk", "workshop", "early", "survivors", "survivor", "hotline", "helpline", "charity", "campaign", "month", "walk",
	"girlfriend", "boyfriend", "storyline", "plot", "recovery", "literature", "screening", "kit", "kits", "response", "crisis", "crises")

// topicPrepositions put a condition's name as the subject of talk.
var topicPrepositions = set("about", "on", "portrays", "portray", "depicts", "regarding", "around")

// writerBefore reports whether the writer is named before token first.
func writerBefore(s sentence, first int) bool {
	for i := 0; i < first; i++ {
		if firstPerson[s[i].word] {
			return true
		}
	}
	return false
}

// othersOwners stand before a condition's name that belongs to someone
// else: "her bulimia", "a patient with psychosis", "Esther's suicide".
var othersOwners = set("his", "her", "their", "its")

// dropTopics removes the matches of a sentence whose phrase is only the
// name of a condition (topicNoun) used as a topic: modifying another noun
// or owned by someone else. Such a name says nothing about the writer. The
// urgent phrases of the rules and concepts are never dropped; the broad
// lexicon's urgent match on a bare name (raised only by a nearby time or
// means word) is, being the same bare name.
func dropTopics(text string, s sentence, ms []Match) []Match {
	out := ms[:0]
	for _, m := range ms {
		if (m.Level == Concern || m.Reason == SuicideLanguagePlan) && topicNoun.MatchString(strings.ToLower(m.Phrase)) && usedAsTopic(text, s, m) {
			continue
		}
		out = append(out, m)
	}
	return out
}

func usedAsTopic(text string, s sentence, m Match) bool {
	first, last := -1, -1
	for t, tok := range s {
		if tok.start == m.Start && first < 0 {
			first = t
		}
		if tok.end == m.End {
			last = t
		}
	}
	if first < 0 || last < 0 {
		return false
	}
	if last+1 < len(s) && topicHeads[s[last+1].word] {
		return true
	}
	// Someone else is the subject: "my flatmate has bulimia".
	if !writerIsSubject(s, first) {
		return true
	}
	if first > 0 {
		prev := s[first-1]
		if othersOwners[prev.word] {
			return true
		}
		// A topic of study or talk, with the writer nowhere before it:
		// "fieldnotes on psychosis", "the way it portrays psychosis".
		if topicPrepositions[prev.word] && !writerBefore(s, first) {
			return true
		}
		// "Esther's suicide", "our school's self-harm protocol".
		if w := text[prev.start:prev.end]; (strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s")) && !firstPerson[prev.word] {
			lw := strings.ToLower(w)
			if lw != "it's" && lw != "it’s" && lw != "that's" && lw != "that’s" && lw != "what's" && lw != "what’s" {
				return true
			}
		}
		if first > 2 && s[first-2].word == "with" && (s[first-3].word == "patient" || s[first-3].word == "client") {
			return true
		}
		if prev.word == "with" && first > 1 && (s[first-2].word == "patient" || s[first-2].word == "client" || s[first-2].word == "patients" || s[first-2].word == "clients" || s[first-2].word == "someone" || s[first-2].word == "people") {
			return true
		}
	}
	return false
}

// imminentCue is a risk happening now or within hours; dangerCue is a
// means, a place or a body in trouble. A concern sign (a relapse, a
// voice, a spree, a fainting fast) told with both, in its sentence or one
// of its neighbours, is an emergency: "relapsed on fentanyl tonight ... I
// used alone", "haven't slept in 5 days ... leaving tonight", "restricting
// for weeks, now my heart keeps pausing", "carved into my stomach tonight.
// more than before. feeling dizzy".
var (
	imminentCue = newCue(`\b(?:right now|rn|currently|tonight|this (?:evening|morning|afternoon)|before (?:sunrise|morning|the morning|dawn|midnight)|in an hour|(?:an|one|half an) hour ago|\d+ (?:minutes|mins) ago|leaving tonight|is the night|its time|it is time|still doing it|is not stopping|not stopping|\d+ ?am)\b|` +
		`(?:^|, )now (?:my|i|it|the|he|she|they|mixing)\b|\b(?:just|now) (?:also )?(?:took|taken|carved|cut|ate|swallowed|injected|drank|handed|used|redosed|mixed|heard|saw|found)\b|\bnow(?: ,|$)|` +
		// The day named as the one ("today the day"), a body changing as
		// the writer writes ("eyes getting heavy"), the writer placed
		// somewhere now ("I'm sat in the car"), a phone running out: each is
		// now, however flatly told.
		`\b(?:today (?:is )?the day|tonight (?:is )?the night|(?:eyes|body|legs|arms|breathing|vision|lips) (?:is |are )?(?:getting|going) (?:heavy|slow|numb|cold|dark|blurry|blue|grey)|(?:going|getting|turning) (?:pale|grey|gray|blue|cold|clammy)|(?:i am|i m|im|ah'm) (?:still )?(?:sat|sitting|standing|parked) (?:\w+ )?(?:in|on|at)|^(?:sat|sitting|standing|parked)(?: up)? (?:\w+ )?(?:in|on|at|by)|phone (?:on |at )?\d+)\b`)
	// habitualCue tells a sign that recurs, not one happening now:
	// "it's happening almost daily now", "every day now".
	habitualCue = newCue(`\b(?:every (?:day|night|morning|time)|daily|most (?:nights|days|mornings)|each (?:day|night)|keeps happening|like before|\w+ (?:a|per) day)\b`)
	dangerCue   = newCue(`\b(?:driv\w*|knife|knives|rifle|gun|\.45|shells|loaded|loading|pliers|matches|fire|weapon\w*|pills|pastillas|bridge|platform|edge|poison\w*|fentanyl|alone|faint\w*|dizzy|bleed\w*|blood|deep|infected|heart|sleepy|slow|can not see straight|tongue|throat|seizure|fitting|tolerance|one-way|rent money|stop him|stop her|kill|hurt|hid the|hidden|locked me|locked in|can not get out|regret|matar|cuchillo|overdos\w*|cant breathe|can not breathe|can not get air)\b|` +
		// Means made ready (a rope, charcoal, an engine left running, pills
		// saved up), a weapon in reach, a voice's order with a target, and
		// exposure ("in socks in the snow"): dangers named without a verb
		// of harm.
		`\b(?:cliffs?|rooftop|roof|ledge|quarry|railway|tracks|headland|reservoir|multi-?storey|(?:eyes|body|limbs) (?:\w+ )?(?:getting |so |really |very )?heavy|light-?headed|rope|noose|ligature|charcoal|beam|cable ties|(?:it|the \w+) holds|(?:hard|struggling|can not|cant) (?:to )?stay awake|engine (?:\w+ )?runn\w*|exhaust|saved (?:up )?(?:\d+|enough|all)|stockpil\w*|hoard\w*|bat|pistol|shotgun|spare key|` +
		`(?:have|has|need|needs|got) to (?:deal with|free|stop|punish|silence|get rid of|take care of|take out|sacrifice|cleanse|save|sort out) (?:him|her|them|the \w+|my \w+)|` +
		`snow|freezing|hypotherm\w*|no idea (?:where|what street|which street))\b`)
)

// imminentReach is how many sentences either side of a concern match its
// imminent time and danger may stand in: a short message often tells the
// act, the hour and the body in three sentences.
const imminentReach = 2

// imminence caches, per sentence, which of the imminence cues it holds
// in the writer's present, so that the neighbourhoods of many matches and
// the second pass after the text-level layer read each sentence once.
type imminence struct {
	joins  []joined
	frames *frameCache
	cues   []uint8 // cueRead set once read, then the cues found
}

const (
	cueRead uint8 = 1 << iota
	cueImminent
	cueDanger
	cueHabitual
)

func newImminence(joins []joined, frames *frameCache) *imminence {
	return &imminence{joins: joins, frames: frames, cues: make([]uint8, len(joins))}
}

// at returns sentence i's cues; a sentence not of the writer's present
// (framed away, history, a role, a joke, a hypothetical) holds none.
func (im *imminence) at(i int) uint8 {
	if im.cues[i]&cueRead != 0 {
		return im.cues[i]
	}
	j := im.joins[i].text
	c := cueRead
	if imminentCue.MatchString(j) {
		c |= cueImminent
	}
	if dangerCue.MatchString(j) {
		c |= cueDanger
	}
	if habitualCue.MatchString(j) {
		c |= cueHabitual
	}
	if c != cueRead && !im.present(i) {
		c = cueRead
	}
	im.cues[i] = c
	return c
}

func (im *imminence) present(i int) bool {
	f := im.frames.at(i)
	return !(f.framedAway(0) || f.historyOnly() || f.role || f.levity || f.hypoAt >= 0)
}

// raiseImminent rates urgent the concern matches of a sentence of the
// writer's present whose neighbourhood holds both an imminent time and a
// danger, and no sign that recurs. It only ever raises a level, and runs
// again after the text-level layer, so that a kind it found with an
// imminent means or body sign is urgent too.
func (im *imminence) raiseImminent(found [][]Match) {
	for i, ms := range found {
		if !hasConcern(ms) {
			continue
		}
		var near uint8
		for n := max(0, i-imminentReach); n <= min(len(found)-1, i+imminentReach); n++ {
			near |= im.at(n)
		}
		if near&cueHabitual != 0 || near&(cueImminent|cueDanger) != cueImminent|cueDanger || !im.present(i) {
			continue
		}
		for k := range ms {
			if ms[k].Level == Concern {
				ms[k].Level = Urgent
			}
		}
	}
}

// arrangementCue is a final arrangement told flatly: a pet given away, the
// note written, a lease cancelled, a cover story, a rope put up, not
// being here tomorrow.
var arrangementCue = newCue(`\b(?:gave (?:away )?(?:my |our |the )?(?:dog|dogs|cat|cats|pets?|puppy|kitten|horse|birds?|rabbit) (?:away|to)|(?:wrote|written|finished) (?:the|a|my) (?:note|goodbye|suicide note|last letter)|(?:cancelled|canceled) (?:the|my) (?:lease|tenancy)|told (?:him|her|them|everyone|people) i (?:was|am|m) going (?:on a trip|away)|(?:rope|noose) (?:is )?(?:up|ready|tied|hung)|(?:will not|won t) be here (?:when|by|tomorrow)|if i (?:do not|don t) check in tomorrow)\b`)

// firm reports whether a text holds an urgent phrase of the rules or
// concepts (not a learned guess) and, in a sentence of the writer's
// present, a final arrangement: flat words the text-level layer reads as
// calm ("Gave Bruno to my sponsor today, told him I was going on a trip.
// Rope's up in the garage. That's the check-in.") must not overrule it.
// An imminent time beside a danger is not enough: most urgent phrases name
// their own danger, and a shift report or a trip told tonight names both.
func (im *imminence) firm(found [][]Match) bool {
	urgent := false
	for _, ms := range found {
		for _, m := range ms {
			urgent = urgent || m.Level == Urgent && !strings.HasSuffix(string(m.Reason), "_learned")
		}
	}
	if !urgent {
		return false
	}
	for i, j := range im.joins {
		if arrangementCue.MatchString(j.text) && im.present(i) {
			return true
		}
	}
	return false
}

func hasConcern(ms []Match) bool {
	for _, m := range ms {
		if m.Level == Concern {
			return true
		}
	}
	return false
}

// reassuranceCue is the writer saying they are safe now, or correcting
// what they said: "I'm fine, honestly", "I feel safe", "he isn't violent",
// "he hasn't, he lives in another state".
var reassuranceCue = newCue(`(?:^|, )(?:but |and |honestly ,? )?i (?:am|feel) (?:(?:fine|safe|okay|ok|good|alright|all right)(?: right now| now)?(?: ,)? (?:honestly|really|promise|i promise)\b|(?:safe|fine)(?: right now| now)?$)|\b(?:i have never felt unsafe|i am not (?:worried|in danger|unsafe)|(?:he|she|they) (?:is|are) not violent|i want to correct|(?:he|she|they) (?:has|have) not ,|nobody is (?:threatening|hurting|after) me)\b`)

// reassuredReach is how many sentences after a match a reassurance may
// stand and still be about it.
const reassuredReach = 2

// dropReassured removes the matches of a sentence the writer reassures
// about in it or soon after ("What if one day I get the urge to hurt
// myself again? I'm fine right now."): concerns, the sentence model's
// guesses, and urgent phrases told as a hypothetical. A sentence naming
// an imminent time keeps everything: "I'm fine" beside "tonight" may be a
// goodbye.
func dropReassured(joins []joined, frames *frameCache, found [][]Match) {
	for i, ms := range found {
		if len(ms) == 0 || imminentCue.MatchString(joins[i].text) || !reassuredAfter(joins, frames, i) {
			continue
		}
		hypothetical := frames.at(i).hypoAt >= 0
		out := ms[:0]
		for _, m := range ms {
			if m.Level == Urgent && !hypothetical && !strings.HasSuffix(string(m.Reason), "_learned") {
				out = append(out, m)
			}
		}
		found[i] = out
	}
}

// reassuredAfter reports whether sentence i or one of the reassuredReach
// after it is a reassurance of the writer's present.
func reassuredAfter(joins []joined, frames *frameCache, i int) bool {
	for n := i; n <= min(len(joins)-1, i+reassuredReach); n++ {
		if reassuranceCue.MatchString(joins[n].text) && frames.at(n).hypoAt < 0 {
			return true
		}
	}
	return false
}

func anyMatch(found [][]Match) bool {
	for _, ms := range found {
		if len(ms) > 0 {
			return true
		}
	}
	return false
}
