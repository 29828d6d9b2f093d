package safety

// Broad concepts: word classes that must meet in one sentence (or its
// neighbours), written from what each kind means, so that phrasings no one
// wrote down still match: any body-symptom word + a substance + distress
// or "now"; any taking verb + an amount + a drug; an aggressor + a violent
// act + the writer or a child. They are the recall layer beneath the
// specific concepts, and carry the same frames.
const (
	// symptom is a body-symptom word of an acute emergency.
	symptom = `(?:froth\w*|chest|heart|hearts|pulse|palpitations?|breath\w*|gasp\w*|chok\w*|suffocat\w*|seiz\w*|fitting|jerk\w*|twitch\w*|convuls\w*|spasm\w*|stiff|rigid|foam\w*|unconscious|unresponsive|collaps\w*|faint\w*|passed out|passing out|pass out|black(?:ed|ing)? out|blue|purple|grey|gray|pale|clammy|boiling|burning up|overheat\w*|hypertherm\w*|temperature|fever\w*|vomit\w*|puk\w*|throwing up|been sick|being sick|swell\w*|swollen|throat|tongue|numb\w*|droop\w*|slurr\w*|vision|seeing double|dizz\w*|spinning|confus\w*|eyes (?:are )?rolling|jaw|clamp\w*|cramp\w*|rash|hives|stroke|cardiac|arrhythmi\w*|agony|limp|floppy|not responding|will not wake|can not wake|wake (?:him|her|them) up|come round|going dark|heat)`
	// distress says a symptom is bad and now.
	distress = `\b(?:clutching|gasping|rhythm|irregular\w*|skipping|flutter\w*|sweat\w*|shak\w*|trembl\w*|scary|terrif\w*|panick\w*|freaking out|going to (?:die|pass out|faint)|dying|collaps\w*|heavy|tight|crush\w*|racing|pounding|thumping|somersaults?|burning|boiling|stiff|limp|going (?:dark|black)|elephant|can not|could not|will not|not|too|way too|help|scared|terrified|frightened|wrong|weird|worse|worst|bad|agony|pain|painful|hurts?|hurting|please|what do (?:i|we) do|ambulance|999|911|112|hospital|keeps?|getting|started|now|right now|all over|is this normal|is that normal|this is not|not normal|barely|really hard|so hard|out of control)\b`
	// amount is more than a dose.
	amount = `(?:whole|all|entire|every|empty|emptied|lot|load|loads|bunch|handful|handfuls|more than|too much|too many|extra|another|double|triple|sheet|strip|packet|box|bottle|prescription|stash|the rest|massive|huge|heaps|kept (?:taking|dosing|redosing|using)|until (?:the|it) (?:bottle|packet|bag|box) was empty)`
	// drugWord is a medicine or drug (not alcohol alone).
	drugWord = `(?:` + medName + `|xanax|mdma|molly|md|ecstasy|pills|coke|cocaine|crack|speed|meth|ketamine|k|ghb|gbl|g|acid|lsd|tabs|mushrooms|heroin|gear|fentanyl|oxy\w*|benzos|co-codamol|codeine|sleepers|sleeping (?:pills|tablets)|prescription|meds|medication|tablets|capsules|caps)`
	// aggressor is someone who may hurt the writer.
	aggressor = `(?:he|she|they|his|her|him|my (?:\w+ )?(?:partner|husband|wife|boyfriend|girlfriend|ex|dad|father|stepdad|stepfather|mum|mom|mother|stepmum|brother|sister|flatmate|roommate|landlord|neighbour|neighbor|uncle|son|housemate|fiance|fiancee|carer)|someone|somebody|a (?:man|guy|stranger)|the (?:facilitator|shaman|guide|guy|man|landlord|dealer))`
	// violentAct is harm done to a body.
	violentAct = `(?:hit\w*|punch\w*|kick\w*|slap\w*|chok\w*|strangl\w*|stab\w*|shoot|shot|beat|beats|beating|beaten|hurt\w*|kill\w*|murder\w*|attack\w*|slit|smash\w*|threw|throw\w*|grab\w*|dragg?\w*|push\w*|shov\w*|rap(?:e|ed|ing)|assault\w*|abus\w*|burn\w*|bruis\w*|holds? me down|held me down|pinn\w*|broke my|breaking (?:the door|in)|kicking (?:the door|in)|knife|gun|weapon)`
	// victimWord is the writer or a child as the one harmed.
	victimWord = `\b(?:my little (?:sister|brother)|me|us|my (?:throat|neck|face|head|arm|arms|ribs|body|nose|jaw|eye)|the (?:kids|children|baby)|my (?:kids|children|baby|son|daughter|newborn|toddler)|right now|the door)\b`
)

