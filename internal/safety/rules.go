package safety

import "regexp"

// rule is one explainable pattern. Patterns run on a normalised sentence:
// lower case, contractions expanded (I'm → i am, don't → do not), one space
// between words and " ," where a clause ended.
type rule struct {
	level  Level
	reason Reason
	re     *regexp.Regexp
	// unless, when set, cancels a match if it matches the text right after
	// it (it starts with a space): idioms such as "kill myself laughing".
	unless *regexp.Regexp
	// subject means the pattern has no built-in "i": the nearest subject
	// before it in the clause must not be someone else ("my brother is
	// thinking about suicide").
	subject bool
	// tripPasses means a past-tense wish that describes the psychedelic
	// experience itself ("during the ceremony I wanted to die") is let pass.
	tripPasses bool
	// with, when set, is a second concept that must occur somewhere in the
	// same sentence: a means word and a readiness word, a farewell and a
	// finality. Concepts that are harmless alone are alarming together.
	with *cue
	// without, when set, cancels the match if it occurs anywhere in the
	// sentence: the harmless frames of a concept ("a rope for the climbing
	// wall", "a goodbye letter to my old self").
	without *cue
	// gate is a literal pre-check derived from re (see gate.go).
	gate gate
	// pre answers whether re can match, faster (see prefilter.go).
	pre prefilter
}

// Building blocks of the patterns.
const (
	// adv is any run of softeners people put between words.
	adv = `(?:(?:really|just|actually|honestly|seriously|literally|so|truly|kind of|kinda|sort of|still|almost|sometimes|often|always|genuinely|finally|definitely|probably|totally|fully|completely|even|kind of|pretty much|all|simply|quietly|secretly|already|again|now|ever|also|very|much) )*`
	// killSelf is taking one's own life, in the infinitive.
	killSelf = `(?:kill myself|end my (?:own )?life|end it all|take my (?:own )?life|commit suicide|off myself|unalive myself|do away with myself|hang myself|shoot myself|overdose|take an (?:overdose|od)|throw myself (?:off|from|in front of|under|into) (?:a |the |my )?(?:[\w-]+ )?(?:bridge|roof|rooftop|building|cliff|balcony|tower|car park|window|ledge|train|bus|traffic|car|truck|lorry|river|sea)|jump (?:off|from) (?:a|the|my) (?:[\w-]+ )?(?:bridge|roof|rooftop|building|cliff|balcony|tower|car park|parking garage|overpass|window|ledge)|jump in front of (?:a|the) (?:train|bus|car|truck|lorry)|end it (?:tonight|today|now|soon|this week|this weekend|tomorrow)|(?:slit|cut|slash) my wrists|(?:drive|crash|steer) (?:my |the )?(?:car |bike )?(?:into|off) (?:a|the) (?:wall|tree|cliff|bridge|river|lake|traffic|truck|road|barrier)|(?:step|walk|run) (?:out )?(?:in front of|into) (?:a |the )?(?:train|bus|traffic|truck|lorry)|take (?:a|the|my) (?:whole|entire) (?:bottle|packet|box|stash))`
	// killSelfIng is the same in the -ing form.
	killSelfIng = `(?:killing myself|ending my (?:own )?life|ending it all|taking my (?:own )?life|committing suicide|offing myself|hanging myself|shooting myself|overdosing|suicide|ending it|ending things|dying by suicide|not being here|not existing|not waking up|being dead|ways to die|how to kill myself|how i would do it)`
	// selfHarm is hurting oneself, infinitive and -ing.
	selfHarm = `(?:hurt|hurting|cut|cutting|harm|harming|burn|burning|injure|injuring|scratch|scratching|hit|hitting|punch|punching|starve|starving|bruise|bruising) myself`
	lineEnd  = `(?: ,|$)`
	// lately is the time words that let a wish stand at the end of a clause.
	anymore = `(?: (?:anymore|any more|any longer|like this anymore|like this any longer|on this earth|in this world|tomorrow|ever again|again|either|at all))?`
)

