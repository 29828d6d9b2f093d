package vetting

import (
	"regexp"
	"strings"
)

// Context decides whether a rule's match is a claim the coach makes about
// their own offer, the same way for every rule and category. A match is
// dropped when:
//   - the profile is written by a licensed clinician (psychologist, LCSW,
//     LMFT, LPC, psychiatrist, MD, nurse practitioner…) describing their
//     own practice: diagnosing and treating is then accurate, not a
//     clinical_claim;
//   - the match sits in a phrase about a legal framework (an Oregon
//     service center, a Colorado healing centre, a clinical trial, a
//     ketamine clinic), or the profile is a licensed facilitator's, for
//     substances and in-session presence;
//   - the phrase is about research, study or training rather than an
//     offer ("I worked on psilocybin trials for depression");
//   - the phrase teaches harm reduction rather than supplying anything;
//   - a promise or guarantee is about the coach's conduct
//     (confidentiality, punctuality, replies, listening, a refund for a
//     first session) rather than a result.
// Negation and hypotheticals are handled per match by isNegated.

// profile is what the whole text says about its author.
type profile struct {
	licensedClinician bool
	legalFacilitator  bool
}

var (
	// licensedSelf is a present clinical licence or title of the author.
	// protectedTitle is a title only clinicians may use; it describes
	// the author when introduced as theirs ("I am a psychiatrist",
	// "Dr. Lee is a psychologist", "Psychiatrist and addiction specialist").
	protectedTitle = regexp.MustCompile(`(?:^|\b(?:i am|im|am|is|as|i work as|i practi[cs]e as|also) |, )(?:a |an )?(?:(?:board certified|practicing|practising|consultant|clinical|child|addiction|adult|licensed|registered|forensic|counseling|counselling|general|family|perinatal|geriatric|medicine|psychiatric|mental health) ){0,3}(?:psychiatrist|clinical psychologist|psychologist|(?:psychiatric )?(?:mental health )?nurse practitioner|family physician|physician|medical doctor)\b`)
	// licensedTitle is a clinical licence or title; it describes the
	// author unless the words before it point at someone else (see
	// describesAuthor).
	licensedTitle = compile(`(?:licensed|board certified|state licensed|registered|accredited|credentialed) (?:clinical |mental health |professional |independent clinical |psychiatric |marriage and family |family |addiction |alcohol and drug |drug and alcohol |substance (?:use|abuse) ){0,2}(?:psychologist|dietitian|dietician|psychotherapist|therapist|counsel+or|social worker|psychiatrist|physician|nurse practitioner|nurse|counsel+ing psychologist|clinician|mft)s?|(?:licensed|registered) (?:to practi[cs]e|in (?:the state of )?[a-z]+ as)|\b(?:lcsw|licsw|lmft|lpc|lpcc|lcpc|lmhc|lcmhc|lisw|ladc|lcadc|lac|lmsw|psyd|pmhnp|frcpsych|mrcpsych|pmhnp bc|aprn|np c|hcpc registered|bacp accredited|ukcp registered)\b|^(?:board certified |consultant |child |addiction |clinical |practicing |practising )?(?:psychiatrist|clinical psychologist|psychologist|psychiatric nurse practitioner|family physician|physician)|(?:psychiatrist|psychologist|physician) \( ?(?:md|do|phd|psyd)|\bmd\b|hold (?:a |an )?(?:active )?(?:license|licence|licensure) as|licensed (?:as|to practi[cs]e as) (?:a |an )?(?:\S+ ){0,3}?(?:counsel+or|therapist|psychologist|psychotherapist|social worker|psychiatrist|nurse practitioner|physician|clinician)|licensed (?:clinical |therapy |psychotherapy |private |group )?practice|practice is licensed|(?:psychotherapist|therapist|counsel+or|psychologist|social worker) (?:with|holding) (?:a |an )?(?:licen[cs]e|registration|accreditation)|my (?:psychiatry|psychiatric|medical|clinical psychology) practice|(?:social worker|therapist|psychotherapist|counsel+or|psychologist|nurse|physician|clinician) licensed\b|(?:^|i am |i m |im )licensed in [a-z]|(?:within|under|scope of|covered by) (?:my|our) (?:\S+ )?(?:license|licence|licensure)|(?:state approved|approved|chartered) (?:psychological |clinical |counsel+ing )?(?:psychotherapist|psychologist)|gz psycholoog|big registered|gmc (?:specialist )?regist\w*|on the gmc|ahpra registered|(?:registered|licensed) (?:healthcare|health care) psychologist|psychologische psychotherapeut\w*|fach(?:ä|a)rzt\w* f(?:ü|u)r psychiatrie|psychiater(?:in)?|^(?:\S+ ){0,4}\( ?state licensed`)
	// unlicensedSelf says the author holds no such licence.
	unlicensedSelf = compile(`(?:i am|i m|im|as|an|am) (?:\S+ )?unlicensed|unlicensed (?:coach|practitioner|guide|helper|facilitator|counsel+or|therapist|peer)|not (?:a )?licensed|no (?:clinical )?(?:license|licence)|hold no (?:clinical )?(?:license|licence)|without (?:a )?(?:license|licence)|not a (?:clinician|therapist|psychologist|doctor)|(?:former|formerly|retired|ex|lapsed|previously|used to be) (?:a |an )?(?:licensed )?(?:psychologist|therapist|psychiatrist|nurse|clinician|counsel+or|social worker)|license (?:lapsed|expired)`)
	// notFacilitator denies a facilitator's licence, not a clinical one.
	notFacilitator = compile(`not (?:a |an )?(?:state )?licensed (?:\S+ ){0,2}facilitator`)
	// notLicensedFor is a medicine or treatment not licensed for a use.
	notLicensedFor = compile(`(?:is|are|was|were|remains?) not (?:yet )?(?:licensed|approved) for`)
	// legalFacilitator is a licensed facilitator in a regulated program.
	legalFacilitatorSelf = compile(`(?:licensed|state licensed|certified) (?:psilocybin |natural medicine )?facilitator|(?:guide|facilitator|staff member|work|works|working) (?:\S+ ){0,3}at (?:a|an|the) (?:licensed|legal|regulated|state licensed) (?:\S+ ){0,2}(?:retreats?|cent(?:er|re)s?|clinics?)|psilocybin services (?:program|act|section)|licensed (?:service|healing) cent(?:er|re)s?`)
	// underground says work happens outside any legal framework.
	underground = compile(`underground|ship\w* to|no prescription|without (?:a )?prescription|unlicensed|outside (?:the |any |a )?(?:legal|law|framework|system)|off the books|not legal|illegal\w*|private homes?|your home|in my home|privately at|at my (?:cabin|house|home|place|flat|apartment|farm)|outside (?:the |any )?(?:state )?(?:program\w*|centers?|centres?|clinics?)`)
	// legalSetting is a regulated place or program in the phrase itself.
	legalSetting = compile(`(?:licensed|legal|regulated|state) ~3 (?:service cent(?:er|re)s?|healing cent(?:er|re)s?|clinics?|programs?|programmes?|framework|settings?|sessions?|treatment|therapy|psilocybin|ketamine|facilitat\w*)|service cent(?:er|re)s?|healing cent(?:er|re)s?|clinical trials?|research trials?|ketamine clinics?|under (?:oregon|colorado|state) (?:law|rules)|(?:oregon|colorado) ~4 (?:natural medicine|programs?|programmes?|law|rules|licen\w*|regulat\w*|facilitat\w*|service\w*|healing)|licen\w* ~6 (?:oregon|colorado)|psilocybin services|fda|approved|(?:physicians?|doctors?|psychiatrists?|nurses?|prescribers?|anesthesiologists?|medical (?:team|staff)) ~4 (?:prescribe|prescribes|administer|administers|monitor|monitors)|prescri\w* ~6 (?:through|by|from|via) (?:a |an |the |their |your |his |her )?(?:\S+ )?(?:provider|clinic|prescriber|doctor|physician|psychiatrist|telehealth|service)|(?:is|are) legal (?:to (?:sell|buy|use|possess|take)|in (?:the netherlands|jamaica|mexico|peru|brazil|portugal))|legally sold|(?:the|that|this) (?:retreat|cent(?:er|re)|clinic|company|program\w*|operator|organi[sz]ers?|facility|trial) (?:itself |team |staff )?(?:provides?|supplies|administers?|serves?|handles?|doses?)\b`)
	// studyContext is research, study or training talk.
	studyContext = compile(`research\w*|(?:facilitator|training|certification) (?:course|program\w*)|trainer for|completed an? (?:\S+ ){0,2}course|stud(?:y|ies|ied)|trials?|training|trained|train|took a course|completed a course|attended|certificat\w*|curriculum|literature|published|papers?|conference|dissertation|thesis|master s|phd|degree|taught|learned about|volunteer\w*|zendo|evidence (?:shows|suggests)|science|scientific|data|findings|study staff|years ago|in the past|used to|previously|formerly|former|before (?:coaching|becoming)`)
	// offerNow is the author offering something today.
	offerNow = compile(`(?:i|we|and|now|also|currently|today) (?:lead|run|host|serve|sell|sit|guide|facilitate|treat|supply|pour|use|assess|diagnose|evaluate|determine|identify|do|give)s?|(?:offering|providing|delivering) (?:\S+ ){0,3}(?:therapy|psychotherapy|treatment|counsel+ing|diagnos\w*)|(?:now|today|currently|also) (?:i |we )?(?:offer|provide|run|lead|host|serve|sell|sit|guide|facilitate|treat)|(?:i|we) (?:can|will) (?:offer|provide|sit|guide|serve|sell|treat|supply|source)`)
	// harmReduction is education about risk, not supply.
	harmReduction = compile(`harm reduction|drug checking|(?:get|have) (?:your|it|them|any|the|a) (?:\S+ ){0,2}(?:tested|checked)|educat\w*|workshops?|why (?:not|never)|dangers?|dangerous|risks?|risky|never buy|unknown sources|contraindicat\w*|interactions?`)
	// ownHistory is the coach's own treatment or experience.
	ownHistory = compile(`my own (?:journey|journeys|experience|experiences|healing|recovery|treatment|therapy|history|story|depression|anxiety|trauma|ceremon\w*|ketamine|psilocybin)|(?:done|did|tried|experienced|been through|journeyed|sat in ceremony|healed) ~3 myself|i (?:have |had )?(?:had|done|received|undergone|been through|went through)|i was (?:treated|diagnosed|prescribed)|personal (?:experience|history|journey|story)|my (?:story|history|recovery)`)
	// othersCare is treatment the client receives from someone else.
	othersCare = compile(`(?:in|receiving|undergoing|getting|under|during their|during your|their|your) (?:\S+ )?treatment`)
	// jobTitle names the coach's role, which says nothing about timing.
	jobTitle = compile(`integration (?:coach\w*|specialist|practitioner|mentor|guide)`)
	// distanced puts the time under the influence before or after the
	// coach's work.
	distanced = compile(`(?:clients|people|participants|folks|many) (?:who )?(?:had|have had|went to|attended|took|drank)|after|afterwards|following|before|since|around|who have had|who had|ahead of|prepar\w*|came up|comes up|happened|arose|surfaced|emerged|integrat\w*|reflect\w*|process\w*|past|previous|earlier|last|make sense|unpack\w*|what you saw`)
	// promiseWord makes a match a promise, whose object decides.
	promiseWord = compile(`guarantee\w*|money back|refund\w*|promis\w*|assur\w*|commit\w*|swear|pledge|my word`)
	// conductPromise promises something the coach will do.
	conductPromise = compile(`(?:promise|promises|guarantee|guarantees|commit|commits|assure you|pledge|swear)\w* (?:to you )?(?:(?:you )?(?:one thing|this|only this|just this|the following) : )?(?:that )?(?:(?:i|we) (?:will|shall|am going to|are going to|always|never)|to [a-z]+)`)
	// limitedPromise says a promise goes no further ("that is all I will
	// promise", "the only thing I guarantee"): it limits what is promised.
	limitedPromise = compile(`(?:all|the only thing|the one thing|as much as|the most) (?:that )?(?:i|we) (?:will |can |would |am willing to |ever )?(?:promise|guarantee)`)
	// refundOnResult ties money back to a result not reached ("if your
	// anxiety has not lifted, full refund"): a guarantee, not conduct.
	refundOnResult = compile(`if (?:you|your \S+) (?:\S+ ){0,2}(?:do not|does not|are not|is not|have not|has not|did not|are still|is still|still|fail to) ~4 (?:feel|see|notice|get|experience|lift\w*|gone|better|different|transformed|healed|results?|chang\w*|improv\w*|there|free|recover\w*|relief|heal\w*|<cond>|symptoms?)`)
	// unhedged are denials of ability, which litotes turn into promises
	// ("never met a client I could not help"); they are not hedges.
	unhedged = compile(`could not|can not|could never|was not able|were not able|(?:do not (?:believe in|do)|no more|forget|none of) (?:\S+ ){0,2}(?:results may vary|maybes?|it depends)`)
	// hedged marks a result as possible, not promised.
	hedged = compile(`almost (?:everyone|everybody|all)|can feel|may feel|might feel|feels like|can seem|may seem|seems|own pace|own way|own time|differently|different for everyone|may|might|perhaps|possibly|hopefully|could|can help|in time|for some|(?:some|many|several|a few) (?:of my |of our )?(?:clients|people|participants|folks)|everyone is different|results vary|often|sometimes`)
	// soberSetting says nobody takes anything.
	soberSetting = compile(`no substances?|without substances?|nothing (?:is )?taken|nothing to take|breath led|substance free|drug free|no drugs|no medicine|non drug|nobody is under|no one is under|(?:fully |completely |entirely |always )?sober (?:circles?|groups?|gatherings?|space|sessions?|integration|meetings?)|(?:held|meet|meets|run|runs|are|is) (?:completely |fully |entirely |always )?sober|while (?:you are|they are|everyone is) sober`)
	// benignPromise is a promise about the coach's conduct.
	benignPromise = compile(`confidential\w*|privacy|private|discretion|discreet|on time|punctual\w*|show up|reply|replies|respond\w*|return (?:your|every)|messages?|emails?|calls?|listen\w*|honest\w*|truth|heard|judge?ment|respect\w*|boundaries|present|presence|attention|safe space|refund|money back|pay nothing|do not pay|not happy|first session|a fit|cancel\w*|pressur\w*|refer\w*|therapists|names of|effort|hard work|work hard|my best|a lot about|a space|space where|safe space|a place where|miss\w* a session|next (?:one|session) (?:is )?free|free session|summary|recording|worksheets|availability|pace|rush\w*|hurr\w*|scope|judg\w*|be there for|every (?:session|appointment|call|meeting)|on your side|in your corner`)
	// outcomeWord is a result a client might hope for.
	outcomeWord = compile(`struggl\w*|suffer\w*|stuck|relaps\w*|heal\w*|cur(?:e|es|ed|ing)|recover\w*|results?|outcomes?|transform\w*|breakthrough\w*|relief|gone|free (?:of|from)|freedom|better|happ(?:y|ier)|(?:feel|be|made) whole|whole again|life back|yourself again|like yourself|normal again|new person|peace|never (?:again|return|comes back)|symptoms?|depress\w*|anxiety|trauma|ptsd|addiction|chang\w*|lighter|lasting|forever|permanent\w*|fix\w*|success\w*|succeed\w*|different person|unstuck|anxious|<cond>|improv\w*|reborn|<med>|off (?:your|their|all)|sav(?:e|ed|es)|rescu\w*|remission`)
)

