package safety

// The concept rules pair the lexicons of concepts.go. Each level's
// concepts run after that level's phrase rules, so a phrase both catch is
// reported once, by the more specific phrase rule, and before the concern
// rules, so that a wish with a time ("I want to die tonight") is urgent.

// jumpOrCut are acts that are everyday words unless nothing follows them
// but a time: "I'm gonna jump tonight", not "jump into the lake".
// readiness is a means made ready to use.
const readiness = `(?:lined up|counted|counted out|laid out|set out|all set|ready|loaded|out|in my hands?|in front of me|next to me|beside me|on (?:the|my) (?:counter|table|bed|desk|nightstand|floor))`

const jumpOrCut = `(?:jump|cut|cut again|do it|go through with it|end it|end things|die|be gone|not be here|finish it)`

func urgentConcepts() []rule {
	return []rule{
		// Intent plus a time: "im gonna jump tonight", "I want to die tonight".
		pattern(Urgent, SuicidalIntent, `\bi `+intent+` `+adv+jumpOrCut+`(?: `+timeCue+`)?`+lineEnd).alongside(`\b` + timeCue + `\b`),
		pattern(Urgent, SuicidalIntent, `\bi `+intent+` `+adv+jumpOrCut+` `+timeCue+`\b`),
		// Intent plus resolve or concealment: "After everyone's asleep I'm going to do it".
		pattern(Urgent, SuicidalIntent, `\bi `+intent+` `+adv+`(?:do it|go through with it|end it|end things)\b`).alongside(secrecyCue),
		pattern(Urgent, SuicidalIntent, `\bi `+intent+` `+adv+`(?:finish my life|end my existence|top myself|end my own life|die by my own hand|unalive myself)\b`),
		pattern(Urgent, SuicidalIntent, `\bi `+intent+` (?:[^ ,]+ ){1,8}?and (?:then )?`+adv+`(?:end it|end it all|end things|do it|kill myself|end my life|jump|die)`+lineEnd),
		pattern(Urgent, SuicidePlan, `\bi `+adv+`(?:am|have been|was) `+adv+`(?:planning|plotting|preparing|arranging|organi[sz]ing) (?:my (?:own )?)?(?:suicide|death|exit|own death|ending)\b`),
		// Preparing for a later decision: "my whole prescription in the car for when I decide to go through with it".
		pattern(Urgent, SuicidalIntent, `\b(?:go|going|went) through with it\b|\bfor when i (?:decide|am ready|finally|do it|need (?:it|them))\b`).alongside(`\b(?:` + medLex + `|` + meansLex + `|kill|die|suicide|end it|overdose)\b`).needsSubject(),
		pattern(Urgent, SuicidalIntent, `\bi am `+adv+`(?:ending it|ending things|ending my life|checking out|done living|done with living|done with life)`+lineEnd).unlessAfter(` ,? (?:with|between)`),
		pattern(Urgent, SuicidalIntent, `\b(?:is|will be|was) (?:the )?(?:day|night|date|time|weekend|week) (?:i|when i) (?:end it|die|do it|go|kill myself|end my life|end things|leave this world|check out)`+lineEnd),
		pattern(Urgent, SuicidalIntent, `\b(?:states?|stated|reports?|reported|express(?:es|ed)?|endorse[sd]?|voiced|disclosed|admits?|admitted|has|with|expresses) (?:active |clear |current |a )?(?:suicidal )?(?:intent|intention|plan|plans) (?:to|of) `+adv+`(?:`+killSelf+`|die|overdose|kill (?:him|her|them)self|end (?:his|her|their) (?:own )?life|take (?:his|her|their) (?:own )?life|jump|hang)\b|\bsuicidal (?:ideation|thoughts) with (?:a )?(?:plan|intent|means)\b`),
		// Swallowing all of a supply: "im going to swallow every pill in the house".
		pattern(Urgent, SuicidalIntent, `\bi `+intent+` `+adv+`(?:swallow|take|down|neck|eat|use) (?:every|all|all of|the whole|the rest of|the entire|everything in) (?:the |my |these |those )?(?:\w+ ){0,2}`+medLex+`\b`).unlessAfter(` (?:as (?:prescribed|directed)|on time|every|daily|with (?:food|water)|in the morning)`),
		// Means with readiness: "pills lined up on the counter", "The razor is in my hand right now".
		pattern(Urgent, MeansAccess, `\b(?:`+medLex+`|`+meansLex+`|knife|belt|cord)\b(?: [^ ]+){0,4}? `+readiness+`(?: ,| and|$| `+timeCue+`| now| waiting)`).needsSubject().alongside(`\b` + readiness + `\b`).except(`\b(?:pharmacy|chemist|organi[sz]er|dosette|pill ?box|for the (?:week|month|trip|holiday)|refill|prescribed|collect|pick (?:up|them up)|dinner|cooking|recipe|chopping|salad|vegetables|out of (?:the house|reach)|locked away|gave (?:it|them) to|handed (?:it|them) (?:in|over))\b`),
		// Acquiring a means without an everyday purpose: "bought a rope today".
		pattern(Urgent, MeansAccess, `\b(?:bought|buy|buying|ordered|order|ordering|got|getting|picked up|found|sourced|have|keep|kept|hid|hidden|hiding) (?:a |the |some |my |me a |myself a |an |enough )?(?:length of |bag of |tank of |bottle of )?`+meansLex+`\b`).needsSubject().except(`\b(?:fence|fencing|pen|goats?|sheep|horses?|cattle|livestock|farm|trailer|tow|towing|tie (?:it )?down|balloons?|party|climbing|camping|hammock|swing|bbq|barbecue|grill|boat|sailing|tent|gym|washing line|laundry|range|hunting|garden|shav\w*|beard|legs|protection|locked|safe|gift|present|craft|art|hiking|tree ?house|dog|horse|skipping|jump ?rope|tug of war|film|movie|game|story|novel|toy|water ?gun|nerf)\b`),
		// Hoarding a supply: "I have saved enough of my insulin to do it".
		pattern(Urgent, MeansAccess, `\b(?:saving|saved|stockpiling|stockpiled|hoarding|hoarded|stashing|stashed|collecting|collected|squirrel(?:l)?ing away|putting aside|put aside|holding on to|holding onto|set aside) (?:up )?(?:[^ ,]+ ){0,3}`+medLex+`\b`).needsSubject().except(`\b(?:for (?:the|my) (?:trip|travel|holiday|flight|journey)|to (?:return|recycle|take back|give back|hand in)|pharmacy take ?back|disposal)\b`),
		// Looking up how: "I looked up how many paracetamol it takes", "researching methods, the painless ones".
		pattern(Urgent, SuicidePlan, `\b(?:looked|looking|look|searched|searching|researched|researching|googled|googling|read|reading|checked|checking|asked|asking|wondered|wondering|worked out|working out|figured out|figuring out|calculated|calculating|counted|counting) (?:up |on |about |into |online )?(?:how (?:many|much) (?:of )?(?:my |the |these )?(?:\w+ ){0,2}`+medLex+`|how (?:many|much) (?:it (?:takes|would take|will take)|would (?:it )?(?:take|kill))|(?:suicide )?methods`+lineEnd+`|(?:the )?(?:best|easiest|quickest|fastest|surest|most painless|least painful) (?:way|ways|method|methods)`+lineEnd+`|lethal|fatal)`).needsSubject().except(`\b(?:for (?:work|school|class|my (?:essay|thesis|paper|job|course|dog|cat|kid|son|daughter))|recipe|baking|dog|cat|puppy|vet|doctor said|pharmacist said)\b`),
		pattern(Urgent, SuicidePlan, `\b(?:lethal|fatal|toxic) (?:dose|doses|dosage|amount|amounts)\b|\bthe (?:most )?painless (?:ones|one|way|ways|method|methods|option)\b|\bhow many `+medLex+` (?:it takes|it would take|would it take|does it take|to (?:die|not wake up|never wake up|be fatal|kill))`).needsSubject().except(`\b(?:dog|cat|puppy|vet|paediatric|pediatric|for (?:my|the) (?:kid|child|son|daughter)|accident\w*)\b`),
		// Rehearsal: "testing how tight the belt needs to be".
		pattern(Urgent, SuicidePlan, `\b(?:testing|tested|test|checking|checked|practi[cs]ing|practi[cs]ed|rehears\w*|seeing|trying|tried) (?:out )?(?:how tight|how long|whether|if|how much) (?:[^ ,]+ ){0,6}(?:belt|rope|noose|cord|ligature|knot|beam|hold my weight|take my weight|hang|pass out)\b`).needsSubject(),
		pattern(Urgent, MeansAccess, `\bengine (?:is )?running\b`).alongside(`\b(?:garage|hose|closed|shut|sealed|exhaust)\b`).needsSubject(),
		// Choosing the when or where: "I've picked the bridge", "I have chosen the date".
		pattern(Urgent, SuicidePlan, `\bi `+adv+`(?:have |had )?`+adv+`(?:picked|chosen|chose|set|decided on|settled on|found|fixed|worked out) (?:the|a|my) (?:date|day|night|time|spot|place|bridge|building|method|way|tree|cliff|location|roof)(?: (?:for it|for this|to do it|when i|where i))?`+lineEnd).needsSubject().except(`\b(?:wedding|party|holiday|trip|dinner|meeting|retreat|ceremony|session|appointment|restaurant|picnic|venue|interview|birthday|move|moving|date night|flight|concert|booked|camp\w*|swim|hike|run|race|tattoo|surgery|operation|baby|due)\b`),
		// Farewells: "This is my last entry", "Goodbye everyone, I'm sorry it had to be this way".
		pattern(Urgent, ImminentSelfHarm, `\bthis is (?:my )?(?:last|final|very last) (?:entry|journal entry|post|message|note|letter|time (?:writing|i write|i will write))`+lineEnd+`|\bthis is (?:my )?goodbye`+lineEnd).except(ritual),
		pattern(Urgent, ImminentSelfHarm, `\bgoodbye (?:everyone|everybody|all|world|my (?:friends|loves?|family|darlings?)|all of you|cruel world)\b`).alongside(`\b(?:sorry|forgive|love you|had to be this way|will not see|never see|not be here|be gone|last|take care of|it is not your fault)\b`).except(ritual),
		pattern(Urgent, ImminentSelfHarm, `\b`+finality+`\b`).alongside(farewell).needsSubject().except(ritual),
		pattern(Urgent, ImminentSelfHarm, `\bi `+adv+`(?:will not|might not|am not going to|may not) be (?:alive|here|around) (?:next (?:week|month|year|time)|for (?:long|much longer)|by then|by (?:the )?(?:weekend|end of (?:the|this) week|friday|monday)|after (?:tonight|today|this))\b`),
		pattern(Urgent, ImminentSelfHarm, `\b(?:when|once|if|by the time) (?:you|anyone|someone|somebody|they|my \w+) (?:read|reads|find|finds|see|sees|get|gets|open|opens|are reading) this\b`).alongside(`\bi (?:will |would )?(?:already |long |probably )?(?:be )?(?:gone|dead|no longer (?:here|alive|around)|not be (?:here|alive|around)|at peace)\b`),
		// Notes and letters to family: "I've written letters to my kids".
		pattern(Urgent, SuicidePlan, `\bi `+adv+`(?:have |had )?`+adv+`(?:written|wrote|write|left|am writing|been writing|finished|prepared|started writing) (?:\w+ )?(?:letters?|notes?|messages?|cards?|videos?) (?:to|for) (?:each of |all of |every one of )?(?:my|everyone|everybody|the people i love|the kids|you all|all of you)\b`).except(ritual),
		// Putting affairs in order and giving things away "because I won't need them".
		pattern(Urgent, SuicidePlan, `\b(?:my will is (?:updated|written|done|sorted|signed|ready)|(?:updated|wrote|written|sorted|finished|made) my will|(?:put|got|have|getting) my affairs in order|made (?:the |all the |my |some )?arrangements|tied up (?:all )?(?:the |my )?loose ends|(?:giving|given|gave|give) away (?:all )?(?:of )?my (?:\w+ )?(?:things|stuff|belongings|possessions|clothes|books|records|guitar|jewel\w*|cat|dog|pets?|plants))\b`).alongside(`\b(?:(?:after|when|once) i am (?:gone|dead)|(?:after|when) i die|before i go` + lineEnd + `|nothing left to (?:sort|do|fix|say|take care of)|(?:will not|do not|am not going to) (?:need|be needing) (?:them|it|any of (?:it|them))|(?:will not|won't) be (?:here|around)|so (?:no one|nobody) has to|where i am going)`).needsSubject(),
	}
}