func broadConcepts() []concept {
	return []concept{
		newConcept(KindMedical, Urgent, MedicalEmergency, symptom).whose(scene).gatedOn(symptomLits...).
			needs(`\b(?:` + substance + `|gear|crystal|caps|bump|bumps|k|ket|g)\b`).needs(distress).needs(presentCue).
			unlessIn(`\b(?:it passed|then it passed|came back|normal,? (?:my|the) (?:guide|sitter|facilitator)|said (?:it is|it was) normal|heart (?:opened|open|chakra|felt open|was open)|broken heart|heartbreak|heartbroken|heart and soul|breathwork|deep breaths?|took a breath|breathe (?:in|out|deeply)|blue sky|grey sky|purple (?:light|colou?rs?)|colou?rs|visuals?|my heart (?:goes out|sank|melted|swelled)|heart of|throat chakra|sore throat|hangover|hungover|fever dream)\b`),
		newConcept(KindOverdose, Urgent, OverdoseTaken, takeVerb+` (?:[^ ]+ ){0,5}?`+amount+`|`+amount+` (?:[^ ]+ ){0,4}?(?:`+takeVerb+`|gone|down)`).whose(scene).gatedOn(append(takeLits, "gone", "down", "kept")...).
			needs(`\b` + drugWord + `\b`).
			unlessIn(`\b(?:like (?:the|my) (?:doctor|gp|nurse|pharmacist)|as (?:the|my) (?:doctor|gp|nurse) (?:said|told)|vitamins?|supplements?|as (?:prescribed|directed)|took all (?:day|week|night|morning)|the whole (?:day|week|night|morning|evening|weekend|time)|every (?:day|morning|night|evening)|with (?:food|breakfast|dinner|water)|collected|picked up|pharmacy|repeat prescription|laxatives?)\b`),
		newConcept(KindViolence, Urgent, ViolenceAct, aggressor+` (?:[^ ]+ ){0,5}?`+violentAct+` (?:[^ ]+ ){0,3}?`+victimWord).whose(named).gatedOnAll(violentLits, []string{" me", " us", "my ", "the kids", "the children", "the baby", "right now", "the door"}).
			unlessAfter(` (?:himself|herself|themselves|itself)`).unlessIn(`\b(?:kill|hurt|harm)\w* (?:himself|herself|themselves)\b`).
			noJoke().noInnerNegation().outlastsTrip().unlessIn(`\b(?:kick\w* (?:me|us) out|(?:threw|thrown) (?:me|us) out|game|football|rugby|boxing|sparring|martial|karate|judo|film|movie|show|dream|vision|visions|play|nightmare|by accident|accidentally|pillow fight|tickl\w*|hug\w*|back massage)\b`),
		newConcept(KindViolence, Urgent, ChildInDanger, child+` (?:(?:is|are) )?(?:\w+ ){0,2}?(?:alone|on (?:their|his|her) own|home alone|by (?:themselves|himself|herself)|unattended|with nobody)|(?:scared|afraid|terrified|worried) (?:that )?i (?:will|might|could|would) (?:\w+ ){0,2}?`+violentAct+` (?:\w+ ){0,2}?(?:her|him|them|`+child+`)`).gatedOn(childLits...).
			whose(named).noInnerNegation().needs(`\b(?:kids?|children|baby|newborn|toddler|son|daughter|child|\d+ ?yo)\b`).unlessIn(`\b(?:with (?:my|their|his|her) (?:mum|mom|dad|nan|gran|grandma|grandparents|sitter|babysitter|dad|father|mother)|at (?:school|nursery|a friend|their friend|my mum|my parents)|asleep upstairs and i am (?:home|here|downstairs))\b`),
	}
}

