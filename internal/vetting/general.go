package vetting

// General rules pair a commitment, supply, presence or clinical word with
// what it is about, in the wordings that a blind set of bios in other
// voices (texting, British spelling, learner English, sales copy) showed
// the phrase rules missed. They are written from the category
// definitions, not from those bios' sentences.

func generalRules() []rule {
	return concat(
		rulesFor(OutcomeGuarantee, `@confidential\w*|privacy|private|discretion|to listen|respect|honest\w*|judge?ment|safe space|attention|presence|boundaries|reply|respond|punctual\w*|on time`,
			// "I promise that the old anxiety will not come back", "I can assure you of that"
			`<self> ~3 (?:promise|promises|assure|assures|swear|guarantee|guarantees)`,
		),
		rulesFor(OutcomeGuarantee, "",
			// "I'll have you feeling whole again", "get you back to your old self"
			`(?:have|get|leave|send) (?:you|clients|them|people) (?:feeling|being|back to) ~2 (?:whole|healed|free|lighter|like new|yourself again|brand new|better|fixed|cured|restored|renewed|your old self|normal|happy again)`,
			// "you will heal", "you WILL recover"
			`you (?:will|are going to|shall) (?:definitely |absolutely |certainly |finally )?(?:heal|recover|transform|thrive|break free|be free|feel whole|find peace|be happy again|get better|get your life back)`,
			// "a completely new person", "no more bad days, ever"
			`(?:a )?(?:completely|totally|brand|entirely|whole) new (?:person|you|woman|man|human)`,
			`!no more (?:bad days|anxiety|depression|pain|suffering|fear|panic|struggl\w*|trauma|sadness|sleepless nights|triggers|nightmares|dark days)`,
			// "walk out free", "walk away healed"
			`(?:walk|walks|come|comes|go|goes|leave|leaves) (?:out|away|home) (?:\w+ )?(?:free|healed|whole|transformed|renewed|lighter|reborn|cured|fixed)`,
			// "I've seen it happen for every person I work with"
			`(?:every|each|all) (?:single )?(?:person|client|one|participant|people) (?:i|we) (?:have )?(?:work|worked|have worked|coach|coached|see|saw)`,
			// "not one of my clients has failed to find their breakthrough"
			`!(?:not one|not a single|none|no) (?:single )?(?:of my |of our )?(?:clients?|participants?|people|person|one) (?:has|have|ever|who) ~2 (?:failed|left without|walked away without|gone home without|not (?:healed|recovered|transformed|found))`,
			`(?:never fails|always works|works every time)`,
			needing(`(?:every single time|without fail|100 percent of the time)`, sgOutcome),
		),
		rulesFor(SubstanceProvision, `integrat\w*|coaching|session|call|experience|story|stories|questions`,
			// "Ask me about dosage", "DM me for grams"
			`!(?:ask|message|contact|email|text|call|talk to|speak to|reach out to|hit up|hmu) (?:me|us) (?:about|for|regarding) ~2 (?:dos\w*|amounts?|grams|how much|<sub>|sourcing|microdos\w*|supply|supplies|strains?)`,
		),
		rulesFor(SubstanceProvision, "",
			// "contacts who can get you clean MDMA", "i can hook u up w good acid"
			`(?:contacts?|connections?|a guy|a friend|friends|someone|people|plug|network) (?:who|that) (?:can |could |will )?(?:get|sell|supply|provide|source|grow|ship|hook|deliver) ~3 <sub>`,
			`(?:get|hook|set) (?:you|clients|people) (?:up )?(?:with )?~3 <drug>`,
			// "how many grams", "how much mg"
			`how (?:many|much) (?:grams|g|mg|milligrams|micrograms|mcg|ug|tabs|caps|capsules|drops|blotters|doses|dried)`,
			// "Truffles can be posted to you discreetly"
			near(`<sub>`, `(?:posted|posting|post|mailed|mailing|courier\w*|discreet\w*|packaged|shipped|in stock|restock\w*)`),
		),
		rulesFor(InSessionGuidance, `after|afterwards|following|before|prepar\w*|integrat\w*`,
			// "your sober companion for your at-home mushroom day"
			`sober (?:guide|sitter|companion|presence|support|friend|person)`,
			`(?:<drug>|mushroom|medicine|psychedelic|journey|dosing|trip|ceremony|ketamine|acid) (?:day|days|night|nights|weekend)`,
			// "the whole time you're tripping"
			`(?:while|whilst|when|as|whenever|the (?:whole|entire) time|for as long as|until) (?:you|they|clients|participants|people) (?:are |is )?(?:still )?(?:tripping|journeying|high|under the influence|dosed|peaking|on (?:the )?(?:medicine|substance|<drug>)|in (?:the )?(?:medicine|ceremony|journey|altered state))`,
		),
		rulesFor(ClinicalClaim, `@former|previous|previously|used to|no longer|retired|left|alongside|your own|your therapist|their therapist`,
			// "My clinical practice helps with anxiety disorders", "my clinical framework"
			`(?:my|our) (?:clinical|therapy|therapeutic|psychotherapy|psychotherapeutic|counsel+ing|treatment|psychiatric) (?:practice|work|approach|framework|program\w*|services?|model|method|protocol|expertise)`,
			// "we work through your panic disorder", "helps with anxiety disorders"
			`(?:help\w*|work\w* through|address\w*|tackl\w*|overcom\w*|resolv\w*|manag\w*|heal\w*|fix\w*) (?:with |you with |your |their |clients with |people with )?~2 (?:anxiety disorders?|panic disorders?|ptsd|c ptsd|cptsd|ocd|bipolar|eating disorders?|depressive disorders?|major depression|clinical depression|personality disorders?|schizophreni\w*|psychosis|addiction)`,
		),
		rulesFor(ClinicalClaim, "",
			// "Book integration therapy sessions with me", "integration therapy"
			`(?:integration|psychedelic|trauma|somatic|plant medicine|ketamine|psilocybin|transpersonal|ceremonial) (?:therapy|psychotherapy|counsel+ing) (?:sessions?|services?|packages?|program\w*|with me|appointments?|practice)`,
			`(?:book|schedule|try|start|begin) ~3 (?:therapy|psychotherapy|counsel+ing) (?:sessions?|appointments?) with (?:me|us)`,
		),
	)
}
