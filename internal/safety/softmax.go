package safety

import (
	"math"
	"math/rand/v2"
	"regexp"
	"sort"
	"strings"
)

// The text-level learned layer: a multinomial logistic regression that
// reads a whole text (its words, word pairs and word beginnings, with
// negated words marked) and gives the probability of none and of each
// kind. The rules and concepts are precise but miss concern-level risk
// told in everyday words ("my body is a rented costume since tuesday",
// "back on the pokies"); this layer reads the text as a whole, as the
// sets are labelled, and flags it when the rules found nothing and it is
// confident. Its match is the sentence that scored highest, cut to the
// words that weighed most for the kind, so a coach sees what decided.
//
// It is trained at first use from the embedded corpus (corpus.go) by
// stochastic gradient descent in a fixed order with a fixed seed, so
// every build and every run has the same weights.

type softmax struct {
	classes []string         // none, then the kinds
	index   map[string]int32 // feature → row
	w       []float32        // row-major: feature row × class
	bias    []float32
	// The urgent head: a logistic regression over the same features, for
	// urgent texts against every other (concern and none). The kinds head
	// says what a text is about; this one says whether it is an emergency
	// now, which a concern-level kind word alone does not ("I did the thing
	// again ... the towel's soaked through").
	uw    []float32 // per feature row
	ubias float32
}

// softmaxSettings are the training settings, chosen by held-out
// cross-validation over the outside writers' sets (TestLearnedCV; 4–20
// epochs, rates 0.1–2 tried: more than 8 epochs or a rate above 1 gained
// nothing).
var softmaxSettings = struct {
	epochs int
	rate   float64
}{epochs: 8, rate: 1.0}

// minGradient is the smallest error for which training updates a class.
const minGradient = 1e-3

// stemLen is how many letters of a longer word make its beginning: the
// beginnings carry "purging" to "purge", "dissociating" to "dissociate".
const stemLen = 5

// textFeatures are the distinct features of a run of words, each weighted
// 1/sqrt(n) so that a long entry and a three-word check-in weigh alike.
func textFeatures(words []string) ([]string, float32) {
	fs := features(words)
	seen := make(map[string]bool, 2*len(fs))
	out := fs[:0:0]
	add := func(f string) {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	for _, f := range fs {
		add(f)
		if !strings.Contains(f, "_") && len(f) > stemLen+1 {
			add("~" + f[:stemLen])
		}
	}
	if len(out) == 0 {
		return out, 0
	}
	return out, float32(1 / math.Sqrt(float64(len(out))))
}

func softmaxClasses() []string {
	out := []string{nbNone}
	for _, k := range Kinds {
		out = append(out, string(k))
	}
	return out
}

// classOf maps a corpus class ("panic/concern", "none") to a row of classes.
func classOf(classes []string, label string) int {
	kind, _, _ := strings.Cut(label, "/")
	for i, c := range classes {
		if c == kind {
			return i
		}
	}
	return 0
}

// trainSoftmax fits the model. Examples are sorted, then visited in an
// order drawn from a fixed seed, so the weights are the same on every run.
func trainSoftmax(examples []labelled) *softmax {
	sorted := append([]labelled(nil), examples...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].text < sorted[j].text })
	m := &softmax{classes: softmaxClasses(), index: map[string]int32{}}
	nc := len(m.classes)
	type row struct {
		at    []int32
		scale float32
		y     int
	}
	rows := make([]row, len(sorted))
	urgent := make([]bool, len(sorted))
	for i, ex := range sorted {
		fs, scale := textFeatures(wordsOf(ex.text))
		at := make([]int32, len(fs))
		for j, f := range fs {
			id, ok := m.index[f]
			if !ok {
				id = int32(len(m.index))
				m.index[f] = id
			}
			at[j] = id
		}
		rows[i] = row{at, scale, classOf(m.classes, ex.class)}
		urgent[i] = strings.HasSuffix(ex.class, "/urgent")
	}
	m.w = make([]float32, len(m.index)*nc)
	m.bias = make([]float32, nc)
	rng := rand.New(rand.NewPCG(13, 2026))
	order := make([]int, len(rows))
	for i := range order {
		order[i] = i
	}
	p := make([]float64, nc)
	s := softmaxSettings
	for epoch := range s.epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		rate := float32(s.rate / (1 + float64(epoch)))
		for _, oi := range order {
			r := rows[oi]
			m.probs(r.at, r.scale, p)
			for c := range nc {
				g := float32(p[c])
				if c == r.y {
					g--
				}
				// A class the example already rules out moves no weight
				// worth the time.
				if g > -minGradient && g < minGradient {
					continue
				}
				m.bias[c] -= rate * g
				step := rate * g * r.scale
				for _, id := range r.at {
					m.w[int(id)*nc+c] -= step
				}
			}
		}
	}
	m.uw = make([]float32, len(m.index))
	urng := rand.New(rand.NewPCG(17, 2026))
	for epoch := range s.epochs {
		urng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		rate := float32(s.rate / (1 + float64(epoch)))
		for _, oi := range order {
			r := rows[oi]
			g := float32(m.urgentProbAt(r.at, r.scale))
			if urgent[oi] {
				g--
			}
			if g > -minGradient && g < minGradient {
				continue
			}
			m.ubias -= rate * g
			step := rate * g * r.scale
			for _, id := range r.at {
				m.uw[id] -= step
			}
		}
	}
	return m
}

