package vetting

// Broad promise layer: one certainty or universal word and one change in
// the client anywhere in the same clause (up to fifteen words apart),
// instead of the fixed pairings of the other layers. Seven development
// waves showed that guarantees are said in more wordings than any pairing
// list holds ("my people they get well, always"), while the words that
// carry them, certainty and a change in the client, recur. It keeps every
// shared check: negation, hedges ("often", "may"), conduct promises and
// the coach's own history.

const (
	// brCertain is certainty, universality or a staked word.
	brCertain = `(?:always|every (?:single )?(?:client|person|one|time|participant)|everyone|everybody|all (?:of )?(?:my|our|the) (?:clients|people|participants)|(?:very |absolutely |completely |totally |100 percent )?(?:sure|certain)|guarantee\w*|i know (?:it|this|that)|without (?:fail|exception)|100 percent|hundred times|math|a fact|full stop|for good|forever|permanently|inevitabl\w*|each and every)`
	// brChange is a change in the client a coach cannot promise.
	brChange = `(?:(?:get|gets|got|getting|feel|feels|become|becomes|be|are|is) (?:\S+ )?(?:well|better|whole|free|calm|normal|yourself|healthy|lighter|healed|cured)|heal(?:s|ed)?|recover(?:s|ed)?|cured|behind (?:you|them)|(?:is|are|will be|be) (?:gone|over|finish\w*)|(?:give|gives|get|gets) (?:you |them )?(?:back )?(?:your|their) (?:calm|peace|life|sleep|joy|self|smile) back|(?:give|gives) (?:you|them) back|stops? (?:hurting|struggling|suffering)|no longer (?:struggle|suffer|hurt|carry)|free (?:of|from)|find (?:their|your) peace)`
	// brNoOne is a universal denial.
	brNoOne = `(?:nobody|no one|not one|none of (?:my|our|them)|zero|(?:0|no) (?:clients?|participants?|people))`
	// brStuck is a client staying as they were.
	brStuck = `(?:keeps? (?:carrying|struggling|suffering|hurting)|stays? (?:in|stuck|the same|sick|broken|unwell|anxious|depressed)|staying (?:in|stuck|the same)|left (?:unchanged|the same|stuck|as they came)|still (?:carr\w*|struggl\w*|suffer\w*|stuck|hurt\w*|haunted|sick|anxious|depressed)|unchanged|goes? back to|went back to)`
)

// Broad supply lexicons: something a client could take, and the coach
// making it available, in one clause.
const (
	// brConsumable is something a client could take.
	brConsumable = `(?:<sub>|(?:first|ceremonial|the) cups?|brew|batch(?:es)?|refills?|what (?:i|we) (?:grow|harvest|pick|make|brew)|(?:my|our) (?:harvest|stock|supply)|the supply side|grams|doses)`
	// brAvailable makes it the coach's to hand over.
	brAvailable = `(?:on me|on us|on the house|welcome to|go without|look after|take care of|standing order|every (?:month|week)|waiting|(?:my|our) kitchen|pass (?:\S+ )?on|need more|refill|text me|dm me|call me|message me|your choice|help yourself|all here|ready for you|in stock|a little of|some of)`
)

func broadRules() []rule {
	return concat(broadPromises(), rulesFor(SubstanceProvision, `@integrat\w*|legal\w*|licensed|service cent\w*|clinic\w*|trials?|research|harm reduction|risks?|test(?:ing)? kits?|herbal|chamomile|biscuits|coffee|snacks|vegetables|tomatoes|courgettes|herbs|sober`,
		`!`+needing(nearN(9, brConsumable+` ~6`, brAvailable), brConsumable, brAvailable),
	))
}

func broadPromises() []rule {
	return rulesFor(OutcomeGuarantee, `@confidential\w*|privacy|private|discretion|to listen|respect|honest\w*|judge?ment|safe space|attention|presence|boundaries|reply|respond|punctual\w*|on time|hope|hopes|might|may|can not|could|no one can|nobody can|safe|welcome|seriously|heard|support|listen\w*`,
		needing(nearN(9, brCertain+` ~6`, brChange), brCertain, brChange),
		`!`+needing(brNoOne+` ~9 ~6 `+brStuck, brNoOne, brStuck),
	)
}