// namesCare names a clinician or a care service.
var namesCare = compile(`gps?|doctors?|pharmacists?|prescribers?|psychiatrists?|therapists?|psychologists?|clinicians?|counsel+ors?|crisis (?:lines?|services?|teams?)|helplines?|hotlines?|support groups?|peer groups?|harm reduction services?|medical (?:questions|care|help)`)

// gardenProduce is food, culinary herbs and garden plants, grown or
// shared.
// "More than vegetables", "not just herbs" say something else is grown.
var gardenProduce = compile(produceWords)

const produceWords = `vegetables?|veg|veggies|tomato\w*|basil|mint|chamomile|lemon balm|lavender|herbs|herbal teas?|fruit|berries|apples|flowers|eggs|honey|recipes|produce|zucchini|courgettes?|beans|salad|kale|lettuce|squash|potatoes|jam`

var moreThanProduce = compile(`(?:more than|not just|not only|besides|beyond|other than|as well as|apart from|and other|alongside|plus|special) (?:\S+ ){0,2}(?:` + produceWords + `)|(?:` + produceWords + `) (?:and|plus) (?:a few |some )?(?:other|special|extra|more)`)

// pseudoCleft starts "what I can do is …", which names what is offered.
var pseudoCleft = compile(`^(?:but |and |so )?what (?:i|we) (?:can|will|do|offer) (?:\S+ ){0,2}(?:is|are)\b`)