// urgentProbAt is the urgent head's probability for the feature rows.
func (m *softmax) urgentProbAt(at []int32, scale float32) float64 {
	z := float64(m.ubias)
	for _, id := range at {
		z += float64(m.uw[id] * scale)
	}
	return 1 / (1 + math.Exp(-z))
}

// urgentProb is the urgent head's probability for a run of words.
func (m *softmax) urgentProb(words []string) float64 {
	at, scale := m.rows(words)
	return m.urgentProbAt(at, scale)
}

// rows are the known feature rows of a run of words, and their weight.
func (m *softmax) rows(words []string) ([]int32, float32) {
	fs, scale := textFeatures(words)
	at := make([]int32, 0, len(fs))
	for _, f := range fs {
		if id, ok := m.index[f]; ok {
			at = append(at, id)
		}
	}
	return at, scale
}

// probs fills p with each class's probability for the feature rows.
func (m *softmax) probs(at []int32, scale float32, p []float64) {
	nc := len(m.classes)
	for c := range nc {
		p[c] = float64(m.bias[c])
	}
	for _, id := range at {
		row := m.w[int(id)*nc : int(id)*nc+nc]
		for c, v := range row {
			p[c] += float64(v * scale)
		}
	}
	best := math.Inf(-1)
	for _, v := range p {
		best = max(best, v)
	}
	var sum float64
	for c := range p {
		p[c] = math.Exp(p[c] - best)
		sum += p[c]
	}
	for c := range p {
		p[c] /= sum
	}
}

// predict returns each class's probability for a run of words.
func (m *softmax) predict(words []string) []float64 {
	at, scale := m.rows(words)
	p := make([]float64, len(m.classes))
	m.probs(at, scale, p)
	return p
}

// weight is how much a word favours class c over none.
func (m *softmax) weight(c int, word string) float32 {
	id, ok := m.index[word]
	if !ok {
		return 0
	}
	nc := len(m.classes)
	return m.w[int(id)*nc+c] - m.w[int(id)*nc]
}

// riskiest returns the most probable kind, and the probability of any risk.
func (m *softmax) riskiest(p []float64) (int, float64) {
	best := 1
	for c := 2; c < len(p); c++ {
		if p[c] > p[best] {
			best = c
		}
	}
	return best, 1 - p[0]
}

// vetoConcern is the probability of none above which the text-level
// layer overrules the rules when all they found is concern: the model has
// read thousands of past crises, courses, shifts and stories. An urgent
// match is never overruled. Chosen with textThreshold.
var vetoConcern = 0.8

// vetoUrgent is the probability of none above which the text-level layer
// also overrules urgent matches it may (allOverrulable).
var vetoUrgent = 0.95

