package vetting

// Fallback rules: a broad layer beneath the phrase, concept and general
// rules. Four rounds of narrow rules scored near 1.0 on the bios they were
// written from and 25-88% per category on bios written later, so these
// pair generous lexicons (a commitment word and an outcome, a supply verb
// and a substance, a live-presence word and the time under the influence,
// a clinical verb and a condition) within a clause, and rely on the shared
// negation (isNegated: "I do not…", "never", "not therapy") and on
// exceptions for the disclaimers careful coaches write ("I refer out",
// "outside my scope", "alongside your therapist"). They are written from
// the category definitions, not from example bios.

// Lexicons of the fallback, as alternations over normalised words.
const (
	// fbCommit is a commitment about results.
	fbCommit = `(?:guarantee\w*|promis\w*|assur\w*|ensur\w*|make sure|definitely|100 percent|\d+ percent|always works|proven|certain|certainly|success rate|no exceptions|money back|without fail|for good|permanent\w*|forever|every time)`
	// fbOutcome is a result a client might hope for.
	fbOutcome = `(?:heal\w*|cur(?:e|es|ed|ing)|recover\w*|free|freedom|results?|outcomes?|transform\w*|peace|breakthrough\w*|relief|happier|happy|better|gone|over|reset|whole|symptom\w*|nightmares|released|resolved|fixed|life back|difference|lasting|<cond>|trauma|wounds|darkness)`
	// fbSupply is giving, getting, dosing or combining a substance.
	fbSupply = `(?:supply|supplies|supplied|provide[sd]?|providing|source[sd]?|sourcing|sell|sells|selling|sold|get you|obtain\w*|procur\w*|connect you|hook (?:you|u) up|deliver\w*|ship\w*|post\w*|dosing|dosage|stack\w*|combin\w*|mix|mixing|pair\w*|grow|grows|growing|grown|homegrown|farm|available|purchase|buy|included|comes? with|bring|brings|serve|serves|hold of|layer\w*|sequenc\w*|combo)`
	// fbPresence is the coach being there, live.
	fbPresence = `(?:sit|sits|sitting|sat|sitter|tripsit\w*|hold\w* space|held space|guid\w*|facilitat\w*|accompan\w*|be with|beside you|by your side|present with|support\w*|lead|leads|leading|led|talk you through|in the room|with you|there for you|on call|on video|on the phone|next to you|right next to|holding space)`
	// fbLive is the time someone is under the influence.
	fbLive = `(?:(?:during|throughout|inside|in the middle of|through the peak of|at the peak of|live through) (?:the |your |their |a |an )?~2 (?:<drug> )?(?:journeys?|trips?|ceremon(?:y|ies)|sessions?|experiences?|medicine|dosing|peak)|(?:while|when|as|whilst) (?:you|they|clients|people|participants) (?:are )?~2 (?:take|takes|drop|dose|journey\w*|trip\w*|ingest|drink|eat|under the|high|on <drug>)|under the (?:medicine|influence)|(?:while|when|as|until|from the moment|once) (?:you|they|the) ~2 (?:mushrooms|medicine|<drug>|tea|brew|dose|cup) (?:kick\w* in|take\w* effect|comes? on|peak\w*|hits?)|(?:drink|take|eat|drop|swallow) (?:the|your) (?:tea|brew|medicine|dose|cup))`
	// fbClinical is what clinicians do.
	fbClinical = `(?:diagnos\w*|treat|treats|treating|treatment|cure|cures|curing|therap\w*|psychotherap\w*|clinical|prescrib\w*|medication|taper\w*|wean\w*|come off|coming off|adjust\w*|assess\w*|resolv\w*)`
	// fbCondition extends <cond> with conditions the vocabulary lacks.
	fbCondition = `(?:<cond>|attachment disorders?|trauma disorders?|intrusive thoughts|personality disorders?|dissociat\w*|self harm)`
)

