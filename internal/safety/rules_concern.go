package safety

import "regexp"

// concernRules are the passive wishes, burden, hopelessness and self-harm
// patterns, then the broad fallbacks that catch any remaining first-person
// mention of suicide or self-harm at concern level.
func concernRules() []rule {
	return append(deathWishRules(), append(distressRules(), fallbackRules()...)...)
}

func deathWishRules() []rule {
	const dieIdioms = ` (?:(?:my|her|his|the|our) (?:hair|clothes|shirt|beard|eyebrows)|laughing|of (?:laughter|embarrassment|cringe)|happy|old|a hero|for (?:a|my|the|this|that)|to (?:my|the|our|a) (?:old |former |previous )?(?:self|ego|ways|identity|story)|to (?:myself|self|the ego)|and (?:be )?(?:reborn|born again))`
	const wishEnd = `(?:die|be dead|not exist|stop existing|cease to exist|(?:disappear|vanish) (?:forever|for good|permanently|and never (?:come back|return|be found))|not be alive|go to sleep and (?:never|not) wake up|fall asleep and (?:never|not) wake up|sleep and (?:never|not) wake up|(?:go to |fall )?(?:sleep|asleep) forever|not wake up|never wake up)`
	return []rule{
		pattern(Concern, PassiveDeathWish, `\bi `+adv+`(?:want|wish|long|need|would like|would love|yearn|am longing|am ready|pray) (?:to|i could) `+adv+wishEnd+`\b`).unlessAfter(dieIdioms),
		pattern(Concern, PassiveDeathWish, `\bi `+adv+`(?:have )?`+adv+`(?:wanted|wished|longed|needed|was longing|was ready|prayed|have been wanting|have been wishing|keep wanting|kept wanting|started wanting|used to want) (?:to|i could) `+adv+wishEnd+`\b`).unlessAfter(dieIdioms).passesInTrip(),
		pattern(Concern, PassiveDeathWish, `\b(?:part of me|a part of me|some part of me|something in me) `+adv+`(?:wants|wishes|longs|wanted|wished|longed) (?:to|it could) `+adv+wishEnd+`\b`).unlessAfter(dieIdioms).passesInTrip(),
		pattern(Concern, PassiveDeathWish, `\bi `+adv+`(?:feel|felt) like (?:i (?:want|wanted) to )?(?:dying|die|i want to die|i wanted to die)\b`).unlessAfter(dieIdioms).passesInTrip(),
		pattern(Concern, PassiveDeathWish, `\bi `+adv+`(?:wish|wished|keep wishing|kept wishing|am wishing|have been wishing|was wishing|started wishing) (?:that )?i (?:was|were|had been|could be|would be) dead\b`),
		pattern(Concern, PassiveDeathWish, `\bi `+adv+`(?:wish|wished) (?:that )?i (?:would|could|might) `+adv+`(?:die|disappear forever|not wake up|stop existing|cease to exist)\b`).unlessAfter(dieIdioms),
		pattern(Concern, PassiveDeathWish, `\bi `+adv+`(?:wish|wished) (?:that )?i (?:was not|were not|was never|had not been|had never been) (?:alive|born|here|around)\b|\bi `+adv+`(?:wish|wished) (?:that )?i (?:never|had never|did not|had not|would never have) (?:existed|exist|been born|was born|were born)\b`),
		pattern(Concern, PassiveDeathWish, `\b(?:do not|did not|no longer) deserve to (?:live|be alive|exist|be here)\b`).needsSubject(),
		pattern(Concern, PassiveDeathWish, `\bi `+adv+`(?:want|wish|need) (?:it all|everything|my life|life|the pain|it) to (?:end|stop)(?: ,)? (?:permanently|forever|for good)\b|\bi `+adv+`(?:want|wish) (?:it all|everything|my life) to end\b`),
		pattern(Concern, PassiveDeathWish, `\bi `+adv+`(?:wish|wished) (?:that )?i (?:had|would have|would) (?:never been born|not been born|died|not woken up|never woken up|not survived|never wake up|not wake up)\b`),
		pattern(Concern, PassiveDeathWish, `\bi `+adv+`(?:wish|wished) (?:that )?i (?:did not|do not|would not|will not|could not|would never) (?:exist|wake up|have to wake up|have been born)\b`),
		pattern(Concern, PassiveDeathWish, `\bi `+adv+`(?:hope|pray|am hoping|am praying) (?:that )?(?:i (?:do not|will not|never|would not) wake up|i die|i just die|something kills me|i get hit by|i do not make it|i will not make it)\b`),
		pattern(Concern, PassiveDeathWish, `\bi `+adv+`(?:\w+ ){0,3}better off dead\b`),
		pattern(Concern, PassiveDeathWish, `\bi `+adv+`(?:would|will|might) `+adv+`rather (?:be dead|not exist|not be alive|not wake up|not be here|die)\b`).unlessAfter(` than (?:go|give|eat|wear|sing|speak|sit|work|do|be seen|talk|admit|ask|lose|miss|spend|watch|have|let|see|apologi[sz]e|call|fly|take|catch|attend|join|drive|ride|cook|clean|read|write|pay|visit|hear|meet|use|stand|queue|listen|dance|run|move|sit through|go through|deal with|open|answer|check|fill|be at|be in|be on|be stuck|wait|share|try|play|repeat|redo|face the|start)\b`),
		pattern(Concern, PassiveDeathWish, `\bi `+adv+`(?:do not|no longer|never|did not|really do not) `+adv+`(?:want|wish|care) to (?:be alive|exist|stay alive|keep existing)\b`),
		pattern(Concern, PassiveDeathWish, `\bi `+adv+`(?:do not|no longer|did not|really do not) `+adv+`(?:want|wish) to (?:live|be here|go on|keep living|keep going|carry on|wake up|go on living|keep on living|carry on living)`+anymore+lineEnd),
		pattern(Concern, PassiveDeathWish, `\b(?:not sure|do not know|unsure|not certain) (?:if |whether |that )?i (?:still )?(?:want to|can) (?:be alive|stay alive\b|(?:live|be here|keep going|go on|keep living)`+anymore+lineEnd+`)`).needsSubject(),
		pattern(Concern, PassiveDeathWish, `\bi `+adv+`(?:do not|no longer) (?:care|mind) (?:if|whether) i (?:live or die|die|wake up|am alive|live)\b`),
		pattern(Concern, PassiveDeathWish, `\bi `+adv+`(?:would not|will not|would not really|honestly would not) (?:mind|care) (?:if|whether) i (?:died|die|did not wake up|never woke up|was gone|were gone|was dead|were dead|got hit by)\b`),
		pattern(Concern, PassiveDeathWish, `\b(?:wish|wished|hoping|hope|hoped) (?:that )?(?:the|that|this|my) (?:trip|ceremony|medicine|overdose|accident|illness|cancer|crash|car|dose|drugs?) (?:had|would have|would|will|could have|could) (?:killed|kill|taken|take|finished) me\b`).needsSubject(),
		pattern(Concern, PassiveDeathWish, `\bi `+adv+`(?:am|feel) (?:so |just |really |completely )?(?:tired|sick|exhausted) of (?:(?:living|being alive|existing|being here)(?: anymore| like this)?`+lineEnd+`|life\b)`),
	}
}

