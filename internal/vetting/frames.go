package vetting

// Frame rules (safety3 round): guarantees and supply recognised by the
// shape of what is said rather than by the phrases seen in earlier waves.
// Each frame is a small grammar written from the category definition:
//
//   - guarantee frames put a change in the client (frResult) under one of
//     four operators: a future stated as fact ("you will leave
//     transformed"), a deadline ("within 30 days you'll be sleeping
//     soundly"), the coach or the method as the agent of a cure ("I cure
//     it", "my method ends it"), or a label that stakes the sentence ("that
//     is our commitment", "I give my word", "with full confidence");
//     statistics about clients ("100% of participants", "97 out of 100")
//     count as a universal operator;
//   - supply frames put the coach's offer (an introduction, help with
//     access, taking care of, weighing out, keeping a jar for clients)
//     next to something a client could take or a source of it (the
//     substance lexicon, "the right people", a grower, "product").
//
// Every match still passes the shared negation (a denial earlier in its
// clause: "I won't point you to anyone who sells") and context checks
// (hedges, conduct promises, study, legal frameworks, harm reduction), and
// each frame also names the words that make it someone else's business
// (a therapist, a clinic, resources, care).

const (
	// frResult is a change in the client a coach cannot promise. Words
	// that are common in clean bios as nouns of an offer ("a space for
	// healing", "transformation") are left out in those forms.
	frResult = `(?:heal(?:ed|s)?|cur(?:e|es|ed)|curable|recover(?:ed|s)?|mended|transformed|(?:feel|be|are|is|become) whole|whole again|well again|(?:get|gets|got|be|are) well|at peace|peaceful|(?:find|found|finds) (?:their |your |his |her |lasting |real |true |inner )*peace|lasting peace|free (?:of|from)|unstuck|renewed|reborn|restored|(?:a )?(?:new|different|changed) (?:person|man|woman|human|you)|(?:yourself|themselves|himself|herself) again|like (?:yourself|themselves) again|right as rain|back to (?:normal|yourself|baseline|life|your old self|their old selves)|(?:return|returns|returned) to (?:baseline|normal)|sleep(?:ing|s)? (?:soundly|through the night|well again)|thinking clearly|(?:is|are|be|been|was|were|get|gets|got) (?:fully |completely |all )?resolved|(?:is|are|be|stays?|stayed) lifted|(?:will be|is|are|be|it is) (?:\S+ )?(?:gone|over|history|finished|finish|a memory|a thing of the past)|behind (?:you|them)|(?:feel|feels|be|are) (?:\S+ )?(?:better|lighter|calm|free)|symptom free|(?:anxiety|depression|panic|trauma|fear|pain) free|(?:your|their) (?:life|calm|peace|sleep|joy|self|smile|spark) back|recogni[sz]e (?:yourself|themselves)|(?:clear|calm|normal|happy|whole|free|light|well|okay|good) again|(?:something|a thing) (?:you|they) used to (?:have|carry|feel|know|live with)|(?:<cond>|trauma|panic|fear|symptoms|pain|nightmares|night terrors|flashbacks|dread) (?:\S+ )?(?:resolved|gone|healed|cured|lifted|disappeared|stopped|ended))`
	// frHedge makes a result possible rather than promised, or says the
	// result is not the coach's to give.
	frHedge = `may|might|could|hope\w*|often|usually|typically|tend\w*|most|many|some|several|can help|helps?|aim\w*|intend\w*|invit\w*|toward|towards|learn\w*|tools?|practices?|skills?|explore|understand\w*|space for|support\w*|able to|chance|opportunit\w*|step|path|work on|no guarantee\w*|not guarantee\w*|can not promise|do not promise|will not promise|results vary|everyone is different|your own pace|if you|whether`
	// frFuture is a future stated as fact about the client or the trouble.
	frFuture = `(?:you|u|they|clients|participants|people|guests|it|this|that|everything|your \S+|their \S+|the \S+) (?:will|shall|are going to|is going to|gonna) (?:\S+ ){0,4}`
	// frDeadline is a result tied to a time.
	frDeadline = `(?:(?:within|in|after) (?:just |only |the first )?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|thirty|ninety|a|a couple(?: of)?|a few) (?:days?|weeks?|fortnight|months?|sessions?|calls?|meetings?)|by (?:the )?(?:end|close|last|final) (?:of )?(?:\S+ ){0,3}(?:days?|weeks?|sessions?|calls?|weekend|program\w*|retreat|course)|in a (?:fortnight|weekend))`
	// frAgent is the coach or the method doing the cure.
	frAgent = `(?:i|we|my (?:method|program\w*|protocol|approach|process|system)|our (?:method|program\w*|protocol|approach|process|system)|this (?:method|program\w*|protocol|work))`
	// frCureVerb is ending a trouble, done by the agent.
	frCureVerb = `(?:cure|cures|fix|fixes|heal|heals|resolve|resolves|erase|erases|eliminate|eliminates|end|ends|remove|removes|lift|lifts|dissolve|dissolves|undo|undoes|solve|solves|wipe|wipes)`
	// frTrouble is what a cure is done to.
	frTrouble = `(?:it|them|this|that|you|<cond>|your \S+|their \S+|trauma|the (?:anxiety|depression|panic|fear|trauma|dread|damage|pain|flashbacks|nightmares|spiral))`
	// frLabel stakes a sentence: what it says is promised.
	frLabel = `(?:(?:that|this) is (?:my|our) (?:commitment|promise|guarantee|word|pledge)|(?:my|our) (?:commitment|pledge) to you|i (?:give|stake|bet|put) (?:you )?my (?:word|name|reputation|life)|i stake|(?:this|that|it) is (?:sure|certain|a certainty|a fact|math|science|not (?:marketing|a hope|hope|a maybe))|(?:this|it) i (?:am|know) (?:very |absolutely |completely |totally |100 percent )?(?:sure|certain|for sure)|i am (?:very |absolutely |completely |totally |100 percent )?(?:sure|certain|confident) (?:of|about) (?:this|it|that)|with (?:full|total|complete|absolute|100 percent) confidence|without (?:a |any )?doubt|mark my words|i will say it plainly|say it plainly)`
	// frUniversal is every client, said as a floating quantifier.
	frUniversal = `(?:they (?:are |were |have |will |all )?all|all of them|each of them|every (?:single )?one of them|each and every one|every last one|to a (?:man|woman|person))`
	// frStat is a share of clients, said as a statistic.
	frStat = `(?:(?:\d+|one hundred|a hundred|ninety \S+) percent (?:of )?(?:my |our |the |all )?(?:clients|participants|people|graduates|employees|attendees|guests|cohorts?|those|members|students)|(?:\d+|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|hundred)(?: \w+)?) (?:out of|of|in) (?:\d+|ten|twenty|fifty|a hundred|hundred|every|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?: \w+)?) (?:clients|participants|people|graduates)?|every (?:single )?(?:cohort|group|graduate|case|retreat|programme|program)|(?:one|a single) outcome)`
)

