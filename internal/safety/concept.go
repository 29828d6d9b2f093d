package safety

import (
	"regexp"
	"sort"
)

// concept is one risk concept of a kind, written from what the kind means
// (a symptom, a threat, a return to use) rather than from example
// sentences: an alternation of the ways people say it, run on normalised
// sentences. The same frames (frame.go) then decide whether the writer is
// at risk now.
type concept struct {
	kind   Kind
	reason Reason
	level  Level
	re     *regexp.Regexp
	// with, when set, must also occur in the sentence or a neighbouring one
	// ("heart racing" counts after a substance, not before an interview).
	with []cue
	// except cancels the match when it occurs in the sentence.
	except *regexp.Regexp
	// notAfter cancels the match when the text right after it matches.
	notAfter *regexp.Regexp
	who      who
	// persists means that inside a psychedelic experience the concept
	// counts only when it outlasts it ("visuals since the ceremony").
	persists bool
	// serious means hyperbole cancels it ("I'll kill him, haha").
	serious bool
	// innerNegation cancels a match with a negator inside it ("he has
	// never hit me").
	innerNegation bool
	gate          gate
	branches      prefilter
}

// who says whose risk a concept may be.
type who int

const (
	// writer: the writer must be the subject ("my friend hears voices" is
	// not the writer's psychosis).
	writer who = iota
	// scene: the writer, or someone with them now ("my friend won't wake
	// up"): an emergency at the scene needs help whoever has it.
	scene
	// named: the pattern names the people itself ("he said he'd kill me").
	named
)

func newConcept(kind Kind, level Level, reason Reason, re string) concept {
	// No trailing \b: several concepts end on a clause mark (" ,").
	full := `\b(?:` + re + `)`
	return concept{kind: kind, level: level, reason: reason, re: regexp.MustCompile(full), gate: gateFor(full),
		branches: newPrefilter(full)}
}

// findAll returns the matches of every branch whose gate is open.
func (c concept) findAll(text string) [][]int { return c.branches.findAll(text) }

// sortLocs orders matches by start, longer first.
func sortLocs(locs [][]int) {
	sort.Slice(locs, func(i, j int) bool {
		return locs[i][0] < locs[j][0] || locs[i][0] == locs[j][0] && locs[i][1] > locs[j][1]
	})
}

// needs adds a cue that must also occur in the sentence or a neighbour.
func (c concept) needs(re string) concept {
	c.with = append(c.with[:len(c.with):len(c.with)], newCue(re))
	return c
}

func (c concept) unlessIn(re string) concept { c.except = regexp.MustCompile(re); return c }
func (c concept) unlessAfter(re string) concept {
	c.notAfter = regexp.MustCompile(`^(?:` + re + `)`)
	return c
}
func (c concept) whose(w who) concept      { c.who = w; return c }
func (c concept) outlastsTrip() concept    { c.persists = true; return c }
func (c concept) noJoke() concept          { c.serious = true; return c }
func (c concept) noInnerNegation() concept { c.innerNegation = true; return c }

// kindScan is the state of one text for the concept pass.
type kindScan struct {
	text   string
	sents  []sentence
	joins  []joined
	frames *frameCache
	// firm is an urgent phrase the text backs with imminence or a final
	// arrangement (imminence.firm): the text-level layer may not clear it.
	firm bool
	// arounds memoises around when set (scanKinds sets it): the cues of
	// every match of a sentence read the same window, built once and, as
	// one string, its literal set looked up once.
	arounds []string
}

// around is the sentence with its neighbours, where a with-cue may stand.
func (k kindScan) around(i int) string {
	if k.arounds == nil {
		return k.buildAround(i)
	}
	if k.arounds[i] == "" {
		k.arounds[i] = k.buildAround(i)
	}
	return k.arounds[i]
}

func (k kindScan) buildAround(i int) string {
	out := k.joins[i].text
	if i > 0 {
		out = k.joins[i-1].text + " , " + out
	}
	if i+1 < len(k.joins) {
		out += " , " + k.joins[i+1].text
	}
	return out
}

// matchConcepts returns the surviving concept matches of sentence i.
func (k kindScan) matchConcepts(i int) []Match {
	var found []Match
	j, s := k.joins[i], k.sents[i]
	set := literalsIn(j.text)
	for ci := range concepts {
		c := &concepts[ci] // not a copy of the concept per sentence
		if !c.gate.openIn(set) {
			continue
		}
		locs := c.branches.findAllIn(set, j.text)
		if locs == nil || (c.except != nil && c.except.MatchString(j.text)) {
			continue
		}
		for _, loc := range locs {
			if m, ok := k.accept(*c, i, s, j, loc); ok && !overlapsAny(found, m) {
				found = append(found, m)
			}
		}
	}
	return found
}

