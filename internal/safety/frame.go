package safety

import (
	"regexp"
	"regexp/syntax"
	"strings"
)

// A frame is what a sentence says about the words in it: told as history,
// about a course, a shift at work or a story, asked as a hypothetical,
// inside a psychedelic experience. The kind concepts (concepts_kinds.go)
// and the older rules are filtered by the same frames, so each way real
// writing talks about risk without being at risk is handled once.

var (
	// farPastCue dates a sentence well in the past. "Last week" and "last
	// night" are recent and do not count.
	farPastCue = newCue(`\b(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|some|many|several|a few|\d+) (?:\w+ )?(?:years?|decades?|winters?|summers?|springs?|autumns?) ago|years ago|a (?:long )?(?:time|while) ago|(?:back )?(?:in|of|during|since|from|until|till) (?:19|20)\d\d|in the (?:fifties|sixties|seventies|eighties|nineties|[016789]0s)|back in my \w+ days|in my (?:drinking|using|partying|party|darker|dark|bad) days|at school|back in (?:the day|school|uni|college)|back then|as a (?:teen|teenager|kid|child|student|young \w+)|when i was (?:younger|little|a (?:teen\w*|kid|child|student)|at (?:school|uni\w*|college)|in (?:school|my \w+)|\d+)|in my (?:teens|twenties|thirties|twenties|youth|early \w+|late \w+)|used to|back when|there was a time|at (?:thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty\w*|thirty\w*|forty\w*)|at (?:uni\w*|college|school) i|decades? ago|for a (?:few|couple of) (?:weeks|months) after that|the first time i (?:tried|took|did)|(?:\w+ )?years back|there was a (?:year|time|period|stretch|summer|winter|spring|phase) (?:when )?i|before (?:my )?(?:recovery|treatment|sobriety)|in (?:my )?early (?:recovery|sobriety)|(?:was|were|happened) in (?:19|20)\d\d|that (?:winter|summer|spring|autumn|year) (?:after|before|when))\b`)
	// monthsAgoCue dates a sentence months back: an emergency then is
	// history, still worth a concern.
	monthsAgoCue = newCue(`\b(?:in the (?:spring|summer|autumn|winter)|last (?:year|month|summer|winter|spring|autumn|fall|christmas|easter)|(?:months|a month|a few months|six months|three months) ago|earlier this year)\b`)
	// stillCue brings a past risk into the present: "I used to hear
	// voices and they are back".
	stillCue = newCue(`\b(?:still|again|(?:am|m|is|are) back (?:to|on|in)|like before|lately|these days|recently|this (?:week|month|morning)|(?:is|are) back|came back|coming back|come back|returned|now (?:i|it|they|the|he|she|we|my|his|her)|(?:but|and) now|already|right now|tonight|today)\b`)
	// resolvedCue says a risk is over.
	resolvedCue = newCue(`\b(?:free (?:of|from) (?:it|that|them)|(?:have been|am|been|i am) (?:\w+ )?clean|(?:have been|am|been|feel|i am|is|was) (?:(?:so|much|really|now|very|totally|completely|fully|perfectly|mostly) )?(?:well|sober|stable|okay|ok|safe|fine|recovered|in recovery|much better|doing (?:well|better)|healthy|content|happy|grateful)|recovered|no longer|not anymore|(?:i am|i m) still here|still alive|(?:is|are|was|were) (?:now )?(?:in (?:the )?hospital|being treated|in (?:good|safe) hands)(?: (?:\w+ ){0,2}stable)?|(?:is|are) (?:now )?stable|(?:years|months) (?:clean|sober|free)|clean for|sober for|got through|came through|doing (?:much |so |a lot )?better|things (?:got|are) better|(?:glad|grateful|thankful|proud) (?:i|that i|to be)|survived|behind me|it (?:passed|faded|settled|went away)|(?:passed|faded|settled|cleared) (?:within|after|in)|turned out to be|sorted (?:that|it) out|(?:calmed|settled) down|helped|changed that|left (?:him|her|them)|is fine|are fine|is okay|is doing (?:fine|well|better)|(?:fine|okay|ok) now|(?:it|that) was (?:just |only )?(?:reflux|nothing|fine|indigestion|heartburn|anxiety|a panic attack|muscular|a pulled muscle|a virus|a bug)|(?:it all|everything) came back|came back to (?:normal|myself|my body)|back to normal|everything is fine|(?:he|she|they) (?:was|were) (?:fine|okay|ok)|i am \d+ now|i am (?:a|an) \w+ now|now i (?:train|work|run|help|volunteer|teach|coach)|now i have (?:a|an) (?:\w+ )?(?:job|home|family|daughter|son|partner|life|place|flat|house|routine|sponsor|therapist)|doing great|these days i am|saved (?:him|her|them)|(?:he|she|they) (?:is|are) (?:fine|okay|ok|recovering|doing well) now|(?:very |so |really )?happy now|now i am (?:a|an) \w+|(?:is|am|are) recovering|recovering well|(?:a )?(?:much )?better place|how far i (?:have|ve) come|in recovery|recovery (?:cafe|café|group|work|worker|community)|(?:healthy|careful|safe|well|sober|clean) now|a long time ago now|i am (?:\w+ty|\w+ties) now|(?:eased|settled|calmed|subsided|wore off|went away|passed)(?: off| down)? (?:after|within|in|by)|but it (?:eased|settled|passed|calmed|went away|wore off)|been (?:good|well|fine|stable|sober|clean|okay|ok) (?:ever )?since|(?:have|has) not (?:had|done|used|drunk|touched|felt) (?:\w+ ){0,3}?in (?:years|months|ages|\w+ years)|changed everything|(?:i )?(?:talk|speak) about it openly|i sponsor)\b`)
	// trainingCue frames a sentence as a course, an exam or a rehearsal.
	trainingCue = newCue(`^(?:\w+ ){1,3}(?:course|orientation|workshop|module|drill|simulation) ,|\b(?:(?:naloxone|first aid|cpr|crisis|harm reduction|facilitator|mental health|safeguarding|volunteer|nursing|suicide prevention|training|medicine) (?:course|class|module|workshop|day|session)s?|course (?:today|this morning|this week|covered|on|about)|on (?:the|a|my) (?:\w+ )?(?:course|training)|training|trained|trainer|workshop|module \d+|(?:today|this week|the|our|this) module|role play|lecturer|lecture|seminar|webinar|class (?:on|about)|role-?play\w*|role-played|role played|drill|simulation|scenario|(?:an|the|this|final|mock|written|practice) exam|exam question|rehearsals?|rehearsing|revision|textbook|degree|certification|certificate|asist|first aid|cpr|recovery position|we (?:learnt|learned|practised|practiced|covered|talked about|discussed|studied|went over)|practi[sc]ed|practi[sc]ing|reading (?:for|about)|study(?:ing)? (?:for|about))\b`)
	// workCue frames a sentence as someone else's risk met at work.
	workCue = newCue(`\b(?:stressful shift|shift with|(?:helpline|hotline|crisis line|crisis text line|text line|listening line|phone line|samaritans) (?:shift|volunteer\w*|tonight|today|this evening)|(?:night|shift|evening) on the (?:crisis |help |text |phone |listening )?(?:line|text line|helpline|hotline)|callers|i (?:am|is) a (?:nurse|paramedic|doctor|carer|support worker|bouncer)|at work (?:today|tonight|this morning)|as an? (?:\w+ ){0,3}?(?:bouncer|security|barman|bartender|teacher|police|firefighter|nurse|paramedic|doctor|medic|volunteer|worker|carer|counsellor|counselor|therapist|officer|facilitator|sitter|psychiatrist|gp|responder|steward)|our team|at the shelter|dealt with (?:\w+ )?(?:overdoses|cases|calls|incidents)|(?:suicidal|crisis) callers|i see (?:\w+ ){0,4}?every (?:weekend|week|day|shift|night)|(?:long|night|day|busy|hard|early|late|double) shift|in the ambulance|in clinic|at the clinic|my residents|one of my residents|patients (?:with|who|came)|we saw (?:\w+ )?(?:patients|people|cases)|support worker|care worker|key worker|festival medic(?:s|al)? (?:tent|team|shift|volunteer|crew|work)|bartending|behind the bar|on the door tonight|(?:on|at|running) the (?:\w+ )?(?:dancesafe|harm reduction|drug checking|welfare) (?:stall|stand|tent|table)|dancesafe|as a festival medic|as a (?:medic|first aider|steward)|a client (?:of mine )?(?:disclosed|told me|said|shared)|one of my clients|my clients|(?:followed|follow) the protocol|my shift|on shift|on my shift|night shift|a&e|a and e|the ward|on the ward|psychiatric ward|as a (?:nurse|paramedic|doctor|medic|carer|volunteer|social worker|counsellor|counselor|therapist|facilitator|sitter|harm reduction \w+|support worker|psychiatrist|gp)|i am a (?:nurse|paramedic|doctor|medic|carer|volunteer|social worker|counsellor|counselor|therapist|psychiatrist|gp)|i (?:work|volunteer) (?:at|in|on|as|for)|needle exchange|(?:at|in|on|from) the (?:welfare|chill-out|medical) tent (?:tonight|today|this (?:weekend|morning|evening)|all (?:weekend|night))|came in with|brought in|we had (?:\w+ )?(?:overdoses|ods|cases|calls)|call-?outs?|at the hospital|busy day at)\b`)
	// fictionCue frames a sentence as a story, a show, a game or a song.
	fictionCue = newCue(`\b(?:(?:in|on) (?:the|that|this|a) (?:film|movie|show|series|episode|novel|book|story|game|video game|play|podcast|documentary|song|poem|comic|anime|manga)|the (?:film|movie|show|series|episode|novel|book|story|game|play|podcast|documentary|song|poem|ending|plot|scene|character|narrator|protagonist|villain|detective) (?:is|was|has|had|where|about|deals|dealt|covers|ends)|(?:watched|watching|reading|read|finished|binged|playing|played|listening to) (?:the |a |that |this |an )?(?:\w+ ){0,3}?(?:film|movie|show|series|season|episode|novel|book|documentary|podcast|game|drama|thriller)|(?:podcast|radio|tv|telly|netflix|youtube|documentary) (?:episode|series|show|video|programme|program)|my character|the character|boss fight|respawn\w*|in the game|this level|season \d+|a scene|a documentary|writing a (?:short )?(?:story|novel|poem|script)|the narrator|the song is|the (?:song|film|book|show|lyrics?|poem|quote) (?:says|said|goes|went)|lyrics|netflix|a crime show|crime drama|(?:in )?my (?:novel|screenplay|manuscript)|audiobook|fanfic|fan fiction|the villain)\b`)
	// hypotheticalCue opens a question or a condition that has not happened.
	hypotheticalCue = newCue(`\b(?:(?:can|may|could|might) (?:cause|lead to|trigger|result in)|explained how|what if|what (?:should|do|would|can) (?:i|we|you|one|people) do (?:if|when)|what happens (?:if|when)|if (?:someone|somebody|anyone|anybody|a person|a participant|people|you|one|i ever|my \w+ ever|he ever|she ever|they ever|ever)|if i (?:said|told (?:you|my \w+|someone)|relapse|relapsed|slip|slipped|start|started|began|get kicked|got kicked)|imagine (?:if )?i|(?:^|, )imagine (?:\w*[^h\W]ing|being|having|someone|you|that|what|how)|would you (?:tell|still|keep|call|have to)|would (?:a|my) (?:coach|therapist|facilitator) (?:notice|tell|have to)|in case (?:anyone|someone|somebody|of)|hypothetically|imagine if|i wonder (?:what|if|whether|how)|is it (?:safe|dangerous|risky|bad|ok|okay|normal|possible|a problem) (?:to|if|for)|would it be (?:a problem|dangerous|safe|ok|okay|bad) to|should i (?:worry|be worried)|how (?:much|many) (?:\w+ )?(?:would be|is) too (?:much|many)|can you (?:die|overdose) (?:from|on|of))\b`)
	// tripCue marks the psychedelic experience itself.
	tripCue = newCue(`\b(?:trip|tripping|tripped|ceremony|ceremonies|journey|journeying|retreat|ayahuasca|aya|psilocybin|mushrooms?|lsd|acid|mdma|ketamine|k-hole|k hole|dmt|5-meo|breakthrough|ego|ego death|iboga\w*|mescaline|san pedro|peyote|rebirth|reborn|born again|breathwork|visions?|the medicine|the plant|sitter|shaman|facilitator|come-up|comeup|on the mat|the brew|the cup|peak|peaking|heroic dose|integration|session|dieta|guide|the void|dreamt|dreamed|dream)\b`)
	// persistCue keeps a trip symptom alive after the trip: "since the
	// ceremony", "weeks later", "it won't stop".
	persistCue = newCue(`\b(?:since|ever since|still|weeks?|months?|days (?:later|after|now)|every (?:single )?(?:day|night|morning)|each (?:day|night)|daily|constant\w*|all the time|all day|non-?stop|not going away|(?:will|would|do|does) not (?:go away|stop|leave|end|fade)|never (?:stopped|went away|left|ended)|can not (?:stop|shake|make it stop|get rid)|again|anymore|any more|keeps?|keep (?:happening|coming)|now|lately|these days|back home|afterwards|after (?:the|that|it|i came)|is getting worse|getting worse|is terrifying|terrifies|it is been)\b`)
	// levityCue marks hyperbole: a threat about leftovers is a joke.
	levityCue = newCue(`\b(?:for (?:the state of|the mess|being late|forgetting|losing|breaking|spilling|not (?:calling|texting|telling))|i (?:spilled|spilt|broke|lost|forgot|dented|scratched|ate|borrowed|ruined|stained|crashed|burnt|burned|used|wore) (?:\w+ ){0,2}?(?:his|her|their|my|the)|ha|for (?:scratching|breaking|eating|losing|forgetting|taking|borrowing|denting|crashing|spilling|using|wearing|finishing|reading) (?:his|her|my|the|their)|lol|lmao|lmfao|rofl|haha\w*|hehe\w*|jk|joking|kidding|jokingly|leftovers|always late|forget|forgot|forgets|birthday|printer|laptop|computer|spreadsheet|state of my room|my room|the mess|report|homework|deadline|presentation|wifi|the remote|my charger|my hoodie|my jumper|the last biscuit|ate my|eats my|borrowed my|spoiler\w*|essay|assignment|coursework|group project|final boss|same boss|this boss|ranked|speedrun\w*|my teammates|lobby|when (?:she|he|they) (?:sees|finds out|hears|see|find out))\b|😂|🤣|😅|😆`)
	// othersPastOnly and othersPresent tell someone else's emergency
	// happening now ("my friend won't wake up") from one told later ("my
	// cousin died of an overdose").
	// "Ago" is the past only when it is days or more: "twenty minutes
	// ago" dates an emergency still under way.
	othersPastOnly = newCue(`\b(?:died|passed away|funeral|used to|last (?:year|month|summer|winter)|(?:days?|weeks?|months?|years?|decades?|a (?:long )?(?:while|time)) ago|in (?:19|20)\d\d)\b`)
	othersPresent  = newCue(`\b(?:is|are|am|is not|are not|will not|can not|keeps?|now|right now|still|just|has (?:just|been)|have (?:just|been)|unresponsive|unconscious|shallow breath\w*|not breathing)\b`)
	// sceneNow puts the writer at someone else's emergency as it happens:
	// with them, on the way, asking what to do or calling for help. Told
	// in the sentence or a neighbour, it makes a past-tense report ("he
	// collapsed and his lips went blue. Calling an ambulance") current.
	sceneNow = newCue(`\b(?:what (?:do|should|can) (?:i|we) do|what to do|(?:please|someone|somebody) help|help (?:me|us)|need help|should (?:i|we) (?:call|ring|phone|take)|do (?:i|we) (?:call|ring|phone)|(?:calling|ringing|phoning) (?:\w+ )?(?:an ambulance|ambulance|999|911|112|000|emergency|the paramedics|paramedics|for help|poison)|(?:ambulance|paramedics|help) (?:is|are) (?:coming|on (?:its|the|their) way)|until (?:they|the ambulance|the paramedics|help) (?:come|comes|arrive|arrives|get here|gets here)|(?:i am|i m|we are|we re) (?:\w+ )?(?:with (?:him|her|them)|next to (?:him|her|them)|holding|sitting with|beside|here with|staying with|driving|running|on (?:my|our) way|out looking|looking for)|next to me|(?:i|we) (?:can not|could not) (?:wake|find|reach|get hold of)|right now|at the moment|(?:is|are) (?:still )?not (?:answering|picking up|responding|replying)|(?:is|are) missing)\b`)
)

