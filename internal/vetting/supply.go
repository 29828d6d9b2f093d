package vetting

// Supply rules: substance provision by meaning rather than by sentence,
// written from the ways of supplying or sourcing that development wave 26
// set out before any rule was written: a fee or package that includes the
// medicine or the doses, a dose prepared by the coach, "sacrament
// provided", plant allies available, first doses on the house, monthly
// supplies for members, connections in the right places, a supplier who
// delivers, discreet shipping, growing or harvesting with some for
// clients, sharing a few grams, private channels ("ask me privately about
// the chocolates"). Negation and the shared context (legal frameworks,
// harm-reduction teaching, study) still apply.

const (
	// spThing widens <sub> with euphemisms for what is supplied.
	spThing = `(?:<sub>|cactus|doses?|microdoses|sacred plants|plant allies|plant teachers|teacher plants|master plants|the good stuff|special (?:tea|chocolates?|capsules|brownies|gummies)|grams|harvest|stash)`
	// spMade is a preparation verb in the passive.
	spMade = `(?:sorted|arranged|organi[sz]ed|taken care of|covered|collected|gathered|extracted|foraged|milked|prepared|measured|weighed|made|blended|brewed|mixed|cooked|chosen|provided|supplied|handled|sourced|grown|harvested|dosed)`
)

// handoverRules are substance provision by handing over, making or
// arranging, in words the supply rules above miss: the medicine shared,
// received or kept on hand for clients ("share the medicine", "guests
// receive their portion", "cuttings and brew can be shared", "ketamine
// lozenges on hand for clients"), made or imported by the coach, and
// sourcing put as help with access or as taking care of "that side of
// things" ("if you need access, I can help with that too").
func handoverRules() []rule {
	return rulesFor(SubstanceProvision, `integrat\w*|coaching|education|information|talks?|workshops? on|risks?|stories|experiences`,
		`(?:share|shares|sharing|pass|passes|passing|hand out|hands out) (?:the|our|my) (?:<sub>|brew|cup|pipe)`,
		`(?:receive|receives|get|gets) (?:their|your|a|his|her) (?:portion|dose|cup|serving|share)`,
		`(?:<sub>|brew|cuttings|spores|blotters?|lozenges|doses) (?:and \S+ )?(?:can be |are |will be |is )?(?:shared|provided|supplied|given out|handed out)\b`,
		`(?:<sub>|brew|doses) on hand|on hand (?:for|to give) (?:clients|you|participants)`,
		`(?:make|makes|brew|brews|press|presses|cook|cooks|import|imports|grow|grows|extract|extracts) (?:my|our) own ~3 <sub>|<sub> (?:that|which) (?:i|we) (?:import|make|grow|brew|press|cook|extract)`,
		needing(`give (?:them|it|these|those|some) to (?:clients|you|participants|guests|members)`, `<sub>`),
		`(?:access|get|buy|order) <sub> (?:through|via|from) (?:our|my|the) `,
		`<sub> (?:\S+ )?for (?:community members|members|guests)\b`,
		`(?:if you need|need|needs|needing) access ~8 (?:i can|i will|we can|help)|(?:look after|take care of|handle|sort out) (?:that side|the sourcing|the medicine|the supply|that part)|(?:get|getting) the real thing`,
		`(?:prepare|prepares|pack|packs|load|loads) the pipe`,
	)
}

