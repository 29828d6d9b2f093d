package vetting

// Promise rules: outcome guarantees by meaning rather than by sentence,
// written from the ways a result can be promised that development waves
// 25-26 set out before any rule was written: success rates and statistics,
// refunds tied to a result, time-bound endings, one session that fixes it,
// testimonials offered as proof ("you're next"), superlatives about
// results, litotes ("impossible not to heal", "no case I couldn't turn
// around"), a condition that "doesn't stand a chance", and certainty
// tags ("trust me", "mark my words") on a result. Negation and the shared
// context (hedges, conduct promises, study) still apply.

const (
	// pmResult is a client's state after a promised result.
	pmResult = `(?:normal|normal again|like yourself|free|freer|lighter|healed|whole|new|transformed|different|better|at peace|calm\w*|clear|happier|cured|fixed|yourself again|unstuck|reborn|renewed)`
	// pmEnd says a condition stops.
	pmEnd = `(?:stop|stops|end|ends|lift|lifts|vanish\w*|disappear\w*|fade|fades|go away|goes away|be gone|is gone|are gone|will be gone|is over|are over|will be over|dissolv\w*|melt\w* away|be history|is history)`
	// pmSymptom extends sgCondition with what follows a hard journey.
	pmSymptom = `(?:` + sgCondition + `|flashbacks|spirals?|loops?|triggers|dread|fog|confusion|overwhelm|the shaking|derealisation|derealization)`
	// pmStaked is a certainty tag put on a result.
	pmStaked = `(?:surely|certainly|definitely|how sure i am|that sure|that confident|how confident i am|i am (?:sure|certain)|this is sure|it is sure|(?:this|that) i know|no cap|for sure|i can say for sure|trust me|mark my words|believe me|take my word|i promise|i guarantee it|guaranteed|no doubt|count on it|100 percent|that is a promise|period|full stop)`
	// pmUnmet is a result not reached: "if you don't feel different",
	// "if your anxiety is still there" (not "if you're not happy with
	// our first call", which is about the service).
	pmUnmet = `if (?:you|your \S+) (?:\S+ ){0,2}(?:do not|does not|are not|is not|have not|has not|did not|are still|is still|still|fail to) ~4 (?:feel|see|notice|experience|lift\w*|gone|better|different|transformed|healed|results?|chang\w*|improv\w*|there|free|recover\w*|relief|heal\w*|<cond>|symptoms?)`
	// pmRefund is money back or no fee.
	pmRefund = `(?:refund\w*|money back|pay nothing|you do not pay|do not pay|no charge|free of charge|your money|costs? you nothing)`
)

// universalRules are results claimed for every client without a promise
// word: litotes about nobody failing ("never had anyone not see a
// result", "zero clients who did not get what they came for", "nobody
// leaves still burned out"), clients who never relapse, scores that fall
// by a figure, a programme that is the cure or succeeds every time, and a
// coach who makes sure a result lasts.
func universalRules() []rule {
	return rulesFor(OutcomeGuarantee, "",
		`!never had (?:a|one|any|someone|anyone|anybody|a single) (?:single )?(?:client|person|participant|couple)?s? ~1 (?:who (?:did not|does not|could not|was not|has not)|not (?:see|get|improve|heal|recover|feel))`,
		`!(?:zero|no|not one|not a single|none of (?:my|our)) (?:single )?(?:clients?|participants?|couples?|people)s? (?:who|that) (?:did not|do not|does not|have not|has not|could not) ~3 (?:get|see|improve|heal|recover|feel|find|achieve|resolve)`,
		`!(?:nobody|no one|no client|not one client) (?:ever )?(?:leaves|left|walks out|walked out|finishes|finished|completes|completed|goes home|went home) ~4 still`,
		`!(?:my |our )?(?:clients|couples|participants|guys|people) (?:who \S+ (?:\S+ )?(?:\S+ )?)?(?:do not|never|will not) (?:relapse|divorce|go back|slip back|backslide|return to)`,
		`(?:every|each) (?:single )?(?:client|participant|person|couple) (?:improves|succeeds|recovers|heals|gets better|sees results)`,
		`(?:scores?|symptoms?|levels?) (?:\S+ )?(?:drop|drops|fall|falls|go down|goes down|decrease|decreases|reduce|are reduced) ~3 (?:to zero|by (?:an average of |on average )?\d+ percent)|average (?:reduction|improvement|drop|decrease) ~4 \d+ percent`,
		`(?:is|are) the (?:cure|remedy|permanent fix|answer) (?:for|to)|(?:succeeds|works|delivers) ~1 every (?:single )?time|always (?:see|get|achieve|experience) (?:lasting |real |permanent )?(?:results|healing|breakthroughs?|recovery)`,
		`(?:eliminates?|eliminating|erases?|ends|breaks?) (?:your |their |the |all )?(?:<cond>|adhd|trauma)\b|enough to (?:break|cure|end|fix|heal|clear|lift|erase) (?:your|their)|your (?:<cond>|trauma) (?:is|will be) (?:done|over|history)`,
		`make sure ~4 (?:last\w* forever|lasts?|stronger than|better than|never comes? back)|(?:stop|stops) needing (?:therapy|<med>|treatment|a therapist)`,
	)
}

