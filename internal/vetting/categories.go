package vetting

// The phrase patterns per category. They are written against normalised
// text (lower case, contractions expanded, punctuation other than , ; : ? !
// removed); "~N " allows up to N words in between and <name> is a
// vocabulary entry from rules.go. Each pattern has a comment saying what
// kind of statement it catches; negation is handled separately.

func outcomeRules() []rule {
	return concat(
		rulesFor(OutcomeGuarantee, `@confidential\w*|privacy|private|discretion|reply|replies|respond|response|prompt|availability|spot|place`,
			// "guarantees results", "transformation, guaranteed", "money-back guarantee"
			`guarantee[sd]?|guaranteeing|money back`,
		),
		rulesFor(OutcomeGuarantee, "",
			// "I promise you will find peace", "I promise lasting results"
			`<self> ~2 promise (?:that )?(?:you|your|results?|lasting|healing|a cure|cures?|transformation|a breakthrough|breakthroughs|peace|change|freedom|relief|recovery|success)`,
			// "that is my promise to you"
			`my promise to you|(?:that|this) is my promise|promise of (?:healing|transformation|results|a cure|recovery)`,
			// "you will leave healed", "my clients leave healed", "come out the other side transformed"
			`(?:you|my clients|our clients|every client|each client|all (?:of )?my clients|every participant) ~2 (?:leave|leaves|walk away|walks away|go home|goes home|come out|comes out|emerge|emerges|walk out) ~4 (?:healed|cured|restored|transformed|whole|fixed|renewed|reborn|free of|free from)`,
			`(?:go|goes|went) home (?:healed|restored|whole|transformed|cured|fixed|renewed)`,
			// "you will feel lighter", "you will be free of anxiety"
			`you (?:will|are going to|shall) ~2 (?:be|feel|become) ~2 (?:healed|cured|whole again|restored|transformed|free of|free from|fixed|lighter|renewed|at peace|a new person)`,
			`you (?:will|are going to) (?:finally )?(?:find|achieve|experience|get|reach) (?:lasting |true |total |complete |deep )?(?:peace|healing|freedom|recovery|relief|results|transformation|a breakthrough|breakthroughs|wholeness)`,
			// "you will never feel anxious again", "you won't need any other support"
			`!you (?:will|are going to) (?:never ~6 again|no longer (?:feel|be|struggle|suffer|need|have|experience))`,
			`!you (?:will|would) (?:not|never) need (?:any )?(?:other|more|further|another|any more)`,
			// "your depression will lift"
			`(?:your|the|their) ~2 will (?:lift|disappear|vanish|go away|melt away|dissolve|never return|never come back|be (?:fully |completely |totally |permanently )?(?:gone|healed|cured|resolved|fixed|behind you))`,
			// "so it never comes back", "I've never had a client leave without a breakthrough"
			`!never (?:comes|come) back|never returns`,
			`!never had a (?:single )?client ~3 without`,
			// "my integration work cures depression"
			`(?:my|our|this) ~3 (?:cures|heals|fixes|eliminates) ~3 (?:<cond>|trauma|burnout|pain|wounds)`,
			`(?:\d+ percent|100 percent) (?:success|recovery|cure|healing) rate|success rate of`,
			// "I can fix it", "this process will heal your childhood wounds"
			`(?:can|will|going to|guaranteed to|sure to|able to) (?:help you )?(?:heal|cure|fix|eliminate|erase|resolve) (?:your|you|it|this|that|anything|whatever|all|any|them)`,
			// "for good", "once and for all", "completely cured", "full recovery"
			`(?:heal\w*|cur(?:e|es|ed|ing)|fix\w*|eliminat\w*|erase\w*|resolv\w*|remov\w*|clear\w*|free\w*|overcom\w*|broken? free|rid) ~5 (?:for good|forever|once and for all|permanently|for life)`,
			`(?:completely|fully|totally|permanently|100 percent) (?:cured|healed|free of|free from|fixed|recovered|restored)`,
			`(?:has|have|had) (?:cured|healed) |cured (?:of|clients|people|them)`,
			`(?:full|complete|total|permanent) (?:recovery|healing|cure|remission)`,
			`(?:healing|change|results?|transformation|recovery) (?:is|are|will be) (?:permanent|guaranteed|certain|assured|inevitable)`,
			`proven to (?:heal|cure|work|eliminate|transform|fix)`,
			// "every participant has come away with a breakthrough", "my clients always experience deep healing"
			`(?:every|each) (?:single )?(?:client|participant|person) ~4 (?:come away|came away|walked away|walks away|leaves|left|broke free|broken free|achieved|achieves|healed|recovered|transformed|found (?:peace|healing|freedom)|experienced (?:a )?(?:breakthrough|healing|transformation))`,
			`(?:my clients|clients|participants) always (?:experience|leave|heal|recover|find|achieve|get|feel|break)`,
		),
	)
}

