package safety

import "regexp"

// Two judgements need more than one phrase: whether a sentence tells a
// history that is over, and whether a wish next to a time or a plan is a
// plan. Both run on the matches of a whole text, after the rules.

// pastMarker and recoveredMarker together frame a sentence as a resolved
// history: "I used to self-harm, but I've been free of it for ten years".
var (
	pastMarker      = newCue(`\b(?:used to|in (?:19|20)\d\d|years ago|(?:a|one|two|three|some|many|several) (?:\w+ )?(?:years|decades) ago|as a (?:teen|teenager|kid|child|student)|when i was (?:younger|a teen\w*|a kid|at school|in school|\d+)|back then|in the past)\b`)
	recoveredMarker = newCue(`\b(?:free (?:of|from) (?:it|that|them)|(?:have been|am|been|feel|i am) (?:\w+ )?(?:well|clean|stable|okay|ok|safe|fine|recovered|in recovery|much better|doing (?:well|better))|recovered|no longer|not anymore|(?:is|was) not true|(?:have|had) not (?:since|in years|done it since)|(?:years|months) (?:clean|free)|(?:clean|sober) (?:ever )?since|got through|came through|doing (?:much |so |a lot )?better|things (?:got|are) better|showed me)\b`)
)

// resolvedHistory reports whether a sentence tells of risk that is over.
// Only concern matches are dropped for it: a stated plan stays urgent
// whatever else the sentence says.
// The recovery may be told in the next sentence: "I was suicidal in 2019;
// I've been well for years now."
func resolvedHistory(joins []joined, i int) bool {
	if !pastMarker.MatchString(joins[i].text) && !farPastCue.MatchString(joins[i].text) {
		return false
	}
	// The recovery may come one or two sentences later: "Four springs ago
	// I tried to overdose. Since then, therapy and a dog. I am okay."
	for k := i; k < len(joins) && k <= i+2; k++ {
		if recoveredMarker.MatchString(joins[k].text) {
			return true
		}
	}
	return false
}

// planCue turns a wish into a plan when it stands in the same sentence or
// in one of the next two: "Kill myself. That's the plan. Friday."
var planCue = regexp.MustCompile(`\b(?:(?:that|this) is (?:the|my) plan|the plan is|i (?:have|have got|made) (?:a|the) plan|i know (?:exactly )?(?:how|when|where)(?: i (?:will|would|am going to|could))?|i have (?:the|a) date|i have (?:everything|what) i need|it is time)\b`)

// shortTimeCue is a bare time that follows a wish as its own fragment
// ("Friday.", "tonight").
var shortTimeCue = regexp.MustCompile(`^(?:` + timeCue + `)$`)

// escalate adds an urgent SuicidePlan match for a plan or time cue next to
// a death wish or suicidal thought that matched as concern. found[i] are
// the matches of sents[i].
func escalate(text string, sents []sentence, joins []joined, found [][]Match) {
	for i, ms := range found {
		if !hasWish(ms) {
			continue
		}
		for k := i; k < len(sents) && k <= i+2; k++ {
			if m, ok := cueMatch(text, sents[k], joins[k], k == i); ok && !overlapsAny(found[k], m) {
				found[k] = append(found[k], m)
				return
			}
		}
	}
}

func hasWish(ms []Match) bool {
	for _, m := range ms {
		if m.Level == Urgent {
			return false
		}
	}
	for _, m := range ms {
		if m.Reason == PassiveDeathWish || m.Reason == SuicidalThoughts {
			return true
		}
	}
	return false
}

// cueMatch finds a plan cue in a sentence, or a bare time when the
// sentence is only that time.
func cueMatch(text string, s sentence, j joined, same bool) (Match, bool) {
	loc := planCue.FindStringIndex(j.text)
	if loc == nil && !same && len(s) <= 3 {
		loc = shortTimeCue.FindStringIndex(j.text)
	}
	if loc == nil {
		return Match{}, false
	}
	first, last := j.tokenRange(s, loc[0], loc[1])
	if first < 0 || negated(s, first) {
		return Match{}, false
	}
	return Match{Phrase: text[s[first].start:s[last].end], Reason: SuicidePlan, Level: Urgent,
		Start: s[first].start, End: s[last].end}, true
}