// sentenceFrame is what the frames say about one sentence.
type sentenceFrame struct {
	farPast, monthsAgo, resolved, still bool
	training, work, fiction, trip       bool
	persist, levity, writerIn, note     bool
	// role is the writer naming a professional role (roleCue) in this
	// sentence or any before it. It frames concern matches only: an
	// urgent phrase is never framed away by it.
	role bool
	// carried is a training, work or fiction frame set by one of the two
	// sentences before: it holds for sentences that do not speak of the
	// writer ("Naloxone course today. Someone stopped breathing in the
	// scenario.").
	carried bool
	// hypoAt is where a hypothetical opens in the joined sentence, or -1.
	hypoAt int
}

func frameOf(j string) sentenceFrame {
	// The replacements below run the whole expression on Go's slowest
	// engine; the cue's prefilter first says whether there is anything to
	// replace (without a match the text is unchanged).
	own := j
	if ownSchedule.MatchString(j) {
		own = ownSchedule.re.ReplaceAllString(j, "")
	}
	f := sentenceFrame{
		farPast:   farPastCue.MatchString(j),
		monthsAgo: monthsAgoCue.MatchString(j),
		resolved:  matchesUnnegated(resolvedCue, unrelapsed(j)),
		still:     matchesUnnegated(stillCue, j) || nowTurn.MatchString(j),
		training:  trainingCue.MatchString(own),
		work:      workCue.MatchString(own),
		role:      roleCue.MatchString(j),
		fiction:   fictionCue.MatchString(j) && !likeAFilm.MatchString(j),
		trip:      tripCue.MatchString(j),
		persist:   persistCue.MatchString(j),
		levity:    levityCue.MatchString(j),
		writerIn:  writerWord.MatchString(j) && (!workPossessive.MatchString(j) || writerWord.MatchString(workPossessive.re.ReplaceAllString(j, ""))),
		note:      noteFrame.MatchString(j),
		hypoAt:    -1,
	}
	f.hypoAt = hypotheticalCue.index(j)
	return f
}

