package vetting

import (
	"bufio"
	"embed"
	"encoding/json"
	"math"
	"math/rand/v2"
	"path"
	"strings"
	"sync"
)

// The learned layer (safety3 round): a logistic regression per category
// for the two categories that rules do not generalise on, outcome
// guarantees and substance provision. Eleven rounds of after-freeze sets
// showed that rules written from one wave recall about half of the next;
// a model of word pairs trained on every labelled bio in the repository
// recalled more of a held-out pair (after19–after22, trained without
// them: testdata/README.md) at about the same clean-bio rate.
//
// It is trained at first use, in-process and deterministically, from the
// embedded development corpus and the labelled sets listed in
// learnedSets: no model file, nothing downloaded, reproducible from a
// clean clone. It scores each sentence; a sentence at or above
// learnedThreshold that the rules did not flag is flagged with the same
// excerpt and offsets as a rule flag, after the same negation and context
// checks, so an admin sees the sentence that decided.

//go:embed testdata/dev/*.txt testdata/bios.jsonl testdata/holdout.jsonl testdata/fresh*.jsonl testdata/after*.jsonl testdata/independent/*.jsonl
var trainingFS embed.FS

// learnedSets are the labelled bio sets the layer trains on besides the
// development corpus. Sets written after a freeze join only after their
// one measurement; after23 and after24 (written after this layer froze)
// are not among them.
var learnedSets = []string{
	"bios", "holdout", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8", "fresh9", "fresh10",
	"after1", "after2", "after3", "after4", "after5", "after6", "after7", "after8", "after9", "after10", "after11",
	"after12", "after13", "after14", "after15", "after16", "after17", "after18", "after19", "after20", "after21", "after22",
}

// outsideSets are the bios written outside the team
// (testdata/independent/README.md); the layer trains on them too, and
// TestLearnedCV holds each writer's out in turn.
var outsideSets = []string{
	"independent/vet_x1", "independent/vet_x2", "independent/vet_x3", "independent/vet_x4", "independent/vet_dev_x",
}

// learnedThreshold is the sentence probability at which the layer flags.
// It was chosen on after19–after22 and development waves 33–35 with the
// model trained without them (0.9: the highest of 0.5–0.95 that kept
// held-out clean bios flagged within one of the rules' own figure).
const learnedThreshold = 0.9

// learnedCategories are the categories the layer scores. In-session
// guidance joined in session 4: held out by writer (TestLearnedCV) it
// raised that category's recall from 127/165 to 142/165 bios for 2 more
// clean bios flagged of 390; clinical claims gained nothing from it.
var learnedCategories = []Category{OutcomeGuarantee, SubstanceProvision, InSessionGuidance}

// logistic is a linear model over word and word-pair features; vocab
// numbers the features seen in training.
type logistic struct {
	vocab map[string]int32
	w     []float64
	b     float64
}

func (m *logistic) prob(features []string) float64 {
	z := m.b
	for _, f := range features {
		if i, ok := m.vocab[f]; ok {
			z += m.w[i]
		}
	}
	return 1 / (1 + math.Exp(-z))
}

// learnedFeatures are the words of a text (letters and digits, lower
// case, apostrophes dropped) and its adjacent word pairs.
func learnedFeatures(s string) []string {
	var words []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			words = append(words, cur.String())
			cur.Reset()
		}
	}
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '\'' || r == '’':
		case r < 128 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			cur.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	out := make([]string, 0, 2*len(words))
	for i, w := range words {
		out = append(out, w)
		if i > 0 {
			out = append(out, words[i-1]+"_"+w)
		}
	}
	return out
}

// labelledText is one training text.
type labelledText struct {
	text string
	cats []Category
}

// learnedSet is a model per category the layer scores.
type learnedSet map[Category]*logistic

var (
	learnedOnce   sync.Once
	learnedModels learnedSet
)

// models trains the layer once.
func models() learnedSet {
	learnedOnce.Do(func() {
		learnedModels = trainLearned(append(trainingTexts(learnedSets), labelledSets(outsideSets)...), learnedCategories)
	})
	return learnedModels
}

// trainLearned fits a model for each of cats on texts.
func trainLearned(texts []labelledText, cats []Category) learnedSet {
	out := learnedSet{}
	vocab := map[string]int32{}
	xs := make([][]int32, len(texts))
	for i, t := range texts {
		for _, f := range learnedFeatures(t.text) {
			id, ok := vocab[f]
			if !ok {
				id = int32(len(vocab))
				vocab[f] = id
			}
			xs[i] = append(xs[i], id)
		}
	}
	for _, cat := range cats {
		ys := make([]bool, len(texts))
		for i, t := range texts {
			for _, c := range t.cats {
				ys[i] = ys[i] || c == cat
			}
		}
		out[cat] = &logistic{vocab: vocab}
		out[cat].w, out[cat].b = trainLogistic(xs, ys, len(vocab))
	}
	return out
}