// meditativeSitting is sitting meditation or silence.
var meditativeSitting = compile(`meditat\w*|in silence|zazen|silent sitting`)

// underInfluence names a time under a substance's influence.
var underInfluence = compile(`medicine|journey\w*|trip\w*|ceremon\w*|dos(?:e|es|ing)|high|influence|plant`)

// clientsCareTeam is the client's own clinical team.
var clientsCareTeam = compile(`(?:their|your|the client s|each client s) (?:own )?(?:clinical|care|medical|treatment|prescribing|psychiatric) (?:team|teams|provider|providers)`)

// providedCare is support or coaching as what is provided.
var providedCare = regexp.MustCompile(`^ ?(?:that |this |the same |my |our |such )?(?:support|help|guidance|coaching|integration|space|sessions?|care|education|information)\b`)

// riskTeaching is talk of risk that makes a clause teaching.
var riskTeaching = compile(`harm reduction|drug checking|risks?|risky|dangers?|dangerous|contraindicat\w*|interactions?`)

// selfSupplies is the coach handing something over in the first person.
var selfSupplies = compile(`(?:i|we) (?:\S+ )?(?:provide|provides|supply|supplies|sell|sells|give|gives|bring|brings|source|sources|get|gets|offer|offers|have|has|ship|ships|send|sends)`)

