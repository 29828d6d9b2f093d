package safety

// Lexicons of the body kinds: substances, symptoms and amounts.
const (
	// substance is what people take, and the settings they take it in.
	substance = `(?:pingers|beans|rolls|bombs|(?:first|second|third) cup|come up|comedown|come down|mdma|molly|md|mandy|ecstasy|pills?|coke|cocaine|crack|speed|meth|crystals?|ketamine|ghb|gbl|g|acid|lsd|tabs?|mushrooms?|psilocybin|ayahuasca|aya|brew|dmt|5-meo|toad|kambo|iboga\w*|heroin|fentanyl|oxy\w*|xanax|benzos|lines?|caps?|edibles|2c-b|2cb|alcohol|vodka|wine|booze|pints|drink|drinks|drinking|drunk|drugs?|medicine|ceremony|trip|tripping|festival|rave|party|dose|dosed|redosed|re-dosed|session|took|taken|high|rolling|come-up|comeup|peak)`
	// medName is a medicine or drug taken in overdose.
	medName = `(?:` + medLex + `|tabs|xanax|caps|grams|g|points|lines|bags|doses|propranolol|pregabalin|gabapentin|methadone|amitriptyline|mirtazapine|olanzapine|clonazepam|lorazepam|temazepam|nurofen|panadol|co-codamol|\w+(?:olol|azepam|azolam|codone|morphone|phine|pram|oxetine|traline|apine|idone|pine|barb\w*))`
	// takeVerb is taking a substance.
	takeVerb = `(?:ingested|consumed|took|taken|take|taking|swallowed|swallow|swallowing|ate|eaten|had|did|done|dropped|snorted|necked|downed|drank|drunk|injected|shot|smoked|railed|bombed|popped|redosed|re-dosed|dosed|keep re-dosing|keep redosing|keep taking)`
	// tooMuch is an amount past safe.
	tooMuch = `(?:more and more|too much|too many|to much|to many|way (?:too much|more|too many)|more (?:\w+ ){0,2}?than (?:usual|normal|i (?:planned|meant|should|normally|usually)|planned|intended|ever|normal)|double|triple|a (?:massive|huge|big|heroic|giant|crazy|whole) (?:dose|amount|line|bump|bottle|pack)|the whole (?:\w+ )?(?:strip|bottle|pack|packet|box|bag|stash|lot|thing|sheet)|all (?:of )?(?:my|the|her|his|their|them|those|these)|everything in|a handful|handfuls|a (?:load|bunch|lot|ton|pile) of|loads of|the lot|the rest of|half (?:a|the) (?:bottle|pack|box|bag|packet)|(?:[3-9]|\d{2,}|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|a hundred) (?:of )?(?:my |her |his |the |their |them )?(?:\w+ ){0,2}?` + medName + `\b|(?:[3-9]|\d{2,}) ?(?:g|grams|mg)\b|another (?:\w+ )?(?:and another|pill|line|dose|tab)|a (?:fourth|third|fifth) (?:pill|tab|dose|line|one))`
	// depressant and serotonergic are the two families that are dangerous
	// mixed: depressants with each other or alcohol, serotonergic drugs
	// with antidepressants, lithium or tramadol.
	depressant   = `(?:ghb|gbl|g|ketamine|benzos|xanax|valium|diazepam|clonazepam|lorazepam|oxy\w*|heroin|fentanyl|methadone|tramadol|codeine|morphine|opioids|sleeping (?:pills|tablets)|pregabalin|gabapentin|zopiclone)`
	alcohol      = `(?:alcohol|vodka|wine|booze|pints|beer|cider|gin|whisky|whiskey|rum|drink|drinking|drunk|a bottle)`
	serotonergic = `(?:mdma|molly|md|mandy|ecstasy|ayahuasca|aya|5-meo|dmt|lsd|acid|tabs?|mushrooms|psilocybin|coke|cocaine|speed|brew|pills)`
	antidep      = `(?:ssris?|sertraline|fluoxetine|citalopram|escitalopram|prozac|paroxetine|venlafaxine|antidepressants?|maois?|lithium|tramadol|lamotrigine|meds|medication|my medicine)`
	// someone is a person at the scene of an emergency.
	someone = `(?:he|she|they|friend|mate|partner|husband|wife|boyfriend|girlfriend|brother|sister|son|daughter|flatmate|roommate|housemate|guy|girl|someone|somebody|mum|mom|dad|baby|toddler|kid|child|man|woman|bf|gf)`
	// presentCue is a state that is happening now.
	presentCue = `\b(?:is|are|am|keeps?|can not|will not|now|right now|still|since|for (?:\w+ )?hours|been|getting|started|just|an hour|minutes|tonight)\b`
)

