package safety

// Kind names what sort of risk a text carries, so the help shown to the
// client and the coach's alert can follow it: a medical emergency after a
// substance needs the emergency number and poison control first, a threat
// of violence a domestic-violence line, suicidal language the crisis line,
// and psychiatric warning signs a same-day clinician contact.
type Kind string

// The fixed list of kinds `safety scan` prints.
const (
	KindSuicide      Kind = "suicide"      // ideation, plan, means, place, timing, preparations, goodbyes, attempt under way
	KindSelfHarm     Kind = "self_harm"    // hurting oneself without intent to die
	KindOverdose     Kind = "overdose"     // too much taken, or mixing now
	KindMedical      Kind = "medical"      // acute physical symptoms after a substance
	KindViolence     Kind = "violence"     // threatened by someone, intending harm, a child in danger
	KindPsychosis    Kind = "psychosis"    // voices, paranoia, lasting frightening visuals
	KindMania        Kind = "mania"        // days without sleep, racing, grandiosity
	KindDissociation Kind = "dissociation" // lasting derealisation or depersonalisation
	KindPanic        Kind = "panic"        // panic attacks that do not settle
	KindRelapse      Kind = "relapse"      // return to problem substance use
	KindUnsafeHome   Kind = "unsafe_home"  // not safe where they live
	KindEating       Kind = "eating"       // restricting, purging, bingeing
	KindHopelessness Kind = "hopelessness" // nothing will change, no future
)

// Kinds lists every kind in a stable order.
var Kinds = []Kind{KindSuicide, KindSelfHarm, KindOverdose, KindMedical, KindViolence, KindPsychosis,
	KindMania, KindDissociation, KindPanic, KindRelapse, KindUnsafeHome, KindEating, KindHopelessness}
