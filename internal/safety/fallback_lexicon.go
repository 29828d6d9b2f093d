package safety

// The fallback lexicon. Two rounds of phrase and concept rules were nearly
// perfect on the sentences they were written from and recalled a third to
// four fifths of sentences written later, so the fallback trades the other
// way: broad entries written from the definition of risk (death, suicide,
// self-harm, means, places, farewells, burden, hopelessness), not from
// example sentences, and narrow exclusions for the harmless frames people
// actually use (idioms, the psychedelic experience, other people, media,
// denials). All patterns run on normalised sentences (see text.go).

// lexKind says how far a lexicon hit may be upgraded.
type lexKind int

const (
	// actKind is suicide, self-harm, means, places and farewells: upgraded
	// to urgent by any intent, plan, means or time cue.
	actKind lexKind = iota
	// wishKind is passive wishes, burden and hopelessness: upgraded only by
	// a stated plan or means, since "I wish I could sleep forever tonight"
	// is still a wish.
	wishKind
)

// lexEntry is one broad concept of the fallback.
type lexEntry struct {
	kind lexKind
	re   string
	// cue, when set, must also occur in the sentence or the next one: the
	// entry names something everyday (a bridge, a rope, a goodbye) that is
	// only a risk next to one of these words.
	cue string
	// except cancels the entry when it occurs anywhere in the sentence.
	except string
	// notAfter cancels a hit when the text right after it matches.
	notAfter string
	// selfInHit marks entries that name the writer inside the hit ("better
	// off without me"): the subject before them may be someone else.
	selfInHit bool
	// gateWords, when set, is a pattern whose literals gate the entry
	// instead of re's own (see gate.go): for entries whose alternatives
	// share no literal the derivation can find.
	gateWords string
}

const (
	// w is one word of a gap, within the clause.
	w = `[^ ,]+ `
	// fbMeds extends medLex with the street and household names.
	fbMeds = `(?:` + medLex + `|sleepers|sleeping meds|oxys|percs?|[^ ,]+ pills|downers)`
	// fbMeans extends meansLex with household means.
	fbMeans = `(?:` + meansLex + `|revolver|handgun|knife|belt|cord|plastic bag|bag|hose|cable)`
	// riskPlaces are where people go to die, named without a purpose.
	riskPlaces = `(?:bridge|tracks|railway|railroad|rail line|train|ledge|rooftop|roof|cliff|cliffs|quarry|edge|platform|overpass|balcony|multi-storey|car park|parking garage|tower block|motorway|highway|dam|pier)`
	// finalCue is an end told as final, which makes a place, a goodbye or
	// a gift a risk.
	finalCue = `(?:finish|end|ends|over|never|last|not coming back|not come back|goodbye|good bye|forever|for good|let go|fall|falling|step forward|step off|jump|easy it would be|how easy|stones|for an hour|for hours|thinking about|think about|wonder\w*|next train|gone|do it|sorry|forgive|love you|need\w* (?:them|it)|no longer need|not need|where i am going|after i|once i|when i am)`
	// otherwise marks a hit told about someone else or about fiction.
	otherFrame = `\b(?:song|lyrics?|film|movie|poem|poetry|novel|book|series|episode|show|character|article|news|headline|podcast|documentary|game)\b`
)