func medicalConcepts() []concept {
	const m, u = KindMedical, Urgent
	return []concept{
		newConcept(m, u, MedicalEmergency, `chest (?:\w+ ){0,3}?(?:pain|pains|hurt\w*|tight\w*|crush\w*|pressure|heavy|squeez\w*|killing me|burning|aching|agony)|(?:pain|pains|pressure|tightness|crushing|heaviness) (?:\w+ ){0,2}?(?:in|on|across) (?:my|his|her|the) chest|chest pains?|heart attack`).
			whose(scene).unlessIn(`\b(?:nearly|almost|practically|gonna|going to) (?:had|have|give me) a heart attack|gave me a heart attack|heart attack (?:when|at the)|(?:with|from) (?:emotion|grief|love|laughing|laughter)|heart (?:opened|open|chakra)\b`).unlessAfter(` (?:from|with) (?:laughing|laughter|crying|emotion)`),
		newConcept(m, u, MedicalEmergency, `seizures?|seizing|froth\w*|(?:went|gone|going) (?:all )?(?:stiff|rigid)|(?:is|are|am|was|keeps?|started|having|had) (?:a )?(?:fit|fits|fitting)|fitting|convuls\w*|(?:body|whole body|arms|legs|muscles|hands|hand) (?:\w+ ){0,2}?(?:jerking|twitching|spasming|rigid|going rigid)|eyes (?:\w+ )?(?:rolled|rolling|roll) back|foaming at the mouth`).
			whose(scene).unlessAfter(` (?:in|into|room|the|a|for|together|right|well|perfectly)\b`).unlessIn(`\b(?:gave me a seizure|(?:laptop|computer|phone|screen|printer|spreadsheet|tv|telly|car|dog|cat) (?:\w+ ){0,3}?(?:seizure|fit)|seizure mechanic|seizures? for years)\b`),
		newConcept(m, u, MedicalEmergency, `(?:can not|could not|can t|unable to) (?:wake|rouse) (?:him|her|them|my \w+|\w+)(?: up| to respond)?|`+someone+` (?:is|are|looks?|looking|has gone|went|turned|turning|gone|going) (?:\w+ )?(?:blue|grey|gray|purple)|`+someone+` (?:\w+ ){0,3}?(?:will not|can not|could not|is not|are not|not|does not|did not|barely|won t) (?:\w+ )?(?:wake|waking|woken|come round|coming round|come to|respond\w*|answering|breathing)(?: up)?|(?:not|barely|is not|stopped) breathing|unresponsive|unconscious|stopped breathing|barely breathing|(?:can not|could not|can barely|struggling to|hard to|trouble|difficulty|can hardly) (?:\w+ )?breathe|breathing (?:is )?(?:very |really |so )?(?:slow|shallow|weird|irregular|strange|rattly|noisy)|(?:lips|face|skin|fingers) (?:\w+ ){0,2}?(?:blue|grey|gray)|(?:turning|gone|going|went) (?:blue|grey|gray)|gurgling|snoring (?:weird\w*|loud\w*|really loud\w*|strange\w*)|collapsed|floppy|(?:keep|kept|keeps) (?:passing|blacking) out|blacking out|passing out and|passed out and|fainted (?:twice|again|\w+ times)|feel (?:like i (?:might|am going to|will) )?faint|can not keep my eyes open|hard to keep my eyes open|going under|slipping away|stuck on the (?:\w+ )?floor|will not come round`).
			gatedOn("wake", "waking", "woken", "round", "come to", "respond", "answer", "breath", "conscious", "blue", "grey", "gray", "gurgl", "snor", "collaps", "floppy", "passing", "blacking", "faint", "eyes open", "going under", "slipping", "floor").
			whose(scene).unlessIn(`\b(?:phone|battery|laptop|alarm|dog|cat|baby monitor|wifi|plant)\b`),
		newConcept(m, u, MedicalEmergency, `(?:throat|tongue|lips|face|mouth|eyes) (?:\w+ ){0,2}?(?:swell\w*|swollen|closing|puffy|puffing up)|throat (?:\w+ ){0,2}?(?:closing|tight|swollen)|(?:can not|hard to|struggling to|trouble|difficult to) swallow\w*|anaphyla\w*|hives all over|rash all over|swelling in my throat`).whose(scene),
		newConcept(m, u, MedicalEmergency, `overheat\w*|burning up|(?:can not|could not|unable to) cool (?:down|off)|stopped sweating|heat ?stroke|(?:temperature|temp|fever) (?:\w+ ){0,2}?(?:3[89]|4[0-3])|hot to the touch|cooking (?:from|on the) inside|skin is (?:\w+ )?(?:hot|burning)|(?:really|so|too|very) hot and (?:\w+ )?(?:dry|confused|shaking)`).
			whose(scene).unlessIn(`\b(?:laptop|phone|car|engine|oven|kitchen|weather|house|flat|room|office)\b`),
		newConcept(m, u, MedicalEmergency, `(?:vomiting|throwing up|puking|coughing up) blood|blood in my (?:vomit|sick|pee|urine)|(?:pee|urine) is (?:\w+ )?(?:dark|brown|black)|worst headache|(?:headache|pain) (?:[^ ]+ ){0,3}?worst|(?:face|mouth) (?:\w+ ){0,2}?(?:numb|drooping)|numb on one side|(?:can not|could not) see (?:properly|anything)|serotonin syndrome|blood pressure (?:\w+ ){0,3}?(?:1[89]\d|2\d\d)|pain (?:spreading|going|shooting) (?:\w+ )?(?:to|down|into) my (?:jaw|arm|neck|back)|heart (?:\w+ ){0,2}?(?:skipping|skips|fluttering|irregular\w*|stopping|stopped)|(?:can not|could not) feel (?:my|his|her|the) (?:\w+ ){0,3}?(?:legs|arms|face|body|hands|side)|hyperventilat\w*|`+
			// Readings and signs of a failing circulation, as a nurse or a
			// patient with a home cuff tells them: "BP 82/50", "HR in the
			// 40s", "greying out every time I stand".
			`(?:bp|blood pressure) (?:is |was |of |at |reads )?(?:[4-8]\d) \d+|(?:hr|heart rate|pulse) (?:is |of |at )?(?:in the )?(?:[23]\d|4\d)s?\b|(?:greying|graying|grey|gray|blacking|whiting) out|(?:left|right|one) side (?:\w+ ){0,3}?(?:numb|weak|drooping|droopy|paralysed|paralyzed)|(?:vision|sight) (?:is |has |has gone |went |gone )?(?:doubled|double)|seeing double|double vision|pulse (?:is )?(?:hard to find|weak|faint|thready)`).whose(scene),
		// Weaker signs count after a substance, and now.
		newConcept(m, u, MedicalEmergency, `heart (?:\w+ ){0,3}?(?:racing|pounding|beating (?:\w+ )?(?:fast|hard|weird\w*|irregular\w*|so)|going crazy|going to explode|out of my chest|will not (?:slow|calm))|(?:can not|could not) stop (?:shaking|vomiting|throwing up|puking|twitching)|vomiting (?:non-?stop|for (?:\w+ ){0,2}?hours)|(?:shaking|sweating|trembling) (?:\w+ ){0,3}?(?:and|,) (?:\w+ ){0,2}?(?:sweating|shaking|confused|heart)|dizzy|(?:room|everything) (?:is )?spinning|confused|not making sense|talking nonsense|(?:can not|could not|barely) (?:think|move|stand)|(?:jaw|muscles?) (?:\w+ ){0,2}?(?:locked|rigid|twitching|cramping)|muscles hurt like|headache|dying for real|(?:i am|i m|feel) so hot|(?:legs|arms|hands|feet) (?:\w+ ){0,2}?numb|arm (?:is |feels |went )?(?:numb|tingling|heavy)|(?:legs|arms|hands|feet) (?:\w+ ){0,2}?(?:cold|tingling)|feel sleep|so sleepy|nodding off|feel weird|(?:cold and )?clammy|(?:gone|going|turned|so|really) (?:\w+ )?pale`).
			whose(scene).needs(`\b` + substance + `\b`).needs(presentCue),
	}
}