func distressRules() []rule {
	return []rule{
		pattern(Concern, BurdenToOthers, `\b(?:better|easier|happier|lighter) (?:\w+ ){0,4}without me(?: around| here| in (?:it|their lives|the picture|the world))?`+lineEnd).except(mediaFrame),
		pattern(Concern, BurdenToOthers, `\b(?:better|easier|happier|lighter|better off) (?:\w+ ){0,3}if i (?:was|were|am|had|just) (?:gone|dead|not here|not around|never born|never been born|disappeared|died|no longer here|out of the picture)\b`),
		pattern(Concern, BurdenToOthers, `\b(?:better|easier|happier) (?:for (?:everyone|everybody|them|my family|my kids|my partner|the world|all of them)) if i (?:was|were|am|was not|were not|had) (?:gone|dead|not here|not around|never been born|disappeared|died)\b`),
		pattern(Concern, BurdenToOthers, `\bi `+adv+`(?:am|feel like|feel like i am|have become|always feel like|feel|am just|am only) (?:`+adv+`)(?:such |nothing but |only |just )?(?:a |an )?(?:huge |massive |total |constant |big |heavy )?(?:burden|dead weight|waste of (?:space|oxygen|air|a life))\b`),
		pattern(Concern, BurdenToOthers, `\b(?:no one|nobody|no-one) (?:would|will|is going to|is gonna) (?:even |really )?(?:miss me|notice (?:if|when) i (?:was|were|am) gone|notice (?:if|when) i (?:died|disappeared)|care (?:if|when) i (?:died|was gone|were gone|disappeared|killed myself|was dead|were dead|lived or died))\b`),
		pattern(Concern, Hopelessness, `\b(?:there is|i see|i have|i have got|there seems to be|there is just) `+adv+`no (?:point|reason|purpose) (?:in |to |for )?(?:living|being alive|going on|carrying on|keep going|keeping going|existing|staying alive|live|go on|me to live|me to go on|me to keep going|me being here|anymore|any more)\b`),
		pattern(Concern, Hopelessness, `\b(?:do not|can not|could not|did not|no longer) (?:see|find|have|think of|know) (?:any|a|one|a single|the) (?:reason|point|purpose) (?:to|in|for) (?:live|living|go on|going on|keep going|being alive|stay alive|staying alive|be here|being here)\b`).needsSubject(),
		pattern(Concern, Hopelessness, `\bi `+adv+`(?:have )?(?:lost|given up) (?:all |any |every )?hope(?: of (?:getting better|recovery|things changing|ever feeling better)| for (?:myself|me|my future|the future))?`+lineEnd+`|\b(?:lost|losing|no|have no|without) (?:the |my |any |all )?will to live\b`),
		pattern(Concern, Hopelessness, `\b(?:my )?life (?:has|holds|has got) (?:no|lost (?:all |its )?|lost any) (?:meaning|purpose|point|value)\b`).needsSubject(),
		pattern(Concern, Hopelessness, `\b(?:do not|can not|could not|no longer) (?:see|have|imagine) (?:a|any) future(?: for (?:myself|me))?`+anymore+lineEnd).needsSubject(),
		pattern(Concern, PassiveDeathWish, `\b(?:death|dying|being dead|not existing|not waking up) (?:would|will|could|might) (?:be|feel like) (?:a |such a )?(?:relief|release|mercy|blessing|welcome|easier|peaceful|better)\b`).needsSubject(),
		pattern(Concern, Hopelessness, `\bwhat is (?:even )?the point (?:of|in) (?:living|life|being alive|going on|anything|existing|carrying on|it all|me|trying anymore|any of it)\b`),
		pattern(Concern, Hopelessness, `\bwhat is (?:even )?the point (?:anymore|any more)\b`),
		pattern(Concern, Hopelessness, `\b(?:nothing|no one|nobody) (?:left )?to live for\b`),
		pattern(Concern, Hopelessness, `\bi have (?:no|nothing) (?:hope|future|reason to live|reason to keep going|to live for)(?: left| anymore| at all)?`+lineEnd),
		pattern(Concern, Hopelessness, `\b(?:my )?life (?:is|feels|seems|has become|is just) `+adv+`(?:pointless|meaningless|hopeless|not worth living|worthless|unbearable)\b|\bmy life (?:is|feels) (?:over|not worth it)`+lineEnd).needsSubject(),
		pattern(Concern, Hopelessness, `\blife (?:is|feels) not worth (?:living|it)\b`),
		pattern(Concern, Hopelessness, `\bi `+adv+`(?:can not|could not) `+adv+`(?:go on|keep going|carry on|keep living|live like this|do this|take (?:it|this)|cope|handle (?:it|this|life)|bear (?:it|this)|face (?:another day|tomorrow|living))(?: (?:anymore|any more|any longer|like this|much longer))*`+lineEnd).unlessAfter(` ,? (?:but|so|without|with)`),
		pattern(Concern, Hopelessness, `\bi `+adv+`(?:feel|am|have been feeling|have been|feel so|am so) `+adv+`(?:utterly |completely |totally |so |very |deeply )?hopeless\b`).unlessAfter(` (?:at|with|about (?:cooking|math|maths|this game))`),
		pattern(Concern, Hopelessness, `\bi `+adv+`(?:have |am ready to |want to )?(?:given|give|giving) up on (?:life|living|everything|myself|ever getting better|getting better)\b`),
		pattern(Concern, Hopelessness, `\b(?:will never|is never going to|are never going to|will not ever|nothing (?:will|is going to) ever|never going to) (?:get|be|feel) (?:any )?better\b`).needsSubject(),
		pattern(Concern, Hopelessness, `\bno way out\b`).unlessAfter(` of (?:the|this|that|my) (?:contract|lease|deal|meeting|traffic|parking|building|maze|cave)`).needsSubject(),
		pattern(Concern, Hopelessness, `\b(?:the only|my only|the best) (?:way out|option|solution|answer|escape) (?:is|would be|seems to be|feels like|left is) (?:suicide|death|to die|dying|killing myself|ending it|to end it|to kill myself|ending my life)\b`),
		pattern(Concern, PastAttempt, `\bi `+adv+`(?:have |had )?`+adv+`(?:tried|attempted|try|tryed) (?:to )?(?:kill myself|end my (?:own )?life|take my (?:own )?life|commit suicide|suicide|overdose|hang myself|end it all|end it|od)\b`).unlessAfter(` with\b`),
		pattern(Concern, PastAttempt, `\b(?:my|last|previous|first|second) (?:suicide )?attempts? (?:on my life|to (?:die|kill myself))|\bmy (?:last |previous |first |second )?suicide attempts?\b|\bi (?:have |had )?(?:overdosed|took an overdose|survived (?:a|my|an) (?:suicide attempt|overdose))\b`),
		pattern(Concern, SelfHarmBehaviour, `\bi `+adv+`(?:have |had )?`+adv+`(?:cut|burned|burnt|hurt|harmed|scratched|hit|punched|starved) myself (?:again|last night|yesterday|today|this morning|this week|on purpose|deliberately|tonight)\b`),
		pattern(Concern, SelfHarmBehaviour, `\bi `+adv+`(?:have been|was|started|have started|am|keep|kept|used to|went back to|relapsed and|relapsed into|relapsed on) `+adv+`(?:cutting|self-harming|self harming|selfharming|self-harm|self harm|harming myself|burning myself|hurting myself|cutting myself)\b`).unlessAfter(` (?:back|out|down|off|up|ties|corners|it close|loose|through|across|costs|carbs|sugar|gluten|meat|dairy|alcohol|caffeine|class|classes|school|wood|paper|fabric|hair|my hair|the|a|some|in)\b`),
		pattern(Concern, SelfHarmBehaviour, `\bcutting (?:myself )?again\b`).needsSubject(),
		pattern(Concern, SelfHarmBehaviour, `\b(?:until|till|so) (?:i|it) (?:bled|bleed|bruised|bruise|scarred|burned)\b`).needsSubject().gatedBy("bled", "bleed", "bruise", "scarred", "burned"),
		pattern(Concern, PastAttempt, `\b(?:took|swallowed|taken) (?:too many|a lot of|loads of|all (?:my|of my|the)|a bottle of) (?:\w+ )?(?:pills|tablets|meds)\b(?: [^ ]+){0,4}? (?:on purpose|deliberately|to die|to kill myself|to end it|to not wake up)\b`).needsSubject(),
		pattern(Concern, SelfHarmThoughts, `\b(?:urges?|urging|temptation|tempted|itch|craving) to (?:self-harm|self harm|selfharm|cut|`+selfHarm+`)\b`).needsSubject(),
	}
}

