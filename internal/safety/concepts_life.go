package safety

// Relapse, eating, withdrawal and hopelessness; and the suicide and
// self-harm concepts the older rules lacked: indirect goodbyes, final
// arrangements, being at a place or with a means now.

// problemSubstance is what people relapse on.
const problemSubstance = `(?:coke|cocaine|crack|heroin|gear|smack|meth|crystal|booze|drink|drinking|alcohol|pills|benzos|ketamine|opioids|oxy\w*|speed|weed|gambling|bottle|spice|fentanyl|drugs|using|the pills|it)`

func relapseConcepts() []concept {
	const r, c = KindRelapse, Concern
	return []concept{
		newConcept(r, c, RelapseUse, `relaps\w*|(?:used|using|injecting|scored|picked up|drinking|gambling|smoking|shooting up|bingeing) again|(?:used|using|drank|took|did) (?:\w+ )?(?:heroin|coke|gear|meth|crack|drugs|ketamine|pills|speed|benzos|oxy\w*|spice) again|again (?:after|since) (?:\w+ ){0,3}?(?:clean|sober|sobriety)|(?:broke|lost|ended|blew) my (?:sobriety|streak|clean time|sober time)|back on (?:the )?(?:\w+ )?(?:coke|heroin|gear|booze|drink|pills|meth|crack|ketamine|benzos|bottle|opioids|oxy\w*|smack|spice)|(?:\d+|ninety|sixty|thirty|ninety) days (?:clean|sober) (?:until|till|gone)|day (?:1|one) again|(?:first|1st) (?:drink|hit|line|pint|bet) (?:in|since) (?:\w+ ){0,2}?(?:years?|months?)|after (?:\w+ ){0,3}?(?:months|years|days|weeks) (?:clean|sober|off it)|cravings? (?:are |is )?(?:\w+ )?(?:unbearable|too strong|will not stop|winning|so bad)|(?:went|going|gone) back to (?:the )?(?:pills|drink|drinking|booze|coke|heroin|using|gear|bottle|needle)|(?:using|drinking|doing (?:\w+ )?(?:coke|ket\w*|lines)) every (?:day|night|weekend)|(?:can not|could not) stop (?:using|drinking)|slipped up|(?:started|been) (?:drinking|using|injecting|gambling) again|bought a bag|(?:called|texted|messaged|rang) my (?:old )?dealer|self-harm relapse|bender|(?:fell|fallen|falling) off the wagon|(?:sober|clean|sobriety) (?:\w+ ){0,2}?down the drain|(?:caved|gave in) and (?:used|drank|bought|messaged|called|texted|had|scored)|back to (?:a |the )?(?:gram|bottle|\d+ \w+) a day|used to (?:buy|score|get gear) from`).
			whose(writer).noInnerNegation().unlessIn(`\b(?:a relapse prevention|relapse prevention|relapse plan|deals with relapse|about relapse|what (?:is|does) relapse)\b`),
	}
}

func eatingConcepts() []concept {
	const e, c = KindEating, Concern
	return []concept{
		newConcept(e, c, EatingRestrictPurge, `(?:make|making|made|force|forcing|forced) myself (?:be )?(?:sick|throw up|vomit|puke)|(?:throw|throwing|threw) up (?:\w+ ){0,3}?(?:on purpose|after (?:every |each )?(?:meal|eating|dinner|lunch|i eat))|purg\w* (?:again|after|every|\w+ times (?:today|a day)|most)|(?:binge|binged|bingeing|binging) (?:\w+ ){0,4}?(?:purge|purged|sick|throw up|laxatives)|laxatives|(?:only|barely) (?:eating|eat|ate|had) (?:\d+|a few hundred) (?:calories|kcal|cals)|\d+ calories a day|restrict\w* (?:again|my (?:food|eating|calories)|food|calories|what i eat|everything)|restricting|(?:have not|not|did not) (?:eaten|eat|eating) (?:\w+ ){0,2}?(?:in|for) (?:\w+ )?(?:days|a week|weeks|\d+ days)|(?:have not|not) been eating|do not deserve (?:to eat|food)|skip\w* (?:all )?(?:my )?meals|counting (?:every )?calori\w*|eating disorder|anorexi\w*|bulimi\w*|starv\w* myself|punish myself by (?:not eating|starving|skipping)|(?:lost|losing) (?:\d+|\w+) (?:kilos|kg|pounds|lbs|stone) (?:in|since)|still (?:feel|look) (?:huge|fat|disgusting)|stopped eating|throw up everything i eat|fingers? down my throat|binge\w* (?:[^ ]+ ){0,3}?purg\w*|(?:have not|not) (?:had|eaten) (?:a )?(?:proper |real |single |decent )?(?:meal|food|anything) (?:since|in|for)|living on (?:diet coke|coffee|black coffee|water|apples|air|nothing)`).
			whose(writer).outlastsTrip().unlessIn(`\b(?:ramadan|fasting for|the dieta|dieta|before the ceremony|as instructed|the prawns|food poisoning|a bug|stomach bug|norovirus|hangover|hungover)\b`),
	}
}