// preparedDose is the coach preparing what is taken ("I prepare the San
// Pedro brew"), which places nothing before the session.
var preparedDose = compile(`prepar\w* (?:the |your |my |our )?(?:\S+ ){0,2}(?:brew|medicine|tea|doses?|sacrament|cups?|<drug>)`)

// lifeEvents are births, deaths and other times a doula, chaplain or
// friend sits with someone.
var lifeEvents = compile(`births?|birthing|labou?r|deaths?|dying|bedsides?|hospice|end of life|divorces?|funerals?|vigils?|illness|grief|bereave\w*|loss`)

// clauseOf is the sentence around [start, end) up to the next clause
// punctuation after it, so that a list after a colon belongs to it.
func clauseOf(norm string, start, end int) string {
	s := strings.LastIndexAny(norm[:start], ";?!") + 1
	e := len(norm)
	if k := strings.IndexAny(norm[end:], ";?!"); k >= 0 {
		e = end + k
	}
	return norm[s:e]
}

// sitWithFeelings is sitting or staying with what someone feels.
var sitWithFeelings = compile(`(?:sit|sits|sitting|sat) across|(?:sit|sits|sitting|stay|staying|hold\w* space) (?:with (?:you|them|clients) )?(?:through|with|in) (?:the |your |their |whatever |all |what )?(?:\S+ )?(?:grief|fear|joy|feelings?|emotions?|sadness|anger|confusion|discomfort|questions?|uncertainty|came up|comes up|surfaced|hard (?:moments|parts|feelings|stuff)|memories|story|stories|pain|not knowing|mess)`)

