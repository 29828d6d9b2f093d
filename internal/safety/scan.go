package safety

import "sort"

// negationWindow is how many words before a phrase a negator may stand.
const negationWindow = 4

var (
	negators = set("not", "never", "no", "nor", "without", "free", "nobody", "stopped", "quit", "denies", "denied", "deny", "denying")
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
	return scan(text, learnedModel())
}

// scan is Scan with a given learned model; nil runs the rules alone.
func scan(text string, nb *naiveBayes) Result {
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
	scanKinds(text, sents, joins, found, nb)
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
	for _, r := range rules {
		// Sentence-level conditions are checked before the pattern runs:
		// they are cheaper, and most sentences fail them.
		if !r.gate.open(j.text) || (r.with != nil && !r.with.MatchString(j.text)) ||
			(r.without != nil && r.without.MatchString(j.text)) {
			continue
		}
		if !r.pre.match(j.text) {
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
