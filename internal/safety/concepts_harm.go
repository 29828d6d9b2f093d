package safety

// Lexicons of violence: who threatens, how, and whom.
const (
	// person is someone who can threaten the writer.
	person = `(?:he|she|they|him|someone|somebody|a (?:man|guy|woman|stranger)|the (?:facilitator|shaman|guide|guy|man|woman|dealer|landlord)|my (?:\w+ )?(?:partner|husband|wife|boyfriend|girlfriend|ex|dad|father|stepdad|stepfather|mum|mom|mother|stepmum|brother|sister|son|daughter|flatmate|roommate|landlord|neighbour|neighbor|uncle|cousin|friend|mate|boss|dealer|housemate|fiance|fiancee)|his|her)`
	// child is a child the writer is responsible for or sees in danger.
	child = `(?:(?:my|the|our|his|her) )?(?:\w+ )?(?:little sister|little brother|kids?|children|baby|babies|son|daughter|toddler|child|newborn|little one|\d+ ?yo|\d+ year old|stepson|stepdaughter)`
	// harmVerb is what a threat threatens.
	harmVerb = `(?:kill|hurt|stab|shoot|beat|strangle|choke|burn|finish|harm|smash|break|slit|attack|murder|bash|batter|do worse|make me pay|knock|cut)`
	// threatVerb says the harm is meant.
	threatVerb = `(?:threaten\w*|said|says|say|swore|swears|told me|promised|promises|is going to|going to|gonna|will|would|wants to|tried to|trying to|keeps? threatening|is coming to|coming to|is about to|was about to)`
	// explicitThreat is a threat made in words.
	explicitThreat = `(?:threaten\w*|said|says|say|swore|swears|told me|promised|promises|keeps? threatening|is coming to|coming to|tried to|trying to|texted|messaged|screamed|shouted|yelled)`
	// victim is the writer or the children.
	victim = `(?:me|us|my (?:legs|arms|neck|face|head|throat|fingers|knees|jaw|hands)|my (?:kids|children|baby|son|daughter|family)|the (?:kids|children|baby)|the house with me)`
	// meant is a sign a threat is real: a weapon, fear, a time, a place.
	meant = `\b(?:knife|gun|weapon|scared|afraid|frightened|terrified|tonight|coming|outside|hiding|locked|again|if i (?:leave|go|tell|talk|call)|when (?:he|she) gets (?:home|back)|drunk|high|screaming|hit|punched|hurt me before|means it|meant it)\b`
	// writerIntent is the writer meaning to do something.
	writerIntent = `(?:am going to|going to|gonna|will|want to|wanna|swear i will|swear|am gonna|am about to|plan to|intend to|am on my way to|on my way to|need to|have to|keep wanting to|really want to)`
	// target is someone the writer might harm.
	target = `(?:him|her|them|someone|somebody|anyone|people|everyone|my (?:\w+ )?(?:partner|husband|wife|boyfriend|girlfriend|ex|dad|father|stepdad|mum|mom|mother|brother|sister|boss|neighbour|neighbor|flatmate|roommate|landlord|dealer|baby|kids|children|son|daughter|colleague|coworker|manager|teacher)|the (?:guy|man|woman|dealer|facilitator|bastard|baby|kids)|his \w+|her \w+|that \w+)`
)

