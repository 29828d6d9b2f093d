package vetting

// Euphemism rules (session 6): substance provision and in-session
// guidance said sideways, written from the leave-one-writer-out misses of
// the outside writers by family, never from one sentence: access and
// connection to a source ("coordinates access to ceremonial-grade
// compounds through vetted partners", "find shamans who will sell them
// brew"), help getting "what you need", private channels ("questions
// about chocolate should come to me on Signal"), taking care of
// everything when a substance is named, kits with a weight of a
// substance, grow kits, doses received from the coach; and, for
// in-session guidance, the coach as sitter, companion or guardian,
// presence on the day itself,
// staying on the line while it lasts, bringing someone back, people
// dosing together before a group meets, journeys, sits and ceremonies at
// the coach's home, microdosing circles. Every match passes the shared
// negation and context checks (context.go).

const (
	// euThing is a substance, or a euphemism for one.
	euThing = `(?:<sub>|compounds|ceremonial grade \S+|plant (?:friends|allies|teachers|spirits)|teacher plants|sacred plants|master plants|the (?:garden|good stuff|real thing)|doses?|microdoses)`
)

func euphemismRules() []rule {
	return concat(
		rulesFor(SubstanceProvision, `integrat\w*|coaching|education|information|talks?|stories|experiences?|resources|support|practices|tools`,
			// "our concierge coordinates access to ceremonial-grade compounds", "connect you with plant friends"
			`(?:access|connect\w*|introduc\w*|link\w*|put (?:you|clients|them) in touch) (?:you |clients |people |them )?(?:to|with) ~4 `+euThing,
			// "I help people find independent shamans who will sell them brew"
			`(?:find|finding|connect \S+ (?:with|to)|introduce \S+ to|point \S+ (?:to|toward|towards)) ~4 (?:who|that) (?:will |can |would |could )?(?:sell|sells|supply|supplies|provide|provides|brew|brews|grow|grows|share|shares)`,
			// "I'll point you toward good sources"
			`(?:point|direct|steer|send|refer)\w* (?:you|clients|people|them|folks) (?:to|toward|towards|in the direction of) ~2 (?:good|trusted|reliable|safe|clean|quality|decent|legit) (?:sources?|suppliers?|vendors?|growers?|sellers?)(?: of \S+)?`,
			// "I tend a garden of teacher plants and gift them to clients"
			`(?:grow|grows|tend|tends|keep|keeps|have|has|harvest|harvests) ~5 (?:teacher plants|plant (?:allies|teachers|friends)|sacred plants|master plants|<drug>) ~6 (?:gift|give|share|pass|hand)\w* (?:them|it|some|cuttings) (?:on )?(?:to|with) (?:clients|you|people|those|participants|anyone)`,
			// "the safest place to get what you need", "get hold of what they need"
			`(?:get|getting|got|gets) (?:your hands on|their hands on|hold of|ahold of) (?:what|whatever|the (?:stuff|goods)) (?:you|they|clients|people) (?:need|want|are looking for)`,
			`(?:safest|safe|best|right|reliable|trusted|good) (?:place|places|way|ways|source|sources|spot|spots) to (?:get|find|buy|obtain|source|pick up) (?:what|whatever|it|them|some|your|the|<sub>)`,
			// "Clients receive their doses from me", "doses come from the coach"
			`(?:receive|receives|get|gets|collect|collects|pick up|picks up) (?:their|your|the|a) (?:\S+ )?(?:doses?|microdoses|capsules|sacrament|supply) (?:directly )?(?:from|through|via) `,
			// "which online vendors are legit", "a short list of trusted contacts"
			`(?:legit|reliable|trustworthy|trusted|safe|reputable|vetted) (?:online )?(?:vendors?|sellers?|shops?|suppliers?|growers?|sources?|contacts?)|(?:vendors?|sellers?|shops?|suppliers?|sources?) (?:are|is) (?:legit|reliable|trustworthy|safe|reputable)`,
			// "I take care of everything (the medicine, the music, the space)"
			needing(`(?:take|takes|taking) care of everything|(?:handle|handles|sort|sorts|arrange|arranges|organi[sz]e|organi[sz]es|provide|provides) everything`, `(?:<sub>|sourcing|the medicine|the tea|the brew)`),
			// "my plant friends are always welcome at our sits"
			`(?:plant (?:friends|allies|teachers|spirits)|teacher plants|sacred plants|master plants) (?:are|is) (?:\S+ )?(?:welcome|present|with us|on hand|served|shared|offered)`,
			// "the medicine itself", "plus the sacrament"
			`(?:and|plus|even|including) the (?:medicine|sacrament|<drug>|brew|tea) itself`,
			// "a kit with 3.5 g of golden teacher"
			`(?:kits?|packages?|bundles?|boxes|box|includes?|including|comes? with|contains?) ~8 (?:\d+ )?\d+ ?(?:g|grams?|mg|milligrams|mcg|ug) (?:of )?~2 (?:<sub>|teachers?)`,
			// "spore syringes, a substrate kit and cultivation mentoring"
			`(?:includes?|including|comes? with|sell\w*|offer\w*|provid\w*|ship\w*|send\w*|my|our|packages?|bundles?|tracks?|kits?) ~6 (?:spore (?:syringes?|prints?|kits?)|substrate kits?|grow (?:kits?|bags?)|(?:cultivation|growing) (?:kits?|mentoring|coaching|supplies|lessons?))`,
		),
		rulesFor(SubstanceProvision, `@legal\w*|licensed|service cent\w*|clinic\w*|trials?|research|harm reduction`,
			// "Questions about chocolate should come to me on Signal", "ask me privately"
			needing(`(?:ask|message|dm|text|contact|reach|email|call|come to|talk to|find) (?:me|us) (?:privately|directly|in private|quietly|off (?:the )?(?:platform|record|site|directory)|on (?:signal|telegram|whatsapp|wickr|threema)|via (?:signal|telegram|whatsapp|wickr|threema))|(?:on|via|through) (?:signal|telegram|wickr|threema)`, `(?:`+euThing+`|access|sourc\w*|supply|what you need|what you are looking for|get hold)`),
		),
		rulesFor(InSessionGuidance, `integrat\w*|after|afterwards|came up|what happened|prepar\w*|sober`,
			// "an experienced sitter (me!)", "the companion is me", "I am the guardian for your travel"
			`(?:sitters?|companions?|guardians?|chaperones?) (?:that is |which is |is )?me\b|(?:i am|i will be|i can be|i act as|i serve as|i become|me as) (?:your|the) (?:\S+ ){0,2}(?:sitter|guardian|chaperone|ground control|trip buddy)`,
			// "being with you on the day itself", "a dedicated companion on the day"
			`(?:with you|beside you|by your side|companion|present|there for you|sitter|guide|being there|with them) (?:\S+ ){0,2}on the (?:day|night) (?:itself|of (?:your|the|their) (?:journey|trip|ceremony|session|experience))|(?:with you|beside you|companion|present|being there) on the day\b`,
			// "I'll stay on the line with you as long as it's active", "keep me on speaker during your session"
			near(`(?:stay\w* on the (?:line|phone|call)|keep (?:my|the) phone on|on speaker|on the line with you|(?:call|video) open)`, `(?:as long as|while|until|for the (?:whole|entire|rest)|during (?:your|the)|the whole time|throughout)`),
			// "sit with you and bring you back", "until you are all the way back"
			near(`(?:sit\w*|stay\w*|guid\w*|with you|hold\w* space|watch\w*|beside you|present)`, `(?:bring (?:you|them|people|clients) (?:safely )?back|until (?:you|they) (?:are|re) (?:all the way |fully |safely )?back|all the way back)`),
			// "participants microdose before we begin", "the group takes a small dose together before each meeting"
			needing(`(?:participants|everyone|the group|group|we all|attendees|members|guests) (?:\S+ )?(?:microdose|microdoses|(?:take|takes) a (?:small |low |light |tiny |gentle )?dose|dose together)`, `(?:before|then|together|while)`),
			// "'heroic dose' guiding"
			sgDoseWord+` (?:\S+ )?(?:guid\w*|sitting|sits|facilitat\w*|accompan\w*)`,
			// "I'll sit with you for your first time" (a journey named)
			needing(`(?:sit|stay|be|hold space) (?:with you |for you )?(?:for|during|on|through) (?:your|the) (?:first|next|very first) (?:time|journey|trip|ceremony|experience)`, `(?:journey\w*|trip\w*|ceremon\w*|medicine|<drug>|dose)`),
			// "journeys at my home", "sacred space at my home", "private sits in my studio"
			`(?:journeys?|sits|ceremon(?:y|ies)|medicine (?:work|days?|nights?)|sacred space|trips?|plant (?:work|medicine)) (?:\S+ ){0,2}(?:at|in) my (?:home|house|place|cabin|studio|land|temple|garden|yurt|farm|apartment|flat)`,
			// "microdosing circles", "private sits"
			`micro ?dos\w* (?:circles?|groups?|gatherings?|meetups?|retreats?|ceremon\w*)|(?:offer|book|private|group|home|mushroom|medicine|guided|solo|hold|host|run|our|my) sits\b|(?:book|offer|schedule|host|hold) (?:a |your )?(?:private |guided )?sit\b`,
		),
		rulesFor(InSessionGuidance, `integrat\w*|after|afterwards|came up|what happened`,
			// "sober sitting", "the sober, calm person in the room": the coach
			// is the sober one, the client is not
			`sober (?:sitting|sitters?|companion\w*|trip sitting)|sober , (?:\S+ )?(?:one|person|adult|presence|friend|companion|guide|sitter) (?:in the room|for you|with you|beside you|next to you)|someone sober (?:\S+ ){0,3}(?:nearby|in the room|beside you|with you)`,
		),
	)
}