// accept applies the frames to one match of a concept.
func (k kindScan) accept(c concept, i int, s sentence, j joined, loc []int) (Match, bool) {
	if c.notAfter != nil && c.notAfter.MatchString(j.text[loc[1]:]) {
		return Match{}, false
	}
	if len(c.with) > 0 {
		around := k.around(i)
		for _, cue := range c.with {
			if !cue.MatchString(around) {
				return Match{}, false
			}
		}
	}
	first, last := j.tokenRange(s, loc[0], loc[1])
	if first < 0 || negated(s, first) || (c.innerNegation && hasNegator(s, first, last)) {
		return Match{}, false
	}
	// The frames cost more than the checks above; they are read last.
	f := k.frames.at(i)
	// A relapse is told with the sober time it ends: that is no recovery.
	history := f.historyOnly() && !(c.kind == KindRelapse && !f.farPast)
	if history || k.toldAsPastNext(i) || k.resolvedNext(i) || f.framedAway(loc[0]) || (c.serious && f.levity) {
		return Match{}, false
	}
	if c.persists && f.trip && !f.persist {
		return Match{}, false
	}
	// A body emergency inside a trip counts when it is happening now: "at
	// the peak I couldn't feel my body" is the experience.
	if (c.kind == KindMedical || c.kind == KindOverdose) && tripMoment.MatchString(j.text) && !presentRe.MatchString(j.text) {
		return Match{}, false
	}
	// A counted dose told as the dated setting of a trip ("took five grams
	// with my sitter on Saturday") is no overdose: excess ("too much", "the
	// whole bag", "another"), a present state or an undated dose still
	// counts, and the body signs are read by the medical concepts.
	if dose := j.text[loc[0]:loc[1]]; c.reason == OverdoseTaken && f.trip && countedRe.MatchString(dose) && !excessRe.MatchString(dose) &&
		(f.farPast || f.monthsAgo || pastDayCue.MatchString(j.text)) && !presentRe.MatchString(j.text) {
		return Match{}, false
	}
	// A harm shown inside the experience is a vision, not an assault:
	// "the medicine showed me a man stabbing me", unless it lasts after.
	if c.kind == KindViolence && k.tripVision(i) && !f.persist {
		return Match{}, false
	}
	if !k.whoFits(c, i, s, j, first) {
		return Match{}, false
	}
	level := c.level
	if level == Urgent && f.monthsAgo && !f.still {
		// An emergency months ago is history to ask about, not one now.
		level = Concern
	}
	m := Match{Phrase: k.text[s[first].start:s[last].end], Reason: c.reason, Level: level, Kind: c.kind,
		Start: s[first].start, End: s[last].end}
	if f.role && roleFramed(m, f) {
		return Match{}, false
	}
	return m, true
}

func (k kindScan) whoFits(c concept, i int, s sentence, j joined, first int) bool {
	switch c.who {
	case named:
		return true
	case scene:
		if firstPerson[s[first].word] || aboutWriter(k.text, s, j, first) {
			return true
		}
		// Someone else's emergency counts when it is happening now: told
		// in the present, or with the writer at the scene or asking for
		// help. Dated in the past ("died", "in 2019", "years ago") it is
		// history, whatever follows.
		if othersPastOnly.MatchString(j.text) {
			return false
		}
		return othersPresent.MatchString(j.text) || sceneNow.MatchString(k.around(i))
	default:
		return firstPerson[s[first].word] || writerIsSubjectOf(s, first)
	}
}

// hasNegator reports whether a negator stands inside tokens first..last.
func hasNegator(s sentence, first, last int) bool {
	for i := first; i <= last; i++ {
		if negators[s[i].word] && s[i].word != "free" && s[i].word != "without" {
			return true
		}
	}
	return false
}

var presentRe = newCue(presentCue)

// excessRe is a dose told as more than meant.
var excessRe = regexp.MustCompile(`\b(?:too (?:much|many)|to (?:much|many)|way (?:too|more)|more (?:\w+ ){0,2}?than|more and more|double|triple|whole|all|entire|another|the rest|handful|a lot|lots|loads?|heaps|massive|huge|crazy|overdos\w*|overdid|od)\b`)

// pastDayCue dates a sentence to a day that is over.
var pastDayCue = regexp.MustCompile(`\b(?:yesterday|last (?:night|weekend|week|time)|(?:on|last) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|the weekend)|at the weekend|the other (?:day|night)|(?:a few|two|three|four|five|six|\d+) (?:days|weeks) ago|that (?:night|day|weekend))\b`)

// countedRe is a dose told by its count or weight.
var countedRe = regexp.MustCompile(`\b(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|half|a couple of|a few)\b`)

// visionCue is an image the experience showed the writer.
var visionCue = newCue(`\b(?:was shown|were shown|(?:showed|shows) me|(?:a|the|in (?:a|the|my)) visions?|visions? of|hallucinat\w*|i saw (?:myself|my own|me)|i watched (?:myself|my own|me)|i dreamt|i dreamed|in (?:the|my) (?:trip|journey|vision|dream))\b`)

// tripVision reports whether sentence i tells a vision inside a
// psychedelic experience named in it or the sentence before.
func (k kindScan) tripVision(i int) bool {
	if !visionCue.MatchString(k.joins[i].text) {
		return false
	}
	return k.frames.basic(i).trip || i > 0 && k.frames.basic(i-1).trip
}

// tripMoment places a sentence inside the experience, told afterwards.
var tripMoment = newCue(`\b(?:at the peak|peaking|on the come-?up|during the (?:ceremony|trip|journey|session|peak|come-?up)|in the (?:ceremony|journey|trip|session)|i was convinced|convinced i|a vision|the medicine (?:showed|took|made)|for a (?:while|moment|few minutes))\b`)

// writerIsSubjectOf looks back through the clause for whose the phrase is:
// the writer unless a person other than the writer is named first. "My
// colleague" and "a friend of mine" are someone else; "my heart" is not a
// person and is passed over.
func writerIsSubjectOf(s sentence, first int) bool {
	for i := first - 1; i >= 0; i-- {
		w := s[i].word
		switch {
		case w == clauseMark || w == "i" || w == "me" || w == "myself":
			return true
		case otherPeople[w] || w == "someone" || w == "somebody":
			return false
		}
	}
	return true
}

// gatedOn sets the literal pre-check where the derived one is empty: one of
// lits must occur in the sentence for the expression to run.
func (c concept) gatedOn(lits ...string) concept { c.gate = newGate(lits); return c }

// gatedOnAll sets a pre-check of several clauses: one literal of each
// must occur.
func (c concept) gatedOnAll(clauses ...[]string) concept { c.gate = newGate(clauses...); return c }