func hopelessnessConcepts() []concept {
	const h, c = KindHopelessness, Concern
	return []concept{
		newConcept(h, c, Withdrawal, `(?:have not|not|can not|could not|did not|do not|barely|hardly) (?:\w+ ){0,1}?(?:got|get|gotten|getting) (?:\w+ )?out of (?:my )?bed|(?:in|stayed in|staying in|lying in|stuck in|been in) (?:my )?bed (?:\w+ ){0,3}?(?:all day|for (?:\w+ )?(?:days|a week|weeks)|since|every day)|(?:can not|could not) (?:even )?(?:get up|shower|face (?:anything|anyone|the day|people|the world))|stopped (?:eating|washing|showering|answering|leaving the house) and|just lie there|lying here all day|have not left (?:my|the) (?:bed|room|house|flat) (?:in|for|since)`).whose(writer),
		newConcept(h, c, Hopelessness, `nothing (?:is|will) (?:ever )?(?:going to )?(?:get|be|change|getting) (?:any )?better|(?:never|not) going to get better|nothing will (?:ever )?change|(?:no|not any) (?:future|way forward|way out|hope)(?: for me| left|$| ,)|can not see (?:a|any) (?:way|future|point)|(?:feel|feeling|am) (?:\w+ ){0,2}?(?:empty|numb|worthless|hopeless)|i am (?:a|such a) (?:failure|waste)|(?:given|gave|giving) up (?:trying|on everything|on myself)|what is the point (?:in|of) (?:anything|it|trying|any of it)|(?:ever|always) be like this|all is finish|everything is (?:dark|black|hopeless)|do not see how (?:things|it|anything) (?:could|will|can) (?:ever )?(?:be|get) (?:okay|better|good)|no hope (?:anymore|left|for)|nothing (?:left )?to look forward to`).
			whose(writer).noInnerNegation().outlastsTrip().unlessIn(`\b(?:numb (?:with|from) (?:cold|the cold)|my (?:feet|hands|toes|fingers|lip|face|arm|leg) (?:is|are|went) numb|dentist|anaesthetic)\b`),
	}
}

// thanksSign is a farewell said to people: ordinary at the end of a course
// of sessions, alarming next to arrangements or a wish to die.
const thanksSign = `thank you for (?:everything|all (?:of )?(?:it|our \w+|you have done|you did)|trying|putting up with me|being there)|thanks for (?:everything|putting up with me|trying|all of it)|cheers for everything|you (?:were|have been) the only one|take care of yourself|(?:i am )?sorry for everything|goodbye|forgive me|do not worry about me|i love you all`