func supplyRules() []rule {
	return concat(
		rulesFor(SubstanceProvision, `integrat\w*|support|coaching|education|information|preparation|after|afterwards|talks?|workshops?|risks?`,
			// "The fee includes your doses", "each retreat comes with two ceremonies, dosing by me"
			`(?:fee|fees|price|cost|package|retreat|weekend|tuition|investment|ticket|booking|program\w*)s? (?:includes?|covers?|comes with|is inclusive of|provides?) ~8 (?:<sub>|doses?|dosing|sacrament|microdoses|ceremonial (?:cup|cups|tea|brew|dose)|the cup)`,
			// "fully catered, from the vegan meals to the medicine", "I have the medicine here"
			`(?:catered|inclusive|included|covered|provided|taken care of) (?:, )?(?:from|including|incl) ~6 (?:medicine|sacrament|<drug>|doses?)`,
			`(?:i|we) (?:have|keep|got) (?:the |our |my )?(?:medicine|sacrament|<drug>) (?:here|ready|with me|on site|at the house|for you)`,
			// "I send the first month's capsules to your address"
			`(?:i|we) (?:\S+ )?(?:send|sends|post|posts|mail|mails|ship|ships|courier) (?:you )?(?:the |your |a |some )?(?:\S+ ){0,2}(?:capsules|microdoses|doses|<drug>|chocolates|gummies|medicine|sacrament)`,
			// "I know who to ask when clients want to try mushrooms, and I'll make that introduction"
			needing(`(?:make|making) (?:that |the |an |those )?introductions?|know who to (?:ask|call|talk to)`, `<sub>`),
			// "the capsules themselves, which I prepare", "an apothecary of sacred plants"
			`(?:<sub>|capsules|chocolates|doses|tea|brew) (?:themselves )?(?:, )?(?:which|that) (?:i|we) (?:prepare|make|provide|supply|grow|brew|source|bring|press|fill)`,
			`(?:apothecary|pharmacy|dispensary|stockpile) of (?:\S+ )?(?:sacred plants|plant allies|<sub>|master plants|plants)`,
			// "I can also bring something for the ceremony", "I travel with the medicine"
			`(?:i|we) (?:can |will |could |would )?(?:also |happily |gladly )?(?:bring|get|have) (?:you )?(?:something|a little something|some) (?:special )?(?:for|to) (?:the|your) (?:ceremony|journey|trip|session|night|weekend|party|retreat)`,
			`(?:i|we) (?:travel|come|arrive|fly|drive) with (?:the |my |our )?(?:medicine|<sub>|sacrament)`,
			// "Starter packs with 10 doses", "the box we send you"
			`(?:packs?|kits?|boxes|bundles?|bags?|tins?|jars?) (?:with|of|containing) (?:\d+|ten|five|twenty|thirty|a dozen) (?:doses|microdoses|capsules|grams|tabs|servings)`,
			needing(`(?:box|parcel|package|kit|bag) (?:that )?(?:we|i) (?:send|ship|post|mail)|(?:we|i) (?:send|ship|post|mail) (?:you )?(?:a |the )?(?:box|parcel|package|kit)`, `(?:journey|trip|ceremony|<sub>|doses?)`),
			`(?:<sub>|doses?|dosing|dose|dosage|sacrament|tea|brew|chocolates?|capsules) (?:\S+ )?`+spMade+` (?:by me|by us|by hand|for you|for each|in my|at home|at my|personally)`,
			`(?:dosing|dosed|doses?|medicine|sacrament) (?:by|from) me|<self> (?:personally )?(?:dose|measure|weigh|prepare|blend|brew|cook|mix) (?:the |your |each |every )?(?:\S+ )?(?:doses?|medicine|sacrament|tea|brew|chocolates?|capsules)`,
		),
		rulesFor(SubstanceProvision, `@legal\w*|licensed|service cent\w*|clinic\w*|trials?|studies|study|research|education\w*|risks?|harm reduction|test kits?|reagent`,
			// "Sacrament provided", "plant allies available on request"
			spThing+` (?:, )?(?:is |are |can be |will be )?(?:provided|included|available|on request|on offer|supplied|for sale|in stock|on hand|at cost|ready|on tap|on demand|sorted|covered|handled|taken care of|arranged)`,
			// "Microdose club: monthly box", "capsules + coaching bundle", "#microdosing #shipping"
			`(?:microdos\w*|micro dos\w*|<drug>|mushroom|psychedelic) (?:club|subscription|box|of the month)`,
			`(?:capsules|microdoses|truffles|chocolates|gummies) (?:and |plus |with )?(?:\S+ )?(?:bundle|package|combo|pack)`,
			`(?:microdos\w*|<sub>) ~3 (?:shipping|shipped|delivery|for sale)`,
			`^(?:i )?(?:have )?got (?:the |some |good )?(?:medicine|sacrament|<drug>|goods|supply)`,
			// "If you need a reliable source, I can vouch for someone", "well connected in the scene, if you know what I mean"
			needing(`vouch for`, `(?:<sub>|source|supplier|grower|vendor|plug)`),
			`!`+needing(`(?:if you know what i mean|wink wink|nudge nudge|connected in the (?:scene|underground))`, `(?:connected|scene|source|sort|supply|plug|hook|<sub>|special|get you|find you)`),
			// "microdose kits", "micro-dosing capsules"
			`(?:micro ?dos\w*|<drug>) (?:kits?|capsules|chocolates?|gummies|packs?|boxes|bundles?|tins?|jars?|bags?|tea|bars?)`,
			// "Ask me privately about the chocolates", "DM me re sourcing"
			`(?:ask|dm|message|text|email|contact|call|whatsapp|signal|hit up|hmu|inbox|pm) (?:me |us )?(?:privately |directly |in private |off platform |offline |quietly )?(?:for|about|re|regarding|if you want|if you need) ~3 (?:`+spThing+`|sourcing|supply|supplies|the (?:chocolates?|capsules|tea|gummies)|medicine|what you need)`,
			// "My guy delivers monthly", "my supplier is reliable"
			`(?:my|our) (?:supplier|source|plug|contact|guy|dealer|grower|connect|vendor|hookup|people) (?:is|are|has|have|delivers|grows|sells|ships|brings|drops|always has|can get|gets)`,
			// "friends in the right places for anyone looking for mushrooms"
			`!(?:connections?|contacts?|friends|people|someone|a guy) (?:in the right places|who can help|who know|who knows|i trust|i know) ~6 (?:`+spThing+`|a source|sourcing|supply|looking for)`,
			`!(?:connections?|contacts?|friends|people) ~5 (?:for|if you need|for anyone looking for|for those looking for|if you are looking for) (?:\S+ )?(?:`+spThing+`|a source|sourcing|supply)`,
			// "Your first dose is on me", "free samples"
			spThing+` (?:is|are) (?:on me|on the house|free|a gift|complimentary|included|my gift)|free (?:samples?|doses?|microdoses?|grams|trial (?:doses?|packs?))`,
			// "Every member gets a three-month supply", "a protocol with capsules"
			`(?:receives?|gets?|get|given|comes? with|includes?) (?:a |an |your )?(?:\S+ ){0,2}(?:supply|stash|box of (?:\S+ )?(?:microdoses|capsules|<sub>)|protocol with (?:\S+ )?(?:capsules|<sub>|microdoses))`,
			// "Medicine can be sent before your session"
			spThing+` (?:can be |will be |is |are |gets )?(?:sent|couriered|dropped off|left|mailed|posted|shipped|delivered|handed over)`,
			// "I harvest our own golden teachers and there's always enough for you"
			needing(`(?:grow|grows|growing|cultivat\w*|harvest\w*|forag\w*|pick|picks|picking) ~4 `+spThing, `(?:share|sharing|for (?:you|clients|participants|everyone|members)|enough|clients get|to clients|with clients|gift|spare)`),
			// "Happy to share a few grams with clients"
			`(?:share|pass on|pass along|give|gift|spare|hand)\w* (?:out )?(?:some of )?(?:my |our )?(?:a few |some |a couple (?:of )?)?(?:grams|harvest|stash|supply|extras?|leftovers|what i (?:have|grow|pick|harvest)) (?:\S+ ){0,2}(?:with|to) (?:clients|you|people|participants|members|those i)`,
		),
		rulesFor(SubstanceProvision, `@drop ins?|legal\w*|licensed|service cent\w*|clinic\w*|test kits?|reagents?`,
			// "someone to prepare your dose", "the chocolates are made by my partner"
			`(?:prepare|prepares|measure|measures|weigh|weighs|mix|mixes|brew|brews|make|makes|portion|portions)\w* (?:your|the|each|every|their|all) (?:\S+ )?(?:doses?|microdoses?|brew|sacrament|ceremonial tea|medicine tea)`,
			spThing+` (?:are|is) (?:\S+ )?(?:made|grown|prepared|brewed|sourced|picked|harvested|cooked) by (?:me|us|my \S+|our \S+|a friend|friends)`,
			spThing+` ~4 (?:shared|given|passed on|handed out|offered|gifted) (?:only )?(?:with|to) (?:people|clients|members|participants|those)`,
			// "pm me for the menu", "our monthly drop", "I have ways"
			`(?:pm|dm|message|text|hmu|hit me up|ask|inbox|email|whatsapp|signal) (?:me |us )?(?:for|about) (?:the |our |my )?(?:menu|price list|stock|what i have|what is in stock|options available|list)`,
			`(?:monthly|weekly|next|latest|new|fresh|seasonal|this month s|the) (?:drop|restock|shipment|harvest)`,
			needing(`i (?:have|got) (?:my )?ways|i have sources|i know where to (?:get|find)|i can get (?:it|them|some)`, `(?:find|get|source|need|looking)`),
			// "capsules of 0.1 g, 0.2 g or 0.3 g, posted monthly"
			`(?:capsules|microdoses|doses|chocolates|gummies|<drug>) (?:of |at )?(?:\d+ ){1,2}(?:g|mg|mcg|ug|grams|milligrams|micrograms)|(?:posted|shipped|delivered|sent) (?:monthly|weekly|every month|each month)`,
			// "a friend of mine grows, and he looks after my clients"
			needing(`(?:friend|guy|contact|someone|cousin|neighbou?r|partner|person|brother|sister) (?:of mine |i know |i trust )?(?:grows|cultivates|cooks|brews)(?: (?:, )?and (?:he|she|they|so)|$)`, `(?:clients|you|people|participants|members)`),
		),
		rulesFor(SubstanceProvision, `integrat\w*|after|research|stud\w*|questions|curious`,
			// "🍄 + coaching = ✨ (ask me how)"
			`!(?:microdos\w*|<drug>|plant medicine|medicine) ~5 (?:ask me how|ask me|dm|dm me|pm|pm me|inbox me|message me|hmu)$`,
		),
		rulesFor(SubstanceProvision, `@sober|integration|journal\w*|blankets?|mats?|lunch|meals?|food|snacks|tissues|materials|workbooks?|notebooks?|books?|cards|prints?|printed|merch\w*|candles|oils|recordings?|letters?|cacao|herbal|tea blends?|prompts|worksheets`,
			// "I bring everything, you bring an intention"
			`(?:i|we) (?:will )?(?:bring|provide|supply|handle|take care of) (?:everything|it all|all of it|the rest) ~4 (?:you (?:just )?bring|all you (?:need to )?bring|you just show up|just bring yourself)`,
			// "Delivered to your door worldwide", "discreet shipping"
			`(?:deliver|delivers|delivered|shipped|ship|ships|shipping|post|posts|posted|mail|mails|mailed|send|sends|sent|delivery) ~3 (?:discreetly|discreet|in plain packaging|plain packaging|unmarked|stealth|to your door|worldwide|across europe|nationwide|anywhere in)|(?:discreet|stealth|unmarked) (?:shipping|delivery|packaging|post)`,
		),
	)
}