// tripWords mark a sentence as describing the psychedelic experience.
var tripWords = regexp.MustCompile(`\b(?:trip|tripping|tripped|ceremony|ceremonies|journey|peak|peaking|come-up|comeup|coming up|came up|session|dose|dosing|experience|retreat|ayahuasca|psilocybin|mushrooms|shrooms|lsd|acid|mdma|ketamine|k-hole|dmt|5-meo|medicine|breakthrough|ego|ego death|brew|iboga|ibogaine|mescaline|san pedro|peyote|high|rebirth|reborn)\b`)

func pattern(level Level, reason Reason, re string) rule {
	return rule{level: level, reason: reason, re: regexp.MustCompile(re), gate: gateFor(re), pre: newMatcher(re)}
}

func (r rule) unlessAfter(re string) rule {
	r.unless = regexp.MustCompile(`^(?:` + re + `)`)
	return r
}

func (r rule) needsSubject() rule { r.subject = true; return r }

// gatedBy replaces the derived gate: one of lits must occur in the sentence.
func (r rule) gatedBy(lits ...string) rule { r.gate = newGate(lits); return r }

// alongside requires a second concept in the same sentence.
func (r rule) alongside(re string) rule { c := newCue(re); r.with = &c; return r }

// except cancels the match when the sentence has a harmless frame.
func (r rule) except(re string) rule { c := newCue(re); r.without = &c; return r }
func (r rule) passesInTrip() rule    { r.tripPasses = true; return r }

// rules run in order: urgent phrases, urgent concepts, then specific concern
// patterns, the broad fallbacks and the concern concepts. A later match that overlaps an earlier one is dropped, so
// each phrase is reported once at its highest level.
var rules = concat(urgentRules(), urgentConcepts(), concernRules(), concernConcepts())