// accidents are what follows an accidental injury: "cut myself shaving".
const accidents = ` (?:shaving|while (?:cooking|shaving|chopping|slicing|working|playing|running|climbing|hiking|gardening|cleaning|moving)|when i (?:fell|tripped|slipped|crashed)|on (?:the|a|my)|at the|at work|during|playing|running|skiing|lifting|cooking|chopping|slicing|in the kitchen|in a fall|by accident|accidentally|with a kitchen|opening|on accident|badly in|exercising|working out|out running)`

func fallbackRules() []rule {
	return []rule{
		pattern(Concern, SuicidalThoughts, `\bi `+adv+`(?:am|feel|have been|have been feeling|was|felt|get|have felt|started feeling|started to feel|keep feeling|am feeling|became|become|have become|got) `+adv+`(?:a (?:bit|little) |quite |very |kind of |pretty )?suicidal\b`),
		pattern(Concern, SuicidalThoughts, `\bsuicidal (?:thoughts?|thinking|feelings?|urges?|ideation|ideas?|impulses?|moods?|episodes?|again|lately)\b`).needsSubject(),
		pattern(Concern, SuicidalThoughts, `\b(?:thinking|thought|think|thinks|fantasi[sz]e|fantasi[sz]ing|fantasi[sz]ed|dream|dreaming|dreamt|obsessing|obsessed|daydreaming|daydream|ruminating) (?:\w+ ){0,2}(?:about|of) `+adv+killSelfIng+`\b`).unlessAfter(` (?:prevention|awareness|hotline|line|rates?|statistics|research|helpline|with|of (?:a|my|the) (?:friend|relative|brother|sister|colleague|celebrity))\b`).needsSubject(),
		pattern(Concern, SuicidalThoughts, `\bthoughts (?:of|about) (?:suicide|killing myself|ending my life|ending it all|taking my (?:own )?life|dying|death|not being here|not existing)\b`).needsSubject(),
		pattern(Concern, SuicidalThoughts, `\bsuicide (?:has|keeps|kept|is|was) (?:crossing|crossed|coming into|came into|entering|entered|on) my mind\b`),
		pattern(Concern, SuicidalThoughts, `\b(?:kill myself|killing myself|end my (?:own )?life|ending my (?:own )?life|take my (?:own )?life|taking my (?:own )?life|end it all|ending it all|commit suicide|committing suicide|off myself|unalive myself|hang myself|shoot myself)\b`).unlessAfter(` (?:laughing|trying|working|over (?:this|that|it|nothing)|at (?:work|the gym)|to (?:get|finish|make|meet|keep|impress|please|be)|for (?:this|that|my job|the|a)|with (?:work|worry|drinking|alcohol|booze|drugs|food|smoking|cigarettes|stress|sugar|overwork))\b`),
		pattern(Concern, SelfHarmThoughts, `\b(?:self-harm|self harm|selfharm|self-injur)(?:ed|ing|s|y|ies)?\b`).unlessAfter(` (?:awareness|prevention|resources|research|statistics|charity|helpline|support group)\b`).needsSubject().except(`\b(?:poetry|poems?|essays?|articles?|podcasts?|documentar(?:y|ies)|lectures?|courses?|trainings?|workshops?|awareness|research)\b`),
		pattern(Concern, SelfHarmBehaviour, `\bi `+adv+`(?:have |had )?`+adv+`(?:cut|burned|burnt|harmed|scratched|punched|starved|bruised|hit) myself\b`).unlessAfter(accidents),
		pattern(Concern, SelfHarmThoughts, `\b`+selfHarm+`\b`).unlessAfter(accidents),
	}
}

// ongoing marks a wish that outlasted the experience: "since the ceremony
// I have wanted to die every day" is about now, not about the trip.
var ongoing = regexp.MustCompile(`\b(?:since|ever since|after|afterwards|every (?:single )?(?:day|night|morning)|still|anymore|any more|these days|lately|constantly|all the time|ever again)\b`)

// describesTrip reports whether a sentence describes the experience itself.
func describesTrip(s string) bool { return tripWords.MatchString(s) && !ongoing.MatchString(s) }