// vetoLearned is the probability of none above which the text-level layer
// overrules a text whose only matches are the sentence model's guesses,
// urgent ones too: two learned readings disagree, and the one that read
// the whole text decides. Chosen on the held-out folds
// (TestLearnedCVSweep, SAFETY_SWEEP=learned).
var vetoLearned = 0.7

// vetoBoth and vetoBothUrgent: when the kinds head reads the whole text as
// none at vetoBoth or above, and the urgent head reads the text and the
// window of every sentence with a match below vetoBothUrgent, the two
// heads agree the text is none and not an emergency, and every match is
// overruled, urgent phrases too: a crisis word told about a course, a
// shift, a novel, a decade ago ("Ten years since my overdose. Today I got
// my nursing licence"). Reading the windows keeps one buried emergency in
// a long calm entry. Chosen on the held-out folds (TestLearnedCVSweep,
// SAFETY_SWEEP=both: 0.8 and 0.05 with five folds, in session 5); with
// the nine folds of safety10 chosen again, with textThreshold, on folds C
// and T1 only (SAFETY_SPLIT="C T1" SAFETY_SWEEP=bothtext: 0.7–0.8 ×
// 0.1–0.5 × 0.5–0.55): 0.7 and 0.3 had the fewest false alarms there at
// the same urgent recall; on the seven folds not chosen on, false alarms
// fell from 5.4% to 3.6% and risky recall rose.
var vetoBoth, vetoBothUrgent = 0.7, 0.3

// vetoFramed is the probability of none above which the text-level layer
// overrules matches that all stand in sentences the frames already put
// away from the writer's present (history, a shift, a course, a story, a
// hypothetical, the trip itself, a professional role, someone else) with
// no imminent time: the frames and the layer that read the whole text
// agree, so a lower probability than vetoConcern's decides. Chosen on the held-out folds
// (TestLearnedCVSweep, SAFETY_SWEEP=framed).
var vetoFramed = 0.6

// allFramed reports whether every sentence with a match is out of the
// writer's present (outOfFrame, or a concern told of someone else) and
// names no imminent time.
func (k kindScan) allFramed(found [][]Match) bool {
	for i, ms := range found {
		if len(ms) == 0 {
			continue
		}
		if imminentCue.MatchString(k.joins[i].text) {
			return false
		}
		if k.outOfFrame(i) || k.frames.at(i).role {
			continue
		}
		if !othersSubject(k.sents[i]) {
			return false
		}
		for _, x := range ms {
			if x.Level == Urgent {
				return false
			}
		}
	}
	return true
}

// calmWindows reports whether the urgent head reads the window of every
// sentence with a match below vetoBothUrgent: a long entry read as none
// as a whole may still bury one emergency.
func (m *softmax) calmWindows(k kindScan, found [][]Match) bool {
	for i, ms := range found {
		if len(ms) == 0 {
			continue
		}
		if words, _, _ := k.window(i, urgentReach); m.urgentProb(words) >= vetoBothUrgent {
			return false
		}
	}
	return true
}

// allLearned reports whether every match found is a learned layer's guess.
func allLearned(found [][]Match) bool {
	for _, ms := range found {
		for _, x := range ms {
			if !strings.HasSuffix(string(x.Reason), "_learned") {
				return false
			}
		}
	}
	return true
}

// judge reads the whole text once: it flags a text nothing else flagged
// when it is confident of a risk, clears the rules' matches when it is
// confident the text is none (allOverrulable, allLearned, or both heads
// agreeing: vetoBoth), and otherwise lets the urgent head raise the
// concerns of the writer's present (raiseUrgent).
func (m *softmax) judge(k kindScan, found [][]Match) {
	var words []string
	for _, s := range k.sents {
		for _, t := range s {
			words = append(words, t.word)
		}
		words = append(words, clauseMark)
	}
	if len(words) == 0 {
		return
	}
	p := m.predict(words)
	if !anyMatch(found) {
		if i, match, ok := m.textMatch(k, p, len(words)-len(k.sents)); ok {
			found[i] = append(found[i], match)
			th := urgentThreshold
			if len(words)-len(k.sents) < shortText {
				th = shortUrgent
			}
			m.raiseUrgent(k, found, th)
		}
		return
	}
	if !k.firm && (p[0] >= vetoConcern && k.allOverrulable(found, p[0] >= vetoUrgent) || p[0] >= vetoLearned && allLearned(found) ||
		p[0] >= vetoBoth && m.urgentProb(words) < vetoBothUrgent && m.calmWindows(k, found) ||
		p[0] >= vetoFramed && k.allFramed(found)) {
		for i := range found {
			found[i] = found[i][:0]
		}
		return
	}
	m.raiseUrgent(k, found, urgentThreshold)
}