// trainLogistic fits by stochastic gradient descent in a fixed order.
func trainLogistic(xs [][]int32, ys []bool, n int) ([]float64, float64) {
	w := make([]float64, n)
	b := 0.0
	const rate, l2, epochs = 0.1, 1e-4, 8
	for ep := 0; ep < epochs; ep++ {
		for i := range xs {
			j := (i*7919 + ep*104729) % len(xs)
			y := 0.0
			if ys[j] {
				y = 1
			}
			z := b
			for _, f := range xs[j] {
				z += w[f]
			}
			g := 1/(1+math.Exp(-z)) - y
			for _, f := range xs[j] {
				w[f] -= rate * (g + l2*w[f])
			}
			b -= rate * g
		}
	}
	return w, b
}

// categoriesOf lists the categories the layer adds to a sentence
// the rules did not flag for them.
func (ms learnedSet) categoriesOf(sentence, norm string, have []Category, author profile) []Category {
	var out []Category
	var features []string
	for _, cat := range categoryOrder {
		if ms[cat] == nil || hasCategory(have, cat) {
			continue
		}
		if features == nil {
			features = learnedFeatures(sentence)
		}
		if ms[cat].prob(features) < learnedThreshold {
			continue
		}
		if isNegated(norm, 0, len(norm)) || !author.allows(cat, norm, 0, len(norm)) {
			continue
		}
		out = append(out, cat)
	}
	return out
}

func hasCategory(cats []Category, c Category) bool {
	for _, x := range cats {
		if x == c {
			return true
		}
	}
	return false
}

// trainingTexts reads the embedded development corpus (templates expanded
// as corpus_test.go does) and the labelled sets.
func trainingTexts(sets []string) []labelledText {
	var out []labelledText
	files, err := trainingFS.ReadDir("testdata/dev")
	if err != nil {
		panic("vetting: embedded corpus: " + err.Error())
	}
	for _, f := range files {
		data, err := trainingFS.ReadFile(path.Join("testdata/dev", f.Name()))
		if err != nil {
			panic("vetting: embedded corpus: " + err.Error())
		}
		sc := bufio.NewScanner(strings.NewReader(string(data)))
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for n := 1; sc.Scan(); n++ {
			line := strings.TrimSpace(sc.Text())
			labels, template, ok := strings.Cut(line, " | ")
			if line == "" || strings.HasPrefix(line, "#") || !ok {
				continue
			}
			cats := shortLabels(labels)
			for _, text := range expandTemplate(template, uint64(n)) {
				out = append(out, labelledText{text: text, cats: cats})
			}
		}
	}
	return append(out, labelledSets(sets)...)
}

// labelledSets reads the embedded labelled bio sets.
func labelledSets(sets []string) []labelledText {
	var out []labelledText
	for _, name := range sets {
		data, err := trainingFS.ReadFile("testdata/" + name + ".jsonl")
		if err != nil {
			panic("vetting: embedded set: " + err.Error())
		}
		sc := bufio.NewScanner(strings.NewReader(string(data)))
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var b struct {
				Categories []Category `json:"categories"`
				Text       string     `json:"text"`
			}
			if json.Unmarshal(sc.Bytes(), &b) == nil {
				out = append(out, labelledText{text: b.Text, cats: b.Categories})
			}
		}
	}
	return out
}

var shortCategory = map[string]Category{"og": OutcomeGuarantee, "sp": SubstanceProvision, "isg": InSessionGuidance, "cc": ClinicalClaim}

func shortLabels(labels string) []Category {
	var cats []Category
	for _, l := range strings.Split(labels, ",") {
		if c, ok := shortCategory[strings.TrimSpace(l)]; ok {
			cats = append(cats, c)
		}
	}
	return cats
}

// templateVariants bounds how many texts one template line expands to
// (the same bound as the corpus test).
const templateVariants = 40

// expandTemplate returns the distinct texts of a "{a|b}" template, all of
// them when there are few, otherwise templateVariants drawn with a seed.
func expandTemplate(template string, seed uint64) []string {
	var parts [][]string
	for rest := template; rest != ""; {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			parts = append(parts, []string{rest})
			break
		}
		end := strings.IndexByte(rest[open:], '}')
		if end < 0 {
			parts = append(parts, []string{rest})
			break
		}
		parts = append(parts, []string{rest[:open]}, strings.Split(rest[open+1:open+end], "|"))
		rest = rest[open+end+1:]
	}
	total := 1
	for _, p := range parts {
		total *= len(p)
		if total > 1<<20 {
			break
		}
	}
	rng := rand.New(rand.NewPCG(seed, 7))
	seen := map[string]bool{}
	var out []string
	for i := 0; i < total && len(out) < templateVariants && i < 20*templateVariants; i++ {
		var sb strings.Builder
		k := i
		for _, p := range parts {
			choice := k % len(p)
			if total > templateVariants {
				choice = rng.IntN(len(p))
			}
			k /= len(p)
			sb.WriteString(p[choice])
		}
		text := strings.ReplaceAll(strings.Join(strings.Fields(sb.String()), " "), `\n`, "\n")
		if !seen[text] {
			seen[text] = true
			out = append(out, text)
		}
	}
	return out
}