func promiseRules() []rule {
	return rulesFor(OutcomeGuarantee, "",
		// "a 92% improvement within eight weeks", "nine out of ten clients recover"
		`(?:\d+|ninety\w*|eighty\w*|nine|ten) (?:percent|out of (?:10|ten)) ~4 (?:improv\w*|reduc\w*|success\w*|recover\w*|heal\w*|cured|free|better|symptom\w*|results?|remission|relief)`,
		`(?:improvement|success|recovery|cure|healing|remission) rates?`,
		// "If you don't feel transformed after three sessions, full refund"
		`!`+pmUnmet+` ~9 ~4 `+pmRefund,
		`!`+pmRefund+` (?:\S+ ){0,2}`+pmUnmet,
		`(?:results?|healing|recovery|transformation|change) (?:\S+ )?(?:or|otherwise) (?:\S+ )?`+pmRefund,
		// "Within two weeks the panic will stop", "in three sessions your flashbacks end"
		`(?:in|within|by the end of|after) (?:\S+ ){0,3}(?:days|weeks|months|sessions|calls|hours) (?:, )?~3 `+pmSymptom+` (?:will )?`+pmEnd,
		// "One session and it's gone", "a single weekend fixes it"
		`(?:one|a single|two|three|single|just one) (?:\S+ )?(?:session|weekend|call|conversation|day|retreat|week)s? (?:and|is all it takes|, and|,) ~4 (?:gone|fixed|over|cured|healed|resolved|yourself again|free|whole|done)`,
		`(?:session|sessions|weekend|program\w*|call|method|process|protocol|container|retreat) (?:fixes|heals|cures|resolves|ends|clears|erases|dissolves|removes) (?:it|this|that|them|everything|you|all of it)`,
		// "impossible not to heal", "you can't fail to transform"
		`!(?:impossible|hard to imagine|unthinkable|cannot|can not|no way) (?:\S+ ){0,4}(?:not to|to not|fail to|fail|without) ~3 (?:heal\w*|recover\w*|transform\w*|change|improv\w*|benefit|get better|feel better|come out|break through)`,
		// "your depression won't survive our work", "doesn't stand a chance"
		`!`+pmSymptom+` (?:\S+ ){0,3}(?:does not|do not|will not|would not|can not) (?:stand a chance|survive|last|stick around|make it)|`+pmSymptom+` (?:has|have) nothing on|(?:is|are) no match for (?:this|my|our|me)`,
		// "I dissolve spiritual emergencies permanently", "I end your panic for good"
		`<self> (?:cure|end|dissolve|erase|eliminate|fix|clear|heal|resolve|remove|banish|reverse|stop) ~5 (?:for good|permanently|forever|once and for all|in (?:\d+|one|two|three|four|five|six|a few|just \S+) (?:days|weeks|sessions))`,
		// "There is no case I couldn't heal", "never met a client I wasn't able to fix"
		`!(?:(?:never|yet to) (?:met|meet|had|have|seen|see|worked with|work with|found|find|taken on)|there is no|there has never been a|no|not one|not a single) (?:\S+ ){0,3}(?:case|client|person|one|problem|trauma|condition|issue|story|`+pmSymptom+`) (?:that |whom |who )?(?:i|we) (?:could not|can not|was not able to|were not able to|have not been able to|failed to|did not|could n t) ~2 (?:heal|help|fix|cure|turn around|resolve|shift|reach|clear|transform)`,
		// "Clients invariably leave lighter", "people without exception walk out at peace"
		`(?:clients|people|participants|everyone|every client|each client|all of them) (?:always|invariably|without exception|without fail|all|reliably|consistently) ~3 (?:leave|walk out|finish|go home|come out|feel|heal|recover|find|break through|transform)`,
		// "Five people healed completely; you will too", "hundreds cured: you're next"
		`!`+needing(`(?:you are no different|you will be no different|you will be no exception|you will too|so will you|you are next|you will be next|you could be next|the same will happen for you|you can expect the same|same for you|your turn)`, `(?:heal\w*|cured|recover\w*|transform\w*|free|whole|turned \S+ around|never looked back|broke through|breakthrough\w*)`),
		// "Proven on hundreds of clients", "tested on 200+ people: it works"
		`(?:proven|tested|validated|verified) (?:on|with|across|by|in) ~3 (?:clients|people|participants|cases|journeyers)`,
		// "The only integration method that actually heals trauma"
		`(?:only|most effective|fastest|best|number one|surest|most powerful|quickest) ~4 (?:method|program\w*|approach|process|system|coach|way|protocol|modality|container|work) (?:that |which )?(?:actually |truly |really |reliably |finally |genuinely |will )?(?:heals|cures|works|fixes|ends|clears|resolves|guaranteed|delivers results|gets results)`,
		// "You're going to wake up lighter, trust me"
		needing(`you (?:will|are going to|are gonna|gonna|re going to|shall) (?:\S+ ){0,3}`+pmResult, pmStaked),
		needing(`(?:you|u) (?:will|are going to|shall|become|are|get) ~6 (?:`+pmResult+`|healthy|well|laugh|look back|heal\w*|recover\w*|over it|past it|through it)`, pmStaked),
		// "every single person who has trusted me with their anxiety has come out the other side free of it"
		`!(?:every (?:single )?(?:person|client|one|participant)|everyone|all (?:of )?(?:my|our) clients) (?:who|that) ~9 ~3 (?:has|have|had) (?:\S+ ){0,2}(?:come out|walked away|left|emerged|recovered|healed|got|found|become|been|gone) ~6 (?:free|healed|whole|better|peace|lighter|transformed|recovered|back)`,
		// "clients who complete it reliably leave behind the anxiety"
		`(?:reliably|always|invariably|consistently|without fail) (?:leave behind|lose|shed|let go of|overcome|beat|get over|drop|leave) (?:the |their |your )?(?:\S+ )?`+pmSymptom,
		// "1) Free call. 2) Six sessions. 3) Your life back."
		`^(?:\d+ )?(?:your|their) (?:life|lives|old self|self|joy|sleep|peace|freedom|future) back$`,
		// Headlines and lists: "End the flashbacks", "Feel 100% yourself again in one month", "Never relapse again"
		`^(?:end|beat|kill|crush|cure|erase|banish|say goodbye to|get rid of|eliminate|conquer) (?:the |your |all |after \S+ )?(?:\S+ )?`+pmSymptom,
		`(?:feel|be) (?:like )?(?:you|yourself) (?:again )?(?:, )?(?:for good|forever|permanently)`,
		`(?:feel|be) (?:100 percent |fully |completely |totally )?(?:yourself|like yourself|normal|whole|free|healed|new) (?:again )?(?:in|within) (?:\S+ ){0,2}(?:days?|weeks?|months?|sessions?)`,
		`!^never (?:relapse|struggle|suffer|panic|spiral|feel (?:\S+ )?(?:anxious|lost|broken|stuck|afraid)) again`,
		`!never (?:\S+ ){0,2}let (?:\S+ ){0,3}down`,
		// "Depression after ceremony ends here", "your breakthrough is booked", "I bring the fix"
		pmSymptom+` (?:\S+ ){0,3}(?:ends|stops|dies) (?:here|now|today|with me)`,
		`(?:breakthrough|healing|recovery|transformation|results?) (?:is|are) (?:booked|locked in|in the bag|a done deal)`,
		`(?:i|we) (?:bring|provide|deliver|have) (?:the |a )?(?:fix|cure|results|healing)\b`,
		// "fully clear by session five, and nobody needs more than eight"
		`!(?:nobody|no one|no client|none of (?:my|our) clients) (?:\S+ )?(?:needs|needed|has needed|takes|took) more than`,
		`(?:fully|completely|totally|entirely) (?:clear|free|healed|recovered|better|well|resolved) (?:by|within|after) (?:the )?(?:session|week|day|month|end)`,
		// "integration problems are solved in short time, surely"
		needing(`(?:problems?|issues?|difficulties|struggles?|crisis|crises|symptoms|`+pmSymptom+`) (?:are|is|will be|get|gets) (?:\S+ )?(?:solved|resolved|fixed|cleared|gone|finished|over|healed)`, pmStaked),
		// "it always lands: an end to the spiralling", "results speak for themselves"
		`(?:always|reliably|never fails to) (?:lands|delivers|brings|produces|gets)`,
		`(?:results|track record|success rate|success stories|outcomes) speaks? (?:for (?:themselves|itself)|louder)`,
		// "years of therapy couldn't do what four sessions with me will do"
		`!(?:could not|can not|never|did not) do what (?:\S+ ){0,4}(?:with me|with us|my \S+|this \S+|our \S+) (?:will|can|does|do)`,
		// "If you're ready, I can end this for you."
		`<self> (?:can|will|am going to) (?:end|fix|heal|cure|take away|lift|clear|resolve|stop) (?:this|it|that|all of (?:this|it)) (?:for you|for good|forever|once and for all)`,
		// "I don't believe in 'results may vary'", "it's not if you'll heal, it's when"
		`!(?:do not (?:believe in|do)|no more|forget|none of) (?:\S+ ){0,2}(?:results may vary|maybes?|it depends)`,
		`!not (?:about |a question of )?(?:if|whether) (?:you|you will|you ll|you are going to) ~2 (?:heal|recover|transform|get better|feel better|change|break through|be free) (?:, )?(?:it is|but|only) (?:a question of )?when`,
		// "Zero relapses in eight years", "the only thing you will lose is your trauma"
		`(?:zero|0) (?:relapses?|failures?|failed cases|unhappy clients|setbacks|clients who (?:relapsed|failed|did not))`,
		`(?:only thing|all) you (?:will|are going to) (?:lose|leave behind|walk away from|let go of) (?:\S+ ){0,2}(?:is|are) (?:your |the )?`+pmSymptom,
		// "the bad feelings are not coming back, for sure"
		`!(?:`+pmSymptom+`|feelings|bad feelings|it|they|them|those|that) (?:\S+ ){0,6}(?:not|never|no longer) (?:be )?(?:coming back|come back|returning|return|there (?:anymore|any more|again)|a problem (?:anymore|any more|again))`,
		// "3 sessions: that's all it takes to get your life back"
		`(?:all it takes|all you need|is all it takes|is enough) ~4 (?:`+pmResult+`|life back|yourself back|heal\w*|recover\w*|to feel|over|gone)`,
		// "or we keep going at no charge until it does"
		`!(?:keep going|keep working|continue|work with you|coach you|see you|keep coaching|stay with you|not stop|keep at it) (?:\S+ ){0,4}until (?:it works|it does|you do|you (?:heal|are healed|feel better|get results|are free|recover|see results|are better))`,
		// "six weeks with me and the past stops hurting"
		`(?:\S+ )?(?:weeks|months|sessions|days|calls) (?:with me|together|of this|in my program\w*|with us) (?:and|,) ~5 (?:`+pmEnd+`|stops? hurting|`+pmResult+`|heal\w*|recover\w*)`,
		// "transformation is not a possibility here, it is the outcome"
		`!(?:transformation|healing|recovery|results?|change|freedom|relief) (?:\S+ )?(?:is|are) (?:not (?:a )?(?:possibility|maybe|hope|question|if)|the outcome|what happens|the result|a given)`,
		// "I'll make sure you heal", "I ensure the nightmares stop"
		`(?:make sure|ensure|see to it) (?:that )?(?:you|your \S+|the \S+) ~3 (?:heal\w*|recover\w*|gone|stop|stops|end|ends|free|better|whole|transformed|cured|fixed)`,
		// "Healing is a given", "your recovery is inevitable when you commit"
		`(?:healing|recovery|results?|transformation|change|freedom|relief|breakthrough) (?:is|are|will be) (?:a given|inevitable|certain|assured|a certainty|a sure thing|a done deal)`,
	)
}
