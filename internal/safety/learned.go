package safety

import (
	"bufio"
	"math"
	"regexp"
	"sort"
	"strings"
)

// The learned layer: a multinomial naive Bayes over the normalised words
// and word pairs of a sentence, trained deterministically from the labelled
// development corpus embedded in the binary (corpus.go). It runs beneath
// the rules, on sentences no rule or concept explained and no frame ruled
// out, and raises the level and kind its most probable class names
// (classes are a kind and a level, "medical/urgent") when it is confident
// a sentence carries risk. Its match is the span between the words that
// weighed most for that kind, so a coach sees what decided.

// nbClasses are none followed by the kinds.
const nbNone = "none"

type naiveBayes struct {
	classes []string
	prior   map[string]float64
	logp    map[string]map[string]float64 // class → feature → log P(feature|class)
	unseen  map[string]float64            // class → log P(unseen feature|class)
	// byFeature holds, for each feature seen in training, log P(feature|c)
	// for every class in the order of classes (the unseen value where the
	// class never saw it): posterior needs one lookup per feature instead
	// of one per feature and class.
	byFeature map[string][]float64
	// unseenAll is unseen in the order of classes.
	unseenAll []float64
}

// features are the words of a sentence (stopwords kept: "me" and "my"
// matter here) and the pairs of neighbouring words.
func features(words []string) []string {
	words = markNegated(words)
	out := make([]string, 0, 2*len(words))
	for i, w := range words {
		if w == clauseMark {
			continue
		}
		out = append(out, w)
		if i+1 < len(words) && words[i+1] != clauseMark {
			out = append(out, w+"_"+words[i+1])
		}
	}
	return out
}

// markNegated prefixes the words a negator governs with "not_", up to the
// end of its clause, so that "I'm not going to kill myself" and "I'm going
// to kill myself" share no risk words.
func markNegated(words []string) []string {
	out := make([]string, len(words))
	inScope := false
	for i, w := range words {
		switch {
		case w == clauseMark || clauseStarters[w]:
			inScope = false
			out[i] = w
		case negators[w] || w == "nobody" || w == "nothing":
			// "can't stop thinking about killing myself" negates
			// nothing, as for the rules (notNegating).
			inScope = i+1 >= len(words) || !notNegating[words[i+1]]
			out[i] = w
		case inScope:
			out[i] = "not_" + w
		default:
			out[i] = w
		}
	}
	return out
}

// trainNB fits the model with add-one smoothing. Examples are visited in
// sorted order so that the floating-point sums, and so the model, are the
// same on every run.
func trainNB(examples []labelled) *naiveBayes {
	sort.SliceStable(examples, func(i, j int) bool { return examples[i].text < examples[j].text })
	counts := map[string]map[string]int{}
	totals := map[string]int{}
	docs := map[string]int{}
	vocab := map[string]bool{}
	for _, ex := range examples {
		if counts[ex.class] == nil {
			counts[ex.class] = map[string]int{}
		}
		docs[ex.class]++
		for _, f := range features(wordsOf(ex.text)) {
			counts[ex.class][f]++
			totals[ex.class]++
			vocab[f] = true
		}
	}
	nb := &naiveBayes{prior: map[string]float64{}, logp: map[string]map[string]float64{}, unseen: map[string]float64{}}
	for c := range counts {
		nb.classes = append(nb.classes, c)
	}
	sort.Strings(nb.classes)
	v := float64(len(vocab))
	for _, c := range nb.classes {
		nb.prior[c] = math.Log(float64(docs[c]) / float64(len(examples)))
		denom := float64(totals[c]) + v
		nb.logp[c] = make(map[string]float64, len(counts[c]))
		for f, n := range counts[c] {
			nb.logp[c][f] = math.Log((float64(n) + 1) / denom)
		}
		nb.unseen[c] = math.Log(1 / denom)
	}
	nb.indexFeatures(vocab)
	return nb
}

// indexFeatures fills byFeature and unseenAll from logp and unseen.
func (nb *naiveBayes) indexFeatures(vocab map[string]bool) {
	nb.byFeature = make(map[string][]float64, len(vocab))
	for f := range vocab {
		row := make([]float64, len(nb.classes))
		for ci, c := range nb.classes {
			if p, ok := nb.logp[c][f]; ok {
				row[ci] = p
			} else {
				row[ci] = nb.unseen[c]
			}
		}
		nb.byFeature[f] = row
	}
	nb.unseenAll = make([]float64, len(nb.classes))
	for ci, c := range nb.classes {
		nb.unseenAll[ci] = nb.unseen[c]
	}
}