// ownSchedule is the writer's own day told by a shift, a lecture or a
// class they skipped, missed or did something before or after ("bought
// rope after my shift", "skipped every lecture this week", "missed my
// shift"), or the writer on the way to a festival's medic tent ("in the
// queue at the medic tent"): a time, an absence or a place the writer
// needs, not a risk met at work or told in a course. The training and work frames read the sentence without it.
var ownSchedule = newCue(`\b(?:after|before|since|until|till|missed|missing|skipped|skipping|skip|bunked|bunking|ditched|ditching|late (?:for|to)|called in sick (?:for|to)|did not (?:go|turn up|show up|get) (?:to|for|into)|stopped going to|not been to|have not been to) (?:my |the |every |a |any |all |this |today s |another |most |half )?(?:\w+ )?(?:shifts?|lectures?|class(?:es)?|seminars?|tutorials?|lessons?|exams?|uni|school|work)\b|\b(?:queue|queuing|queueing|line|way|walking|walked|going|heading|went|go|get|got|stumbled|carried|taken|take) (?:\w+ ){0,2}?(?:at|to|for|in|into|towards) the (?:festival )?(?:medic|medics|medical|welfare|first aid) (?:tent|team|point)\b`)

// nowTurn turns a sentence to the present ("didn't hit and now I've had
// three", "I know you said no, and now I'm shaking"): a negation before
// it is about what came before, so it is read without the negation check.
var nowTurn = newCue(`\b(?:and|but|so) now\b`)