// symptomLits and violentLits are the literal pre-checks of the broad
// concepts: a stem of each word of their class.
var (
	symptomLits = []string{"chest", "heart", "pulse", "palpitation", "breath", "gasp", "chok", "suffocat", "seiz", "fitting",
		"jerk", "twitch", "convuls", "spasm", "stiff", "rigid", "foam", "conscious", "responsive", "collaps", "faint", "passed out", "passing out", "pass out",
		"blacked", "blacking", "black out", "blue", "purple", "grey", "gray", "pale", "clammy", "boiling", "burning up", "overheat", "hypertherm",
		"temperature", "fever", "vomit", "puk", "throwing up", "been sick", "being sick", "swell", "swollen", "throat", "tongue", "numb", "droop",
		"slurr", "vision", "seeing double", "dizz", "spinning", "confus", "rolling", "jaw", "clamp", "cramp", "rash", "hives", "stroke",
		"cardiac", "arrhythmi", "agony", "limp", "floppy", "respond", "wake", "come round", "going dark", "heat"}
	violentLits = []string{"break in", "breaking in", "hiding", "hit", "punch", "kick", "slap", "chok", "strangl", "stab", "shoot", "shot", "beat", "hurt", "kill",
		"murder", "attack", "slit", "smash", "threw", "throw", "grab", "drag", "push", "shov", "rap", "assault", "abus", "burn",
		"bruis", "down", "pinn", "broke", "breaking", "kicking", "knife", "gun", "weapon"}
)

// More literal pre-checks: the stems of the taking verbs, of drugs and
// settings, and of children.
var (
	takeLits = []string{"took", "taken", "take", "swallow", "ate", "eaten", "had", "did", "done", "dropped", "snorted",
		"necked", "downed", "drank", "drunk", "injected", "shot", "smoked", "railed", "bombed", "popped", "dosed",
		"ingested", "consumed", "redos", "re-dos", "taking", "swallowing", "dosing"}
	drugLits = []string{"pill", "tablet", "tab", "cap", "med", "xan", "valium", "diazepam", "codeine", "tramadol", "paracetamol",
		"acetaminophen", "tylenol", "ibuprofen", "aspirin", "oxy", "insulin", "morphine", "lithium", "antidepressant",
		"benzo", "zopiclone", "quetiapine", "seroquel", "sertraline", "opioid", "fentanyl", "heroin", "prescription",
		"gram", "g ", "mg", "point", "line", "bag", "dose", "olol", "azepam", "azolam", "codone", "morphone", "phine",
		"pram", "oxetine", "traline", "apine", "idone", "pine", "barb", "pregabalin", "gabapentin", "methadone",
		"amitriptyline", "mirtazapine", "clonazepam", "lorazepam", "temazepam", "nurofen", "panadol", "co-codamol",
		"painkiller", "mdma", "molly", "md", "ecstasy", "coke", "cocaine", "crack", "speed", "meth", "ket", "ghb", "gbl", "acid",
		"lsd", "mushroom", "gear", "sleepers", "sleeping", "stash", "of them", "drug", "ayahuasca", "aya", "5-meo", "dmt", "psilocybin", "brew", "mandy"}
	childLits = []string{"little sister", "little brother", "kid", "child", "baby", "babies", "son", "daughter", "toddler", "newborn", "little one", "yo ",
		"year old", "stepson", "stepdaughter"}
)
