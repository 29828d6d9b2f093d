package safety

// Psychiatric warning signs: voices and paranoia, no sleep and
// grandiosity, lasting unreality, panic that does not settle.

// commandHarm is what a command voice orders.
const commandHarm = `(?:hurt|kill|cut|jump|die|end|harm|stab|sacrifice|drown|burn|hang|punish|starve|crash|drive)`

func psychosisConcepts() []concept {
	const p, c = KindPsychosis, Concern
	return []concept{
		newConcept(p, Urgent, CommandVoices, `(?:they are|they keep|voices?|god|the universe|spirits?|the angels?|the devil|satan|demons?|someone in my head|the spirit|jesus|it) (?:\w+ ){0,3}?(?:telling|tell|tells|told|ordering|orders|ordered|commanding|commands|commanded|say|says|saying|said|want|wants|keeps? telling|keeps? ordering) (?:me )?(?:that )?(?:i (?:have|need|must|should|ought) (?:to )?|to )(?:\w+ ){0,2}?`+commandHarm).
			whose(named).outlastsTrip().unlessIn(`\b(?:to forgive|to let go|to love|to rest|to slow down|to heal|to die to|the ego|old self|to end (?:the|this) (?:relationship|job|pattern))\b`),
		newConcept(p, c, PsychosisVoices, `(?:hear|hearing|heard|keep hearing) (?:\w+ ){0,3}?(?:voices?|whisper\w*|someone (?:whispering|talking|calling|saying)|people talk\w*|my name|(?:telling|talking|saying|whispering|calling) (?:me|about me|things))|(?:the |a )?voices? (?:in my head |inside my head )?(?:are |is |keeps? |keep |have |has )?(?:back|telling|tell|told|say|says|saying|ordering|order|commanding|talking|whispering|louder|laughing|mocking|shouting|screaming|won t stop|will not stop|never stop|comment\w*|calling|getting)|voices? in my head|whispering (?:\w+ ){0,2}?(?:does not|will not|never) stop|auditory hallucinations?|hallucinat\w*|psychosis|psychotic|hearing things`).
			whose(writer).outlastsTrip().unlessIn(`\b(?:voice of (?:the|my|a) (?:plant|medicine|grandmother|ancestors?|aya\w*|mother)|inner voice|my (?:own )?voice|voice (?:notes?|messages?|memo|mail|lessons?|coach|actors?)|voices? (?:in|of) (?:the|my) (?:choir|song|podcast|music)|hearing (?:aid|test)|his voice|her voice|their voices|voice cracked|lost my voice|critical voice|voice of reason)\b`),
		newConcept(p, c, PsychosisParanoia, `(?:watching|following|spying on|monitoring|tracking|recording|listening to|plotting against|talking about|out to get|poisoning|reporting on|onto|conspiring against|after) me\b|(?:i am|i m|am) (?:being )?(?:watched|followed|monitored|targeted|tracked|poisoned|spied on|recorded)|(?:phone|flat|house|room|car|tv|smoke alarm|computer|laptop|walls?) (?:is |are )?(?:\w+ )?(?:bugged|wired|tapped)|cameras? (?:in|hidden in|behind) (?:the|my)|chip in my|implanted|put (?:something|a chip|poison|drugs) in my (?:food|drink|coffee|water|tea|head|brain)|poisoning my|(?:read|reading|hear|hearing) my (?:mind|thoughts)|broadcast\w* (?:my )?thoughts|thoughts (?:are )?being (?:broadcast|stolen|taken)|(?:tv|radio|telly|television|songs?|adverts?|billboards?|number plates|the news) (?:is |are )?(?:\w+ )?(?:sending|talking to|giving) me (?:\w+ )?(?:messages|signs|signals)|messages meant (?:only )?for me|in code|signs that (?:the world|everything)|people (?:are )?(?:\w+ )?waiting for me outside|paranoi\w*|delusion\w*|(?:everyone|everybody|nobody) (?:is|are) (?:\w+ )?(?:real|fake|an actor|actors|in on it)|(?:everyone|everybody|they|people) (?:[^ ]+ ){0,4}?(?:is|are) (?:all )?(?:\w+ )?(?:in on it|acting|actors|fake|pretending|against me)|control (?:my|our) (?:mind|minds|thoughts|brain)|a cult`).
			gatedOn("watching me", "following me", "spying", "monitor", "tracking", "recording me", "listening to me", "plotting", "about me", "out to get", "poison", "reporting on", "onto me", "conspir", "after me", "being watched", "being followed", "targeted", "tracked", "spied", "recorded", "bugged", "wired", "tapped", "camera", "chip in", "implant", "put something", "put a chip", "put poison", "put drugs", "my mind", "my thoughts", "broadcast", "thoughts are being", "thoughts being", "sending me", "talking to me", "giving me", "meant for me", "meant only", "in code", "signs that", "waiting for me", "paranoi", "delusion", "real", "fake", "actor", "in on it", "acting", "pretending", "against me", "control my", "control our", "cult").
			whose(named).outlastsTrip().unlessIn(`\b(?:paranoid (?:that )?i (?:left|forgot|locked|did not|had)|a bit paranoid about|paranoid about (?:my|the) (?:weight|hair|exam|test|results|email)|after me (?:in|at) (?:the|a) (?:queue|line|meeting)|look(?:ing|ed)? after me|(?:came|ran|called|shouted|went) after me|named after me|after me ,|cleaning up after me|talking about me (?:at|in) (?:the|my) (?:wedding|speech|review|appraisal))\b`).unlessAfter(` (?:at|in) (?:the|my|a) (?:wedding|party|speech|review|interview)`),
		newConcept(p, c, PsychosisVisuals, `(?:visuals?|hallucinations?|shadow (?:people|figures)|seeing (?:things|faces|shadows|figures|bugs|people) (?:\w+ ){0,2}?(?:that are not|not) there|see things|faces (?:\w+ ){0,2}?(?:in|coming out of|everywhere)|things crawling|walls (?:\w+ )?(?:breathe|breathing|melting|moving)|patterns (?:\w+ ){0,2}?everywhere|reflection (?:\w+ ){0,4}?(?:moves|moving|look like me|is not me)|(?:see|saw|seeing|hear|heard|hearing) my dead (?:\w+ )?)`).
			whose(writer).needs(persistCue.String()).unlessIn(`\b(?:beautiful|gorgeous|lovely|amazing|magical|blissful|fun)\b`),
	}
}