// relapseAfter is time clean told as what a relapse ended ("used again
// after eight months clean"): the sentence is the relapse, not a recovery.
var relapseAfter = newCue(`\b(?:after|ending|broke|broken|blew|threw away) (?:\w+ ){0,3}?(?:clean|sober|free|sobriety)\b`)

// unrelapsed is j without the time clean a relapse ended.
func unrelapsed(j string) string {
	if relapseAfter.MatchString(j) {
		return relapseAfter.re.ReplaceAllString(j, "")
	}
	return j
}

// roleCue is the writer naming a professional role that frames the whole
// entry: "ER nurse here.", "I'm an EMT trainee", "As a toxicologist,",
// "Case manager at a shelter", "Paramedic shift:". Risk told after it
// belongs to the people met in that role, unless the writer speaks of
// their own (writerIn).
var roleCue = newCue(`\b(?:(?:i am|i m|im|as) (?:a|an) (?:\w+ ){0,3}?` + roleNoun + `|` + roleNoun + ` (?:here|diary|shift|day|week|life|trainee|student)|(?:i (?:run|lead|facilitate|co-?facilitate|organi[sz]e|help (?:run|organi[sz]e)|teach|host)) (?:a|an|the|our|my) (?:\w+ ){0,4}?(?:group|class|unit|clinic|service|vigil|assembly|workshop|course|circle|program|programme|team)|(?:working|work|worked|volunteering|volunteer) (?:in|at|on) (?:a|an|the|our) (?:\w+ ){0,3}?(?:unit|ward|clinic|shelter|service|hospital|centre|center|team|line|department|er|ed|icu|practice)|(?:my|our|the) (?:\w+ )?(?:dissertation|thesis|fieldnotes|field notes|interview transcripts|case vignette|literature review|case study|discharge summary|caseload)|ride-?alongs?|ambulance (?:day|shift)|mountain rescue|search and rescue|detox unit|(?:a|my|another|long|rough|busy) (?:er|ed) shift)\b`)