func substanceRules() []rule {
	provideExceptions := `for|integrat\w*|coaching|support|education|information|experiences?|stories|story|space|circles?|knowledge|wisdom|insights?|research|resources|guidance|guided|journeys?|ceremon\w*|retreats?|sessions?|after|afterwards|following|about|preparation|tools`
	medExceptions := `<med>|high|low|heroic|full`
	return concat(
		rulesFor(SubstanceProvision, provideExceptions,
			// "I provide psilocybin chocolates", "I grow and share sacred mushrooms", "I can arrange access to ketamine"
			`<self> ~3 (?:provide|supply|supplies|sell|sells|source|serve|share|distribute|deliver|grow|offer|give|hand out|procure|administer|brew|cultivate|dispense|prepare|prepares|pour|pours|arrange access to|get you|hook you up with|ship|mail|stock) ~4 <sub>`,
			// "access to clean, lab-tested mushrooms", "DM me for mushrooms", "a three-month microdose supply"
			`access to ~4 <sub>`,
			`(?:dm|message|contact|email|text|call) (?:me|us) (?:for|about) ~2 <sub>`,
			`(?:<drug>|microdose|microdosing|medicine) (?:supply|supplies|kits?|packs?|bundles?|deliver(?:y|ies)|starter)`,
			// "clients can purchase my handmade mushroom tinctures"
			`(?:buy|purchase|order) ~3 (?:from me|from us|my|our) ~3 <sub>`,
		),
		rulesFor(SubstanceProvision, "",
			// "trusted sources for medicine", "I can connect you with a supplier"
			`(?:sources?|suppliers?|vendors?|dealers?|growers?) (?:for |of )?<sub>|<drug> (?:sources?|suppliers?|vendors?|dealers?)`,
			`growers?|suppliers?|dealers?`,
			`(?:trusted|reliable|reputable|vetted|discreet|legit|legitimate) (?:sources?|suppliers?|vendors?|dealers?|growers?)`,
			`(?:connect|put|introduce|refer|point) (?:you|clients|people) (?:in touch )?(?:with|to) ~3 (?:sources?|suppliers?|vendors?|dealers?|growers?|someone who (?:sells|grows|supplies|provides))`,
			// "not sure where to find medicine?"
			`where (?:to|you can) (?:find|get|buy|obtain|source|order|purchase|score) ~2 <sub>`,
			// combining: "I recommend combining psilocybin with lion's mane", "candy flipping"
			`candy flip\w*|hippie flip\w*|hippy flip\w*|kitty flip\w*|stacking|stamets stack`,
		),
		rulesFor(SubstanceProvision, `coaching|integrat\w*|therapy|practice|support|somatic|breathwork|journaling`,
			`(?:combin\w*|mix\w*|pair\w*|stack\w*) ~3 (?:<drug>|substances|drugs)`,
		),
		rulesFor(SubstanceProvision, medExceptions,
			// dosing: "dose adjustments", "I'll help you work out the right amount of mushrooms", "microdosing protocols"
			`(?:dose|doses|dosing|dosage|dosages) (?:advice|plan|plans|protocol|protocols|schedule|schedules|guidance|support|adjustments?|recommendations?|calculations?|coaching|strategy|calendar|chart|instructions|regimen|routine|kit)`,
			`<self> ~2 dose (?:you|clients|people|participants)`,
			`(?:advise|advice|help|guide|recommend|suggest|tell|work out|find|figure out|plan|calculate|adjust|tailor\w*|personali[sz]e|choose|determine|decide) ~4 (?:dose|doses|dosing|dosage|dosages)`,
			`(?:advise|advice|recommend|suggest) ~4 amounts`,
			`(?:what|which|the right|your ideal|the ideal|optimal|the optimal) (?:dose|dosage)`,
			`(?:right|correct|ideal|optimal|safe) (?:amount|amounts|quantity) of ~2 <sub>|how much ~2 (?:to take|<sub>)`,
			`microdos\w* (?:protocols?|schedules?|plans?|program\w*|regimens?|coaching|cycles?|stacks?|calendar|routine)`,
			`(?:adjust|adjusting|adjustments to|increase|lower|raise|titrate) (?:your |the )?(?:dose|dosage|microdose)`,
			`(?:right|best) (?:strain|variety|species)`,
		),
	)
}