// sleepLits pre-check the no-sleep concepts.
var sleepLits = []string{"slept", "sleep", "awake", "up for", "up since"}

func maniaConcepts() []concept {
	const m, c = KindMania, Concern
	const noSleep = `(?:(?:have not|not|no|barely|hardly|did not|without|zero|can not) (?:\w+ ){0,2}?(?:slept|sleep|sleeping) (?:\w+ ){0,3}?(?:in|for|since) (?:\w+ ){0,2}?(?:days|nights|\d+ hours|(?:two|three|four|five|six|seven|\d+) (?:days|nights)|a week|sunday|monday|tuesday|wednesday|thursday|friday|saturday|the (?:retreat|ceremony|trip|weekend))|(?:up|awake) (?:for|since) (?:\w+ )?(?:days|nights|\d+ hours|(?:two|three|four|five|\d+) (?:days|nights)|(?:two|three|four|five|\d+) nights straight)|(?:do not|no longer) need (?:to )?sleep|barely slept|(?:one|two|three|\d) hours? (?:of sleep )?a night|no sleep (?:for|since|in) (?:\w+ )?(?:days|nights|sunday|monday|tuesday|wednesday|thursday|friday|saturday|a week)|not sleeping since|awake for (?:\w+ )?(?:days|nights))`
	const danger = `(?:roof|jump|fly|flying|traffic|driv\w*|\d+ ?mph|immortal|prove it|test if|can not die|cannot die|ledge|motorway|walked into|run into|into the sea)`
	return []concept{
		newConcept(m, Urgent, ManiaDanger, noSleep).gatedOn(sleepLits...).whose(writer).needs(`\b` + danger + `\b`).unlessIn(`\b(?:baby|newborn|jet ?lag|night shifts?|exams?|revision|storm|neighbours|party next door|deadline)\b`),
		newConcept(m, c, ManiaNoSleep, noSleep).gatedOn(sleepLits...).whose(writer).unlessIn(`\b(?:baby|newborn|jet ?lag|night shifts?|exams?|revision|storm|neighbours|party next door|deadline|flight|festival weekend)\b`),
		newConcept(m, c, ManiaRacing, `(?:thoughts|mind|brain|head) (?:is |are |keeps? )?(?:\w+ )?(?:racing|going so fast|going too fast|going a mile a minute|will not (?:stop|slow))|talking (?:too|so) fast|(?:can not|could not) stop talking`).whose(writer).outlastsTrip().unlessIn(`\b(?:before|about) (?:the |my )?(?:interview|exam|wedding|date|flight|test|meeting)\b`),
		newConcept(m, c, ManiaGrandiose, `(?:i am|i have been|i feel|i m|feel like i am|feel like i have been) (?:\w+ )?(?:chosen|the (?:messiah|chosen one|one|second coming)|a god|god|invincible|immortal|unstoppable|a prophet|jesus)|(?:here|sent) to save (?:everyone|the world|humanity)|i (?:know i )?can fly|(?:spent|blew|maxed out|gave away|wasted) (?:\w+ ){0,2}?(?:all (?:of )?my|my entire|my whole|three|two|four) (?:\w+ )?(?:savings|credit cards|money|inheritance|rent)|started (?:three|four|five|\d+) (?:companies|businesses|projects)`).
			gatedOn("chosen", "messiah", "one", "god", "invincible", "immortal", "unstoppable", "prophet", "jesus", "second coming", "save", "fly", "spent", "blew", "maxed", "gave away", "wasted", "started").
			whose(writer).outlastsTrip().unlessIn(`\b(?:lol|haha|joking|on (?:a|the) (?:holiday|house|car|deposit|wedding))\b`),
	}
}