// Supply frames.
const (
	// frSource is a source of a substance, said politely.
	frSource = `(?:the right (?:people|person|folks|circles|contacts|hands)|a (?:\S+ )?(?:grower|supplier|vendor|plug|guy|source|connect)|growers|suppliers|vendors|sources|someone (?:who|that) (?:grows|has|makes|sells|can get|can provide|provides)|people (?:who|that) (?:grow|have|make|sell|can get|can provide|provide)|(?:my|our) (?:contacts|connections|network|people|guy|supplier|source|grower|growers|plug)|trusted (?:people|sources|growers|suppliers|contacts|friends)|(?:good |trusted |old )?friends (?:who|that) (?:can )?(?:provide|grow|supply|have))`
	// frElsewhere makes a source or an access someone else's care.
	frElsewhere = `therap\w*|doctors?|clinician\w*|psychiatr\w*|psycholog\w*|counsel\w*|resources?|services?|support|groups?|(?:health|mental health|medical|clinical|primary|aftercare|after) care|clinics?|crisis|professional\w*|legal\w*|lawyers?|harm reduction|cent(?:er|re)s?|program\w*|integration|facilitators?|medical|hotlines?|helplines?|insurance|treatment|licensed|retreats?|information|books?|research|community|peers?|practitioners?|coach\w*`
	// frGive is the coach giving, arranging or preparing something.
	frGive = `(?:take|takes|taking|took) care of|handle|handles|handled|organi[sz]e\w*|sort|sorts|sorted|arrang\w*|prepar\w*|weigh\w*(?: out)?|measur\w* out|portion\w*|brew|brews|brewed|cook|cooks|cooked|pick\w* up|drop\w* off|bring|brings|look after|looks after|cover|covers|source|sources|sourced|provide|provides|provided|supply|supplies|supplied|dispens\w*|hand\w* out`
	// frTakeable is something a client could take.
	frTakeable = `(?:<sub>|sacrament|the medicine|your medicine|their medicine|doses?|dosage|brew|product|the good stuff|good stuff|what you need for (?:the|your) (?:journey|ceremony|trip)|everything (?:you need )?for (?:the|your) (?:journey|ceremony|trip))`
)