func concat(lists ...[]rule) []rule {
	var out []rule
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

func urgentRules() []rule {
	return []rule{
		pattern(Urgent, SuicidalIntent, `\bi `+adv+`(?:am )?`+adv+`(?:going to|about to|planning to|planning on|ready to|determined to|preparing to|set on|intending to) `+adv+killSelf+`\b`),
		pattern(Urgent, SuicidalIntent, `\bi `+adv+`(?:will|shall) `+adv+killSelf+`\b`),
		pattern(Urgent, SuicidalIntent, `\bi `+adv+`(?:want|plan|intend|mean|need|am going|have got|have|got) to `+adv+killSelf+`\b`),
		pattern(Urgent, SuicidalIntent, `\bi `+adv+`(?:have )?`+adv+`(?:decided|made up my mind|chosen|resolved) to `+adv+killSelf+`\b`),
		pattern(Urgent, SuicidalIntent, `\bi `+adv+`(?:am )?`+adv+`(?:going to|about to|ready to|planning to|will|want to|can|need to|have decided to|am going to) `+adv+`(?:end it|jump|do it tonight|end things)`+lineEnd),
		pattern(Urgent, SuicidalIntent, `\bi `+adv+`(?:am )?`+adv+`(?:planning on|set on|intent on|determined on) `+adv+killSelfIng+`\b`).unlessAfter(` (?:with|prevention)\b`),
		pattern(Urgent, SuicidalIntent, `\bi am `+adv+`(?:killing myself|ending it|ending my life|ending it all|taking my (?:own )?life|ending things) (?:tonight|today|now|tomorrow|this week|this weekend|soon|after this)\b|\bi am `+adv+`(?:killing myself|ending it all|ending my life)`+lineEnd),
		pattern(Urgent, SuicidalIntent, `\b(?:tonight|today|tomorrow|this weekend|right now|now|on \w+day) i (?:will |shall )?`+adv+killSelf+`\b|\bi `+adv+killSelf+` (?:tonight|today|tomorrow|this weekend|right now)\b`),
		// Taking all one's pills is intent, unless it is about taking them as prescribed.
		pattern(Urgent, SuicidalIntent, `\bi `+adv+`(?:am )?`+adv+`(?:going to|about to|will|want to|plan to|planning to|ready to) `+adv+`take (?:all|all of|every|every single|every one of) (?:my |the |these |those )?(?:\w+ )?(?:pills?|tablets?|meds|medication|painkillers?)\b`).unlessAfter(` (?:as (?:prescribed|directed|advised)|on time|from now on|every (?:day|morning|night)|daily|regularly|with (?:food|water|meals)|in the (?:morning|evening)|each day|like my doctor)`),
		pattern(Urgent, SuicidePlan, `\b(?:plan and (?:the )?means|means and (?:a )?plan)\b`).needsSubject(),
		pattern(Urgent, SuicidalIntent, `\b(?:so|so that) i (?:can|could|will) `+adv+killSelf+`\b`).needsSubject(),
		pattern(Urgent, SuicidePlan, `\bi `+adv+`(?:have |had )?(?:got |made |worked out |figured out |been making |am making )?(?:a |the |my )?(?:\w+ )?plans? (?:to|for how to|of how to|how to|on how to|for when i) `+adv+`(?:`+killSelf+`|die)\b`),
		pattern(Urgent, SuicidePlan, `\bi `+adv+`(?:have |had )?(?:been )?(?:planned|planning|plotted|plotting) (?:my suicide|my death|how to `+killSelf+`|how i (?:will|would|am going to) (?:do it|die))`),
		pattern(Urgent, SuicidePlan, `\bi know (?:exactly )?(?:how|when|where) (?:i (?:would|will|am going to|could)|to) (?:do it|`+killSelf+`)\b`),
		pattern(Urgent, SuicidePlan, `\bi `+adv+`(?:have |had )?(?:already )?(?:wrote|written|been writing|am writing|write|left|drafted|finished) (?:my |a |the |some )?(?:suicide|goodbye|farewell) (?:note|letter|message)s?\b`).except(ritual),
		pattern(Urgent, SuicidePlan, `\b(?:looked|looking|searched|searching|researched|researching|googled|googling|read up) (?:up )?(?:on )?(?:how|ways|methods|the best way|the easiest way|the quickest way|the most painless way) to (?:`+killSelf+`|die)\b`).needsSubject(),
		pattern(Urgent, SuicidePlan, `\bhow many (?:pills|tablets|of my \w+|\w+ pills) (?:it takes|it would take|would it take|does it take|i would need|i need) to (?:die|kill|not wake up|overdose)`).needsSubject(),
		pattern(Urgent, MeansAccess, `\b(?:saving|saved|stockpiling|stockpiled|hoarding|hoarded|stashing|stashed|gathering|gathered) (?:up )?(?:all )?(?:of )?(?:my |some |a lot of |the |extra |enough )?(?:pills|meds|medication|medications|tablets|painkillers|sleeping pills|sleeping tablets|antidepressants|insulin|opioids|oxy|morphine|lithium)\b`).needsSubject(),
		pattern(Urgent, MeansAccess, `\b(?:pills|meds|medication|tablets|painkillers|sleeping pills|antidepressants|insulin|opioids) (?:saved|stockpiled|hoarded|stashed|put aside|set aside)\b`).needsSubject(),
		pattern(Urgent, MeansAccess, `\benough (?:pills|tablets|meds|medication|painkillers|sleeping pills|insulin|morphine|oxy|lithium|antidepressants) (?:at home |saved |stored )?to (?:kill|end|die|overdose|do it|not wake up|never wake up|finish)`).needsSubject(),
		pattern(Urgent, MeansAccess, `\bi `+adv+`(?:have |had )?(?:just |already )?(?:got |gotten |bought |ordered |found |picked up )?(?:a |the |some |my )?(?:rope|gun|pistol|firearm|rifle|razor blades|blades|charcoal|helium|pills) (?:(?:and|which) (?:it is|they are|is|are) )?(?:ready|loaded|for (?:it|this|myself|when|that)|to (?:do it|end it|`+killSelf+`)|just in case)\b`),
		pattern(Urgent, MeansAccess, `\b(?:pills|rope|gun|noose|knife|blade|blades|razor|tablets|meds)\b(?: [^ ]+){0,12}? (?:going to|about to|when i|ready to|will|for when i|gonna) (?:do it|use (?:it|them)|take (?:them|it) all|take all of them|swallow (?:them|it) all|swallow them)\b`).needsSubject(),
		pattern(Urgent, MeansAccess, `\b(?:going to|about to|ready to|will) (?:do it|end it) with (?:the|my|these|those|a) (?:pills|rope|gun|knife|blade|razor|tablets|meds)\b`).needsSubject(),
		pattern(Urgent, MeansAccess, `\b(?:tied|tying|made|making|bought|have) (?:a|the|my) noose\b`),
		pattern(Urgent, MeansAccess, `\b(?:the|my) (?:gun|pills|rope|noose|knife|blade|razor|tablets) (?:is|are) (?:ready|loaded|waiting for me|in front of me|next to me)\b`).needsSubject(),
		pattern(Urgent, ImminentSelfHarm, `\bi `+adv+`(?:am )?`+adv+`(?:going to|about to|planning to|ready to) `+adv+`(?:hurt|cut|harm|burn|injure) myself\b`),
		pattern(Urgent, ImminentSelfHarm, `\bi `+adv+`(?:will|shall) `+adv+`(?:hurt|cut|harm|burn|injure) myself\b`),
		pattern(Urgent, ImminentSelfHarm, `\bi `+adv+`(?:have )?(?:just |already )?(?:took|taken|swallowed|downed) (?:a |the |my )?(?:whole|entire|full) (?:bottle|packet|box|pack|strip|stash)\b`),
		pattern(Urgent, ImminentSelfHarm, `\bi `+adv+`(?:have )?(?:just |already )?(?:took|taken|swallowed|downed) (?:a handful of|handfuls of|(?:\d{2,}|twenty|thirty|forty|fifty|sixty|a hundred)) (?:of )?(?:my )?(?:\w+ )?(?:pills|tablets|meds|capsules|paracetamol|acetaminophen|tylenol|ibuprofen|aspirin|codeine|tramadol|xanax|valium|diazepam|lithium|oxycodone|benzos|sertraline|zopiclone|quetiapine|antidepressants|painkillers)\b`),
		pattern(Urgent, ImminentSelfHarm, `\bi `+adv+`(?:have )?just (?:took|taken|swallowed) (?:too many|a lot of|loads of|all (?:my|of my|the)) (?:\w+ )?(?:pills|tablets|meds|capsules)\b`),
		pattern(Urgent, ImminentSelfHarm, `\bi `+adv+`(?:have )?just (?:overdosed|taken an overdose|took an overdose|cut my wrists|slit my wrists)\b`),
		pattern(Urgent, ImminentSelfHarm, `\bby the time (?:you|anyone|someone|they|somebody) (?:read|reads|see|sees|get|gets|find|finds|open|opens) this\b`),
		pattern(Urgent, ImminentSelfHarm, `\bi `+adv+`(?:will not|would not|might not) be (?:alive|here|around) (?:tomorrow|by (?:morning|tomorrow|tonight|the morning)|much longer|for much longer|by the time)\b`),
		pattern(Urgent, ImminentSelfHarm, `\b(?:this is (?:my )?(?:final |last )?goodbye (?:forever|for good|to (?:everyone|all of you|this world|the world|you all))|goodbye (?:cruel )?world|goodbye forever|tonight is the night i (?:die|`+killSelf+`))\b`),
	}
}