// arrangementSign is putting affairs in order: a will, the pets, letters,
// passwords, cancelled sessions. Two signs in a text (at least one an
// arrangement), or one beside a wish to die, are an indirect goodbye.
const arrangementSign = `(?:sorted|decided|arranged) (?:out )?who (?:gets|will (?:have|take|look after))|who gets the (?:cat|dog|kids)|(?:cat|dog|pets?|kids|rabbit|fish) (?:is|are) going to (?:my|a|the|go to)|(?:written|wrote|writing|left) (?:\w+ ){0,2}?letters?|letters? for (?:my|each|everyone)|left (?:them|the letters|the keys|the passwords|instructions|everything) (?:\w+ ){0,3}?(?:for|with|on|in)|left the keys with|(?:my will|papers|paperwork|affairs|everything|finances) (?:is |are )?(?:\w+ )?(?:in order|sorted|signed|updated)|sorted the (?:paperwork|papers|will|finances)|paid off my debts|passwords? in an envelope|insurance papers|where (?:my \w+|she|he|they) will find (?:them|it)|sorting (?:out )?my (?:papers|things|affairs)|(?:someone|somebody|you) feeds? the (?:cat|dog)|look after the (?:cat|dog)|(?:give|giving|gave|given) (?:away )?(?:\w+ ){0,2}?my (?:things|stuff|belongings|guitar|records|clothes|books|jewel\w*) (?:away )?|will not be (?:needing|around)|cancel (?:all )?my (?:\w+ )?(?:sessions?|appointments?)|so (?:nobody|no one) has to sort|the dog is going to`

func suicideConcepts() []concept {
	const s, u = KindSuicide, Urgent
	return []concept{
		newConcept(s, u, SuicideGoodbye, `(?:will not|do not|am not going to) (?:be )?need(?:ing)? (?:them|it|any of (?:it|this|them)|my \w+|these)(?: where i am going| after| anymore)?|where i am going|(?:it|this|everything) (?:will|is going to) (?:all )?be over (?:soon|tonight|tomorrow)|(?:all )?be over soon|made my peace|(?:at peace|ready) (?:with it|to go)(?: now|$| ,)|my mind is made up|said (?:my|all my) goodbyes|(?:tell|let) (?:my )?(?:\w+ ){0,2}?(?:know )?(?:that )?i loved|last (?:entry|time you will hear|message)|(?:you|anyone) (?:will )?(?:never )?hear from me again|(?:nobody|no one) (?:has|will have) to sort|so (?:nobody|no one) has to|not coming back|this is the end for me|(?:do not plan|not planning|am not going|do not intend) to wake up|i have made sure of (?:that|it)|i will not be (?:around|here|there|at) (?:for )?(?:our|my|the|next)`).
			whose(writer).noInnerNegation().unlessAfter(` (?:of (?:the|this) (?:year|day|week|month)|for (?:today|now|this|the)|before (?:the|my|i))\b`).unlessIn(ritual + `|\b(?:holiday|trip|travel\w*|abroad|moving|new job|on leave|off work|hospital appointment|surgery|conference|wedding|because|as i am|sick|ill|flu|covid)\b`),
		newConcept(s, u, SuicidePlace, `(?:i am|i m|sitting|standing|stood|sat|parked|waiting|i have been|i keep (?:going|driving|walking) to) (?:\w+ ){0,3}?(?:on|at|by|near|under|on the edge of|at the edge of|to) (?:the |a |this )?(?:\w+ )?(?:bridge|tracks|train tracks|railway|rail line|cliffs?|roof|rooftop|ledge|car park roof|multi-?storey|platform edge|quarry|viaduct|balcony edge|tower)(?: right now| now|$| ,| and| it| at night| tonight)|(?:found|picked|chosen|know) (?:a |the )?(?:spot|place) (?:\w+ ){0,4}?(?:nobody|no one) will (?:see|find) me|where (?:nobody|no one) will (?:see|find) me|(?:which|the) train (?:\w+ )?(?:does not|doesn t) stop|(?:tallest|highest) (?:buildings?|bridges?) (?:\w+ ){0,4}?(?:know which|which one)|in the bath with (?:a|the) (?:razor|blade|knife)|walk into the (?:sea|river|lake|ocean)|(?:drive|crash|steer) (?:my |the )?(?:car )?(?:off|into) (?:the |a )?(?:road|cliff|bridge|tree|wall|oncoming|barrier|river)`).
			whose(writer).noInnerNegation().unlessIn(`\b(?:view|sunset|sunrise|picnic|photos?|hike|hiking|walk with|with (?:my|the) (?:dog|kids|family|friends|partner)|holiday|trip|swim|swimming|paddle|surf\w*|ice cream|train to work|commute|late)\b`),
		newConcept(s, u, MeansAccess, `(?:gun|rifle|pistol|shotgun) (?:is )?(?:out|loaded)|loaded (?:the )?(?:gun|rifle|pistol)|counted (?:out )?(?:my |the |all )?(?:\w+ )?(?:pills|tablets|meds)|(?:rope|noose|gun|blade|razor|pills|tablets|meds) (?:is |are )?(?:\w+ )?(?:in|under|on|at|up in) (?:the |my )?(?:boot|car|drawer|table|bag|pocket|bath|garage|sock drawer|loft|attic|shed|cupboard|wardrobe)|(?:\d+|twenty|thirty|forty|fifty|sixty) (?:of )?(?:my )?(?:\w+ )?`+medName+` (?:\w+ ){0,2}?saved|(?:got|have|got the) (?:the )?means|tablets ready|pills ready`).
			whose(writer).noInnerNegation().unlessIn(`\b(?:pill ?box|organi[sz]er|for the week|dosette|prescription|pharmacy|locked (?:away|up)|gun (?:range|club|safe)|hunting|shooting range|clay)\b`).needs(`\b(?:die|death|dead|end|suicide|kill|enough|ready|tonight|tomorrow|done|means|last|goodbye|it|loaded|bath|counted|saved|over)\b`),
		newConcept(s, Concern, SuicidalThoughts, `(?:thinking|think|thought|thoughts) (?:a lot )?(?:about|of) (?:dying|being dead|not being here|not existing|ending it|ending my life|killing myself|suicide|my (?:own )?death)|(?:thinking|thought|think) (?:to|of|about) (?:end|ending|take|taking|kill|killing|finish|finishing) (?:my life|myself|it all|my own life)|want to suicide|(?:going|plan|planning|decided) to suicide|decided to finish it|finish (?:it|myself|my life) (?:tonight|today|tomorrow)|(?:lowkey|kinda|sorta) want to die|(?:would not|do not|wouldn t) mind if i (?:did not|didn t|never) wake up|not mind if i (?:did not|never) wake up|(?:imagine|picture|imagining|picturing) my (?:own )?funeral|(?:idea|thought) of not existing|welcome a (?:car crash|crash|heart attack|accident)|(?:would not|do not) (?:care|mind) if (?:the plane|the car|a car|a bus|something|i)\b|how easy it would be|(?:suicidal|suicide) (?:thoughts|ideation|feelings|urges)|suicidal`).
			whose(writer).noInnerNegation().unlessIn(`\b(?:not suicidal|prevention|hotline|line number|awareness|research|suicide squad|suicide doors)\b`),
	}
}