func overdoseConcepts() []concept {
	const o, u = KindOverdose, Urgent
	return []concept{
		newConcept(o, u, OverdoseTaken, takeVerb+` (?:\w+ ){0,3}?`+tooMuch).gatedOnAll(takeLits, append(drugLits, "too", "to much", "to many", "whole", "all", "double", "triple", "handful", "load", "lot", "rest", "half", "another", "third", "fourth", "fifth", "more")).
			whose(scene).needs(`\b(?:` + substance + `|` + medName + `|of them|on top)\b`).unlessAfter(` (?:on at|on this|on board|on myself|time|work|sun|coffee|food|cake|chocolate|sugar|salt)\b`).
			unlessIn(`\b(?:took (?:him|her|them|us) (?:a|an|some|the)|like (?:the|my) (?:doctor|gp|nurse|pharmacist)|as (?:the|my) (?:doctor|gp|nurse) (?:said|told)|laxatives?|coffee|cake|chocolate|food|pizza|biscuits|sweets|crisps|dinner|lunch|breakfast|sugar|vitamins?|as (?:prescribed|directed)|(?:have|had|did|took) to (?:much|many) (?:work|time)|took (?:too much|too many|all (?:of )?my) (?:time|photos|pictures|notes|stuff|things|clothes))\b`),
		newConcept(o, u, OverdoseTaken, `(?:i have|just) (?:taken|swallowed|had|done) (?:them|it|all of them|the lot|the pills|the tablets|everything)(?: ,|$| now| already)`).
			whose(writer).needs(`\b(?:sorry|goodbye|can not do this|pills|tablets|meds|forgive|love you|bye)\b`),
		newConcept(o, u, OverdoseTaken, `overdosed|overdid (?:it|the|my)|overdone it|overdoing it|(?:am|is|are) overdosing|od would|i think i od|took an overdose|taken an overdose`).
			whose(scene).unlessAfter(` on (?:christmas|films|tv|telly|chocolate|sugar|caffeine|coffee|netflix|work|love|kindness)\b`),
		// Mixing now: a depressant with alcohol or another depressant, a
		// serotonergic drug with an antidepressant, lithium or tramadol.
		newConcept(o, u, OverdoseMixing, `on top of (?:\w+ ){0,3}?(?:`+depressant+`|`+alcohol+`|`+antidep+`|`+serotonergic+`|everything)`).whose(scene).needs(`\b(?:` + takeVerb + `|mixed|mixing)\b`),
		newConcept(o, u, OverdoseMixing, `(?:mix\w*|combin\w*) (?:\w+ ){0,3}?`+depressant+` (?:\w+ ){0,2}?(?:with|and) (?:\w+ ){0,2}?(?:`+alcohol+`|`+depressant+`)|(?:mix\w*|combin\w*) (?:\w+ ){0,3}?`+serotonergic+` (?:\w+ ){0,2}?(?:with|and) (?:\w+ ){0,2}?`+antidep+`|(?:mix\w*|combin\w*) (?:\w+ ){0,3}?(?:`+alcohol+`|`+antidep+`) (?:\w+ ){0,2}?(?:with|and) (?:\w+ ){0,2}?(?:`+depressant+`|`+serotonergic+`)`).whose(scene),
		newConcept(o, u, OverdoseMixing, takeVerb+` (?:\w+ ){0,4}?`+depressant+` (?:\w+ ){0,4}?(?:with|and|plus|after|on) (?:\w+ ){0,3}?(?:`+alcohol+`|`+depressant+`)|`+takeVerb+` (?:\w+ ){0,4}?`+alcohol+` (?:\w+ ){0,4}?(?:with|and|plus|then) (?:\w+ ){0,4}?(?:took|taken|some|a few|my|her|his)? ?(?:\w+ )?`+depressant+`|`+takeVerb+` (?:\w+ ){0,4}?`+serotonergic+` (?:\w+ ){0,4}?(?:with|and|plus|after|on|even though) (?:\w+ ){0,4}?`+antidep).gatedOnAll(takeLits, drugLits).whose(scene).unlessIn(`\b(?:glass of wine|a beer|with (?:dinner|food|friends|water|juice))\b`),
		newConcept(o, u, OverdoseMixing, `(?:(?:i am|i m|even though i am|while i am|she is|he is|whilst on|while on) on|^on) (?:my |the |a |an )?(?:\w+ )?`+antidep).
			whose(scene).needs(`\b(?:took|taken|dropped|had|did|drank|just)\b (?:\w+ ){0,4}?(?:` + serotonergic + `|` + depressant + `)\b`),
		// Someone else took a substance and now shows a sign of overdose:
		// (last, so a mixing match on the same words keeps its reason)
		// the writer is reporting an overdose, not only a body emergency.
		newConcept(o, u, OverdoseTaken, someone+` (?:\w+ ){0,2}?(?:took|taken|snorted|mixed|injected|shot up|smoked|swallowed|dropped|drank|necked|railed|did|had) (?:\w+ ){0,4}?(?:`+substance+`|something|stuff|tablets)\b`).
			whose(scene).needs(`\b(?:unresponsive|unconscious|not breathing|barely breathing|stopped breathing|breathing (?:is )?(?:very |so |really )?(?:slow|shallow|weird|strange)|(?:lips|face|skin) (?:\w+ )?(?:blue|grey|gray|purple)|turning blue|going blue|(?:can not|could not|will not) (?:wake|rouse)|not (?:waking|responding)|seizure|fitting|collapsed|passed out)\b`),
	}
}