// roleNoun is a profession whose work meets other people's crises.
const roleNoun = `(?:nurse|paramedic|emt|medic|doctor|physician|resident|registrar|intern|gp|psychiatrist|psychologist|therapist|counsell?or|social worker|case ?worker|case manager|support worker|care worker|carer|dietitian|nutritionist|toxicologist|pharmacist|midwife|police officer|officer|cop|firefighter|dispatcher|lifeguard|teacher|lecturer|professor|researcher|research assistant|chaplain|bartender|bouncer|landlord|property manager|coach|facilitator|sitter|peer worker|peer supporter|volunteer|first aider|responder|ranger|rescuer|student nurse|trainee)`

// workPossessive is the writer's own word inside a phrase about the
// people met at work ("my clients", "my shift"): it does not put the
// writer into the risk told.
var workPossessive = newCue(`\b(?:my|our) (?:\w+ )?(?:clients?|patients?|residents?|callers?|students?|year \d+s|pupils|members|service users|sponsees?|shift|shifts|caseload|team|colleagues?|unit|ward|interviewees|participants|class|kids at work)\b|\bi (?:am|m) (?:a|an) (?:\w+ ){0,3}?` + roleNoun + `\b|\bi (?:assessed|treated|saw|met|interviewed|referred|housed|admitted|discharged|coded|transported|talked (?:him|her|them) down)\b`)