func violenceConcepts() []concept {
	const v, u = KindViolence, Urgent
	return []concept{
		// Threatened by someone: "he said he'll kill me", "she threatened to stab me".
		newConcept(v, u, ViolenceThreatened, person+` (?:\w+ ){0,4}?`+explicitThreat+` (?:\w+ ){0,4}?`+harmVerb+` (?:\w+ ){0,2}?`+victim).gatedOn("kill", "hurt", "stab", "shoot", "beat", "strangl", "chok", "burn", "finish", "harm", "smash", "break", "slit", "attack", "murder", "bash", "batter", "worse", "pay", "knock", "cut", "take").
			whose(named).noJoke().noInnerNegation(),
		// A bare "he's going to kill me" is often hyperbole: it counts with
		// a sign that it is meant.
		newConcept(v, u, ViolenceThreatened, person+` (?:\w+ ){0,4}?`+threatVerb+` (?:\w+ ){0,3}?`+harmVerb+` (?:\w+ ){0,2}?`+victim).gatedOn("kill", "hurt", "stab", "shoot", "beat", "strangl", "chok", "burn", "finish", "harm", "smash", "break", "slit", "attack", "murder", "bash", "batter", "worse", "pay", "knock", "cut", "take").
			whose(named).noJoke().noInnerNegation().needs(meant),
		newConcept(v, u, ViolenceThreatened, `threaten\w* (?:me|us|my (?:kids|children|family|life))`).whose(named).noJoke().noInnerNegation(),
		newConcept(v, u, ViolenceThreatened, `(?:partner|husband|wife|boyfriend|girlfriend|ex) (?:\w+ ){0,2}?threaten\w* (?:\w+ ){0,2}?(?:to )?(?:kill|hurt|harm|stab|shoot) (?:her|him|them)`).whose(named).needs(`^(?:pt|patient|client)\b|\b(?:client|patient|pt) (?:disclosed|reports|reported|states|stated|said|says)\b`),
		newConcept(v, u, ViolenceThreatened, person+` (?:\w+ ){0,4}?`+threatVerb+` (?:\w+ ){0,3}?(?:take|hurt|kill|harm) (?:them|the kids|the children)`).gatedOn("take", "hurt", "kill", "harm").whose(named).noJoke().needs(`\b(?:kids|children|baby|son|daughter)\b`),
		// Violence done to the writer.
		newConcept(v, u, ViolenceAct, person+` (?:\w+ ){0,3}?(?:hit|hits|hitting|punched|punches|punching|kicked|kicks|kicking|slapped|slaps|strangled|strangles|strangling|choked|chokes|choking|beat|beats|beating|dragged|drags|pushed|pushes|shoved|raped|assaulted|attacked|attacks|threw (?:\w+ ){0,2}?at|throws (?:\w+ ){0,2}?at|held (?:a|the|his|her) knife to|pinned|put (?:his|her) hands around|touched me without|came at) (?:me|my (?:throat|neck|face|head)|us)\b`).
			whose(named).noJoke().noInnerNegation(),
		newConcept(v, u, ViolenceAct, `(?:hands|hand) (?:around|round) my (?:throat|neck)|(?:will not|won t) let me (?:leave|out|go)|held me down|locked me in (?:the|a) (?:room|bathroom|cellar|car)`).whose(named),
		newConcept(v, u, ViolenceThreatened, person+` (?:\w+ ){0,3}?(?:has|got|grabbed|holding|pulled|waving|came at me with|showed me) (?:\w+ ){0,2}?(?:knife|gun|weapon|bat|hammer|machete|blade|axe)`).
			whose(named).needs(`\b(?:me|i am|hiding|scared|screaming|threat\w*|kill|hurt)\b`),
		newConcept(v, u, ViolenceThreatened, `(?:scared|afraid|frightened|terrified) (?:\w+ ){0,2}?(?:he|she|they|my \w+) (?:is going to|will|might|would|is gonna|gonna|is coming to|could) (?:\w+ ){0,2}?(?:kill|hurt|harm|hit|attack|stab) (?:me|us|the kids|my kids)|(?:scared|afraid|frightened|terrified) for my (?:life|kids|children|safety)|tried (?:the|my) (?:door handle|door|window)|(?:trying to|tried to|is|are) break(?:ing)? in(?:to)? (?:my|the) (?:flat|house|home|room|place)|(?:is|was) (?:\w+ )?outside my (?:flat|house|door|window|work) (?:\w+ ){0,3}?(?:hurt|kill|threat\w*|screaming|banging)|coming to (?:get|hurt|kill|stab) me`).whose(named).noInnerNegation(),
		// The writer means to harm someone.
		newConcept(v, u, ViolenceIntent, `(?:i|ill) (?:\w+ ){0,3}?`+writerIntent+` (?:\w+ ){0,4}?(?:kill|hurt|stab|shoot|strangle|smash|attack|beat up|beat|harm|murder|batter|bash|knife|get back at) (?:\w+ )?`+target+`|(?:i|ill) (?:\w+ ){0,3}?`+writerIntent+` make (?:him|her|them|\w+) pay|ill (?:kill|stab|hurt|smash) `+target+`|(?:i|ill) (?:\w+ ){0,3}?(?:could|would) (?:really |actually |seriously )?(?:hurt|kill|stab) (?:someone|somebody|anyone)(?: right now| tonight|$| ,)|(?:do not|can not|no longer) trust myself (?:not to|around|with) (?:\w+ ){0,3}?(?:hurt|kill|him|her|them|people|anyone|my \w+)|keep (?:picturing|imagining|thinking about) (?:\w+ ){0,2}?(?:stabbing|killing|hurting|strangling|shooting) (?:him|her|them|my \w+|someone|people)`).
			gatedOn("kill", "hurt", "stab", "shoot", "beat", "strangl", "chok", "burn", "finish", "harm", "smash", "break", "slit", "attack", "murder", "bash", "batter", "worse", "pay", "knock", "cut", "take", "trust myself", "picturing", "imagining", "thinking about").whose(writer).noJoke().noInnerNegation().unlessIn(`\b(?:in (?:the|a|my) (?:game|dream|vision)|vision|visions)\b`),
		// A child in danger.
		newConcept(v, u, ChildInDanger, `(?:urges?|thoughts?|impulses?|intrusive \w+|picturing|scared i (?:will|might|could)|afraid i (?:will|might|could)|want to|wanting to|keep wanting to) (?:of |to )?(?:\w+ )?(?:hurt\w*|harm\w*|kill\w*|drown\w*|smother\w*|shak\w*|hit\w*) `+child).gatedOn(childLits...).whose(writer),
		newConcept(v, u, ChildInDanger, `(?:left|leave|leaving) `+child+` (?:\w+ ){0,4}?(?:alone|in the (?:bath|car|cot)|by the (?:pond|pool|river|road)|near the (?:pond|pool|river|road)|all day|all night|on (?:his|her|their) own|unattended|by (?:himself|herself|themselves)|with nobody)`).whose(writer).noInnerNegation(),
		newConcept(v, u, ChildInDanger, `(?:while i (?:am|was|m)|i am|i was) (?:\w+ )?(?:high|drunk|tripping|out of it|off my face|off my head|wasted|using|stoned|intoxicated)|(?:were|was) left (?:alone|unsupervised|on (?:their|his|her) own)|left unsupervised`).gatedOn("while i", "i am", "i was", "left").whose(writer).needs(`\b(?:kids?|children|baby|newborn|toddler|son|daughter|child|\d+ ?yo)\b`),
		newConcept(v, u, ChildInDanger, `(?:hits?|hitting|hurts?|hurting|beats?|beating|shook|shaking|shake|slapped|slaps|kicked|punched|threw|burned|burnt) (?:\w+ )?`+child).
			whose(named).noInnerNegation().unlessAfter(` (?:rattle|bottle|toy|formula|monitor|food|clothes|blanket|cot|bed|s)\b`).unlessIn(`\b(?:game|football|ball|hide and seek|goal|the hay|the books)\b`),
		newConcept(v, u, ChildInDanger, child+` (?:\w+ ){0,4}?(?:ate|swallowed|got into|drank|found|has eaten|has swallowed|took|eaten|chewed) (?:\w+ ){0,3}?(?:stash|pills?|edibles|tablets|gummies|drugs|meds|bleach|weed|mushrooms|vape|medicine|tabs|powder|baggie)`).gatedOn(childLits...).whose(named).noInnerNegation(),
		newConcept(v, u, ChildInDanger, child+` (?:is|are) (?:\w+ )?(?:in danger|not safe|unsafe)|(?:has|took|taken|got) `+child+` (?:\w+ ){0,4}?(?:drunk|high|in the car|raging|violent)|`+child+` (?:are |is )?(?:\w+ ){0,2}?with (?:him|her|them) (?:\w+ ){0,3}?(?:raging|drunk|high|violent|throwing|angry|screaming)`).gatedOn(childLits...).whose(named).noInnerNegation(),
	}
}