func sessionRules() []rule {
	afterwards := `integrat\w*|after|afterwards|following|post|support|coaching|preparation|prepare|reflection|before|around|about|weeks|months|process|meditation|visuali[sz]ation|drum\w*|sober|breath\w*`
	return concat(
		rulesFor(InSessionGuidance, afterwards,
			// roles: "trip sitting", "ceremony facilitator", "as a trained sitter"
			`trip sit\w*|sitting services|guiding services|virtual guiding|remote guiding|(?:virtual|remote|online|video) (?:trip )?sitting`,
			`(?:ceremony|ceremonial|retreat|psychedelic|journey|medicine|plant medicine|ayahuasca|psilocybin|mushroom|ketamine) (?:facilitators?|guides?|sitters?|leaders?)|sober (?:guide|sitter|companion|presence)`,
			`(?:ceremony|ceremonies|journeys?|retreats?) (?:as|in) (?:a|the) (?:facilitator|guide|sitter|leader)|(?:facilitator|guide|sitter) role`,
			// "guided journeys with psilocybin"
			`guided (?:<drug> |psychedelic |high dose |medicine |plant medicine )?(?:journeys?|trips?|ceremon\w*|psychedelic experiences?|<drug> (?:sessions?|experiences?))`,
			// "I facilitate private ceremonies", "I lead ayahuasca retreats", "I guide high-dose mushroom journeys"
			`(?:facilitat\w*|lead|leads|leading|led|run|runs|host|hosts|hold|holds|conduct\w*|guide|guides|guiding|organi[sz]e\w*|pour|pours|offer|offers) ~3 (?:ceremon(?:y|ies)|<drug> (?:retreats?|journeys?|sessions?|circles?|experiences?|trips?)|(?:journeys?|trips?) with <drug>)`,
			// "I have sat with two hundred people in ceremony", "sitting with clients throughout the session"
			`(?:sit|sits|sat|sitting) with <who> ~3 (?:during|throughout|through|in ceremony|in ceremonies|(?:while|as) (?:you|they) (?:are |re )?(?:trip\w*|journey\w*|high|under|on|dosed|peaking)|on their)`,
			// "I stay with you for the full length of your trip", "stay with each participant throughout the night"
			`(?:stay|stays|staying|remain|be|being) (?:right )?(?:on video |on the phone |on zoom |there |present )?(?:with|beside|alongside|by) (?:you|your side|each participant|participants|clients|them|people) ~4 (?:during|throughout|through|for the (?:whole|entire|full)|until|for (?:the )?(?:full|whole|entire) (?:length|duration))`,
			// "During your journey I'll be right there with you"
			`(?:during|throughout|in the middle of) (?:your|the|their|a) ~2 <occ> (?:, )?(?:i|i will|i am|we will) ~2 (?:be|stay|sit|guide|hold|remain|talk|accompany)`,
			// "available by phone during your experience"
			`(?:available|on call|reachable|on hand|here for you) ~4 (?:during|throughout|while) (?:your|the|their) ~2 <occ>`,
			// "guiding you through", "hold you through the peak", "accompany people through their journeys"
			`(?:guid\w*|talk\w*|walk\w*|hold\w*|accompan\w*|navigat\w*|be with) (?:you|people|clients|them|participants) (?:through|during|while|in|on) (?:(?:your|their|the|a|whatever) )?~3 (?:<occ>|arises|comes up|medicine|<drug> (?:sessions?|experiences?|journeys?))`,
			`hold\w* ~2 space ~3 (?:during|while|through|throughout) (?:your|the|their) ~2 <occ>`,
			// "I guide you while you are in the experience"
			`(?:guid\w*|support\w*|coach\w*|sit\w*|with you|present|there|in the room|accompan\w*) ~3 (?:while|when|as) (?:you|they|clients|someone|participants) (?:are |is )?(?:in the experience|under the influence|journeying|tripping|on (?:the )?(?:medicine|substance)|in an altered state|in the medicine|high)`,
			// "your guide during your LSD experience"
			`(?:guide|sitter|facilitator|companion) (?:during|through|throughout|for|on) (?:your|the|their) ~2 <occ>`,
			// "I'm there with you from the first sip until you come back down"
			`(?:i am|i will be|we will be|we are) (?:right )?(?:there|present|beside you|by your side) ~8 (?:come back down|come down|comedown|the effects|wear off|wears off|the brew|first sip|the peak)`,
			`(?:while|as) (?:you|they|clients|participants) (?:trip|journey|are high|are tripping|are journeying)|in real time ~4 (?:trip|journey|experience)`,
			`your (?:trip |journey |ceremony |psychedelic )?sitter|sitting for ~2 <occ>`,
			// "Journey with me."
			`(?:journey|trip) with (?:me|us)`,
		),
	)
}