// liveNow is the time under the influence, in the clause itself.
var liveNow = compile(`during|while (?:you|they|clients) (?:are )?(?:journey\w*|trip\w*|high|under|dosed)|as the (?:medicine|<drug>|brew)|under the influence|on the day|the whole time|all night|mid journey`)

// healingCompound is "healing" naming a place or a kind of work.
var healingCompound = compile(`^health(?:care)?|^heal\w* (?:cent(?:er|re)s?|retreats?|arts?|spaces?|circles?|work|modalit\w*|practices?|practitioners?|journeys?|professions?|communit\w*)`)

// clientsPast is the client's own past in a promise about it.
var clientsPast = compile(`(?:you|they) used to`)

// researchSentence is a sentence about a study or trial.
var researchSentence = compile(`(?:clinical |research |drug )?trials?|research\w*|stud(?:y|ies|ying)|studied`)

// occasionWord follows a substance named as the kind of session.
var occasionWord = map[string]bool{
	"journey": true, "journeys": true, "session": true, "sessions": true, "ceremony": true,
	"ceremonies": true, "circle": true, "circles": true, "retreat": true, "retreats": true,
	"experience": true, "experiences": true, "trip": true, "trips": true, "day": true, "days": true,
	"integration": true, "therapy": true, "assisted": true, "work": true, "space": true,
	"facilitation": true, "facilitator": true, "program": true, "programme": true, "trials": true,
}

// disowned starts the part of a promise the coach says is not promised.
var disowned = compile(`not|never|no|can not|cannot|rather than|instead of`)