// urgentThreshold is the urgent head's probability, read over a sentence
// and its urgentReach neighbours either side, above which a concern in
// that sentence is raised to urgent. Reading a window rather than the
// whole text keeps one emergency in a long entry from being diluted by
// the ordinary news around it. Both were chosen on the held-out folds
// (TestLearnedCVSweep, SAFETY_SWEEP=urgent: 0.4–0.8 × 0–2 sentences).
// shortUrgent is the threshold for the text layer's own concern in a
// short text (shortText), where nothing else agreed: "going to ...
// tonight" alone is not an emergency (0.7–0.9 tried; same recall on the
// folds, fewer concern texts rated urgent).
var (
	urgentThreshold = 0.5
	urgentReach     = 1
	shortUrgent     = 0.8
)

// raiseUrgent rates urgent the concerns (of any layer) in sentences of the
// writer's present whose window the urgent head reads as an emergency.
// The words that decided are shown: the top urgent words of the window's
// sentence that favours urgent most become an urgent match of the
// concern's kind, or raise the concern they overlap. A window with no
// word that favours urgent raises nothing.
func (m *softmax) raiseUrgent(k kindScan, found [][]Match, threshold float64) {
	for i, ms := range found {
		c := concernAt(ms)
		if c < 0 || k.outOfFrame(i) {
			continue
		}
		words, lo, hi := k.window(i, urgentReach)
		if m.urgentProb(words) < threshold {
			continue
		}
		at, first, last, best := -1, -1, -1, float32(0)
		for n := lo; n <= hi; n++ {
			if n != i && k.outOfFrame(n) {
				continue
			}
			if f, l, w := m.urgentSpan(k.sents[n]); f >= 0 && w > best {
				at, first, last, best = n, f, l, w
			}
		}
		if at < 0 {
			continue
		}
		kindOf := ms[c]
		assignKind(&kindOf)
		s := k.sents[at]
		u := Match{Phrase: k.text[s[first].start:s[last].end], Reason: Reason(string(kindOf.Kind) + "_learned"), Level: Urgent,
			Kind: kindOf.Kind, Start: s[first].start, End: s[last].end}
		raised := false
		for j := range found[at] {
			if x := &found[at][j]; u.Start < x.End && x.Start < u.End {
				x.Level, raised = Urgent, true
			}
		}
		if !raised {
			found[at] = append(found[at], u)
		}
	}
}

// window returns the words of sentence i and its reach neighbours either
// side, and the first and last sentence of the window.
func (k kindScan) window(i, reach int) ([]string, int, int) {
	lo, hi := max(0, i-reach), min(len(k.sents)-1, i+reach)
	var words []string
	for n := lo; n <= hi; n++ {
		for _, t := range k.sents[n] {
			words = append(words, t.word)
		}
		words = append(words, clauseMark)
	}
	return words, lo, hi
}

// concernAt is the index of the first concern in ms, or -1.
func concernAt(ms []Match) int {
	for j, x := range ms {
		if x.Level == Concern {
			return j
		}
	}
	return -1
}

// urgentSpan returns the tokens from the first to the last of the three
// meaning words of s that weighed most for urgent, and the weight of the
// heaviest; -1 when none weighs minSpanWeight.
func (m *softmax) urgentSpan(s sentence) (first, last int, top float32) {
	first, last, _, top = topSpan(s, func(f string) float32 {
		if id, ok := m.index[f]; ok {
			return m.uw[id]
		}
		return 0
	})
	return first, last, top
}