// presenceRules are the coach present while a substance acts, in the
// words the phrase rules above miss: dosing together ("we dose together
// at the park", "participants microdose before we begin"), the substance
// at work ("while the medicine is active", "while they drink"), presence
// for the whole time ("with me in the room for your entire ketamine
// experience", "staying for the full length of your journey"), holding
// someone through a breakthrough, and guiding what a sentence that names
// a substance or a journey calls "it" or "the session".
func presenceRules() []rule {
	return rulesFor(InSessionGuidance, `integrat\w*|after|afterwards|following|before (?:your|the|their|a)|prepar\w*|sober|breath\w*|meditat\w*|cacao`,
		`(?:we|participants|everyone|the group|guests|group) ~3 (?:dose|doses|microdose|microdoses|drink|drinks|takes? a (?:small |low )?dose|takes? (?:the )?medicine) ~3 (?:together|on site|before we|before each|as a group|at the)`,
		`(?:we|you and i|i and you) (?:all )?(?:dose|microdose|drink|journey|trip) together`,
		`while (?:the medicine|it|the substance|the brew|the plant|the psilocybin|the ketamine) (?:is|are) (?:active|working|peaking|acting|strongest)|while (?:they|you|guests|participants|people|clients) (?:drink|dose|ingest|smoke|inhale)`,
		`(?:present|there|with you|with me|in the room) (?:for|throughout|during|through) (?:the |your |their |every )?(?:(?:whole|entire|full) )?(?:\S+ )?(?:ceremon\w*|journeys?|trips?|altered states?|(?:<drug> )?experiences?)`,
		`stay\w* (?:for|through) (?:the )?(?:full|whole|entire) (?:length of )?(?:your|the|their) ~2 <live>`,
		`hold\w* (?:you|people|them|clients|the body|each person) ~6 (?:break\w* through|breakthroughs?|first minutes)`,
		needing(`(?:sit|sits|sitting) with (?:you|the plant|the medicine) (?:together|and (?:bring|guide|hold|tend))|(?:from )?dusk (?:to|till|until) dawn|(?:journeys?|ceremon\w*|circles?|sessions?) ~3 , (?:led|guided|facilitated|held|run|hosted) by me`, `<sub>|journeys?|ceremon\w*|trips?|breakthrough|brew`),
		needing(`guid\w* (?:you )?(?:through it|the session|(?:it |the session )?personally|every hour|the group through)`, `<sub>|journeys?|ceremon\w*|trips?|breakthrough`),
	)
}