// fallbackLexicon lists the concepts in the order they are tried: the acts
// first, so that a sentence with both an act and a wish reports the act.
var fallbackLexicon = []lexEntry{
	// Suicide named outright.
	{kind: actKind, re: `suicid\w*|(?:kill|killing|killed|off|offing|end|ending|ended|top|topping|unalive|hang|hanging|drown|drowning|shoot|shooting|poison|poisoning|gas|gassing) myself|(?:take|taking|took|end|ending|finish|finishing) my (?:own )?life|finish myself|(?:end|ending) (?:it all|everything|my existence)`},
	{kind: actKind, re: `(?:end|ending) (?:it|things)\b`, notAfter: `^ (?:with|between|off|there|here|on a|for (?:him|her|them|us|now))\b`, except: `\b(?:relationship|boyfriend|girlfriend|husband|wife|partner|contract|lease|job|call|meeting|conversation|subscription|argument|chapter|session)\b`},
	// Overdose, and medication in quantity or put aside.
	{kind: actKind, gateWords: `overdos|od |(?: od)|everything|all of|the lot|the rest|` + fbMeds, re: `overdos\w*|\bod\b|(?:took|taken|take|taking|swallow\w*|down|downed|neck|necked) (?:everything|all of (?:it|them)|the lot|the rest) (?:in|from|of)\b|(?:\d{2,}|twenty|thirty|forty|fifty|sixty|hundred|all|every|whole|handful|handfuls|bottle|bottles|packet|packets|box|boxes|enough|stash|rest|lots) (?:` + w + `){0,3}?` + fbMeds + `\b|` + fbMeds + ` (?:` + w + `){0,3}?(?:saved|saving|stockpil\w*|hoard\w*|stash\w*|counted|lined up|put aside|set aside)\b|(?:saved|saving|stockpil\w*|hoard\w*|stash\w*|counted|counting) (?:` + w + `){0,4}?` + fbMeds + `\b`,
		except: `\b(?:as prescribed|prescribed|prescription|pharmac\w*|chemist|refill\w*|from now on|every (?:day|morning|night|evening)|daily|with (?:breakfast|food|meals|water)|vitamins?|supplements?|dog|cat|vet|organi[sz]er|dosette|for the week|collect\w*|dispos\w*|take ?back|doctor said|reduc\w*|cutting down|tapering|hand(?:ed)? (?:them|it) (?:in|over)|locked)\b`},
	// Hanging and its means.
	{kind: actKind, re: `noose|ligature|hang\w* (?:` + w + `){0,3}?(?:from|off) (?:the|a|my) (?:beam|rafters?|banister|bannister|door|ceiling|loft|hook|stairs|tree)|(?:which|the) beam\b`, except: `\b(?:picture|photo|painting|washing|laundry|lights?|decorations?|swing|hammock|coat|plant)\b`},
	{kind: actKind, re: `ropes?\b|(?:a|the) belt (?:` + w + `){0,3}?(?:around|round) my neck`, cue: `\b(?:bought|buy\w*|got|have|tied|tie|tying|knot|beam|neck|strong enough|hold my weight|for myself|for it|hid|hidden|garage|shed|loft|ready|tonight|know which)\b`,
		except: `\b(?:climb\w*|hiking|harness|boat|sail\w*|tent|camping|swing|skipping|jump ?rope|gym|washing|dog|horse|course|ladder|tow\w*|learn\w* the ropes|the ropes|roped in|rope in|knots class|macrame|craft\w*)\b`},
	// Falling, jumping, traffic, water.
	{kind: actKind, gateWords: `jump|step|walk|run|throw|lie|lying|lay|driv|drove|crash|steer|swerv|not turn|not brake`, re: `jump\w* (?:off|from|in front of|under|onto the tracks)|(?:step\w*|walk\w*|run\w*|throw\w*|lie|lying|lay) (?:out )?(?:in front of|into|under|onto) (?:the |a |an )?(?:` + w + `){0,2}?(?:train|trains|tram|tube|subway|metro|express|freight|bus|traffic|truck|lorry|oncoming|sea|river|ocean|lake|water|tracks)\b|(?:drive|driving|drove|crash\w*|steer\w*|swerv\w*) (?:` + w + `){0,3}?(?:off|into) (?:the |a |an )?(?:` + w + `)?(?:cliff|wall|tree|bridge|river|lake|traffic|truck|lorry|barrier|oncoming|sea)|(?:will|would|am going to) not (?:turn the wheel|brake|swerve)`,
		except: `\b(?:pool|diving|trampoline|bed|couch|sofa|board|boat|dock|parachut\w*|bungee|joy|excitement|conclusions|bandwagon|stage|fence|ship|swim\w*|paddl\w*|dip|wading|surf\w*|waves|with the kids|for a walk|accident\w*|nearly|almost hit|puddle|shower)\b`},
	{kind: actKind, re: `(?:stand\w*|stood|sat|sit|sitting|walk\w*|driv\w*|drove|step\w*|climb\w*|went|go|going|head\w*|lean\w*|look\w* down|wait\w*) (?:` + w + `){0,4}?(?:on|onto|off|from|to|at|up|out to|along|down to|by|near) (?:the |a |that |this |my |our )?(?:` + w + `)?` + riskPlaces + `\b`,
		cue: `\b(?:` + finalCue + `|` + timeCue + `)\b`, except: `\b(?:view|photos?|pictures?|sunset|sunrise|picnic|commute|ticket|late|delayed|station master|tour|holiday|friends|with (?:my|the) (?:kids|dog|partner|family)|to work|home from)\b`},
	// Self-harm.
	{kind: actKind, re: `self[- ]?harm\w*|self[- ]?injur\w*|selfharm\w*|(?:cut|cutting|burn|burning|burned|burnt|hurt|hurting|harm|harming|scratch\w*|pinch\w*|punch\w*|hit|hitting|bang\w*|bit|bite|biting|carv\w*|stab\w*|starv\w*|chok\w*|strangl\w*|scald\w*) myself|(?:cut|cutting) (?:again|deep|deeper|tonight)|(?:started|start|been|keep|kept|went back to) cutting|(?:razors?|razor ?blades?|blades?|box cutter|stanley knife|scalpel)\b`,
		except: `\b(?:shav\w*|beard|rollerblad\w*|grass|fan|skat\w*|propeller|turbine|saw|mower|kitchen|sharpen\w*|chopping|cooking|onions?|by accident|accidental\w*|by mistake|on the (?:oven|kettle|stove|iron|pan|hob|grill)|slipped|fell|tripped|haircut|hair cut|gym|playing|football|rugby|sport|training|workout|exercis\w*|making|baking)\b`},
	{kind: actKind, re: `punish\w* myself|deserve (?:the )?(?:pain|to suffer|to hurt|to be hurt|to die|to bleed)`},
	{kind: actKind, gateWords: `cut|burn|scratch|pinch|punch|hit|bang|bit|carv|stab|scrap|pick|slam`, re: `(?:cut|cutting|burn\w*|scratch\w*|pinch\w*|punch\w*|hit|hitting|bang\w*|bit|bite|biting|carv\w*|stab\w*|scrap\w*|pick\w*|slam\w*) (?:at )?my (?:arms?|wrists?|legs?|thighs?|skin|stomach|head|face|chest|hips?|hands?|fists?)`,
		cue: `\b(?:on purpose|deliberately|again|till|until|bleed\w*|bled|to feel|to punish|compass|blade|razor|lighter|cigarette|against (?:the |a )?wall|so hard|whenever|make it stop|numb|release|nobody sees|no one sees|hide|hiding|sleeves|when it gets|when i get|when the)\b`},
	// A means kept hidden or ready: "a knife under my pillow for later".
	{kind: actKind, re: `(?:` + fbMeds + `|` + fbMeans + `)\b`,
		cue:    `\b(?:for later|for when|when the time comes|under (?:my|the) (?:pillow|bed|mattress)|hidden|hid|hide|hiding|in my (?:bag|drawer|pocket|car|room)|in the boot|tank|(?:car|engine) running|garage)\b`,
		except: `\b(?:kitchen|cooking|chopping|camping|hunting|fishing|picnic|lunch|knife and fork|butter knife|bread knife|shopping bag|bin bag|gym bag|school bag|handbag|travel|holiday|trip|as prescribed|pharmac\w*)\b`},
	{kind: actKind, re: `(?:car|engine) (?:is )?running`, cue: `\b(?:garage|hose|closed|shut|sealed|exhaust)\b`},
	{kind: actKind, re: `(?:crash|wreck|total) (?:my |the )?(?:car|bike|motorbike|truck|van)`, cue: `\b(?:going to|will|decided|on purpose|deliberately|into|plan\w*|want to|tonight|tomorrow)\b`, except: `\b(?:if i (?:keep|do not)|nearly|almost|tired|sleepy)\b`},
	// Guns told as owned, bought or ready.
	{kind: actKind, re: `(?:guns?|firearms?|pistol|revolver|rifle|shotgun|handgun)\b`,
		cue:    `\b(?:load\w*|bought|buy\w*|own|owns|clean\w*|by (?:the|my) bed|drawer|glovebox|under (?:the|my) (?:bed|pillow)|ready|bullets?|ammo|my dad is|my father is|safe is|got (?:a|the|my))\b`,
		except: `\b(?:hunt\w*|range|club|deer|clay|licen[cs]e course|water ?gun|nerf|toy|paintball|video ?game|glue gun|staple gun|nail gun|heat gun)\b`},
	// Farewells and a known finality.
	{kind: actKind, re: `(?:suicide|goodbye|farewell) (?:note|letter|message|video)s?|(?:my|this is my|the) (?:last|final) (?:entry|journal entry|message|note|letter|post|words)|(?:wrote|written|writing|left) (?:` + w + `){0,3}?(?:letters?|notes?|cards?) (?:to|for) (?:each|every|all|my|the)|(?:wrote|written|writing|finished|left) (?:my|the) (?:note|notes|letter|letters)\b|(?:do not|please do not|never) (?:try to |come to |come )?(?:find|look for|search for|come after) me|(?:will not|would not|am not going to|not going to|might not|may not) be (?:here|around|alive|there) (?:for|by|next|after|much|to see|at|on|when|tomorrow)|(?:will|would|shall) (?:` + w + `)?be gone\b|be gone by\b|(?:will|would|shall) not be (?:a )?(?:here|around|alive) (?:next|after|by|for|much|tomorrow)|there (?:will|would) not be a next|no (?:next|tomorrow) for me|(?:nobody|no one|no-one|the kids|my (?:wife|husband|partner|kids|family|mum|mom|dad)) (?:has to|have to|will|would|will not|would not|does not have to) (?:find|see) (?:me|my body)|find (?:me|my body) (?:dead|hanging|like that|at home)|bleed\w* (?:out|to death)`, except: ritual},
	{kind: actKind, re: `goodbyes?|farewells?|(?:love you all|forgive me)\b|(?:giving|given|gave|give) (?:away )?(?:` + w + `){0,2}?my (?:` + w + `)?(?:things|stuff|belongings|possessions|guitar|dog|cat|pets?|clothes|books|records|jewel\w*|savings|car)|(?:my|the) (?:note|notes|letter|letters) (?:is|are|was|were) (?:under|on|in|next|ready|written|done)|finish it\b|sorry for everything|how easy it would be|easy it would be to`,
		cue:    `\b(?:everyone|everybody|all of you|world|forever|for good|without (?:them|anyone|anybody) knowing|last|sorry|forgive|love you|gone|will not see|never see|the end|will not (?:be )?need\w*|not be needing|no longer need|after (?:friday|tonight|today|i am gone|i go)|where i am going|will not be around|tonight|tomorrow|quarry|bridge|cliff|pills|rope|gun|train|ledge|roof|step|jump|drive|wheel)\b`,
		except: ritual + `|\b(?:airport|station|holiday|party|leaving do|moving|move|new job|school|graduation|visit|charity|donat\w*|declutter\w*|rehom\w*|goodbye to (?:my |the |that )?(?:old|former|job|ego|fear|fears|story|pattern|habit|past))\b`},
	// Passive wishes: to die, to not exist, not to wake up, to disappear.
	{kind: wishKind, re: `(?:want|wanted|wanting|wants|wish|wished|wishes|wishing|hope|hoped|hoping|pray|prayed|praying|prays|ready|waiting|long|longed|longing|rather|welcome|deserve|should just|would not mind|could just) (?:` + w + `){0,4}?(?:to )?(?:die|died|dying|be dead|dead|death|be gone|not wake up|never wake up|not to wake up|not exist|disappear|vanish|stop existing|take me|takes me|crash\w*|goes down|go down|hit me|hits me|run me over|kill me|kills me|in my sleep|not be here|not be alive|not be born|never been born|cancer|accident|heart attack|sleep forever)\b`,
		notAfter: `^ (?:laughing|old|happy|young|a hero|(?:my|her|his|the|our) (?:hair|clothes|shirt|beard|eyebrows)|of (?:laughter|embarrassment|boredom|shame|old age)|for (?:a|my|the|this|that|some)|to (?:my|the|our) (?:old|former|ego)|to (?:myself|self|the ego)|and (?:be )?(?:reborn|born again))\b`},
	{kind: wishKind, re: `(?:want|wants|wanted|wish|wished|need|hope|hoping|pray|praying)\w* (?:` + w + `){0,2}?(?:it|it all|everything|all of it|life|my life|the world|this) (?:to |would |could |will )?(?:just )?(?:stop|end|be over)\b`, notAfter: `^ (?:raining|snowing|ringing|beeping|barking|crying)`},
	{kind: wishKind, re: `(?:relief|peace|peaceful|easier|better|nice|bliss|blessing|mercy) (?:` + w + `){0,3}?(?:to|if i could) (?:just |simply )?(?:not exist|die|be dead|not wake up|not be here|not be alive|stop existing|fall asleep and (?:never|not))\b`},
	{kind: wishKind, re: `better off dead|rather (?:be )?dead|rather not (?:be here|exist|wake up|be alive)|(?:death|dying|being dead|not existing|not being here) (?:` + w + `){0,5}?(?:peaceful|peace|relief|restful|welcome|appealing|sweet|easier|escape|freedom)|(?:stop|stopped|cease|ceased) (?:to )?exist\w*|never (?:been|be|was|were) born|sleep forever|waiting to die|waiting for (?:death|the end|it all to end)|ready to (?:go|leave this world|leave)(?: ,|$| now| and)|(?:disappear\w*|vanish\w*) (?:` + w + `){0,3}?(?:forever|for good|and never|permanently|without a trace|off the face)`},
	{kind: wishKind, re: `(?:do|does|did) not want to (?:be here|be alive|live|exist|wake up|go on|carry on|keep going|be around)`, notAfter: `^ (?:in|with|at|on|near|there|next to|by|alone|together|apart)\b`},
	{kind: wishKind, re: `(?:do|did|would) not (?:care|mind) if i (?:died|die|was dead|were dead|did not wake up|got hit|was gone)|not (?:be here|be around|exist) (?:anymore|any more|any longer)|(?:never|not) (?:to )?wake up (?:again|tomorrow|in the morning)`},
	// Burden: others better off without the writer.
	{kind: wishKind, re: `\bburden\w*|weight (?:` + w + `){0,2}?(?:on|dragging|holding|around) (?:(?:` + w + `)?down )?(?:everyone|everybody|them|you|my (?:` + w + `)?(?:family|kids|friends|partner|wife|husband))|drag\w* (?:everyone|everybody|them|you|my \w+) down|taking up space|waste of (?:space|oxygen|air|skin)|(?:nobody|no one|no-one) would (?:even )?(?:notice|care|miss me|mind)`,
		except: `\b(?:no burden|not a burden|tax burden|burden of proof|financial burden of)\b`},
	{kind: wishKind, selfInHit: true, re: `(?:good|better|easier|happier|freer|fine|okay|lighter|relieved) (?:` + w + `){0,2}?without me|(?:happy|glad|fine|okay|ok|relieved|better|easier|happier|freer|lighter) (?:` + w + `){0,2}?if i (?:` + w + `){0,2}?(?:was|were|had|did|never|died|disappeared|left|gone|not)\b|if i (?:was|were|am) (?:` + w + `)?(?:gone|dead|not around|not here|not in the picture|out of the picture)|(?:pension|insurance|money) than (?:with )?me`},
	// Hopelessness about living.
	{kind: wishKind, re: `no (?:point|reason|purpose|use) (?:` + w + `){0,2}?(?:to live|living|in living|to go on|going on|carrying on|to carry on|to keep|keep going|keep living|anymore|any more|in any of it|to any of it|of any of it|in trying|to be here|being here|to wake up|waking up)|what is the point (?:of|in) (?:` + w + `){0,2}?(?:any of it|alive|living|life|existing|going on|anything|carrying on|me|it all|trying|waking up|being here)|(?:life|living|existence|everything|my life|it all) (?:is|feels|seems) (?:` + w + `)?(?:pointless|meaningless|hopeless|over)|(?:can not|could not) (?:keep going|do this|take (?:this|it|any more)|cope|keep doing this|live like this|bear it) ?(?:anymore|any more|any longer|much longer|like this)|(?:give|gave|given|giving) up on (?:life|living|myself|everything)|nothing (?:left )?to live for|nothing left for me|no future for me|no way out|(?:should|would|do|even) (?:even )?bother (?:waking|living|going on|getting up|trying|breathing|existing)|lost (?:all )?hope|(?:feel|am|feeling|felt) (?:so |really |completely |totally |utterly |just |pretty |quite )?hopeless|no hope (?:left|for me)|(?:gave|given|giving) up hope|can not see (?:myself|me) (?:in|having|making it)|future (?:looks|seems|feels|is) (?:` + w + `)?(?:empty|black|dark|bleak|pointless|hopeless|blank)`, notAfter: `^ (?:at|with|when it comes)\b`},
	{kind: wishKind, re: `(?:can not|could not) (?:go on|carry on)`, notAfter: `^ (?:the|a|an|this|that|my|with|holiday|trip|stage|to|at|in|for|working|like (?:this|that) (?:at|with))\b`},
	{kind: wishKind, re: `(?:tired|sick|weary|done) (?:of|with) (?:existing|living|life|being alive|being here)`, notAfter: `^ (?:in|with|at|on|as|like (?:this|that) (?:city|town|flat))\b`},
}