// allOverrulable reports whether every match found may be overruled by the
// text-level layer: a concern, a sentence-level model's guess (even
// urgent: two learned readings disagree and the one trained on whole
// texts decides), or an urgent phrase in a sentence framed away from the
// writer's present (a shift, a course, a story, a hypothetical, history)
// with no imminent time in it. An urgent phrase the writer tells as now
// is overruled only when both heads agree (vetoBoth).
func (k kindScan) allOverrulable(found [][]Match, urgentToo bool) bool {
	for i, ms := range found {
		for _, x := range ms {
			if x.Level == Urgent && (!urgentToo || !strings.HasSuffix(string(x.Reason), "_learned") && !k.framedUrgent(i)) {
				return false
			}
		}
	}
	return true
}

// framedUrgent reports whether sentence i is framed away from the writer's
// present and names no imminent time.
func (k kindScan) framedUrgent(i int) bool {
	f := k.frames.at(i)
	framed := f.framedAway(0) || f.historyOnly() || f.role || f.levity || f.hypoAt >= 0
	return framed && !imminentCue.MatchString(k.joins[i].text)
}

// shortText is the length in words under which a text is short: a
// check-in or a one-line message, where the probability of risk is spread
// over thirteen kinds and a few everyday words ("letters", "staying in")
// leave none the likeliest class while the kinds together pass
// textThreshold. A short text the rules left alone is flagged only when
// its likeliest kind also outranks none. Chosen on the held-out folds
// (TestLearnedCVSweep, SAFETY_SWEEP=short: 0–40 words and every length;
// a higher threshold by length instead lost more risky texts than it
// saved benign ones).
var shortText = 16

// textThreshold is the probability of risk above which the text-level
// layer flags a text nothing else flagged. Chosen with vetoBoth (above);
// each 0.05 lower flags about 10 more risky and 6 more benign texts of
// the nine folds (SAFETY_SWEEP=text, 0.4–0.7).
var textThreshold = 0.5

// textMatch flags a text the rules left alone when the model reads it as
// risky, at concern: the rules and concepts keep urgent detection.
func (m *softmax) textMatch(k kindScan, p []float64, nWords int) (int, Match, bool) {
	text, sents := k.text, k.sents
	kind, risk := m.riskiest(p)
	if risk < textThreshold || (nWords < shortText && p[kind] < p[0]) {
		return 0, Match{}, false
	}
	// The sentence that reads most as the kind, among those with a word
	// of the kind of their own: "he won't answer" may score highest of a
	// text whose danger is told in the sentence before it.
	best, bestP, first, last, top := -1, 0.0, -1, -1, -1
	for i, s := range sents {
		if len(s) == 0 || k.outOfFrame(i) {
			continue
		}
		sw := make([]string, len(s))
		for t, tok := range s {
			sw[t] = tok.word
		}
		if p := m.predict(sw)[kind]; p > bestP {
			if f, l, tp := m.decidingSpan(kind, s); f >= 0 {
				best, bestP, first, last, top = i, p, f, l, tp
			}
		}
	}
	if best < 0 {
		return 0, Match{}, false
	}
	s := sents[best]
	name := m.classes[kind]
	// A short text's lone guess resting on an intent the writer denies
	// ("I don't want to die.") is a denial: nothing else in it reads as
	// risk. A negated state stays ("can't sleep", "don't feel real").
	if nWords < shortText && (deniedIntent.MatchString(k.joins[best].text[:k.joins[best].starts[top]]) || deniedHarm.MatchString(k.joins[best].text)) || lexiconIdiomAt(s, k.joins[best], top) || lexiconExceptAt(s, k.joins[best], top) || (ownKinds[Kind(name)] && othersSubject(s)) {
		return 0, Match{}, false
	}
	return best, Match{Phrase: text[s[first].start:s[last].end], Reason: Reason(name + "_learned"), Level: Concern, Kind: Kind(name),
		Start: s[first].start, End: s[last].end}, true
}

// deniedIntent ends on an intent denied, just before the word it governs.
var deniedIntent = regexp.MustCompile(`\b(?:not|never|no) (?:\w+ )?(?:want|wanting|going|plan|planning|intend|intending|trying) to (?:\w+ )?$`)