func selfHarmConcepts() []concept {
	const h, c = KindSelfHarm, Concern
	return []concept{
		newConcept(h, Urgent, SelfHarmInjury, `cut (?:too|to|so) deep|gaping|bleeding through|soaked through|(?:will not|can not|could not) stop (?:the )?bleed\w*|(?:bleeding|blood) (?:\w+ )?(?:will not|does not|is not going to) stop|need stitches`).whose(writer).noInnerNegation(),
		newConcept(h, c, SelfHarmBehaviour, `self-?harm\w*|self harm\w*|urges? to (?:cut|self-harm|hurt myself|burn|harm)|urge to (?:cut|hurt myself)|(?:burning|burnt|burned|cutting|cut|scratching|scratched|hitting|hit|banging|punching|punched) (?:\w+ ){0,2}?(?:my (?:arms?|legs?|wrists?|thighs?|skin|head|stomach|hands?|knuckles)|myself|the wall)(?: \w+){0,4}? (?:until|till|on purpose|with a (?:lighter|blade|razor|knife|cigarette)|again|to feel|when i)|pulling (?:my )?hair out|fresh (?:marks|cuts|scars|wounds)|hiding (?:the |my )?(?:marks|cuts|scars)|(?:until|till) (?:they|it|i) bled|(?:until|till) my knuckles`).
			whose(writer).noInnerNegation().unlessIn(`\b(?:shaving|cooking|chopping|gardening|by accident|accidentally|paper cut|self-harm (?:training|awareness|policy)|frustrat\w*|brick wall)\b`),
	}
}