// readProfile reads what the whole text says about its author, from its
// normalised sentences.
func readProfile(sentences []string) profile {
	p := profile{}
	all := strings.Join(sentences, " ; ")
	for _, norm := range sentences {
		if !mayNameTitle(norm) {
			continue
		}
		if m := protectedTitle.FindStringIndex(norm); m != nil && !isNegated(norm, m[0], m[1]) {
			p.licensedClinician = true
		}
		for _, m := range licensedTitle.FindAllStringIndex(norm, -1) {
			if describesAuthor(norm, m[0]) && !isNegated(norm, m[0], m[1]) {
				p.licensedClinician = true
			}
		}
	}
	// "not a licensed natural medicine facilitator" says nothing about a
	// clinical licence.
	// "Psilocybin and MDMA aren't licensed for treatment in the UK" is
	// about medicines, not the author.
	if unlicensedSelf.MatchString(notLicensedFor.ReplaceAllString(notFacilitator.ReplaceAllString(all, ""), "")) {
		p.licensedClinician = false
	}
	// A licence asked about ("FAQ: Are you a licensed facilitator? Not
	// at this time.") is not the author's.
	for _, norm := range sentences {
		if strings.HasSuffix(norm, "?") {
			continue
		}
		if m := legalFacilitatorSelf.FindStringIndex(norm); m != nil && !isNegated(norm, m[0], m[1]) && !underground.MatchString(all) {
			p.legalFacilitator = true
		}
	}
	return p
}

// titleHints are literals one of which every licence or title contains;
// they spare the title patterns on most sentences.
var titleHints = []string{"licen", "psych", "psyd", "physician", "doctor", "registered", "accredited",
	"credentialed", "certified", "lcsw", "licsw", "lmft", "lpc", "lcpc", "lmhc", "lisw", "pmhnp",
	"aprn", "np c", "md", "ladc", "lcadc", "lac", "lmsw", "dietitian", "dietician", "nurse", "counsel", "therapist", "social worker", "practice"}

// mayNameTitle reports whether a sentence can contain a licence or title.
func mayNameTitle(norm string) bool {
	for _, h := range titleHints {
		if strings.Contains(norm, h) {
			return true
		}
	}
	return false
}

// otherPerson words, just before a title, make it someone else's: "I
// refer to a licensed therapist", "alongside your psychiatrist".
var otherPerson = map[string]bool{
	"refer": true, "referral": true, "referrals": true, "see": true, "seeing": true, "to": true,
	"alongside": true, "your": true, "their": true, "his": true, "her": true, "another": true,
	"find": true, "finding": true, "consult": true, "collaborate": true, "collaborating": true,
	"with": true, "partner": true, "partners": true, "recommend": true, "other": true, "by": true,
	"like": true, "than": true, "from": true, "for": true, "supervised": true, "under": true,
}

// describesAuthor reports whether the title at byte i is not introduced
// as someone else's within the three words before it.
func describesAuthor(norm string, i int) bool {
	words := strings.Fields(norm[:i])
	for k := max(0, len(words)-3); k < len(words); k++ {
		if otherPerson[words[k]] {
			return false
		}
	}
	return true
}