// deniedHarm is a harm to the writer denied anywhere in the sentence, in
// plain or second-language English, with or without "I", "to" or an
// auxiliary: "don't want to die, want to change my life", "no want die",
// "not gonna hurt myself", "never thinking of suicide". Living is not
// among the words it governs: "I don't want to live" is the wish itself.
var deniedHarm = regexp.MustCompile(`\b(?:not|never|no|nah) (?:\w+ )?(?:want|wanting|wanna|going|gonna|plan|planning|intend|intending|trying|thinking)(?: to| of| about)? (?:\w+ )?(?:die|dying|kill\w*|hurt\w*|harm\w*|end (?:it|my life|things)|cut\w*|suicid\w*|jump\w*|overdos\w*)\b`)

// ownKinds are the kinds that are the writer's own state: told of someone
// else ("my brother is thinking about suicide") they are not the writer's
// risk, as for the rules (writerIsSubject). An emergency, an overdose,
// violence or an unsafe home with someone else in it still concerns the
// writer who is there.
var ownKinds = map[Kind]bool{KindSuicide: true, KindSelfHarm: true, KindPsychosis: true, KindMania: true, KindDissociation: true,
	KindPanic: true, KindRelapse: true, KindEating: true, KindHopelessness: true}

// othersSubject reports whether a sentence opens on someone else as its
// subject ("my brother is ...", "her boyfriend has ...") and the writer is
// not named after it.
func othersSubject(s sentence) bool {
	if len(s) < 3 || !(firstPerson[s[0].word] || othersOwners[s[0].word] || s[0].word == "our") || !otherPeople[s[1].word] {
		return false
	}
	for _, t := range s[2:] {
		if firstPerson[t.word] || t.word == "we" || t.word == "us" {
			return false
		}
	}
	return true
}

// minSpanWeight is how much a word must favour the kind over none to
// explain a match: without one, the sentence carries no risk word of its
// own and the text layer does not flag it.
const minSpanWeight = 0.1

// decidingSpan returns the tokens from the first to the last of the three
// meaning words of s that weighed most for class c against none, and the
// one that weighed most; -1 when no word favours the class by
// minSpanWeight.
func (m *softmax) decidingSpan(c int, s sentence) (first, last, top int) {
	first, last, top, _ = topSpan(s, func(f string) float32 { return m.weight(c, f) })
	return first, last, top
}

// topSpan ranks the meaning words of s by weight (a word plus its
// beginning) and returns the tokens from the first to the last of the
// three heaviest, the heaviest's position and its weight; -1 (and 0) when
// none weighs minSpanWeight. Both learned heads explain themselves by it.
func topSpan(s sentence, weight func(feature string) float32) (first, last, topAt int, topW float32) {
	type scored struct {
		at int
		w  float32
	}
	var ranked []scored
	for t, tok := range s {
		if tok.word == clauseMark || functionWords[tok.word] || negators[tok.word] {
			continue
		}
		w := weight(tok.word)
		if len(tok.word) > stemLen+1 {
			w += weight("~" + tok.word[:stemLen])
		}
		if w > 0 {
			ranked = append(ranked, scored{t, w})
		}
	}
	sort.SliceStable(ranked, func(a, b int) bool { return ranked[a].w > ranked[b].w })
	if len(ranked) == 0 || ranked[0].w < minSpanWeight {
		return -1, -1, -1, 0
	}
	topAt = ranked[0].at
	first, last = topAt, topAt
	for _, sc := range ranked[:min(3, len(ranked))] {
		first, last = min(first, sc.at), max(last, sc.at)
	}
	return first, last, topAt, ranked[0].w
}

// outOfFrame reports whether sentence i is told as someone else's, at
// work, in a course or story, as a hypothetical, as history, as the
// trip itself or as a joke (the frames every layer shares): no sentence
// of the writer's risk now.
func (k kindScan) outOfFrame(i int) bool {
	f := k.frames.at(i)
	return f.framedAway(0) || f.historyOnly() || k.toldAsPastNext(i) || k.resolvedNext(i) || f.levity ||
		(f.trip && !f.persist) || k.deniedQuestion(i) || f.hypoAt >= 0
}