func clinicalRules() []rule {
	return concat(
		rulesFor(ClinicalClaim, "",
			// "I treat PTSD", "I treat the root causes of trauma", "I can diagnose trauma-related conditions"
			`<self> ~2 (?:treat|treats|cure|cures) ~4 (?:<cond>|trauma|the root causes?|conditions?|symptoms)`,
			`<self> ~2 (?:diagnose|diagnoses|prescribe|prescribes)`,
			`(?:give|provide|offer|make) (?:you )?(?:a |an )?(?:diagnosis|diagnoses|clinical assessment|psychiatric assessment|psychological assessment)`,
			`(?:my|our|an|the) (?:assessment|evaluation|screening|diagnosis) will (?:tell|show|reveal|determine|confirm|identify)`,
			// "come to me for treatment of anxiety disorders", "therapy for treatment-resistant depression"
			`(?:<self>|me) ~4 (?:treatment|therapy|psychotherapy) (?:of|for) ~3 <cond>`,
			// "manage their symptoms"
			`(?:manage|managing|relieve|relieving|alleviate|alleviating) (?:their |your |the )?(?:psychiatric |clinical |mental health )?symptoms`,
			// calling coaching therapy: "integration coaching is a form of therapy", "as your integration therapist"
			`(?:coaching|integration|this work|my work|our work|it|sessions|our sessions|what i do|what i offer) (?:is|are) (?:a |an )?(?:form|kind|type|sort) of ~2 (?:therapy|psychotherapy|treatment)`,
			`call myself (?:a|an) ~2 (?:therapist|psychotherapist|counsel+or|clinician|psychologist)`,
			`(?:i am|as|i work as|i practi[cs]e as|i will be) (?:a|an|your) ~1 (?:psychedelic|integration|trauma|ketamine|plant medicine|psilocybin|mdma|ayahuasca|somatic|transpersonal) (?:\S+ )?(?:therapist|psychotherapist)|as your (?:\S+ )?(?:therapist|psychotherapist)`,
			// "can replace your therapy", "no longer need their therapist"
			`(?:can|will|could) (?:replace|substitute for) ~2 (?:therapy|therapist|psychotherapy|treatment|<med>|psychiatrist|doctor|medical care)`,
			`!no longer need (?:your|their|a|any) (?:therapist|therapy|<med>|psychiatrist|treatment)`,
			// medication advice: "I can help you get off your antidepressants", "I advise them on how to combine it with psilocybin"
			`<self> ~3 (?:help|guide|advise|support|coach|assist|show|teach|walk|work with you on|work on)\w* ~3 (?:taper|get off|come off|coming off|getting off|wean|reduc|stop|quit|adjust|discontinu|chang|switch|lower|increas|combin|manag|pause)\w* ~4 <med>`,
			`<med> ~8 <self> ~2 (?:advise|help|guide|coach|support)\w* ~5 (?:taper|combin|stop|reduc|adjust|come off|get off|wean|mix|pair)\w*`,
			`<self> ~4 (?:advice|guidance|advise|recommendations?) (?:on|about|regarding|for) ~3 <med>`,
			// "we'll work out whether you should stay on your antidepressants"
			`!(?:whether|if) (?:you|they|clients) (?:should|need to|ought to) (?:stay on|come off|go off|get off|stop|taper|keep taking|continue|quit|pause|reduce) ~2 <med>`,
		),
		rulesFor(ClinicalClaim, `alongside|in therapy|your therapy|their therapy|after therapy|between|besides|outside|adjunct|complement\w*|informed|refer\w*|massage|physical|occupational|speech|art|music|drama|play|equine|horticultur\w*|sound|breath\w*|reiki|couples coach\w*`,
			// an unlicensed author offering clinical care by its name: "I
			// now do psychotherapy", "offering clinical trauma therapy",
			// "I work as a counsellor for clients with major depressive
			// disorder", "Diagnosis on request", "Psychedelic integration
			// therapist." (a licensed clinician's practice is dropped by
			// profile.allows)
			`(?:do|does|doing|offer\w*|provid\w*|deliver\w*|practi[cs]\w*) ~2 (?:psychotherapy|(?:trauma|clinical|grief|crisis|psychiatric) ~2 (?:therapy|treatment)|(?:counsel+ing and )?therapy for ~3 <cond>)`,
			`(?:work|working|practi[cs]e|practi[cs]ing) as (?:a|an) (?:\S+ )?(?:counsel+or|therapist|psychotherapist|clinician) (?:for|with) ~4 (?:<cond>|trauma|suicidal)`,
			`^(?:(?:psychedelic|integration|trauma|plant medicine|ketamine|somatic|mdma|psilocybin) )+(?:therapist|psychotherapist)\b|^(?:integration )?(?:and )?trauma treatment`,
			`diagnos(?:is|es) (?:on request|available|included|offered|provided)`,
			`(?:give|provide|offer|make) (?:you |them |clients )?(?:a |an |the |your |their )?(?:\S+ )?(?:diagnosis|diagnoses)\b`,
			`assess\w* (?:you|clients|them|people|each client) for ~3 (?:<cond>|adhd|autism|dissociative)|(?:build|create|write|make|draw up|adjust|change) ~2 treatment plans?|(?:and|to|then|will|can) diagnose (?:what|whatever|your|you|them|it)\\b`,
			`(?:evaluat\w*|assess\w*) (?:your|their|the) (?:\S+ )?symptoms|tell (?:you|them) (?:if|whether) (?:you|they) (?:need|should) ~2 <med>`,
			needing(`(?:treat|treats|treating) (?:it|them|this|that|(?:their|your|the) (?:symptoms|condition))`, `<cond>|adhd|autism|hppd|depersonali[sz]ation|condition`),
		),
		rulesFor(ClinicalClaim, `from`,
			// "specialise in healing depression", "cured clients of lifelong anxiety"; not "healing from depression"
			`(?:treat|treats|treating|heal|heals|healing|cure|cures|cured|curing|fix|fixes|fixing|resolv\w*) ~3 <cond>`,
		),
		rulesFor(ClinicalClaim, `after|following|alongside|between|outside|besides|around|adjunct|complement\w*|informed`,
			// "I provide evidence-based psychotherapy", "I offer psilocybin-assisted therapy"
			`<self> ~3 (?:offer|provide|deliver|practi[cs]e|conduct|specialise in|specialize in) ~3 (?:therapy|psychotherapy|counsel+ing|treatment|treatments|psychiatric care|clinical care|emdr|cbt|dbt)`,
		),
		rulesFor(ClinicalClaim, `\bown\b|not|never|no`,
			// "my trauma therapy practice", "my integration therapy has cured"
			`my (?:\S+ ){0,2}(?:therapy|psychotherapy) (?:practice|clients|sessions|services|has|have|work|approach|program\w*|model|method)`,
			`my (?:trauma|integration|psychedelic|somatic|plant medicine|ketamine|mdma|psilocybin) (?:therapy|psychotherapy)`,
			// "coaching is therapy" (but not "coaching is not therapy")
			`(?:coaching|integration coaching|this|it|what i do|my work|our work) (?:is|are) ~3 (?:therapy|psychotherapy|treatment)`,
		),
	)
}

// concat joins rule lists.
func concat(lists ...[]rule) []rule {
	var out []rule
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}
