package vetting

// Signal rules: concept pairs written from the category definitions for
// the wordings a development corpus of varied voices (testdata/dev) showed
// the older layers missed: indirect and universal promises, euphemistic
// sourcing, serving or leading while people are under the influence, and
// unlicensed claims to do what clinicians do. Every match still passes
// negation (isNegated) and the shared context (context.go).

const (
	// sgEveryone is the coach's clients taken as a whole.
	sgEveryone = `(?:everyone|everybody|every single one|all of them|(?:every|each|all|any) ~3 (?:clients?|persons?|people|participants?|ones?|who|i|we|that))`
	// sgNoOne is "no client", said many ways; each head is its own rule
	// (see noOneRules) so that every rule keeps a literal gate.
	// sgRelapse is a client failing or staying where they were.
	sgRelapse = `(?:(?:not|never|did not|does not|has not|have not|was not|were not|could not|would not) (?:\S+ )?(?:heal\w*|recover\w*|improv\w*|transform\w*|chang\w*|find|found|get|got|feel|felt|break|broke|benefit\w*|see|saw|make|made|leave|left|come|came|walk|walked|work\w*|shift\w*)|failed|without|(?:stayed|stays|stay|remains|remained|remain) (?:depressed|anxious|stuck|sick|the same|addicted|broken|in pain)|stuck|still (?:carrying|stuck|suffering|in pain|sick|the same|has|have|had|struggl\w*|depressed|anxious)|back to|returned to|relapsed|went back|gone back|(?:left|leave|leaves|walked out|went home|gone home|finished) (?:\S+ )?(?:the same|unchanged|no different|as they (?:came|arrived)))`
	// sgSuccess is a client reaching a hoped-for result.
	sgSuccess = `(?:heal\w*|recover\w*|transform\w*|turn\w* around|breakthrough\w*|found (?:peace|freedom|healing)|finds? (?:peace|freedom|healing)|changed|free|better|whole|thriv\w*|lighter|works? for|worked for)`
	// sgCondition is what a client might suffer from.
	sgCondition = `(?:<cond>|your past|trauma|pain|grief|fear|fears|night terrors|nightmares|panic attacks|burnout|sadness|shame|wounds|old patterns|demons|darkness|suffering|struggles?|symptoms)`
	// sgEnded says a condition is over.
	sgEnded = `(?:a stranger|a distant memory|in the past|ends here|ends now|ends today|stops here|ends with me|stays? gone|goes away for good|finish\w*|over|gone|a memory|history|behind you|ended|a thing of the past|no more|disappear\w*|vanish\w*|lift\w*|dissolv\w*|melt\w* away)`
	// sgCertain makes a result certain, universal or time-bound.
	sgCertain = `(?:full stop|a certainty|a sure thing|without (?:exception|fail)|no exceptions|perfect (?:record|track record|success)|(?:ten|10) out of (?:ten|10)|every single (?:time|client|one)|in (?:a single|one|just one) session|in \d+ (?:days|weeks|sessions)|or less|or your money back|guaranteed|for good|forever|permanently|always (?:works|heals)|100 percent|i always finish)`
	// sgOutcome is a result a client hopes for, or what they suffer from.
	sgOutcome = `(?:heal\w*|cur(?:e|es|ed|ing)|recover\w*|transform\w*|unstuck|free (?:of|from)|breakthrough\w*|results?|better|disappear\w*|relief|peace|whole|it works|works|<cond>|trauma|fear|pain|panic|grief|suffering)`
	// sgSupplyAct is handing over, making or obtaining something.
	sgSupplyAct = `(?:(?:get|gets|getting) (?:you|clients|them|people) |procur\w*|deliver\w*|supply|supplies|supplied|sourc\w*|sell|sells|selling|sold|brew\w*|serv(?:e|es|ed|ing)|pour\w*|grow(?:s|ing|n)?|arrang\w*|order\w*|ship\w*|post(?:ed|ing)?|mail\w*|hand\w* out|part of the package|included|comes with|provid\w*)`
	// sgHandOver is the coach giving or passing something on.
	sgHandOver = `(?:welcome to (?:some|it|a share|a bit)|available to (?:clients|you)|share|sharing|shares|pass\w* (?:some |it |them )?(?:along|on)|give (?:some|you some|away)|gift\w*|spare|extra|happy to share|set you up|sort you out|take care of (?:that|it|the rest)|handle (?:that|it|the rest))`
	// sgLiveTime is the time a client is under the influence.
	sgLiveTime = `(?:for (?:your|the|their) (?:\S+ )?<drug> (?:sessions?|journeys?|trips?|experiences?|ceremon\w*)|(?:people|clients|you|someone|anyone) (?:taking|using|drinking|tripping on) (?:<drug>|medicine|psychedelics)|once you (?:have )?(?:taken|dosed|drunk|eaten|swallowed) (?:the |your )?(?:medicine|<drug>|dose|tea|brew|mushrooms)|(?:each|every) wave (?:as it comes|of the (?:medicine|journey|trip))|from (?:dosing|dose|the dose|the first dose|ingestion|the first sip) (?:to|until) (?:landing|the end|coming down|comedown|dawn|sunrise)|the day of (?:your|the|their) (?:journey|trip|ceremony|dosing)|(?:all|whole|entire) (?:the )?(?:time|duration|length) of (?:the|your|their) (?:trip|journey|ceremony|session|experience)|(?:you|they|people|clients|folks|someone) (?:are |is )?(?:on|under) (?:the )?(?:<drug>|medicine|psychedelics|substances|acid)|(?:when|as|while) (?:the |your |their )?(?:medicine|<drug>|mushrooms?|brew|tea|substance|dose) (?:teacher |spirit |grandmother )?(?:[a-z]+s|is [a-z]+ing|does (?:its|her|his|their) work)\b|for the (?:duration|length|rest) of (?:your|the|their) (?:\S+ )?(?:journey|trip|ceremony|session|experience)|(?:present|there) throughout|from the (?:moment|minute|time) (?:you|they) (?:take|drink|swallow|eat|dose|ingest)|(?:from )?the first (?:sip|cup|dose)|until (?:you|they|everyone) (?:come|are|is|land) (?:back|down)|until (?:you|they|everyone|clients|people) (?:lands?|comes? down|are down|returns?)|come back down|back on solid ground|until (?:dawn|sunrise|morning)|through (?:the|the whole|the entire) night|all night|overnight|(?:entire|whole|full|complete) (?:home |first |mushroom |lsd |psilocybin |medicine |<drug> )?(?:journey|trip|ceremony|session|experience|voyage)|\d+ (?:to \d+ )?hours of|(?:six|eight|five|four|seven) (?:to (?:six|eight|ten|seven) )?hours of|while (?:the )?(?:medicine|it|they|you|<drug>|mushrooms?) (?:works?|is working|takes? effect|comes? on|kicks? in|peaks?|are peaking)|(?:when|as) (?:the |your |their )?(?:medicine|<drug>|journey|trip|mushrooms?|experience|dose) (?:comes? on|kicks? in|peaks?|takes? hold|hits?)|deep in (?:it|the experience|the journey|the medicine)|under the influence|in an altered state|(?:while|when|as) (?:you|your|they|clients|participants|people) (?:are )?(?:journey\w*|trip\w*|high|dosed|drop|dose|come up|take (?:it|the \S+)|are peaking)|(?:when|as|while) (?:you|they) take (?:your|the|their) (?:\S+ )?(?:dose|medicine|<drug>|tab|cup)|(?:during|through|throughout) (?:your |their |the |a |each )?(?:\S+ )?(?:breakthroughs?|journeys?|trips?|ceremon(?:y|ies)|medicine (?:sessions?|journeys?)|dosing sessions?|psychedelic experiences?|infusions?|dosing)|(?:through|during|with) (?:the |their |your )?(?:purg\w*|visions|the peak|the come up|the comedown|the onset))`
	// sgWithYou is the coach being there with someone, live.
	sgWithYou = `(?:alongside (?:you|them)|being (?:there|present|with (?:you|them|clients))|hold\w* (?:the )?space|keep\w* watch|watch over|stay\w* (?:present|with|by|beside)|sit\w*|be (?:right )?(?:there|present|with you|beside you|next to you)|am (?:right )?(?:there|present)|on (?:a |the )?(?:video|phone|zoom|facetime|call|video call)|(?:me|i am|i will be) (?:present|there|beside you|in the room) (?:throughout|the whole time|the entire time|all night)|right there|with you|by your side|beside you|hold\w* (?:your|their) hand|guid\w*|accompan\w*|lead\w*|talk\w* (?:you|them) (?:down|through)|check\w* in|keep\w* (?:you|them) safe|support\w*|sing\w*)`
	// sgDoseWord is an amount word that implies taking the substance.
	sgDoseWord = `(?:light|low|small|gentle|micro|half|full|heroic|high|museum|moderate|medium|threshold) ?(?:dose|dosed|dosing)`
	// sgGathering is an occasion at which people take something.
	sgGathering = `(?:circles?|ceremon(?:y|ies)|evenings?|nights?|journeys?|sessions?|gatherings?|retreats?|days?|afternoons?|weekends?|walks?|hikes?|experiences?|trips?|temazcal)`
)