func fallbackRules() []rule {
	return concat(
		rulesFor(OutcomeGuarantee, `@confidential\w*|privacy|private|discretion|to listen|respect|honest\w*|judge?ment|safe space|attention|presence|boundaries|reply|respond|punctual\w*|on time|hope|hopes|might|may|can not|could|no one can|nobody can`,
			near(fbCommit, fbOutcome),
			`you (?:will|are going to) ~2 (?:heal|be healed|be free|recover|feel (?:the difference|better|lighter|whole|free|happier|at peace))`,
			`your ~3 (?:are|is|will be) (?:over|gone|history|a thing of the past)`,
			near(`(?:undo|undoes|erase|erases|wipe\w* (?:out|away)|reverse|reverses)`, `(?:<cond>|trauma|years|wounds|damage|pain)`),
			`(?:leave|leaves|finish|finishes|end|ends|walk away|come out|comes out) ~4 (?:symptom free|anxiety free|depression free|trauma free|free of|free from|healed|cured)`,
			`(?:or|otherwise) (?:i|we) (?:will )?(?:keep|continue) (?:working|coaching)|every (?:single )?one of my clients (?:achieves|gets|finds|heals|recovers|leaves)`,
			`works for (?:everyone|everybody|every client|every single client|all my clients)|make ~3 (?:disappear|vanish|go away|melt away)`,
			`(?:anxiety|depression|trauma|pain|fear|nightmares|insomnia|addiction|panic) gone`,
		),
		rulesFor(SubstanceProvision, `serve as|serves as|serving as|integrat\w*|coaching|support|after|afterwards|following|experiences?|ceremon\w*|retreats?|sessions?|journeys?|trials?|clinic\w*|centres?|centers?|licensed|legal\w*|information|education|questions|stories|space|preparation|insights?|meaning|<med>@licensed|legal|legally|clinic|clinics|trials?|service centres?|service centers?|harm reduction|medical professional|talk to`,
			needing(near(fbSupply, `<sub>`), fbSupply, `<sub>`),
			`(?:keep|have|hold|carry|stock) (?:a )?(?:small |little |steady |regular )?(?:supply|stash|stock) of`,
			`(?:safe|clean|good|trusted|reliable) (?:source|supply|supplier|plug|connect)|i know (?:people|a guy|someone who)`,
		),
		rulesFor(SubstanceProvision, `<med>`,
			`(?:microdos\w*|dosing|dose) (?:calculator|guide|protocol|chart|schedule|plan|kit)`,
		),
		rulesFor(InSessionGuidance, `integrat\w*|after\w*|process\w*|reflect\w*|came up|happened|make sense|prepar\w*|before|sober|remember\w*|explor\w*|what comes up after|about`,
			needing(near(fbPresence, fbLive), fbPresence, fbLive),
			`tripsit\w*|trip sitter|journey guides?|(?:guided|facilitated|supported|held) (?:<drug> |psychedelic |medicine |plant medicine |group |small group |one to one )?(?:journeys?|ceremon\w*|trips?|sessions)`,
			`(?:facilitat\w*|lead|leads|run|runs|host|hosts|offer|offers|pour|pours) ~3 (?:<drug>|psychedelic|medicine) (?:sessions?|journeys?|ceremon\w*|retreats?|circles?|trips?)`,
		),
		rulesFor(ClinicalClaim, `@received|receiving|deserves|proper clinical|need clinical|clinical care|clinic|your therapist|their therapist|a therapist|a clinician|your own|their own|alongside|refer\w*|prescriber|your doctor|a doctor|psychiatrist|gp|outside my scope|belong with|medical professional|not a clinician|former|no longer|retired`,
			needing(near(fbClinical, fbCondition), fbClinical, fbCondition),
			`(?:i am|as|i work as|being) (?:your |an? |the )?(?:integration|psychedelic|trauma|plant medicine|ketamine|somatic) (?:therapist|psychotherapist|clinician)`,
			near(`help\w* (?:clients |you |people )?(?:recover|heal|overcome)`, `(?:<cond>|disorders?)`),
			`(?:in everything but name|a form of (?:therapy|treatment|psychotherapy))`,
			near(`(?:advis\w*|advice|guid\w*|help\w*|coach\w*|plan|when to|whether to)`, `(?:pause|pausing|stop|stopping|quit\w*|skip\w*|taper\w*|reduc\w*|lower\w*|come off|coming off) ~3 <med>`),
			`stop (?:seeing|needing) (?:their|your|a) (?:psychiatrist|therapist|psychologist|doctor)|no longer need (?:their |your )?(?:<med>|therapy|a psychiatrist|a therapist)`,
			`(?:psychedelic |plant medicine |ketamine |psilocybin )?integration therapy|psychedelic (?:assisted )?therapy`,
			near(`(?:guid\w*|help\w*|support\w*|coach\w*|walk)`, `(?:taper\w*|wean\w*|coming off|come off|get off|getting off|stop taking)`),
		),
	)
}
