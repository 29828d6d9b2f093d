package safety

// Concept lexicons. The phrase rules in rules.go and rules_concern.go were
// written sentence by sentence and missed new wordings; the concept rules
// (concept_rules.go) instead pair two kinds of words within a sentence —
// a means and a readiness, an intent and a time, a farewell and a
// finality — so that phrasings nobody wrote down still match. Each lexicon
// is an alternation over normalised words (see text.go).
const (
	// medLex is medication and drugs that can be taken in overdose.
	medLex = `(?:pills?|tablets?|meds|medications?|painkillers|sleeping (?:pills|tablets)|paracetamol|acetaminophen|tylenol|ibuprofen|aspirin|codeine|tramadol|oxy\w*|insulin|morphine|lithium|antidepressants|benzos|xanax|valium|diazepam|zopiclone|quetiapine|seroquel|sertraline|opioids|fentanyl|heroin|prescriptions?|capsules)`
	// meansLex is the means of a suicide that has no everyday use worth
	// writing about in a journal without saying what for.
	meansLex = `(?:rope|noose|helium|charcoal|razor ?blades?|blades|razors?|gun|handgun|revolver|firearm|pistol|rifle|shotgun|bullets|exit bag|ligature)`
	// timeCue says when: the difference between a wish and a plan.
	timeCue = `(?:tonight|today|tomorrow|this (?:morning|afternoon|evening|weekend|week)|right now|by (?:midnight|morning|tonight|the morning|the weekend|friday)|at midnight|(?:on |this |next )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|next week|soon|after (?:everyone|everybody|the kids|they|the house) (?:is|are|goes|go|has|have|falls|fall|fell) (?:asleep|to bed|to sleep|gone|out|quiet)|when (?:everyone|everybody|no one|nobody|the house) (?:is|goes|has gone|has|is home) ?(?:asleep|home|to bed|gone|out|quiet)?)`
	// secrecyCue is the resolve and concealment that marks "do it" as
	// an act against oneself.
	secrecyCue = `(?:(?:nobody|no one|no-one|noone) (?:can|will|is going to|could) (?:stop|know|find|save|notice)|before (?:anyone|anybody|someone) (?:can|could|finds|notices|wakes)|not telling (?:anyone|anybody|a soul)|(?:while|when|after|once) (?:everyone|everybody|they|the house|no one|nobody) (?:is|are|goes|go|falls|fell|has|have) ?(?:asleep|to bed|to sleep|home|out|gone)?)`
	// intent is a first-person future or resolve, after "i".
	intent = `(?:am )?` + adv + `(?:going to|about to|ready to|planning to|plan to|intend to|will|shall|want to|need to|have to|am going to|decided to|have decided to|finally going to|got to)`
	// finality says the writer will not be around.
	finality = `(?:(?:will not|never going to|am not going to|might not) (?:see|talk to|speak to|hear from|hug) (?:you|him|her|them|anyone|anybody|any of you|my \w+|\w+) (?:again|anymore|ever again)|(?:will not|might not|am not going to) be (?:here|around|alive) (?:next|for|much|by|after|to see|when)|(?:when|after|once) i am (?:gone|dead)|i will (?:already |long )?be (?:gone|dead)|this is goodbye|goodbye forever|(?:last|final) time (?:you will|i will|we will|i am)|never (?:see|hear from) me again)`
	// farewell is what people write to those they leave.
	farewell = `(?:tell (?:my |him |her |them |everyone |everybody )?(?:\w+ )?(?:that )?i (?:love|loved|am sorry)|i love you all|love you all|(?:please |i hope you can )?forgive me|i am (?:so )?sorry (?:for everything|it had to|for what|to do this|to leave)|thank you for everything|take care of (?:my|the|mum|mom|dad)|goodbye|had to be this way|it is (?:not|nobody is) (?:your|anyone is) fault)`
	// relief is how people say the world would take their death.
	relief = `(?:easier|better|relieved|relief|happier|fine|okay|ok|favou?r|lighter|freer|would not (?:mind|care|notice|miss me)|(?:nobody|no one) would (?:notice|care|miss|mind))`
	// ritual marks an integration exercise or ceremony as the frame of a
	// letter, a goodbye or a burial: "a goodbye letter to my old self".
	ritual = `\b(?:old|former|younger|future|past|inner|previous) (?:self|selves|me|child|life|job|identity|ego)|\britual|\bexercise|\bhomework|\bas part of\b|\bintegration\b|\bprompt\b|\bburn(?:ed|t|ing)? (?:it|them)\b|\bbirthday|\bchristmas|\bthank you (?:cards?|notes?)|\bwedding|\bholiday|\bgratitude|\bcard for\b|\bmy old job\b`
)