func frameRules() []rule {
	hedge := `@` + frHedge + `|confidential\w*|privacy|private|discretion|to listen|respect|honest\w*|judge?ment|safe space|attention|presence|boundaries|reply|respond|punctual\w*|on time|heard|seen|welcome|safe|supported`
	return concat(
		rulesFor(OutcomeGuarantee, hedge,
			// "you will leave transformed", "the panic will be finish for you"
			needing(frFuture+frResult, frResult),
			// "within 30 days you'll be sleeping soundly"
			needing(nearN(9, frDeadline, frResult), frResult),
			// "that's our commitment", "I give my word" next to a result
			needing(frLabel, frResult),
			// "not one of the 300 people I have guided has left without finding peace"
			`!(?:not one|not a single|no one|nobody|none|no client|no participant) ~9 (?:has|have|had|ever) (?:ever )?(?:left|walked (?:away|out)|gone home|finished|come out|gone) ~2 without`,
			// "a 100% return to baseline", "a 100% recovery rate"
			`(?:\d+|one hundred|a hundred) percent (?:\S+ ){0,2}(?:success|recovery|cure|remission|healing|return to (?:baseline|normal)|relief|results?)`,
			// "rewired for life", "that chapter closes for good"
			needing(`(?:for life|for good|forever|permanently|once and for all)`, `(?:rewired|reset|reprogrammed|rewritten|released|cleared|closes|closed|healed|cured|fixed|gone|resolved|free|ended|ends|over|stop|stops|stopped|lift|lifts|lifted)`),
			// "they all leave at peace", "each of them found their peace", "for all persons it works"
			needing(nearN(9, frUniversal, frResult), frUniversal, frResult),
			`(?:for (?:all|every|each) (?:\S+ )?(?:persons|people|clients|one|person|client) it works|(?:it|this|my method|the method) works for (?:all|every|each|everyone|everybody))`,
			// "it can't not work", "no such thing as a case I can't resolve"
			`(?:can not|could not|will not) not (?:work|help|heal|succeed)|no (?:such thing as )?(?:a |an )?(?:\S+ ){0,2}(?:case|client|person|problem|situation) (?:that )?(?:i|we) (?:can not|could not|have not been able to) (?:help|heal|resolve|fix|turn around|handle|crack|solve)`,
		),
		// "I cure it", "my method ends it": the verbs' shared prefixes
		// hide a literal from gateFor, so the gate is written out.
		withGate(rulesFor(OutcomeGuarantee, hedge,
			frAgent+` (?:can |will |do |does |always |simply |just )?`+frCureVerb+` `+frTrouble,
		), "cure", "fix", "heal", "resolv", "erase", "elimin", "end", "remov", "lift", "dissolv", "undo", "solv", "wipe"),
		// "100% of participants", "97 out of 100 clients" with a result
		withGate(rulesFor(OutcomeGuarantee, hedge,
			needing(frStat, frResult),
		), "percent", " of ", " in ", "every", "outcome"),
		rulesFor(SubstanceProvision, `@@`+frElsewhere,
			// "I'll point you to the right people if you want to journey at home"
			needing(`(?:point|direct|send|connect|introduce|link|put|hook) (?:you|u|clients|people|them|folks|guests) (?:up )?(?:in touch |in contact )?(?:to|with) ~2 `+frSource, `<sub>|<live>|journey\w*|find|get|access|sourc\w*|at home|on your own|yourself`),
			// "We have good friends who can provide, I will put you in contact"
			frSource+` ~6 (?:i|we) (?:will|can|would) (?:\S+ )?(?:put|connect|introduce|link)`,
			// "I know someone.", "I've got a reliable guy"
			`(?:i|we) (?:know|have|got|have got) (?:a (?:reliable |trusted |good |great )?(?:guy|person|contact|grower|supplier|source|plug|connect)|someone|somebody)(?: (?:for|in|who|that) \S+)?$`,
			`(?:i|we) (?:have|got|have got) (?:a|my|our) (?:reliable |trusted |good |great |own )?(?:guy|contact|grower|supplier|source|plug|connect)(?:$| and| ,| for| who| that| i| we| in)`,
			// "clients who want to try it don't need to look elsewhere", "my clients never go without"
			`!`+needing(`(?:do not|does not|never|no) (?:need|have|has) to (?:look|search|go looking|hunt|shop|buy|source|find) (?:\S+ ){0,2}(?:elsewhere|anywhere else|for it|it|themselves|yourself|anything)|(?:never|do not|does not) go without`, `<sub>|<live>|try it|clients|members|guests|journey\w*`),
			// "the other sacrament is on the table for those who ask"
			needing(`(?:on the table|on offer|on hand|available|ready|waiting|there) (?:\S+ ){0,2}(?:for|to) (?:those|anyone|clients|you|guests|members|people|whoever) (?:who|that) (?:ask|asks|want|wants|request|requests|need|needs)`, `<sub>`),
			// "keeps the medicine flowing for members"
			`(?:keep|keeps|keeping) (?:the |your |our )?(?:<sub>|sacrament|supply) (?:flowing|coming|stocked|topped up|in stock)`,
			// "I can help with access", "help you find a safe source"
			`help\w* (?:you |clients |people |them )?(?:with |to )?(?:get |gain |getting |gaining )?access\b`,
			`help\w* (?:you |clients |people |them )?(?:to )?(?:find|get|source|obtain|secure|locate) (?:a |the |your )?(?:safe |clean |good |reliable |trusted |quality )?(?:source|supply|supplier|grower|<sub>)`,
			// "Nadia takes care of the sacrament", "I can drop off what you need"
			`(?:`+frGive+`) (?:\S+ ){0,3}`+frTakeable,
			needing(`(?:`+frGive+`) (?:\S+ ){0,2}what (?:you|they) need`, `<sub>|<live>|journey\w*|ceremon\w*`),
			// "Each participant's dose is weighed out by me"
			`(?:doses?|dosage|<sub>|sacrament|product|brew) (?:is |are |gets |get )?(?:\S+ ){0,2}`+spMade+` (?:out )?(?:by (?:me|us|our team|the team|myself|hand)|in house|for (?:you|each|every|clients|guests))`,
			// "I keep a jar in the cupboard for clients"
			`(?:i|we) (?:keep|have|hold|store) (?:a |some |my |our )?(?:\S+ )?(?:jar|stash|vial|batch)s? (?:in|on|at|for|ready|behind|under) ~4 (?:clients|you|people|anyone|those|guests|participants|members)`,
			// "coaching with product", "integration + medicine, one package"
			`(?:coaching|sessions?|package|ceremony|retreat|program\w*|integration) (?:with|plus|and) (?:the |our )?(?:product|sacrament|medicine)(?: included| provided| one package)?$|(?:coaching|sessions?) with product`,
			// "all inclusive: accommodation, organic meals, ayahuasca"
			`(?:all inclusive|includes?|including|included|comes with|covers?)(?: :)? (?:[^ ;?!]+ ){0,8}<drug>`,
			// "I can sort everything for a home ceremony: blankets, music and the truffles"
			needing(`(?:i|we) (?:can |will |also |personally |happily )?(?:provide|supply|bring|sort|arrange|organi[sz]e|source|get|take care of|handle) (?:[^ ?!]+ ){0,14}(?:<drug>|sacred brew|the brew|sacrament)`, `<drug>|sacred brew|the brew|sacrament`),
			// "Home-grown, lovingly dried, shared only with clients I trust"
			`(?:home grown|grown|harvested|dried|brewed|picked|foraged|cultivated) (?:[^ ;?!]+ ){0,8}(?:shared|share|passed on|given|offered|available|sold|handed out) (?:\S+ ){0,3}(?:to|with|for) (?:my |our |the )?(?:clients|you|guests|participants|members|those|people who)`,
			// "need a plug for your first trip?", "anyone looking for a reliable connect"
			`(?:need|want|looking for|searching for|in search of) (?:a |an )?(?:reliable |trusted |good |safe |decent )?(?:plug|connect|supplier|dealer|hook ?up)\b`,
			// "my cousin grows — my clients never run out"
			`!`+needing(`(?:clients|you|members|guests|participants|people|they) (?:are |will |do )?(?:never|not) (?:run out|go short|short|without|have to go without)`, `<sub>|grow\w*|cultivat\w*|supply|supplied|stock|brew|harvest\w*`),
			// "Medicine is part of what I offer", "ask about availability"
			`(?:<sub>|sacrament|product) (?:is |are )?(?:part of|included in|available (?:with|through|from)) (?:what|the|my|our) ~3 (?:offer|package|program\w*|fee|price)`,
		),
	)
}

// withGate sets the literal pre-check of rules whose pattern hides one
// from gateFor; every match must contain one of lits
// (TestGatesAreNecessary checks this on the corpus).
func withGate(rules []rule, lits ...string) []rule {
	for i := range rules {
		rules[i].gate = lits
	}
	return rules
}