// posterior returns each class's probability for the features.
//
// Each class's score adds the same terms in the same order as summing
// log P(f|c) class by class would, so the figures are identical; the rows
// of byFeature only save the map lookups.
func (nb *naiveBayes) posterior(fs []string) map[string]float64 {
	logs := make([]float64, len(nb.classes))
	for ci, c := range nb.classes {
		logs[ci] = nb.prior[c]
	}
	for _, f := range fs {
		row, ok := nb.byFeature[f]
		if !ok {
			row = nb.unseenAll
		}
		for ci := range logs {
			logs[ci] += row[ci]
		}
	}
	best := math.Inf(-1)
	for _, s := range logs {
		best = max(best, s)
	}
	var sum float64
	for ci, s := range logs {
		logs[ci] = math.Exp(s - best)
		sum += logs[ci]
	}
	scores := make(map[string]float64, len(nb.classes))
	for ci, c := range nb.classes {
		scores[c] = logs[ci] / sum
	}
	return scores
}

// weight is how much a feature favours class over none.
func (nb *naiveBayes) weight(class, f string) float64 {
	lp := func(c string) float64 {
		if p, ok := nb.logp[c][f]; ok {
			return p
		}
		return nb.unseen[c]
	}
	return lp(class) - lp(nbNone)
}

// labelled is one training text and its class (none or a kind).
type labelled struct{ text, class string }

// wordsOf normalises a text into words as the rules see them.
func wordsOf(text string) []string {
	var out []string
	for _, s := range sentences(text) {
		for _, t := range s {
			out = append(out, t.word)
		}
		out = append(out, clauseMark)
	}
	return out
}

// parseCorpus reads level<TAB>label<TAB>text lines into training examples:
// benign texts are none, risky texts their kind ("general", the label of
// the older suicide sets, is suicide).
func parseCorpus(data string) []labelled {
	var out []labelled
	sc := bufio.NewScanner(strings.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		cols := strings.SplitN(sc.Text(), "\t", 3)
		if len(cols) != 3 || strings.HasPrefix(cols[0], "#") {
			continue
		}
		class := nbNone
		if cols[0] != "none" {
			kind := cols[1]
			if !isKind(kind) {
				kind = string(KindSuicide)
			}
			class = kind + "/" + cols[0]
		}
		out = append(out, labelled{text: cols[2], class: class})
	}
	return out
}

func isKind(s string) bool {
	for _, k := range Kinds {
		if string(k) == s {
			return true
		}
	}
	return false
}

// learnedMatch classifies sentence i of a scan and returns a concern match
// when the model is confident it carries risk, the frames let it count,
// and no rule or concept already explained it.
func (k kindScan) learnedMatch(nb *naiveBayes, i int, threshold float64) (Match, bool) {
	s := k.sents[i]
	words := make([]string, len(s))
	for t, tok := range s {
		words[t] = tok.word
	}
	p := nb.posterior(features(words))
	// The most probable class must be a risk, and probable on its own: the
	// sum over many risk classes easily outweighs "none" on a sentence the
	// model knows nothing about.
	class := nbNone
	for _, c := range nb.classes {
		if p[c] > p[class] {
			class = c
		}
	}
	if class == nbNone || p[class] < threshold {
		return Match{}, false
	}
	// The frames are read only for the few sentences the model flags.
	f := k.frames.at(i)
	if f.framedAway(0) || f.historyOnly() || k.toldAsPastNext(i) || f.levity || (f.trip && !f.persist) || k.deniedQuestion(i) ||
		f.hypoAt >= 0 || s[0].word == "nobody" || s[0].word == "noone" {
		return Match{}, false
	}
	kindName, levelName, _ := strings.Cut(class, "/")
	kind := Kind(kindName)
	// An urgent class raises urgent only when the model is nearly sure.
	level := Concern
	if levelName == "urgent" && p[class] >= learnedUrgentThreshold {
		level = Urgent
	}
	if !f.writerIn && !(kind == KindMedical || kind == KindOverdose || kind == KindViolence) {
		return Match{}, false
	}
	// A body emergency is one after a substance, as the concepts require.
	if (kind == KindMedical || kind == KindOverdose) && !substanceRe.MatchString(k.around(i)) {
		return Match{}, false
	}
	if f.role && level == Concern && !f.writerIn {
		return Match{}, false
	}
	// The sentence after a hypothetical question explains it ("If I ever
	// felt suicidal, who would I call? Just want to know the plan."): a
	// model guess there is the question's words, not a risk.
	if level == Concern && i > 0 && k.frames.at(i-1).hypoAt >= 0 {
		return Match{}, false
	}
	first, last := nb.decidingSpan(class, s)
	if first < 0 || negatedSpan(s, first, last) || !nb.hasContentWord(class, s, first, last) || idiomCue.MatchString(k.joins[i].text) || movingOn.MatchString(k.joins[i].text) || ritualRe.MatchString(k.joins[i].text) ||
		ordinaryCause.MatchString(k.joins[i].text) {
		return Match{}, false
	}
	return Match{Phrase: k.text[s[first].start:s[last].end], Reason: Reason(kindName + "_learned"), Level: level, Kind: kind,
		Start: s[first].start, End: s[last].end}, true
}