func unsafeHomeConcepts() []concept {
	const h, c = KindUnsafeHome, Concern
	return []concept{
		newConcept(h, c, UnsafeAtHome, `(?:not|do not|never|no longer) feel (?:\w+ )?safe (?:at home|in my (?:own )?(?:home|house|flat|room|apartment|bed)|living with|with (?:him|her|them|my \w+)|there|here)|(?:scared|afraid|frightened|terrified) (?:to go|of going|to be) (?:back )?(?:home|to the (?:flat|house)|to my (?:flat|house|place))|(?:scared|afraid|frightened|terrified|unsafe) (?:\w+ ){0,3}?at home|(?:scared|afraid|frightened|terrified|unsafe) in my (?:own )?(?:house|home|flat|room)|(?:home|house|flat) (?:is not|is no longer|does not feel|has not been) safe|(?:scared|afraid|frightened|terrified) of my (?:\w+ )?(?:husband|wife|partner|boyfriend|girlfriend|dad|father|stepdad|mum|mom|mother|brother|roommate|flatmate|landlord|son)|walking on eggshells|do not want to go (?:back )?(?:home|to the house)`).whose(writer),
		newConcept(h, c, UnsafeAtHome, `controls? (?:all )?(?:my|the) (?:money|phone|finances|bank)|checks my (?:phone|messages|emails)|(?:does not|will not) let me (?:see|leave|go out|have|talk|use)|not allowed to (?:leave|go out|see|have|talk)|(?:smash\w*|broke|took|takes|destroyed) my (?:phone|laptop)(?: so| and)|kicked (?:me )?out|(?:sleeping|sleep|slept) (?:in my car|on the streets?|rough|at the (?:bus|train) station|in a doorway)|nowhere (?:to go|to stay|to sleep|to live)|sofa[ -]surfing|(?:threw|thrown) me out|evict\w*|sleeping in a tent|homeless|locks me (?:in|out)|lock (?:me|us) in|keeps the keys|locks the doors so|so i can not (?:leave|go out|get out)|locked me (?:in|out)|changed the locks|throws things|(?:is|gets|getting) violent|coming into my room at night|i will regret it|i ll regret it|regret it if i|(?:pushing|pushes|pushed) me (?:around|about)|screams at me every`).
			whose(named).unlessIn(`\b(?:locked myself out|kicked out of (?:the|a) (?:pub|bar|club|class|group|game)|homeless (?:shelter|charity|people)|volunteer\w*)\b`),
		// Control and fear at home in everyday words: he monitors, takes,
		// forbids; afraid of what he will do; locked out; a prisoner.
		newConcept(h, c, UnsafeAtHome, `(?:he|she|they) (?:\w+ )?(?:monitors|controls|checks|reads|takes|took|forbids|forbid|hides|hid|locks|locked|broke|has broken|smashed) (?:\w+ ){0,2}?(?:my (?:messages|phone|bank|money|passport|keys|car keys|texts|emails|mail)|me (?:in|out)|everything)|(?:afraid|scared|terrified) (?:of )?what (?:he|she|they) (?:will|would|might|is going to|\w+)? ?do|(?:do not|never) know what mood (?:he|she) (?:will|is going to)? ?be in|(?:feel|am) like a prisoner|(?:locks?|locking|locked) me out of the house|sent away if i|(?:comes|came) into my room at night|(?:shouting|screaming|fighting) at home (?:is )?every|threw a (?:chair|plate|bottle|glass)|things at home are (?:bad|scary|really bad)|(?:he|she) is home ,? i can not talk|scared for my (?:little )?(?:brothers?|sisters?|kids|children)|forbids? me (?:from|to)|(?:won t|will not|does not) let me (?:leave|see|have|go out|work)`).
			whose(named).noInnerNegation().unlessIn(`\b(?:the film|the show|the book|novel|character|game|my dog|the cat|toddler|baby|lol|haha|the printer)\b`),
	}
}
