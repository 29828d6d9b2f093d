package safety

// spellings maps text-speak, dropped g's and common misspellings of the
// words the rules look for to their standard form, so a rule written once
// reads "im gonna kms tn", "suicde" and "cant stop shakin". Only forms that
// are never ordinary words are listed: "ill", "id" and "were" stay as typed.
var spellings = map[string][]string{
	// Text-speak.
	"kms": {"kill", "myself"}, "u": {"you"}, "ur": {"your"}, "rn": {"right", "now"},
	"tn": {"tonight"}, "tonite": {"tonight"}, "2nite": {"tonight"}, "2night": {"tonight"},
	"tmrw": {"tomorrow"}, "tmr": {"tomorrow"}, "tmrrw": {"tomorrow"}, "2moro": {"tomorrow"}, "2morrow": {"tomorrow"},
	"ppl": {"people"}, "bc": {"because"}, "cuz": {"because"}, "coz": {"because"}, "bcuz": {"because"},
	"abt": {"about"}, "thru": {"through"}, "nite": {"night"}, "evry": {"every"}, "evryone": {"everyone"},
	"ngl": {"honestly"}, "hes": {"he", "is"}, "shes": {"she", "is"}, "theyve": {"they", "have"}, "ive'": {"i", "have"}, "tbh": {"honestly"}, "fr": {"for", "real"}, "idk": {"i", "do", "not", "know"},
	"m8": {"mate"}, "pls": {"please"}, "plz": {"please"}, "gotta": {"got", "to"}, "ima": {"i", "am", "going", "to"},
	"imma": {"i", "am", "going", "to"}, "finna": {"going", "to"}, "tryna": {"trying", "to"}, "dunno": {"do", "not", "know"},
	// Young adults' texting (session 9, writer AC): "n" for "and", a
	// partner as "bf", hours as "hrs". "hr" stays as typed: it is a heart
	// rate too.
	"n": {"and"}, "r": {"are"}, "bf": {"boyfriend"}, "gf": {"girlfriend"}, "hrs": {"hours"}, "mins": {"minutes"},
	"rly": {"really"}, "rlly": {"really"}, "smth": {"something"}, "sth": {"something"}, "tho": {"though"},
	"wat": {"what"}, "wut": {"what"}, "cud": {"could"}, "wud": {"would"}, "shud": {"should"}, "dnt": {"do", "not"},
	"b4": {"before"}, "2day": {"today"}, "ik": {"i", "know"}, "istg": {"i", "swear"},
	"xans": {"xanax"}, "benzo": {"benzos"}, "ket": {"ketamine"}, "shrooms": {"mushrooms"},
	"od'd": {"overdosed"}, "oded": {"overdosed"}, "od'ed": {"overdosed"}, "od-ed": {"overdosed"}, "odd'd": {"overdosed"},
	"sh": {"self-harm"}, "unalive": {"kill"},
	// Dropped g's.
	"killin": {"killing"}, "goin": {"going"}, "tryin": {"trying"}, "doin": {"doing"}, "thinkin": {"thinking"},
	"hearin": {"hearing"}, "purgin": {"purging"}, "spinnin": {"spinning"}, "everythin": {"everything"},
	"nothin": {"nothing"}, "somethin": {"something"}, "breathin": {"breathing"}, "feelin": {"feeling"},
	"fittin": {"fitting"}, "shakin": {"shaking"}, "bleedin": {"bleeding"}, "talkin": {"talking"},
	"usin": {"using"}, "drinkin": {"drinking"}, "takin": {"taking"}, "dyin": {"dying"}, "cuttin": {"cutting"},
	"hurtin": {"hurting"}, "sleepin": {"sleeping"}, "seein": {"seeing"}, "wakin": {"waking"}, "comin": {"coming"},
	"followin": {"following"}, "watchin": {"watching"}, "throwin": {"throwing"}, "pukin": {"puking"},
	// Misspellings.
	"suicde": {"suicide"}, "sucide": {"suicide"}, "suicid": {"suicide"}, "suiside": {"suicide"}, "suacide": {"suicide"},
	"suicidel": {"suicidal"}, "sucidal": {"suicidal"}, "suicdal": {"suicidal"}, "suisidal": {"suicidal"},
	"overdoes": {"overdosed"}, "overdossed": {"overdosed"}, "overdozed": {"overdosed"},
	"siezure": {"seizure"}, "seizur": {"seizure"}, "sezure": {"seizure"}, "seisure": {"seizure"}, "seizeing": {"seizing"},
	"brething": {"breathing"}, "breating": {"breathing"}, "breath": {"breathe"}, "hart": {"heart"},
	"cutt": {"cut"}, "pils": {"pills"}, "pilss": {"pills"}, "tablts": {"tablets"}, "kil": {"kill"}, "mysef": {"myself"},
	"myslef": {"myself"}, "halucinations": {"hallucinations"}, "paranoya": {"paranoia"}, "anymor": {"anymore"},
	"alchohol": {"alcohol"}, "alcohal": {"alcohol"}, "tramadols": {"tramadol"}, "medecine": {"medicine"},
}
