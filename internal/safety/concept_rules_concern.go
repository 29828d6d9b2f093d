package safety

// Concern concepts: a death pictured as a condition plus how others would
// take it, hopelessness about going on, and self-harm told with intent.

// mediaFrame marks words quoted from a song, a film or a book.
const mediaFrame = `\b(?:song|lyrics?|film|movie|poem|poetry|novel|book|show|quote|meme|sings|sang)\b`

// ifGone is the writer's death or absence as a condition.
const ifGone = `(?:if i|when i|once i) (?:was |were |am |had |just |simply |finally |could |would |be |been |ever )*(?:gone|dead|died|disappeared|vanished|not here|not around|no longer here|no longer around|not alive|never born|never been born|did not exist|stopped existing|ceased to exist|did not wake up|never woke up|was not here|was not around|were not here|were not around|out of the picture)\b`

// hitBy is a death that happens to the writer: "if a bus hit me".
const hitBy = `(?:a bus|a car|a truck|a train|something|someone|lightning) (?:hit|hits|killed|kills|took) me\b|\bif i (?:got|get) (?:hit|run over|killed)\b|\bi (?:[^ ,]+ ){0,2}(?:died|die) in my sleep\b`

func concernConcepts() []rule {
	return []rule{
		// "They'd all be relieved if I was gone", "If a bus hit me I honestly wouldn't mind".
		pattern(Concern, BurdenToOthers, `\b(?:`+ifGone+`|`+hitBy+`)`).alongside(`\b(?:everyone|everybody|they|them|family|kids|children|world|people|husband|wife|partner|parents|friends|mum|mom|dad)\b.*\b` + relief + `\b|\b` + relief + `\b.*\b(?:everyone|everybody|they|them|family|kids|world|people|for all)\b`).except(ritual),
		pattern(Concern, PassiveDeathWish, `\b(?:`+ifGone+`|`+hitBy+`)`).alongside(`\b` + relief + `\b|\bwould (?:not )?(?:mind|care)\b`).except(ritual),
		pattern(Concern, BurdenToOthers, `\b(?:be|are|is|were|been|would|will) (?:[^ ,]+ ){0,2}(?:better|happier|fine|okay|ok|easier|freer|relieved|lighter|better off) (?:off )?without me\b`).except(mediaFrame),
		// The generic "you" of a question about oneself: "Do you ever feel like the world would be better without you?"
		pattern(Concern, BurdenToOthers, `\bdo you ever (?:feel|think|wish|get the feeling) (?:like |that )?(?:[^ ,]+ ){0,6}?(?:better (?:off )?without you|you (?:should|could) (?:just )?(?:die|disappear|not exist|not wake up)|(?:want|wanting) to (?:die|disappear|not exist))\b`),
		// "I'd be doing everyone a favour if I disappeared".
		pattern(Concern, BurdenToOthers, `\bdoing (?:everyone|everybody|them|the world|my family|you all) a favou?r\b`).alongside(`\b(?:if i|by (?:dying|disappearing|leaving|going))\b`),
		// Hopelessness about going on.
		pattern(Concern, Hopelessness, `\b(?:can not|do not|could not|no longer) (?:see|find) (?:the|any) (?:point|reason|purpose) (?:in|of|to|for) (?:living|life|going on|carrying on|being alive|staying alive|existing|any of (?:it|this)|anything|waking up|keep going|keeping going|being here|live|go on)\b`).needsSubject(),
		pattern(Concern, Hopelessness, `\bno (?:reason|point|purpose) (?:for me )?(?:in |of |to )?(?:keep living|keep going|live|living|go on|going on|be alive|being alive|stay alive|staying alive|carry on|carrying on|exist|existing|wake up|waking up)\b`).needsSubject(),
		pattern(Concern, Hopelessness, `\b(?:can not|do not|could not|no longer) (?:see|imagine|picture) (?:a|any) (?:way forward|way out|future|light|end to (?:this|it)|tomorrow|reason to (?:live|go on|stay))\b`).needsSubject(),
		pattern(Concern, Hopelessness, `\bwhy (?:even |should i |do i |would i )?(?:even )?(?:bother|keep|carry on) (?:\w+ )?(?:living|waking up|existing|going on|being alive|staying alive|breathing|being here)\b`),
		pattern(Concern, Hopelessness, `\b(?:nothing|never|not ever|no way|it is never|things are never|life is never) (?:[^ ,]+ ){0,4}(?:get|gets|be|feel|change|getting) (?:any )?(?:better|easier|different)\b`).unlessAfter(` than\b`).needsSubject(),
		pattern(Concern, Hopelessness, `\bi (?:will|am going to|shall|can) never (?:be|feel) (?:happy|okay|ok|well|normal|better|whole|loved|free|at peace)(?: again)?\b`).unlessAfter(` (?:with|about|at|until|unless|if)\b`),
		pattern(Concern, Hopelessness, `\bno (?:point|purpose|meaning|reason) (?:to|in|of|for) (?:my life|my existence|me being (?:here|alive)|living|existing|being alive)\b`).needsSubject(),
		pattern(Concern, Hopelessness, `\b(?:suicide|death|dying|killing myself|ending it|ending my life|not being here) (?:seems|feels|looks|is|would be|sounds) (?:like )?(?:the|my) (?:only|best|last|one|easiest) (?:way out|option|answer|solution|escape|choice|way)\b`).needsSubject(),
		pattern(Concern, PassiveDeathWish, `\bi `+adv+`(?:want|wish|need) (?:it|it all|everything|my life|this life) (?:all )?to be over\b`).alongside(`\b(?:live|living|alive|exist|existing|life|be here|anymore)\b`),
		// Picturing one's own death with relief: "imagining my own funeral and feeling relieved".
		pattern(Concern, PassiveDeathWish, `\b(?:imagin\w*|picture|picturing|think\w* about|dream\w* (?:about|of)|fantasi[sz]\w* about) (?:my own|my) (?:funeral|death|grave|dying|dead body)\b`).alongside(`\b(?:reliev\w*|relief|peace\w*|calm|happy|happier|better|lighter|free|freedom|comfort\w*|longing|wish)\b`).needsSubject().passesInTrip(),
		// Passive wish in learner English: "some days i want die".
		pattern(Concern, PassiveDeathWish, `\bi `+adv+`(?:want|wish|need|wanted) (?:die|dying|be dead|to be die)\b`).unlessAfter(` (?:of|laughing)`),
		pattern(Concern, PassiveDeathWish, `\b(?:tired|sick|weary) of (?:living|being alive|existing|life|being here|waking up)\b`).needsSubject().unlessAfter(` (?:in|with|at|on|as|like (?:this|that) (?:city|town|flat))\b`),
		// Self-harm told with intent or injury, not an accident.
		pattern(Concern, SelfHarmBehaviour, `\bi `+adv+`(?:have |had )?`+adv+`(?:cut|cutting|burned|burnt|burning|scratched|scratching|hit|hitting|punched|punching|bit|biting|scraped|carved|carving|stabbed|scalded|slashed|bruised|hurt|hurting|picked|picking) (?:my|myself|at my)(?: [^ ,]+){0,4}? (?:on purpose|deliberately|intentionally|to (?:feel|punish|calm|stop|cope|numb|release)|until|till|so (?:it|they|i) (?:bled|hurt|bleed|bruised))\b`),
		pattern(Concern, SelfHarmBehaviour, `\b(?:until|till) (?:my \w+ |it |they |i |the skin |my skin )?(?:bleeds?|bled|bleeding|bruised?|bruises|blistered|broke|break|scarred|raw)\b`).alongside(`\b(?:scratch\w*|punch\w*|hit|hitting|bang\w*|pick\w*|cut|cutting|burn\w*|bit|bite|biting|claw\w*|slam\w*|smash\w*|scrub\w*)\b`).needsSubject(),
		pattern(Concern, SelfHarmBehaviour, `\bburn\w* (?:myself|my \w+) with (?:a |the |my )?(?:lighter|cigarette|match|matches|iron|candle|hot \w+)\b`),
		// Intrusive images and thoughts of a method: "images of myself hanging".
		pattern(Concern, SuicidalThoughts, `\b(?:images?|pictures?|visions?|thoughts?|fantas\w+|daydreams?|flashes|scenes) of (?:myself|me) (?:\w+ )?(?:hanging|dying|dead|jumping|falling|cutting|bleeding|in a coffin|drowning|being dead|overdosing|lying dead|killing myself|not waking up)\b`).needsSubject().passesInTrip(),
		pattern(Concern, SuicidalThoughts, `\b(?:think|thinking|thought|imagine|imagining|picture|picturing|fantasi[sz]\w*|dream\w*) (?:[^ ,]+ ){0,2}(?:about|of) (?:\w+ )?(?:driving (?:off|into|my car (?:off|into)|the car (?:off|into))|crashing (?:my car|the car|into)|jumping (?:off|from|in front)|stepping (?:in front|off)|walking into (?:traffic|the sea|the river|the ocean)|drowning myself|hanging myself|overdosing|taking all my|slitting|swallowing (?:all|every))\b`).needsSubject().passesInTrip(),
		pattern(Concern, SuicidalThoughts, `\b(?:passive |active )?suicidal (?:ideation|thoughts|thinking|feelings)\b`).needsSubject(),
	}
}
