package safety

import (
	"regexp"
	"strings"
)

// Someone else's trouble told as settled: "my roommate passed out at the
// party last night, medics checked him over, he's home now eating
// cereal", "my cousin took a load of them ... he's grand now", "my mate
// relapsed last month. He's back in rehab", "she is with the doctor now".
// The present of such a text is the other person's recovery, not an
// emergency: the matches that are someone else's in it are dropped, urgent
// ones too. The writer's own risk stays, and so does someone else's
// emergency told with the writer at the scene, asking for help, or with a
// sign that it is still under way.

// othersSettled is someone else, named by a pronoun, in a settled state
// now: home, out of hospital, fine, in treatment, with a doctor. A bare
// "home" or "out" is not enough ("he is home and won't wake up", "she is
// out cold").
var othersSettled = newCue(`\b(?:he|she|they)(?: is| are| was| were| has been| have been)? (?:(?:now|back|safely|finally|all|doing|totally|completely|much) )?(?:home (?:now|safe|and (?:fine|okay|ok|resting|eating|well|embarrassed|sorry))|(?:safely |back )?home now|out (?:of (?:hospital|the hospital|rehab|detox|the ward)|now)|discharged|grand|fine|okay|ok|alright|all right|stable|safe|better|recovering|(?:sober|clean) (?:now|since|for)|in (?:therapy|rehab|treatment|recovery|detox)|back (?:at work|in rehab|in treatment|in therapy|to (?:normal|work|school|uni)|dancing|on (?:his|her|their) feet)|seeing (?:a|her|his|their|the) (?:gp|doctor|therapist|counsell?or|psychiatrist)|with (?:the|a|her|his|their) (?:doctor|doctors|gp|nurses?|therapist|psychiatrist)|in good hands|getting (?:help|treatment|support))\b`)

// stillUnderWay is someone else's emergency signed as happening now,
// or still going on ("she still looks pale", "she's been eating almost
// nothing since"), which no settled word elsewhere in the text undoes.
var stillUnderWay = newCue(`\b(?:still|keeps|(?:has|have|s|is) been \w+ing|unresponsive|unconscious|not breathing|(?:will|can|could|would) not (?:wake|breathe|stop|answer)|right now|at the moment|still (?:not|unconscious|unresponsive|missing|bleeding|seizing|fitting)|(?:is|are) missing|turning blue|going blue)\b`)

// settledPeople are the people whose trouble a settled text tells: the
// others of the rules (otherPeople) and a few more names for them that the
// rules' subject check cannot take ("mate" is also how a writer addresses
// the coach).
var settledPeople = set("mate", "mates", "flatmate", "housemate", "roommate", "grandad", "granddad", "nan", "nana",
	"stepdad", "stepmum", "stepmom", "child", "baby", "fiance", "fiancee", "bestie", "bf", "gf")

// settledReach is how many sentences before or after a match the settled
// state of the person may be told.
const settledReach = 2

// dropSettledOthers removes the matches that are someone else's in a
// sentence near which that person's trouble is told as settled. Each
// sentence's two cues are read at most once, and only in a text with a
// match.
func dropSettledOthers(sents []sentence, joins []joined, found [][]Match) {
	if !anyMatch(found) {
		return
	}
	// 0 unread, 1 no, 2 yes.
	settled, underWay := make([]uint8, len(joins)), make([]uint8, len(joins))
	read := func(c []uint8, n int, f func(string) bool) bool {
		if c[n] == 0 {
			c[n] = 1
			if f(joins[n].text) {
				c[n] = 2
			}
		}
		return c[n] == 2
	}
	for i, ms := range found {
		if len(ms) == 0 || !settledNear(len(joins), i, func(n int) bool { return read(settled, n, toldSettled) },
			func(n int) bool { return read(underWay, n, stillOrAtScene) }) {
			continue
		}
		out := ms[:0]
		for _, m := range ms {
			if !someoneElses(sents[i], m) {
				out = append(out, m)
			}
		}
		found[i] = out
	}
}

// settledNear reports whether a sentence within settledReach of i tells
// someone else as settled, and none from the one before i to the one
// after puts an emergency under way or the writer at its scene.
func settledNear(n, i int, settled, underWay func(int) bool) bool {
	any := false
	for k := max(0, i-settledReach); k <= min(n-1, i+settledReach) && !any; k++ {
		any = settled(k)
	}
	if !any {
		return false
	}
	for k := max(0, i-1); k <= min(n-1, i+1); k++ {
		if underWay(k) {
			return false
		}
	}
	return true
}

// stillOrAtScene reports whether j tells an emergency still under way,
// the writer at its scene, or an imminent time.
func stillOrAtScene(j string) bool {
	return stillUnderWay.MatchString(j) || sceneNow.MatchString(j) || imminentCue.MatchString(j)
}

// toldSettled reports whether j tells someone else as settled in the
// writer's own words and leaves it so: not undone by a "but" after it
// ("she's ok now but nobody called a doctor", "she was fine during the
// journey but now she's gone pale"), nor only reported ("says she's
// fine").
func toldSettled(j string) bool {
	if !othersSettled.MatchString(j) {
		return false
	}
	for _, loc := range othersSettled.re.FindAllStringIndex(j, -1) {
		if !butAfter.MatchString(j[loc[1]:]) && !reportedBefore.MatchString(j[:loc[0]]) {
			return true
		}
	}
	return false
}

var (
	butAfter       = regexp.MustCompile(`\bbut\b`)
	reportedBefore = regexp.MustCompile(`\b(?:says|said|say|claims|claimed|insists|insisted|thinks|swears|swore|keeps saying|told me|tells me|reckons)(?: that)? $`)
)

// someoneElses reports whether match m of sentence s is told of someone
// else: its phrase opens on another person, or the clause before it names
// one before the writer; a learned guess in a sentence where the writer
// is not a subject at all ("i", "me") is the other person's too.
func someoneElses(s sentence, m Match) bool {
	at := -1
	for t, tok := range s {
		if tok.start >= m.Start {
			at = t
			break
		}
	}
	if at < 0 {
		return false
	}
	if otherPeople[s[at].word] || settledPeople[s[at].word] {
		return true
	}
	for t := at - 1; t >= 0; t-- {
		w := s[t].word
		switch {
		case w == "i" || w == "me" || w == "myself":
			return false
		case w == clauseMark:
			return learnedWithoutWriter(s, m)
		case otherPeople[w] || settledPeople[w] || w == "someone" || w == "somebody":
			return true
		}
	}
	return learnedWithoutWriter(s, m)
}

// learnedWithoutWriter reports whether m is a learned guess in a sentence
// where the writer is never a subject.
func learnedWithoutWriter(s sentence, m Match) bool {
	if !strings.HasSuffix(string(m.Reason), "_learned") {
		return false
	}
	for _, tok := range s {
		if tok.word == "i" || tok.word == "me" || tok.word == "myself" || tok.word == "we" {
			return false
		}
	}
	return true
}