// likeAFilm is unreality told by comparison, not a story watched.
var likeAFilm = newCue(`\blike (?:i am |i was |i m )?(?:watching|in|living in) (?:a|the) (?:film|movie|show|play|video game|game|dream)\b`)

// writerWord is the writer speaking of themself.
var writerWord = regexp.MustCompile(`\b(?:i|me|my|myself|mine)\b`)

// frameCache computes sentence frames on demand: most sentences of a long
// entry have no hit, and their frames are never needed.
type frameCache struct {
	joins []joined
	// done[i] is whether this cache has read the full frame of sentence i:
	// from then on carriesFrame answers from that frame (which reads the
	// training and work frames without the writer's own schedule) rather
	// than from the sentence as written. The answers therefore depend on
	// the order of the questions, and each cache keeps its own done.
	done []bool
	// memo holds what is the same whichever cache asks: the frames and
	// the cue answers, each a function of one sentence alone. Caches made
	// by view share it, so no sentence's frame is computed twice per scan.
	memo *frameMemo
}

// frameMemo is the per-sentence work frameCaches of one scan share.
type frameMemo struct {
	have  []bool
	cache []sentenceFrame
	// carries caches carriesFrame read from the sentence as written:
	// 0 unknown, 1 no, 2 yes.
	carries []uint8
	// roles caches roleCue per sentence: 0 unknown, 1 no, 2 yes.
	roles []uint8
}