// noOneHeads start "no client ever failed" in its many wordings.
var noOneHeads = []string{
	`never (?:worked with|coached|had|met|seen|known)`, `yet to (?:meet|see|work with|have)`,
	`not (?:one|a single|once)`, `(?:have )?not (?:yet )?(?:had|met|seen|worked with)`, `no one`, `nobody`, `none`, `no (?:client|participant|person)`,
}

// noOneRules catch "I've never worked with someone who didn't heal" and
// "not one of my clients has gone back": a denial that anyone failed.
func noOneRules() []rule {
	var out []rule
	for _, head := range noOneHeads {
		out = append(out, rulesFor(OutcomeGuarantee, "",
			`!`+head+` ~6 (?:who|that|whom|this) ~4 `+sgRelapse,
			`!`+head+` (?:of (?:my|our) (?:clients|participants|people) )?~2 (?:has|have|ever) ~3 (?:`+sgRelapse+`|(?:left|walked|gone|come) (?:away |out |home )?without)`,
			`!`+head+` (?:of (?:my|our) (?:clients|participants|people) )?(?:stays?|remains?|stayed|remained) (?:depressed|anxious|stuck|sick|the same|addicted|broken|in pain)`,
		)...)
	}
	return out
}

func signalRules() []rule {
	return concat(
		noOneRules(),
		rulesFor(OutcomeGuarantee, "",
			// "I've never worked with someone who didn't heal", "nobody who completes my program goes back to the old depression"
			// "every single person who stuck with it", "it will do the same for you"
			`!`+near(sgEveryone, `(?:`+sgSuccess+`|turn\w* (?:them|their lives) around)`)+`|`+near(`(?:watched|seen|witnessed)`, sgEveryone),
			`(?:will|would|is going to) (?:do the same|work) for you(?: too)?|(?:same|it) will happen for you|you are next`,
			// "your insomnia will be a memory", "the anxiety is finish"
			sgCondition+` ~3 (?:is|are|will be|will|are going to be|is going to be|gets?) ~3 `+sgEnded,
			// "you won't recognise yourself", "you will not need therapy again"
			`!you (?:will|are going to|would) (?:not|never) (?:\S+ )?(?:recogni[sz]e yourself|need (?:me|therapy|help|medication|meds|anyone|anything)|feel (?:that|this|the same)|struggle|suffer|relapse|go back|be the same)`,
			// "you are free person", "a totally different person"
			`(?:a|you are) (?:free|(?:totally |completely |entirely )?(?:different|new|changed)) (?:person|woman|man|human)`,
			// "healing isn't a maybe, it's a when"
			`(?:healing|recovery|change|transformation|results?|your breakthrough|success) (?:is|are) (?:a when|a certainty|certain|assured|inevitable|guaranteed|a given|only a matter of time)|it is a when`,
			// "95 percent of my clients", "my track record speaks"
			`\d+ percent of (?:my |our )?(?:clients|participants|people)|(?:my|our) track record|stake my (?:reputation|name|career)|bet my (?:reputation|name|career)|my word (?:to|on) (?:you|it)`,
			`(?:your )?(?:life|old self|happiness|joy|freedom) back ~3 (?:or|otherwise) ~2 (?:your )?money back|guaranteed (?:or|otherwise) (?:your )?money back`,
			`!(?:my|our) (?:clients|participants|people) ~2 (?:never|do not|does not|no longer|stop|stopped) (?:\S+ )?(?:relapse|go back|went back|have|having|struggl\w*|suffer\w*|need|return)`,
			`!(?:people|everyone|those|clients|participants) (?:i|we) (?:work|have worked|worked|coach|have coached|see)\w* (?:with )?~2 (?:never|do not|does not|no longer|stop|stopped) (?:\S+ )?(?:relapse|go back|went back|have|having|struggle|suffer|need|return)`,
			`you (?:will|are going to|shall)? ?~2 (?:leave|finish|complete|end|walk out of|come out of|emerge from) ~4 (?:healed|transformed|free|whole|lighter|renewed|reborn|cured|fixed|a new)`,
			`!(?:it|they|that|this|them|the (?:\S+ )?(?:anxiety|depression|trauma|pain|pattern|patterns|fear|symptoms|grief|insomnia|panic attacks)|your (?:\S+ )?(?:anxiety|depression|trauma|pain|fear|symptoms|grief|insomnia|panic attacks)) (?:is going to |are going to )?(?:does not|do not|will not|would not|can not|can never|will never|could never|never|not) (?:come back|return|recur|resurface|reappear)`,
			`!(?:never fails|never failed|has never failed|can not fail|not a maybe|never had a failure)`,
			`!(?:has |have )?never (?:once |yet |ever )?(?:failed|let (?:anyone|a client|me) down)`,
			`gone (?:in|within) (?:\S+ ){0,2}(?:days|weeks|months|sessions)`,
			`(?:in|within|after|by the end of) ~3 (?:days|weeks|months|sessions|program\w*) ~3 you (?:will|are going to) ~4 (?:feel|be|have|get) ~3 (?:yourself|life back|better|free|healed|whole|happy|new|normal|lighter|calm\w*|peace\w*)`,
			`(?:ninety|eighty|seventy|hundred) (?:\S+ )?percent of (?:my |our )?(?:clients|participants|people)`,
			`!`+sgCondition+` ~3 (?:will not|will no longer|never|no longer|is not going to|are not going to) ~2 (?:hold you back|control you|define you|rule your life|run your life|bother you|affect you|trouble you|have a hold|have (?:a |any )?(?:grip|hold|power)|follow you (?:out|home|anymore|any longer))`,
			`!`+sgCondition+` ~3 (?:will (?:have|hold) no (?:grip|hold|power)|(?:will )?lose (?:its|their) (?:grip|hold|power))`,
			`(?:clients|you|people|participants) (?:get|got|have|take|win) (?:back )?(?:their|your) (?:lives?|life|selves|power) back`,
			sgCondition+` (?:ends|stops|dies|is over) (?:here|now|today|with me)`,
			`(?:this|it|my \S+|the \S+) (?:works|heals|cures) (?:, )?(?:every time|for everyone|for everybody|for every client|without exception|each time|every single time)`,
			`(?:my|this|our|the) (?:program\w*|method|work|coaching|sessions?|approach|process|protocol|retreat|container) (?:ends|cures|heals|clears|eliminates|removes|fixes|resolves|stops|erases|ends) (?:your |the )?`+sgCondition,
			`!no (?:trauma|wound|pattern|problem|condition|issue|block\w*|addiction|anxiety|depression) (?:\S+ )?(?:i|we) (?:can not|cannot|could not|have not|am not able to) (?:clear|heal|fix|cure|resolve|release|shift)`,
			`(?:come|arrive|walk in|show up) ~4 (?:,|and)? ?(?:leave|walk out|go home|walk away) (?:happy|healed|whole|free|lighter|transformed|new|cured|calm|calmer|at peace|fixed|different)`,
			`(?:they are|you are|you will be|clients are|people are) (?:\S+ )?(?:cured|healed|fixed|free of|free from)`,
			`!no relapses?`,
			`<self> (?:will|can|am going to) (?:fully |completely |definitely |permanently )?(?:heal|cure|fix|end|resolve|clear|eliminate) (?:your|their|the) `+sgCondition,
			`!(?:do not|will not|no longer|never) (?:\S+ )?(?:feel|suffer|struggle|hurt) (?:that way|like that) (?:anymore|any more|again)`,
			`(?:the )?last (?:\S+ )?(?:program|programme|coach|session|course|help|therapy|support) (?:you|you will|you ll) (?:ever )?need`,
			`(?:they|you|clients|people) (?:stay|remain) (?:healed|cured|free|well)`,
			`(?:my|our) (?:clients|participants) (?:heal|recover|get better|transform)\b`,
			`<self> (?:fix|heal|repair|undo|mend) what`,
			sgCondition+` (?:will|is going to|are going to) (?:\S+ )?(?:stop|end|cease|fade|lift)(?: ,)? (?:for good|completely|forever|by|within|after|in)`,
			`(?:complete|total|full|permanent|lasting) (?:end|freedom|relief|resolution|recovery|cure|healing|remission) (?:to|from|of)`,
			needing(`(?:they|it) (?:are|is|will be|re) (?:simply |just |all |completely |totally )?(?:gone|healed|cured|a thing of the past)`, sgCondition),
			`(?:my|our) (?:clients|participants) (?:get|see|achieve|always get) (?:real |lasting |guaranteed |permanent )?results`,
			`(?:coach|work with|keep working with|see) you (?:for free |at no cost )?until (?:it works|it does|you (?:heal|are healed|feel better|get results|are free))`,
			`free (?:of|from) (?:every|all|any) (?:\S+ )?(?:wounds?|pain|trauma|fear|anxiety|symptoms?|suffering)`,
			// "Ten out of ten clients would tell you: it works", "a perfect record with post-retreat anxiety"
			needing(sgCertain, sgOutcome),
			`(?:can|will|going to) (?:take away|remove|lift|erase|clear|end|eliminate|get rid of) (?:all )?(?:your|their) ~2 `+sgCondition,
			`(?:heal|cure|fix|end|overcome|beat|resolve|clear) (?:your|their) ~3 (?:in|within) (?:\S+ ){0,2}(?:days|weeks|months|sessions?)`,
			`!you (?:will|are going to) never (?:have|feel|experience|suffer) (?:another|a single|one more)`,
			`(?:they|you|clients|people) (?:leave|walk out|go home|walk away) (?:unstuck|healed|free|whole|transformed|renewed|cured)`,
			`(?:will be|are|is) (?:\S+ )?(?:broken|gone|over|healed|cleared|resolved|released|dissolved) (?:for good|forever|permanently|once and for all)`,
			`every (?:single )?(?:client|person|participant|one) ,? every (?:single )?time`,
			`!(?:clients|people|participants|everyone|those|anyone) (?:who|that) (?:complete|completes|finish|finishes|stick with|sticks with|do|does|work with|go through|goes through) ~5 (?:never|do not|does not|no longer|stop|stopped) (?:\S+ )?(?:relapse|go back|went back|have|struggle|suffer|need|return)`,
			`(?:will|can|going to) (?:get|make) you (?:well|better|healthy|healed|whole|happy|free)`,
			sgCondition+` ~4 (?:stays? gone|goes away for good|is gone for good|leaves for good)`,
			`(?:it|they|all of it|whatever you bring) (?:will|is going to|are going to) be (?:completely |totally |all )?(?:gone|healed|cured|a thing of the past|a memory)`,
			`give me (?:\S+ ){0,2}(?:weeks?|months?|days?|sessions?|hours?) (?:and|,) (?:i|you) will`,
			`!(?:yet to|never) (?:see|seen|watch|watched|had) (?:it|this|my \S+|the \S+|this \S+) (?:fail|not work)`,
			`(?:always|never fails to|reliably|consistently) (?:heals?|cures?|works|transforms?|frees?|resolves?|clears?)`,
			`(?:once|after|when) (?:we|i) (?:have )?(?:clear|release|heal|remove|resolve)\w* (?:it|them|the \S+)\S* ~3 (?:never|does not|will not|won t) (?:come back|return|recur)`,
		),
		rulesFor(SubstanceProvision, `information|support|help|advice|research|care|therapy|therapists?`,
			// "I'll steer you towards good mushrooms", "guide you to a trustworthy source"
			`(?:steer|point|guide|direct|send|lead|show) (?:you|clients|people|them) (?:towards?|in the (?:right )?direction of|to|where to (?:find|get|buy)) ~3 (?:<sub>|source|supplier|vendor|grower|dealer)(?: of \S+)?`,
		),
		rulesFor(SubstanceProvision, `serve as|serves as|serving as|served as`,
			// a supply act and a substance in one clause, left to negation and context
			needing(near(sgSupplyAct, `<sub>`), sgSupplyAct, `<sub>`),
			`(?:get|bring|give) (?:you|clients|them|people) (?:what|everything) (?:you|they) need (?:for|before) (?:your|their|the) (?:journey|trip|ceremony|session)`,
		),
		rulesFor(SubstanceProvision, `@therap\w*|clinician|doctor|psychiatrist|professional|resources|help ?line|crisis|emergency|legal\w*|licensed|clinic\w*|refer\w*|research|support groups?|peer support|integration|community|care|counsel\w*|books?|podcasts?|(?:people|folks) (?:choose|chose|think|feel|find|say|ask|want|prefer|believe|worry|come|need|expect|are|have|do|may|might|will|would|can|go|get|look|seek|struggle)`,
			// "I'll point you to the right people", "I know the right people"
			`(?:point|connect|introduce|put|refer|send|link|hook|direct) (?:you|clients|people|them|folks) ~4 (?:right|trusted|good|reliable|my) (?:people|person|folks|contacts?|friends?|guy|plug|source|place|connections?)`,
			`(?:know|have) (?:a |an )?(?:the right|trusted|good|reliable|a few trusted|some|solid|great|discreet) (?:people|person|folks|contacts?|friends?|guy|plug|connections?)`,
			`(?:make|making) (?:the|an) (?:introduction|connection|intro)`,
			`(?:which|what|the best|a good|the right) (?:vendor|seller|shop|dealer|grower|supplier|website|online shop) (?:to|for|i)`,
		),
		rulesFor(SubstanceProvision, `story|stories|experiences?|tools|practices|resources|knowledge|wisdom|insights?|reading|prompts|lists?|tips|herbal|herbs|food|meals|love|teas|recipes|garden produce|books?|time|space`,
			// "I grow my own and I'm happy to share"
			`(?:`+nearN(12, `(?:grow|grows|growing|grown|cultivat\w*|home ?grown|(?:grow|make|cultivate|brew) my own|my garden|my harvest|my crop|my batch)`, sgHandOver)+`)(?: [^ ;:?!]+){0,3}`,
		),
		rulesFor(SubstanceProvision, "",
			`!if you (?:need|want|are looking for) ~2 (?:medicine|<sub>|supply|a source|sources|a hookup) (?:,|and) (?:i|message|dm|ask|talk|contact|just|let)`,
			`!(?:point|connect|introduce|put|refer|send|link|hook|direct) (?:you|clients|people|them|folks) ~5 (?:someone|somebody|people|a guy|a friend|contacts?) (?:reliable|trusted|good|who (?:sells|grows|supplies|can help))`,
			`(?:in touch|connect\w*|introduc\w*) ~6 for (?:your|their|the) (?:supply|medicine|mushrooms|<sub>)`,
			`!ask (?:me )?about my (?:garden|stash|tea|harvest|crop|batch|supply|special|little)`,
			// "you never have to worry about where your medicine comes from"
			`!(?:never|not|no need to|do not|does not|will not) (?:have to |need to |ever )?(?:worry|wonder|stress|think) about (?:where|how to get|sourcing|finding|getting)`,
			`<self> ~3 (?:arrange|organi[sz]e|sort|line up|get hold of) ~3 <sub>`,
			`!where (?:your|their|the|my) (?:medicine|<sub>|supply|stuff) (?:comes?|came) from`,
			// "I prepare the capsules myself", "I weigh each dose"
			`(?:prepare|prepares|weigh|weighs|measure|measures|make|makes|press|presses|fill|fills|portion|portions|mix|mixes|bake|bakes) ~3 (?:capsules|caps|doses|microdoses|chocolates|gummies|tinctures|the tea|the brew|the medicine)`,
			// "I can arrange for a small package to reach you", "ship you"
			`(?:arrange|organi[sz]e|sort out) ~4 (?:package|parcel|supply|delivery|medicine|<sub>|it) ~4 (?:reach|to you|deliver\w*|arrive|sent|post|mail)`,
			`(?:shop|vendor|seller|store|website|site|grower|dealer|supplier|source|guy) (?:i|we) (?:use|trust|buy from|order from|get mine from|recommend)`,
			// "packages include a month of microdose capsules"
			`(?:include|includes|including|comes? with|covers?|bundled with|plus) ~6 (?:<drug>|tinctures?|capsules|gummies|the sacrament|the medicine|the tea|the brew|medicine|microdoses|chocolates?)(?: \S+)?`,
			// "your protocol with doses", "design your stack"
			`(?:protocol|plan|schedule|stack|regimen) (?:with|including) (?:doses|dosing|amounts|grams)|(?:design|build|write|create) (?:your|a) (?:\S+ )?(?:stack|dose|dosing)`,
			// "can't find a reliable supply?", "struggling to find medicine?"
			`!(?:can not|cannot|struggling to|trying to|hard to|unable to|where to|how to) (?:find|get|source|buy|obtain|score|get hold of) (?:a |some |good |clean |reliable |safe |quality )*(?:supply|source|<sub>)`,
			`(?:box|boxes|kit|kits|pack|packs|bag|bags|bottle|jar|tin|batch|bundle|pouch|envelope)\w* of ~3 (?:<sub>|microdose capsules)`,
			`(?:serve|serves|serving|served|pour|pours|pouring|administer\w*) ~2 (?:the |my |our )?(?:medicines?|<drug>|sacrament|tea|brew|cups?)`,
			`(?:keep|keeps|have|has|hold|holds|carry|carries|stock|stocks|maintain|maintains) (?:a )?(?:small |little |steady |regular |private |personal )?(?:supply|stash|stock) (?:of|for|on hand)`,
			`(?:my|our) (?:plant allies|medicines?|sacraments?|mushrooms|truffles|stash|supply|plant medicines?|capsules|chocolates) (?:are|is) (?:available|on offer|for sale|offered)`,
			`(?:friends?|people|someone|contacts?|a guy|folks) (?:who|that) (?:grow|grows|cultivate|cultivates|sell|sells|supply|supplies|cook|cooks)`,
			`(?:bring|brings|provide|provides|supply|supplies) (?:everything|it all) (?:: )?(?:the )?(?:\S+ )?(?:chocolates?|tea|medicine|mushrooms|truffles|capsules|sacrament|brew)`,
			`(?:source|sourcing|supplier|vendor|dealer|grower)s? (?:list|contacts|directory|network)`,
			`<self> ~2 (?:supply|supplies|provide|provides|bring|brings|brew|brews|serve|serves|make|makes|pour|pours) (?:the|my|our) (?:tea|brew|cup|cups|medicine|sacrament|capsules|chocolates|mushrooms|truffles|dose|doses)`,
			`(?:a guy|a friend|a contact|someone|people|contacts|friends) (?:who|that) (?:can|could|will) (?:help (?:with that|you get|you find)|get you|sort you|hook you)`,
			`help\w* (?:you|clients|people) (?:to )?(?:get|find|obtain|source) (?:hold of )?~4 <sub>`,
			`!(?:dm|message|text|email|contact|call|hit up|hmu|whatsapp|signal|inbox) (?:me|us) (?:for|about) ~3 (?:<sub>|the good stuff|supply|supplies|sourcing|what you need)`,
			`(?:get|lay) (?:your |their |my )?hands on ~3 <sub>`,
			// "What's included: weekly calls, a journal, and a month of psilocybin capsules"
			`(?:included|includes|package|kit|bundle|box|covers|comes with|price|fee) : (?:[^;?!]+ )?(?:<sub>|truffles|microdoses)`,
			`(?:<sub>|medicine) (?:comes|come) (?:straight |directly )?from (?:me|us)`,
			`(?:supply|provide|bring|handle) everything (?:for|you need for) (?:your|the) (?:journey|trip|ceremony)`,
			`(?:i|we) (?:have|got|keep) (?:some |good |clean |quality |pure )?<drug> (?:for|available)`,
			`ships? (?:worldwide|internationally|anywhere|to your door|discreetly|nationwide)`,
			`(?:clean|pure|tested|lab tested|potent|premium|organic|high quality) (?:<drug>|medicine|mushrooms|truffles|capsules|microdoses)`,
			`(?:can|will|could|happy to) (?:get|find|buy|order|pick up) (?:you |clients |them )?~2 <sub>`,
			`!(?:never|not|no need to|do not|will not|won t) (?:have to |need to |ever )?(?:find|look for|go looking for|search for|hunt for) (?:a |your |any )?(?:supplier|source|dealer|plug|medicine|<sub>)`,
			needing(`(?:get|buy|order|source|pick up|fetch) (?:it|some|them|one) for (?:you|them|clients)`, `<sub>`),
			`(?:who|that) (?:supplies|provides|sells to|grows for|delivers to) (?:all )?(?:of )?(?:my|our) clients`,
			`(?:pick up|collect|receive|get|order|buy) (?:their|your|the|a) ~2 (?:<sub>|microdose capsules)`,
			`(?:keep|keeps|have|has|carry|carries|stock|stocks) (?:some |a few |extra |spare )?(?:<sub>|microdoses|doses) (?:on hand|in stock|available|ready|for clients)`,
			`(?:have|know|got) (?:a |an )?(?:good |trusted |reliable )?(?:contacts?|connections?|someone|people|a source|source) (?:for|with|who|that) ~3 <sub>`,
			`(?:gift|give|share|pass on|hand)\w* (?:you |them |(?:\S+ )?clients |(?:\S+ )?participants )?(?:a little|some|a bit of|a small amount of|a dose of|a few) ~2 (?:medicine|<sub>|mushrooms)`,
			`(?:grows?|grow|growing) more than (?:vegetables|tomatoes|herbs|flowers)`,
			`hook ?ups?|(?:a|my|our) (?:small |little |home |private )?grow (?:op|room|tent|for)|run (?:a|my) (?:small |little |home |private )?grow`,
			`(?:restock|replenish|refill|top up|top off) ~3 (?:supply|supplies|<sub>|stash|capsules)`,
			near(`(?:bring|brings|carry|carries)`, `(?:the|my|our) (?:medicine|tea|brew|mushrooms|truffles|sacrament|capsules|chocolates?)`),
			`get (?:you|u|clients) sorted|(?:got|have|my) (?:a )?plug`,
			`hook (?:you|u|clients) up|sort (?:you|u|clients) out|set (?:you|u|clients) up with`,
		),
		rulesFor(InSessionGuidance, `integrat\w*|after|afterwards|prepar\w*|before|sober|reflect\w*|came up|what happened`,
			// "I serve the medicines in private sessions"
			`(?:serve|serves|serving|served|pour|pours|pouring|administer|administers|administering|give|gives|hand out) ~3 (?:the )?(?:medicines?|<drug>|sacrament|tea|brew|cups?|doses?)`,
			// "a light-dose evening circle"
			sgDoseWord+` ~3 `+sgGathering,
			`(?:my|our|join|book|attend|come to|(?:i|we|she|he) (?:lead|run|host|offer|hold|organi[sz]e|facilitate)s?) (?:\S+ ){0,3}(?:<drug>|medicine|plant medicine|psychedelic|mushroom|sacrament|tea|journey) (?:circles?|ceremon(?:y|ies)|gatherings?|nights?|days?|evenings?|weekends?|retreats?|afternoons?|sessions?|temazcal)`,
			// "I hold the space for you from the moment you take your dose"
			`!`+needing(near(sgWithYou, sgLiveTime), sgWithYou, sgLiveTime),
			// "we take the medicine together", "journey together"
			`(?:take|drink|eat|share|ingest) (?:the )?(?:medicine|<drug>|tea|brew|mushrooms|a dose) together|(?:journey|trip) (?:together|with (?:you|me|us|clients))`,
			// "the sober person in the room", "a sitter first"
			`sober (?:one|person|adult|presence|friend|companion|guide|sitter) (?:in the room|for you|with you|beside you|next to you)|(?:a|your|the) (?:trip|journey|psychedelic|home|medicine|sober) sitter|sitter services`,
			near(`(?:a|an|your|the|as) (?:\S+ )?sitters?`, `(?:<drug>|trips?|journeys?|tripping|ceremon\w*|psychedelic\w*|high|sessions?)`),
			`(?:sat|sit|sitting|guided|guide|guiding|held space for|hold space for) (?:with )?~4 in (?:their|your) (?:\S+ )?(?:<drug>|psychedelic|medicine|mushroom) (?:journeys?|trips?|ceremon\w*|experiences?|sessions?)`,
			`(?:trip|journey|psychedelic|ayahuasca|mushroom|acid|lsd|ketamine|mdma) sitters?`,
			`(?:make|makes|do|does|hold|holds|run|runs|give|gives|organi[sz]e|organi[sz]es) (?:\S+ )?ceremon\w* (?:with|of) ~2 (?:<drug>|medicine|plant medicine)`,
			`(?:sit|sits|sitting) (?:for|with) ~3 (?:<drug>|medicine|psychedelic|mushroom|plant medicine) (?:journeys?|sessions?|trips?|ceremon\w*|experiences?)`,
			`live (?:guidance|support|sitting|presence) (?:for|during|through|in|on) ~3 (?:journeys?|trips?|ceremon\w*|sessions)|journey sitting|trip sitting`,
			`(?:sit|sitting|journey|trip|be|being) in (?:ceremony|the medicine|the journey) (?:together|with (?:you|me|clients|them))`,
			`!`+sgWithYou+` ~8 (?:when|while|as) (?:\S+ ){0,3}?(?:medicine|<drug>|journey|trip|mushrooms?|experience|dose) (?:comes? on|kicks? in|peaks?|takes? hold|hits?)`,
			`!`+sgWithYou+` ~8 (?:when|while|as|the whole time|the entire time) (?:you|your|they|clients?|a client|someone|people|participants|the group|everyone) (?:is |are )?(?:journey\w*|trip\w*|high|dosed|under)`,
			`(?:ceremony|ceremonial|retreat|medicine|journey) (?:assistant|helper|attendant|space holder|server)s?`,
			`(?:<drug>|medicine|psychedelic) ~6 (?:journeys?|trips?|sessions?|experiences?|ceremon\w*) ~8 `+sgWithYou+` ~4 (?:the whole time|the entire time|throughout|all night|every moment|the whole way)`,
			`(?:come|travel|drive) to (?:you|your home|your place) ~8 (?:stay|sit|guide|hold space|session|journey|trip)`,
		),
		rulesFor(InSessionGuidance, `breathwork|breath\w*|sound|meditat\w*|holotropic|drum\w*|shamanic|vision quest|wilderness|nature|sober|integration|writing|inner|imagery|hypno\w*|visuali[sz]ation|cacao|yoga|dance|ecstatic`,
			// "I lead small-group journeys", "I offer ketamine lozenge sessions"; not breathwork or drumming journeys
			`(?:offer|offers|provide|provides|run|runs|host|hosts|hold|holds|facilitat\w*|lead|leads|book) ~3 (?:<drug>|psychedelic|medicine|plant medicine) (?:\S+ )?(?:sessions?|journeys?|ceremon\w*|retreats?|circles?|trips?|experiences?|days?|nights?|weekends?)`,
			`(?:lead|leads|leading|run|runs|running|host|hosts|hosting|facilitate|facilitates|facilitating|guide|guides|guiding|hold|holds|holding) ~3 (?:journeys|ceremonies|trips)`,
		),
		rulesFor(InSessionGuidance, `@cacao|breathwork|sound|sober|fire|tea ceremony|wedding|naming|integration|closing|opening|grief|drum\w*|meditation`,
			// "My small-group ceremonies are where the real work happens"
			`(?:ceremon\w*|journeys|circles) (?:are|is) (?:held|led|run|facilitated|guided|hosted|poured) by me`,
			`(?:my|our) (?:(?:small|group|private|monthly|weekly|sacred|intimate|plant|medicine|mushroom|ayahuasca|psilocybin|full|moon|women|men|evening|night|home|forest) ){0,3}ceremon(?:y|ies)`,
		),
		rulesFor(ClinicalClaim, `your therapist|their therapist|a therapist|your doctor|a doctor|refer\w*|prescriber`,
			// "I heal attachment wounds", "I treat trauma at its root"
			`<self> ~2 (?:treat|treats|heal|heals|diagnose|diagnoses|cure|cures|fix|fixes) ~4 (?:<cond>|trauma|attachment wounds|wounds|the root|mental illness|psychological)`,
			// "my coaching is psychotherapy in every meaningful sense"
			`(?:(?:my|our) (?:coaching|work|practice|sessions|program\w*|method)|(?:coaching|working|sessions|work) with me) (?:is|are) ~2 (?:therapy|psychotherapy|treatment|clinical)`,
			`call (?:what i do|my work|it|my coaching|this|my practice|myself) ~3 (?:therapy|psychotherapy|treatment|therapist|psychotherapist)`,
			// "I'll screen you to see whether you have ADHD"
			`!(?:screen|assess|evaluat\w*|test|check|diagnos\w*|find out|determine|see|tell you|tell|say you|say to you|know|spot|recogni[sz]e|detect|identify) ~6 (?:whether|if) (?:you|your \S+|they|their \S+|clients) (?:have|has|are|is|suffer|are suffering|live with|meet|point to) ~3 (?:<cond>|adhd|disorder|condition|diagnosis)`,
			`(?:mental health|psychiatric|psychological|clinical|diagnostic) (?:assessment|evaluation|screening|diagnosis)`,
			`diagnosis (?:, |and )+(?:treatment|therapy)`,
			`(?:create|write|make|design|develop|draw up) (?:a |your |their )?(?:\S+ )?treatment plans?|assess (?:your|their|each client|every client|clients) (?:trauma|<cond>|symptoms|mental health)`,
			// "I help clients recover from clinical depression", "help clients replace their medication"
			`(?:help|helps|helping|guide|guides|support|supports|coach|coaches) ~3 (?:recover|overcome|heal) (?:from )?~3 (?:<cond>|eating disorders?)`,
			`(?:without|instead of|no need for) (?:a |the |your )?(?:psychiatrist|psychologist|therapist|medication|meds|antidepressants)`,
			// "I'll tell you how long to stop it before your ceremony"
			`(?:how long|when|how) to (?:stop|taper|pause|quit|come off|restart) (?:it|them|<med>|your \S+)`,
			`(?:integration|psychedelic|trauma|plant medicine) (?:therapy|psychotherapy) (?:program\w*|practice|sessions?)`,
			`(?:offer\w*|provid\w*|deliver\w*) ~3 (?:trauma|emdr|somatic|psychedelic|integration|cbt|talk|family|couples) (?:therapy|psychotherapy)|emdr`,
			`<self> (?:do|does|practi[cs]e|give|gives|deliver|delivers|make|makes) (?:the |real )?(?:therapy|psychotherapy|counsel\w*|treatment)`,
			`is (?:the|a) treatment for|(?:is|as) (?:their|your) treatment`,
		),
		rulesFor(ClinicalClaim, "",
			// "I work with OCD as a therapist would", "help clients replace their therapist"
			`(?:like|the way) (?:a |an |any )?(?:therapist|psychotherapist|psychiatrist|clinician|psychologist|doctor)|as (?:a|any) (?:therapist|psychotherapist|psychiatrist|clinician|psychologist|doctor) (?:would|does|do|might)`,
			`(?:my|our) (?:coaching|work|program\w*|method|sessions) (?:replaces?|substitutes? for|is a substitute for) ~2 (?:therapy|it|treatment|medication|<med>|psychotherapy)`,
			`(?:guide|help|get|take|walk|coach|support|wean)\w* (?:you|clients|people|them) off (?:of )?(?:your |their )?<med>`,
			`(?:replacement|substitute|alternative) (?:for|to) ~2 (?:therapy|psychotherapy|treatment|<med>|psychiatr\w*)`,
			`(?:guid|help|advis|manag|handl|overse|supervis|plan)\w* (?:your |their |clients )?(?:medication|meds?|<med>) (?:changes?|tapers?|reductions?|adjustments?|schedule|doses?)`,
			`(?:i|we) (?:can )?(?:identify|spot|detect|recogni[sz]e|assess) ~3 (?:<cond>|personality disorders?|disorders?)`,
			`(?:help|guide|coach|support|advise|tell|show)\w* (?:you |clients |people |them )?(?:to |how to )?(?:cut (?:down|back)(?: on)?|reduce|lower|drop|halve|wean off|stop|quit|taper|come off|get off|change|switch) (?:your |their )?(?:\S+ )?<med>`,
			`(?:stop|quit) (?:seeing|needing|visiting) ~2 (?:therapists?|psychiatrists?|psychologists?|doctors?|counsel\w*)`,
			`(?:replace|stop needing|no longer need|ditch|drop|get rid of|do without) ~3 (?:their |your |the )?(?:<med>|therapist|psychiatrist|therapy|psychologist)`,
		),
	)
}