func dissociationConcepts() []concept {
	const d, c = KindDissociation, Concern
	return []concept{
		newConcept(d, c, DissociationLasting, `(?:nothing|everything|the world|life|it|people|the room|reality) (?:\w+ ){0,2}?(?:feels?|felt|seems?|looks?|is) (?:\w+ ){0,2}?(?:unreal|not real|fake|like a (?:dream|film|movie|film set|simulation|video game|stage))|(?:i am|i m|i feel|feel like i am|feel like) (?:\w+ ){0,2}?(?:not real|a ghost|in a dream|living in a dream|behind (?:a )?glass|on autopilot|a robot|unreal)|(?:not|never) feel (?:\w+ )?real|derealis\w*|derealiz\w*|depersonalis\w*|depersonaliz\w*|dpdr|watch\w* myself from (?:outside|above)|outside (?:of )?my (?:own )?body|disconnected from (?:my )?(?:body|self|myself|life|everything|reality|the world)|(?:hands|body|voice|face) (?:do not|does not) feel like (?:mine|my)|do not recogni[sz]e (?:myself|me|my (?:face|reflection))|(?:keep )?losing time|a simulation|pane of glass|through a screen|through glass|i do not exist|(?:body|hands|face|voice|life|thoughts) (?:\w+ ){0,2}?(?:belongs?|belonged) to someone else|not my (?:own )?body|cardboard|two dimensional|nothing (?:is|feels|seems|looks) real|floating (?:above|outside|out of) (?:myself|my body)|i (?:feel|felt) nothing|(?:like )?(?:they are|we are) strangers`).
			whose(writer).outlastsTrip().unlessIn(`\b(?:jet ?lag|anaesthetic|anesthetic|so beautiful|blissful|beautiful|lovely|magical|a dream come true|like a dream (?:holiday|wedding|day))\b`),
	}
}

func panicConcepts() []concept {
	const p, c = KindPanic, Concern
	return []concept{
		newConcept(p, c, PanicOngoing, `panic attacks? (?:\w+ ){0,3}?(?:every|all|again|daily|constant|since|keep|will not|non ?stop|each|a day)|(?:having|keep having|getting|been having|had) (?:\w+ ){0,2}?panic attacks|(?:constant|non-?stop|full|endless|total) panic|(?:can not|could not) stop panicking|panic (?:every|all) (?:day|night|the time)|in (?:full )?panic every|anxiety (?:is )?(?:\w+ )?(?:unbearable|through the roof|out of control|crippling|constant)|terrified all the time|(?:terrified|scared|afraid) (?:\w+ ){0,2}?(?:all the time|every day|constantly)|flashbacks? (?:\w+ ){0,4}?(?:bad trip|trip|ceremony|session|that night)|back in the bad trip|(?:can not|could not) calm down|(?:think|thinking|convinced) i am (?:going to die|dying|going crazy|going mad|losing my mind) (?:\w+ ){0,2}?(?:every|all|again|constantly)|(?:going to die|go crazy) (?:\w+ ){0,2}?(?:every|all the time|constantly)|(?:sure|convinced|certain) i am (?:dying|going to die|having a heart attack)|(?:dread|palpitations|terror|panic) (?:[^ ]+ ){0,4}?(?:all day|every day|every night|constantly|all the time|for (?:\w+ )?(?:weeks|days|months))`).
			whose(writer).outlastsTrip().unlessIn(`\b(?:calmed down|settled|sorted|has passed|went away|better now|under control|keys|flight|wrong)\b`),
	}
}