func newFrameCache(joins []joined) *frameCache {
	memo := &frameMemo{have: make([]bool, len(joins)), cache: make([]sentenceFrame, len(joins)),
		carries: make([]uint8, len(joins)), roles: make([]uint8, len(joins))}
	return &frameCache{joins: joins, done: make([]bool, len(joins)), memo: memo}
}

// view returns a cache that answers exactly as a new cache over the same
// sentences would, reusing the frames c has already computed.
func (c *frameCache) view() *frameCache {
	return &frameCache{joins: c.joins, done: make([]bool, len(c.joins)), memo: c.memo}
}

// roleSpan is how many sentences after the one naming the writer's role
// that frame holds: a short work entry is framed whole ("ER nurse here.
// ... Two overdoses and a stabbing tonight."), but in a long entry the
// writer soon speaks of their own life again.
const roleSpan = 3

// roleNear reports whether sentence i or one of the roleSpan sentences
// before it names the writer's professional role.
func (c *frameCache) roleNear(i int) bool {
	roles := c.memo.roles
	for k := max(0, i-roleSpan); k <= i; k++ {
		if roles[k] == 0 {
			roles[k] = 1
			if roleCue.MatchString(c.joins[k].text) {
				roles[k] = 2
			}
		}
		if roles[k] == 2 {
			return true
		}
	}
	return false
}

// carriesFrame is basic(i).training || work || fiction, without reading
// the other frames: the two sentences before a hit are asked only this.
func (c *frameCache) carriesFrame(i int) bool {
	if c.done[i] {
		f := c.basic(i)
		return f.training || f.work || f.fiction
	}
	carries := c.memo.carries
	if carries[i] == 0 {
		j := c.joins[i].text
		carries[i] = 1
		if trainingCue.MatchString(j) || workCue.MatchString(j) || (fictionCue.MatchString(j) && !likeAFilm.MatchString(j)) {
			carries[i] = 2
		}
	}
	return carries[i] == 2
}

// basic is the frame of sentence i on its own.
func (c *frameCache) basic(i int) sentenceFrame {
	m := c.memo
	if !m.have[i] {
		m.cache[i], m.have[i] = frameOf(c.joins[i].text), true
	}
	c.done[i] = true
	return m.cache[i]
}

