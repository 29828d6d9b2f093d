package safety

import (
	"embed"
	"sync"
)

// trainingFiles are the development sets the learned layer is trained on,
// at first use, in this order. fresh_a to fresh_n joined them only after
// their one after-freeze measurement; the current after-freeze sets are
// never among them: their figures would mean nothing.
var trainingFiles = []string{
	"testdata/eval_dev.tsv", "testdata/eval_heldout.tsv", "testdata/eval_v6.tsv", "testdata/eval_v7.tsv",
	"testdata/eval_v8.tsv", "testdata/eval_v9.tsv", "testdata/dev_kinds.tsv", "testdata/dev_kinds2.tsv",
	"testdata/fresh_a.tsv", "testdata/fresh_b.tsv", "testdata/fresh_c.tsv", "testdata/fresh_d.tsv",
	"testdata/fresh_e.tsv", "testdata/fresh_f.tsv", "testdata/fresh_g.tsv", "testdata/fresh_h.tsv", "testdata/dev_everyday.tsv",
	"testdata/fresh_i.tsv", "testdata/fresh_j.tsv", "testdata/fresh_k.tsv", "testdata/fresh_l.tsv", "testdata/dev_s3a.tsv", "testdata/fresh_m.tsv", "testdata/fresh_n.tsv", "testdata/dev_s3b.tsv",
}

// outsideFiles are the sets written by evaluators outside the team
// (testdata/independent/README.md): the learned layers train on them too.
// TestLearnedCV holds each writer's sets out in turn to measure the
// scanner on a voice it never trained on.
var outsideFiles = []string{
	"testdata/independent/safety_x1.tsv", "testdata/independent/safety_x2.tsv", "testdata/independent/safety_x3.tsv",
	"testdata/independent/safety_x4.tsv", "testdata/independent/safety_dev_x.tsv",
	// x5–x7 were the blind sets of session 4 (never read by anyone
	// changing the scanner then); training data from session 5 on.
	"testdata/independent/safety_x5.tsv", "testdata/independent/safety_x6.tsv", "testdata/independent/safety_x7.tsv",
	// x8 (writer G) and x9 (writer H) were the blind sets of session 5;
	// training data from session 6 on.
	"testdata/independent/safety_x8.tsv", "testdata/independent/safety_x9.tsv",
	// t1 and t2 were written as training sets by two outside writers
	// (session 6), heavy on hard negatives; never blind sets.
	"testdata/independent/safety_t1.tsv", "testdata/independent/safety_t2.tsv",
	// t4 (near-miss twins) and t6 (long journal entries) were written as
	// training sets by two more outside writers (session 6); never blind.
	"testdata/independent/safety_t4.tsv", "testdata/independent/safety_t6.tsv",
	// x14 (writer V: farmers, veterans, nurses, older adults, flat
	// understated wording) and x15 (writer W: long ceremony journals and
	// hurried check-ins) were the blind sets of session 8; training data
	// and folds from safety11 on.
	"testdata/independent/safety_x14.tsv", "testdata/independent/safety_x15.tsv",
	// t12 (understated writers, writing for someone with them now) was
	// written as a training set by an outside writer (session 8); never
	// blind. Its held-out figure before it trained anything is in
	// testdata/independent/README.md.
	"testdata/independent/safety_t12.tsv",
	// t11 (the urgent-versus-concern boundary: flat urgent texts, concern
	// texts with the same words and no immediacy) is the other training
	// set of session 8; run held out by safety11, then lost from the
	// branch by a move, and added by the lead at the merge.
	"testdata/independent/safety_t11.tsv",
	// x18 (writer AC: young adults' text-speak, slang, festivals, gaming,
	// forwarded group chats, code-switching) and x19 (writer AD: formal
	// trial participants, minimising professionals, proxies) were the
	// first blind sets of session 9, run once on main and then safety12's
	// development data. t20 (young adults' texting, irony, festivals) and
	// t21 (voice-to-text, code-switching, forwarded messages, very short
	// check-ins) were written as training sets (session 9), each run held
	// out before it was read or trained on
	// (testdata/independent/README.md).
	"testdata/independent/safety_x18.tsv", "testdata/independent/safety_x19.tsv",
	"testdata/independent/safety_t20.tsv", "testdata/independent/safety_t21.tsv",
	// t22 (labourers, fishermen, truckers and miners who describe body
	// and circumstance; faith language; literal, list-like writers;
	// second-language English; parents with an adult child; ceremonies
	// abroad) was written as a training set (session 9), run held out on
	// main and on safety13's code before it was read or trained on.
	"testdata/independent/safety_t22.tsv",
}