// allows reports whether a match at [start, end) of a normalised sentence
// is a claim about the author's own offer.
func (p profile) allows(cat Category, norm string, start, end int) bool {
	phrase := phraseAround(norm, start, end)
	// "something you used to carry" is the client's past, not the coach's.
	studying := studyContext.MatchString(clientsPast.ReplaceAllString(phrase, "")) && !offerNow.MatchString(phrase)
	switch cat {
	case ClinicalClaim:
		// A treatment plan the coach builds is not someone else's care.
		return !p.licensedClinician && !studying && !ownHistory.MatchString(phrase) && !othersCare.MatchString(strings.ReplaceAll(phrase, "treatment plan", ""))
	case InSessionGuidance, SubstanceProvision:
		if soberSetting.MatchString(norm) {
			return false
		}
	}
	switch cat {
	case InSessionGuidance, SubstanceProvision:
		// "I was a ceremony assistant … until 2019", "I sat with people
		// during their journeys, and I've stopped doing that": work the
		// coach has given up, with nothing offered now.
		if practiceEnded.MatchString(norm) && !offerNow.MatchString(norm) {
			return false
		}
	}
	switch cat {
	case InSessionGuidance:
		// "If you have a hard time during an experience, call a friend
		// who is with you, a support line…": the reader is sent to
		// someone else for the time under the influence.
		if sentElsewhere.MatchString(norm) && !coachReachable.MatchString(norm) {
			return false
		}
		// "we sit together in silence", "sitting in the meditative sense":
		// sitting meditation, with nothing taken, is not a sit.
		if meditativeSitting.MatchString(norm) && !substanceWord.MatchString(norm) && !underInfluence.MatchString(norm) {
			return false
		}
		// "I sit with you through the grief that surfaced": sitting with
		// feelings, with no time under the influence in the clause.
		if clause := frameClause(norm, start, end); sitWithFeelings.MatchString(clause) && !liveNow.MatchString(clause) {
			return false
		}
		// "I sit with people through the hardest nights of their lives:
		// births, deaths": companionship through life's events, with no
		// substance or journey named.
		if clause := clauseOf(norm, start, end); lifeEvents.MatchString(clause) && !substanceWord.MatchString(clause) && !underInfluence.MatchString(clause) {
			return false
		}
		// "what came up during the dosing day", "after a ceremony": the
		// time under the influence is the past the coach works with.
		lead := preparedDose.ReplaceAllString(jobTitle.ReplaceAllString(norm[phraseStart(norm, start):end], ""), "")
		return !studying && !p.legalHere(frameClause(norm, start, end)) && !ownHistory.MatchString(phrase) && !distanced.MatchString(lead)
	case SubstanceProvision:
		// "I offer psilocybin journeys" names the occasion, not a supply.
		if occasionWord[firstWord(norm[end:])] {
			return false
		}
		// "I'll point you to the right people: your GP or a psychiatrist"
		// names care, not a source, when no substance is named.
		if namesCare.MatchString(norm) && !substanceWord.MatchString(norm) {
			return false
		}
		// "share the harvest: tomatoes, basil and chamomile" names food
		// and garden plants, and no substance.
		if gardenProduce.MatchString(norm) && !substanceWord.MatchString(norm) && !moreThanProduce.MatchString(norm) {
			return false
		}
		// "What I can do is help you ask the right safety questions": a
		// pseudo-cleft names what is offered; without a substance it is
		// not supply.
		if pseudoCleft.MatchString(norm) && !substanceWord.MatchString(norm) {
			return false
		}
		// "after ketamine therapy, alongside their clinical team": the
		// substance is someone else's treatment of the client.
		if clientsCareTeam.MatchString(norm) {
			return false
		}
		// "now I provide that support myself": what is provided is support.
		if providedCare.MatchString(norm[end:]) {
			return false
		}
		// "my background is drug education: understanding risk, … and why
		// mixing substances can be dangerous": teaching, in the clause.
		if cs, ce := clauseAround(norm, start, end); riskTeaching.MatchString(norm[cs:ce]) && !offerNow.MatchString(norm[cs:ce]) && !selfSupplies.MatchString(norm[cs:ce]) {
			return false
		}
		return !studying && !p.legalHere(frameClause(norm, start, end)) && !harmReduction.MatchString(phrase)
	case OutcomeGuarantee:
		// "a licensed healing center": a result word naming a place or a
		// kind of work is no result.
		if k := strings.LastIndexByte(strings.TrimSpace(norm[start:end]), ' '); k >= 0 && healingCompound.MatchString(norm[start+k+1:]) {
			return false
		}
		// A figure about a study's participants reports research.
		if researchSentence.MatchString(norm) && !offerNow.MatchString(norm) {
			return false
		}
		if studying || hedged.MatchString(unhedged.ReplaceAllString(phrase, "")) || ownHistory.MatchString(phrase) {
			return false
		}
		// "If you don't feel our first session was a good fit, I'll
		// refund it": money back for the fit, not for a result.
		if refundOnResult.MatchString(norm) && !(fitRefund.MatchString(norm) && !outcomeWord.MatchString(norm)) {
			return true
		}
		if !promiseWord.MatchString(norm[start:end]) {
			// "every single time" about turning up on time
			return !(benignPromise.MatchString(norm) && !outcomeWord.MatchString(norm))
		}
		return !benignPromiseAt(norm, start)
	}
	return true
}

var (
	// practiceEnded is work the coach says has ended.
	practiceEnded = compile(`until (?:19|20)\d\d|(?:i|we) (?:have |had )?(?:stopped|quit|ceased|given up|gave up) (?:doing |offering |that |it |this )|(?:i|we) (?:have |had )?(?:stopped|quit) (?:doing |offering )?(?:that|it|this|them)$`)
	// sentElsewhere sends the reader to others during an experience.
	sentElsewhere = compile(`(?:call|text|contact|phone|ring|reach out to) (?:a |an |your |the )(?:trusted |sober )?(?:friend|support line|hotline|helpline|crisis line|emergency services|fireside)`)
	// coachReachable is the coach offering to be reached.
	coachReachable = compile(`(?:call|text|message|reach|contact|ring) me|i (?:will|can|am) (?:be )?(?:there|available|on call|reachable)`)
	// fitRefund is a refund for a session that was not a good fit.
	fitRefund = compile(`(?:good|right|great) (?:fit|match)|(?:was|is|were|are) (?:not )?(?:a |the )?(?:fit|match)`)
)