// at is the frame of sentence i with the story, course and work frames of
// the two sentences before carried forward.
func (c *frameCache) at(i int) sentenceFrame {
	f := c.basic(i)
	for k := max(0, i-2); k < i; k++ {
		if c.carriesFrame(k) {
			f.carried = !f.writerIn
		}
	}
	f.role = c.roleNear(i)
	return f
}

// historyOnly reports whether the sentence tells a risk as over: dated
// well in the past, or told with its resolution ("turned out to be a pulled
// muscle"), and not brought back into the present ("they are back").
func (f sentenceFrame) historyOnly() bool {
	if f.still && !(f.farPast && f.resolved) {
		return false
	}
	return f.farPast || f.resolved
}

// framedAway reports whether a match starting at byte from of the joined
// sentence is someone else's or not real: a course, a shift, a story, a
// hypothetical that opens before it.
func (f sentenceFrame) framedAway(from int) bool {
	return f.training || f.work || f.fiction || f.carried || (f.hypoAt >= 0 && f.hypoAt <= from)
}

// matchesUnnegated reports whether c matches j with no negator in the two
// words before it: "I don't feel safe" is not a recovery.
func matchesUnnegated(c cue, j string) bool {
	// The whole expression is large and runs on the slowest engine: ask
	// the cheap exact questions first. Without a match there is nothing to
	// negate; without a negator word the first match stands.
	if !c.MatchString(j) {
		return false
	}
	if strings.HasPrefix(c.String(), `\b`) && !hasNegatorWord(j) {
		return true
	}
	for _, loc := range c.re.FindAllStringIndex(j, -1) {
		words := strings.Fields(j[:loc[0]])
		negatedHere := false
		for _, w := range words[max(0, len(words)-2):] {
			if w == "not" || w == "never" || w == "no" {
				negatedHere = true
			}
		}
		if !negatedHere {
			return true
		}
	}
	return false
}

// hasNegatorWord reports whether a word before some match of a cue that
// starts at a word boundary could read "not", "never" or "no": a whole
// word, or the start of a word cut at a boundary inside it ("no-one").
func hasNegatorWord(j string) bool {
	for _, f := range strings.Fields(j) {
		for _, neg := range [...]string{"not", "never", "no"} {
			if strings.HasPrefix(f, neg) && (len(f) == len(neg) || !syntax.IsWordChar(rune(f[len(neg)]))) {
				return true
			}
		}
	}
	return false
}

// cue is a frame expression with its literal pre-check (gate.go): most
// sentences hold none of a frame's words, and a bit test on the sentence's
// literal set (literal.go) is far cheaper than the expression. Its
// prefilter (newMatcher) only answers whether the cue occurs; a caller
// that needs where runs re, behind MatchString.
type cue struct {
	re   *regexp.Regexp
	gate gate
	pre  prefilter
}

func newCue(pattern string) cue {
	return cue{re: regexp.MustCompile(pattern), gate: gateFor(pattern), pre: newMatcher(pattern)}
}

// MatchString reports whether the cue occurs in s.
func (c cue) MatchString(s string) bool {
	set := literalsIn(s)
	return c.gate.openIn(set) && c.pre.matchIn(set, s)
}

// index returns where the leftmost match of the cue in s starts, or -1.
// A match of the whole expression starts at some byte exactly when one of
// its prefilter's branches matches there, so the leftmost start is the
// earliest of the branches' leftmost starts: the small branches behind
// their gates answer it without running the whole expression, which is
// too large for the backtracker and runs on the slower NFA.
func (c cue) index(s string) int {
	at := -1
	set := literalsIn(s)
	if !c.gate.openIn(set) {
		return at
	}
	for _, b := range c.pre {
		if !b.gate.openIn(set) {
			continue
		}
		if loc := b.re.Get().FindStringIndex(s); loc != nil && (at < 0 || loc[0] < at) {
			at = loc[0]
		}
	}
	return at
}

// String is the expression, so a cue can be reused inside another.
func (c cue) String() string { return c.re.String() }
