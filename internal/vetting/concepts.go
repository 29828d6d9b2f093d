package vetting

// Concept rules catch what the phrase rules miss by looking for two kinds
// of words in one clause: for example a substance and a word about
// supplying it, or the time someone is under the influence and a word
// about guiding them. They were written from the category definitions
// after a set of unseen bios showed the phrase rules recalled too little.
// Each pair is matched in both orders within eight words.

// near matches a and b within eight words of each other, in either order.
func near(a, b string) string { return nearN(8, a, b) }

// nearN matches a and b within n (1-9) words of each other, in either
// order; n above 9 is written as two gaps.
func nearN(n int, a, b string) string {
	gap := "~" + string(rune('0'+min(n, 9))) + " "
	if n > 9 {
		gap += "~" + string(rune('0'+n-9)) + " "
	}
	return a + " " + gap + b + "|" + b + " " + gap + a
}

func conceptRules() []rule {
	return concat(
		// "I can assure you that your anxiety will be a thing of the past"
		rulesFor(OutcomeGuarantee, "",
			near(`(?:assure|assured|certain|confident|definitely|without fail|every time|will too|guarantee\w*|for sure|no doubt|track record|proven)`,
				`(?:healed|cured|curing|heal|cure|resolve|fixed|thing of the past|be gone|disappear|transformed|free of|free from|recovery|breakthrough|permanently|new person|restor\w*)`),
			// "the darkness lifts"
			`(?:darkness|depression|anxiety|fog|pain|heaviness|grief|fear|trauma|symptoms) (?:lifts|disappears|vanishes|melts away|is gone|are gone)`,
			`(?:depression|anxiety|trauma|pain|addiction|patterns|fears?|problems|struggles|issues) will be (?:a thing of the past|gone|behind you|over)`,
		),
		// "Medicine is available for clients", "a reliable online shop for truffles", "how many grams to start with"
		rulesFor(SubstanceProvision, `coaching|integrat\w*|after|afterwards|ceremon\w*|retreats?|meaning|experiences?|support|sessions?@licensed|legal|legally|clinic|clinics|centres?|centers?|services?|trials?|studies|study`,
			near(`<sub>`, `(?:available|availability|provide[sd]?|supply|supplied|sell|sold|shop|store|dispensary|sourced?|sourcing|obtain|get hold|buy|purchase|order|deliver\w*|ship\w*|grams|milligrams|mg|how many|mix|mixing|combine|combining|in stock|for sale|included|includes|packs?|plugs?|carry|carries|selection|batch\w*|arrang\w*|through a friend)`),
			// "the right plant medicine for your goals", "my personal stash"
			`(?:right|best|ideal|perfect|purest|strongest|cleanest|highest quality) ~2 <sub>`,
			`stash|(?:purest|pure|lab tested|potent|strongest) (?:products?|batch\w*|stuff|supply)`,
		),
		// "I act as a guide for clients during at-home psilocybin experiences", "between sips of the medicine"
		rulesFor(InSessionGuidance, `came up|happened|arose|arises after|surfaced|emerged|explore|process|integrat\w*|reflect\w*|remember|afterwards|after|before|prepar\w*|you are sober|completely sober|while sober`,
			near(`(?:guide|guides|guiding|guidance|sit|sitter|sitting|stay|staying|present|beside you|by your side|hold you|holding you|accompany\w*|facilitat\w*|coach\w*|act as|live support|texting|on the phone|helping you through|keep you safe|in the room)`,
				`(?:(?:during|throughout|in the middle of) ~3 <live>|while (?:you|they|clients|participants) (?:are )?~1 (?:journey\w*|trip\w*|high|under the influence|in the experience)|between sips|mid journey|at home (?:<drug>|psychedelic|medicine) (?:experiences?|journeys?|sessions?|trips?)|whole experience|entire experience|go deeper into the experience|(?:night|day) of (?:your|the|their) ~2 (?:ceremony|journey|trip)|the whole night|all night|overnight|from start to finish|as the (?:medicine|<drug>|drug|substance|brew) (?:comes on|kicks in|takes effect|takes hold|peaks)|in real time|as it (?:happens|unfolds)|when (?:you|they|clients) (?:take|drink|ingest|consume|eat) (?:the |your )?~1 (?:medicine|<drug>|dose|substance|brew|cup))`),
		),
		// "I offer counselling for depression", "whether their symptoms point to bipolar disorder", "an alternative to antidepressants"
		rulesFor(ClinicalClaim, `@their own|your own|alongside|clinician|doctor|psychiatrist|therapist|gp|prescriber|psychologist|clinic|referr?\w*|refer`,
			near(`(?:counsel+ing|therapy|psychotherapy|treatment|treat|treating|diagnos\w*|assess\w*|symptoms)`, `<cond>`),
			`(?:alternatives? to|instead of|replacement for|substitute for) ~2 <med>`,
			// "I can tell you whether what you're experiencing is a mental illness"
			`(?:tell you|determine|work out|figure out|assess|identify|find out) (?:whether|if) ~6 (?:<cond>|mental illness|disorder)`,
			// "my integration coaching works as their primary mental health treatment"
			`(?:coaching|sessions|my work|integration) ~3 (?:works|serves|acts|functions) as ~5 (?:treatment|therapy|psychotherapy)`,
		),
		// "with my support, many clients safely stop taking their sertraline"
		rulesFor(ClinicalClaim, `@prescriber|doctor|psychiatrist|physician|gp|clinician|prescribing|medical`,
			near(`(?:stop|stopping|taper\w*|come off|coming off|get off|getting off|reduce|reducing|wean\w*|quit\w*|discontinu\w*|adjust\w*|skip\w*|changes?|changing|evaluat\w*|review\w*|lower\w*|increas\w*|rais\w*)`, `<med>`),
		),
	)
}