// frameBreaks end the clause a legal framework frames: "Many can't access
// the clinical trials, so I connect them with sources" offers outside it.
var frameBreaks = []string{" ; ", " : ", " ? ", " ! ", " but ", " however ", " whereas ", " instead ", " , so ", " so i ", " so we ", " , and i ", " , and we ", " which is why "}

// frameClause widens [start, end) to its clause: a legal framework
// named in another clause ("Colorado has its healing centers; I offer the
// same privately at my cabin") does not frame the match.
func frameClause(norm string, start, end int) string {
	s := 0
	for _, sep := range frameBreaks {
		if k := strings.LastIndex(norm[:start], sep); k >= 0 && k+len(sep) > s {
			s = k + len(sep)
		}
	}
	e := len(norm)
	for _, sep := range frameBreaks {
		if k := strings.Index(norm[end:], sep); k >= 0 && end+k < e {
			e = end + k
		}
	}
	return norm[s:e]
}

// legalHere reports whether the sentence's work happens in a legal
// framework: it names one, or the author is a licensed facilitator and the
// sentence does not say the work is outside it.
func (p profile) legalHere(norm string) bool {
	if underground.MatchString(norm) {
		return false
	}
	return p.legalFacilitator || legalSetting.MatchString(norm) || p.licensedClinician && clinicalSetting.MatchString(norm)
}

// clinicalSetting is medical care in the sentence itself; in a licensed
// clinician's profile it places substances and dosing sessions inside
// that care ("physicians administer the medicine", "prescribe ketamine
// in a medically supervised setting").
var clinicalSetting = compile(`clinics?|medical(?:ly)? (?:supervised|team|setting|practice)|physicians?|prescrib\w*|assisted (?:therapy|psychotherapy)|my practice|(?:patients|care) team`)

// benignPromiseAt reports whether the promise starting at start is about
// the coach's conduct: what is promised follows the promise, often after a
// colon ("my promise: I will show up on time"), or precedes a closing "that
// is my guarantee"; a promise that the coach will do something ("I promise
// to listen", "I promise I will never judge you") is conduct too. An
// outcome the coach then disowns ("my presence, not an outcome") is not
// promised.
func benignPromiseAt(norm string, start int) bool {
	rest := norm[strings.LastIndexAny(norm[:start], ",;?!")+1:]
	promised := rest
	if k := disowned.FindStringIndex(rest); k != nil {
		promised = rest[:k[0]]
	}
	if outcomeWord.MatchString(promised) {
		return false
	}
	return benignPromise.MatchString(norm) || conductPromise.MatchString(rest) || limitedPromise.MatchString(rest) || promisesQualities(rest)
}

// promisedClause is what makes a promise's object a statement about
// the future ("that within a month your nightmares will stop", "it",
// "three months, and you will be…") rather than a noun phrase.
var promisedClause = compile(`will|would|shall|be|is|are|it|that|this|within|by|after|in|going to|can|could|\d+|days?|weeks?|months?|sessions?|guaranteed|promise|guarantee|change|results?`)

// promisesQualities reports whether the promise in rest promises a noun
// phrase about the coach and nothing a client might hope for ("I can
// promise good questions and a cup of tea", "I can promise you a patient,
// curious companion"): a promise only of what the coach is, however
// worded.
func promisesQualities(rest string) bool {
	k := promiseWord.FindStringIndex(rest)
	if k == nil {
		return false
	}
	object := strings.TrimSpace(rest[k[1]:])
	return len(strings.Fields(object)) >= 2 && !promisedClause.MatchString(object) && !outcomeWord.MatchString(object)
}

// phraseStart is the start of the phrase around position i.
func phraseStart(norm string, i int) int {
	return strings.LastIndexAny(norm[:i], ",;:?!") + 1
}

// phraseAround widens [start, end) to the enclosing phrase: up to the
// nearest clause punctuation or comma on either side.
func phraseAround(norm string, start, end int) string {
	s := strings.LastIndexAny(norm[:start], ",;:?!") + 1
	e := len(norm)
	if k := strings.IndexAny(norm[end:], ",;:?!"); k >= 0 {
		e = end + k
	}
	return norm[s:e]
}