//go:embed testdata/eval_dev.tsv testdata/eval_heldout.tsv testdata/eval_v6.tsv testdata/eval_v7.tsv testdata/eval_v8.tsv testdata/eval_v9.tsv testdata/dev_kinds.tsv testdata/dev_kinds2.tsv testdata/fresh_a.tsv testdata/fresh_b.tsv testdata/fresh_c.tsv testdata/fresh_d.tsv testdata/fresh_e.tsv testdata/fresh_f.tsv testdata/fresh_g.tsv testdata/fresh_h.tsv testdata/dev_everyday.tsv testdata/fresh_i.tsv testdata/fresh_j.tsv testdata/fresh_k.tsv testdata/fresh_l.tsv testdata/dev_s3a.tsv testdata/fresh_m.tsv testdata/fresh_n.tsv testdata/dev_s3b.tsv testdata/independent/safety_x1.tsv testdata/independent/safety_x2.tsv testdata/independent/safety_x3.tsv testdata/independent/safety_x4.tsv testdata/independent/safety_dev_x.tsv testdata/independent/safety_x5.tsv testdata/independent/safety_x6.tsv testdata/independent/safety_x7.tsv testdata/independent/safety_x8.tsv testdata/independent/safety_x9.tsv testdata/independent/safety_t1.tsv testdata/independent/safety_t2.tsv testdata/independent/safety_t4.tsv testdata/independent/safety_t6.tsv testdata/independent/safety_x14.tsv testdata/independent/safety_x15.tsv testdata/independent/safety_t12.tsv testdata/independent/safety_t11.tsv testdata/independent/safety_x18.tsv testdata/independent/safety_x19.tsv testdata/independent/safety_t20.tsv testdata/independent/safety_t21.tsv testdata/independent/safety_t22.tsv
var corpusFS embed.FS

// learnedThreshold is the probability of risk above which the learned
// layer flags a sentence. It was chosen on dev_kinds2 with the model
// trained without it (TestLearnedHoldout, testdata/README.md).
var learnedThreshold = 0.8

// learnedUrgentThreshold is the probability above which a match of an
// urgent class is urgent rather than concern.
var learnedUrgentThreshold = 0.95

// models are the learned layers a scan runs; the zero value runs the
// rules alone.
type models struct {
	nb *naiveBayes
	lr *softmax
}

// trainModels trains both learned layers on the team's corpus and the
// outside writers' sets. Until safety10 the naive Bayes layer trained on
// the team's corpus alone, to keep the urgent verdicts golden_scan.txt
// pinned; trained on the outside sets too, it raised 9 fewer held-out false
// alarms (98 → 90 of 1,619) and 54 fewer concern or none texts to urgent,
// at the same recall (TestLearnedCV, nine folds).
func trainModels(team, outside []labelled) models {
	all := append(append([]labelled(nil), team...), outside...)
	return models{nb: trainNB(all), lr: trainSoftmax(all)}
}

var (
	modelOnce sync.Once
	model     models
)

// learnedModels trains the models once from the embedded corpus.
func learnedModels() models {
	modelOnce.Do(func() { model = trainModels(embeddedCorpus(trainingFiles), embeddedCorpus(outsideFiles)) })
	return model
}

// trainingCorpus is the team's corpus.
func trainingCorpus() []labelled { return embeddedCorpus(trainingFiles) }

func embeddedCorpus(files []string) []labelled {
	var out []labelled
	for _, name := range files {
		data, err := corpusFS.ReadFile(name)
		if err != nil {
			// The files are embedded at build time: a missing one is a
			// build mistake, caught by the tests.
			panic("safety: embedded corpus: " + err.Error())
		}
		out = append(out, parseCorpus(string(data))...)
	}
	return out
}