// decidingSpan returns the tokens from the first to the last of the three
// words that weighed most for class against none.
func (nb *naiveBayes) decidingSpan(class string, s sentence) (int, int) {
	type scored struct {
		at int
		w  float64
	}
	var top []scored
	words := make([]string, len(s))
	for t, tok := range s {
		words[t] = tok.word
	}
	marked := markNegated(words)
	for t, tok := range s {
		if tok.word == clauseMark || marked[t] != tok.word || functionWords[tok.word] || negators[tok.word] {
			continue
		}
		if w := nb.weight(class, tok.word); w > 0 {
			top = append(top, scored{t, w})
		}
	}
	if len(top) == 0 {
		return -1, -1
	}
	sort.SliceStable(top, func(a, b int) bool { return top[a].w > top[b].w })
	top = top[:min(3, len(top))]
	first, last := top[0].at, top[0].at
	for _, sc := range top {
		first, last = min(first, sc.at), max(last, sc.at)
	}
	return first, last
}

// negatedSpan reports whether a negator stands before or inside the
// deciding words: "Nobody is threatening me".
func negatedSpan(s sentence, first, last int) bool {
	if negated(s, first) {
		return true
	}
	for i := max(0, first-negationWindow); i < first; i++ {
		if w := s[i].word; w == "nobody" || w == "never" {
			return true
		}
	}
	return false
}

// ordinaryCause gives a symptom an everyday reason: exercise, the dentist,
// a cold, a wedding.
var ordinaryCause = regexp.MustCompile(`\b(?:spin class|gym|workout|run|running|hike|hiking|marathon|swim|dentist|injection|cold|flu|hay ?fever|wedding|birthday|grandchildren|pension|mortgage|holiday|adulting|jelly|exam|interview|presentation|because i am (?:at|on|away|going)|because of (?:the|my) (?:wedding|holiday|trip|work|exam))\b`)

// functionWords carry grammar, not meaning: a sentence the model flags only
// through them ("I'm going to end ...") is not explained.
var functionWords = set("i", "me", "my", "myself", "am", "is", "are", "was", "were", "be", "been", "to", "the", "a", "an",
	"and", "or", "of", "in", "on", "at", "for", "with", "it", "this", "that", "going", "want", "will", "would", "can",
	"could", "just", "so", "really", "have", "has", "had", "do", "did", "not", "all", "now", "again", "get", "got",
	"feel", "like", "about", "from", "up", "out", "he", "she", "they", "you", "we", "them", "him", "her", "his", "their",
	"our", "your", "what", "when", "if", "but", "because", "there", "here", "too", "very", "much", "some", "any", "no")

// minContentWeight is how strongly (log-ratio against none) a meaning word
// must favour the class for the model's match to stand.
var minContentWeight = 1.0

func (nb *naiveBayes) hasContentWord(class string, s sentence, first, last int) bool {
	for i := first; i <= last; i++ {
		if w := s[i].word; !functionWords[w] && w != clauseMark && nb.weight(class, w) >= minContentWeight {
			return true
		}
	}
	return false
}

// substanceRe names a substance or the setting of taking one; bare verbs
// ("took") are not enough: "we took the rifle hunting".
var substanceRe = regexp.MustCompile(`\b(?:` + drugWord + `|` + alcohol + `|ceremony|trip|tripping|festival|rave|brew|ayahuasca|aya|dmt|5-meo|toad|kambo|iboga\w*|edibles|2c-b|dose|dosed|redosed|re-dosed|come-?up|comedown)\b`)
