package safety

import "strings"

// The writers code-switch: English with Spanish, Tagalog or romanised
// Hindi in the same message ("no puedo más. bought rope", "hindi ko na
// kaya", "sab khatam"). Every layer reads English, so the words of danger
// in those languages are read as their English gloss at tokenising, once,
// for the rules, the concepts and the learned layers alike. Only words
// that are never English are glossed ("mar", "dar", "kal" and "talon" are
// left as typed), and only the vocabulary of the kinds: means, places,
// dying and killing, hiding and hitting, hope, sleep, food, time now.

// glossWords maps one word to its English reading.
var glossWords = map[string][]string{
	// Spanish.
	"matarme": {"kill", "myself"}, "suicidarme": {"kill", "myself"}, "morirme": {"die"}, "morir": {"die"},
	"muerto": {"dead"}, "muerta": {"dead"}, "cuchillo": {"knife"}, "pastillas": {"pills"}, "pistola": {"pistol"},
	"cuerda": {"rope"}, "soga": {"rope"}, "sangre": {"blood"}, "sangrando": {"bleeding"}, "golpea": {"hits"},
	"golpeó": {"hit"}, "golpeo": {"hit"}, "pegó": {"hit"}, "miedo": {"scared"}, "ayuda": {"help"}, "ayúdame": {"help", "me"},
	"mañana": {"tomorrow"}, "hoy": {"today"}, "ahora": {"now"}, "adiós": {"goodbye"}, "despedirme": {"say", "goodbye"},
	"borracho": {"drunk"}, "borracha": {"drunk"}, "vomitando": {"vomiting"}, "desmayó": {"passed", "out"},
	"esperanza": {"hope"}, "puente": {"bridge"}, "azotea": {"rooftop"}, "saltar": {"jump"}, "tirarme": {"throw", "myself"},
	"voces": {"voices"}, "nadie": {"nobody"}, "sudando": {"sweating"}, "temblando": {"shaking"}, "temblaba": {"shaking"},
	"ataque": {"attack"}, "pánico": {"panic"}, "panico": {"panic"}, "anoche": {"last", "night"}, "loca": {"crazy"},
	"loco": {"crazy"}, "litio": {"lithium"}, "hongos": {"mushrooms"}, "sertralina": {"sertraline"}, "mezclé": {"mixed"},
	"desde": {"since"}, "desaparecer": {"disappear"}, "dormir": {"sleep"}, "comer": {"eat"}, "recaí": {"relapsed"},
	"recai": {"relapsed"}, "cuello": {"neck"}, "grita": {"yells", "at"}, "natatakot": {"scared"}, "matulog": {"sleep"},
	"nagwawala": {"raging"}, "bistar": {"bed"}, "semana": {"week"}, "noches": {"nights"},
	// Tagalog.
	"tumalon": {"jump"}, "tatalon": {"jump"}, "magpakamatay": {"kill", "myself"}, "mamatay": {"die"},
	"papatayin": {"will", "kill"}, "patayin": {"kill"}, "pinatay": {"killed"}, "kutsilyo": {"knife"}, "baril": {"gun"},
	"lasing": {"drunk"}, "nagtatago": {"hiding"}, "nagtago": {"hid"}, "takot": {"scared"}, "tulungan": {"help"},
	"tulong": {"help"}, "ngayon": {"now"}, "ngayong": {"now"}, "bukas": {"tomorrow"}, "sinasaktan": {"hurting"},
	"sinaktan": {"hurt"}, "binugbog": {"beat"}, "sinuntok": {"punched"}, "dugo": {"blood"}, "gamot": {"meds"},
	"boses": {"voices"}, "hindi": {"not"}, "hiniwa": {"cut"}, "braso": {"arm"}, "malalim": {"deep"},
	"nahimatay": {"fainted"}, "nagkokombulsyon": {"having", "a", "seizure"}, "kombulsyon": {"seizure"}, "sobra": {"too", "much"},
	"uminom": {"drank"}, "alak": {"alcohol"}, "hinga": {"breathing"}, "mag-isa": {"alone"}, "bulong": {"whispers"},
	"naririnig": {"hearing"}, "kumakain": {"eating"}, "pumayat": {"lose", "weight"}, "nahihilo": {"dizzy"},
	"binasag": {"smashed"}, "kagabi": {"last", "night"}, "ulit": {"again"}, "inatake": {"had", "an", "attack"},
	"atake": {"attack"}, "nag-iisip": {"thinking"}, "iniisip": {"thinking"}, "ako": {"i"}, "bago": {"before"}, "nakaupo": {"sitting"}, "nasa": {"at"}, "sa": {"at"}, "natutulog": {"sleeping"}, "pag-asa": {"hope"},
	// Romanised Hindi.
	"marna": {"die"}, "marne": {"die"}, "khudkushi": {"suicide"}, "aatmahatya": {"suicide"}, "chaku": {"knife"},
	"chaaku": {"knife"}, "goliyan": {"pills"}, "goliyaan": {"pills"}, "neend": {"sleep"}, "darr": {"scared"},
	"madad": {"help"}, "bachao": {"help"}, "aaj": {"today"}, "raat": {"night"}, "abhi": {"now"}, "sharab": {"alcohol"},
	"nasha": {"high"}, "dhakka": {"pushed"}, "maarta": {"hits"}, "maarte": {"hit"}, "maara": {"hit"}, "pitai": {"beating"},
	"umeed": {"hope"}, "zindagi": {"life"}, "khatam": {"over"}, "sapne": {"dream"}, "awaazein": {"voices"},
	"khilaf": {"against"}, "kaata": {"cut"}, "kaati": {"cut"}, "gehra": {"deep"}, "ulti": {"vomit"}, "bekaar": {"pointless"},
	"chakkar": {"dizzy"}, "bhook": {"appetite"}, "hafte": {"weeks"}, "hafton": {"weeks"},
	// Jamaican Patois.
	"cyaan": {"can", "not"}, "tek": {"take"}, "wid": {"with"}, "dem": {"them"}, "nuh": {"not"}, "mawnin": {"morning"},
	"waan": {"want"}, "seh": {"say"}, "pickney": {"children"}, "fada": {"father"}, "madda": {"mother"}, "bredda": {"brother"},
	"likkle": {"little"}, "inna": {"in", "the"}, "pon": {"on"}, "nutten": {"nothing"}, "tink": {"think"}, "afta": {"after"},
	"miself": {"myself"}, "babyfada": {"partner"},
	// Scots.
	"cannae": {"can", "not"}, "dinnae": {"do", "not"}, "wouldnae": {"would", "not"}, "couldnae": {"could", "not"},
	"naebody": {"nobody"}, "kens": {"knows"}, "fae": {"from"}, "tae": {"to"}, "wi": {"with"}, "windae": {"window"},
	"oot": {"out"}, "hoose": {"house"}, "heid": {"head"}, "aff": {"off"}, "masel": {"myself"}, "maist": {"most"},
	"efter": {"after"}, "onythin": {"anything"}, "whit": {"what"}, "whit's": {"what", "is"}, "sittin": {"sitting"},
	"runnin": {"running"}, "chuckin": {"chucking"}, "anither": {"another"}, "mair": {"more"}, "gonnae": {"going", "to"},
}

// glossPhrases are the sayings whose words alone do not carry them: "no
// puedo más" is "I can't go on", "hindi ko na kaya" is "I can't take it
// any more". Keys are the typed words, lower case, joined by one space.
var glossPhrases = map[string][]string{
	// Spanish.
	"no puedo más": {"i", "can", "not", "go", "on"}, "no puedo mas": {"i", "can", "not", "go", "on"},
	"ya no puedo": {"i", "can", "not", "go", "on"}, "no aguanto más": {"i", "can", "not", "take", "it", "anymore"},
	"no aguanto mas": {"i", "can", "not", "take", "it", "anymore"}, "quiero morir": {"i", "want", "to", "die"},
	"no quiero vivir": {"i", "do", "not", "want", "to", "live"}, "esta noche": {"tonight"},
	"no le digas a nadie": {"do", "not", "tell", "anyone"}, "no he dormido": {"i", "have", "not", "slept"},
	"no he comido": {"i", "have", "not", "eaten"}, "sin dormir": {"without", "sleep"}, "no tiene sentido": {"there", "is", "no", "point"},
	"me da igual": {"i", "do", "not", "care"}, "dejé de comer": {"i", "stopped", "eating"}, "deje de comer": {"i", "stopped", "eating"},
	"mann nahi karta": {"do", "not", "feel", "like", "anything"}, "mann nahi karti": {"do", "not", "feel", "like", "anything"}, "volví a tomar": {"i", "drank", "again"}, "volvi a tomar": {"i", "drank", "again"},
	// Tagalog.
	"hindi ko na kaya": {"i", "can", "not", "take", "it", "anymore"}, "di ko na kaya": {"i", "can", "not", "take", "it", "anymore"},
	"ayoko na": {"i", "give", "up"}, "wala nang pag-asa": {"there", "is", "no", "hope"},
	"wala na akong gana": {"i", "have", "lost", "interest", "in", "everything"},
	"di ako natutulog":   {"i", "have", "not", "slept"}, "hindi ako natutulog": {"i", "have", "not", "slept"},
	"hindi ako kumakain": {"i", "have", "not", "eaten"}, "di ako kumakain": {"i", "have", "not", "eaten"},
	// Romanised Hindi.
	"sab khatam": {"it", "is", "all", "over"}, "koi umeed nahi": {"there", "is", "no", "hope"},
	"khud ko maar": {"kill", "myself"}, "mar jaana": {"die"}, "mar jaunga": {"i", "will", "die"}, "mar jaungi": {"i", "will", "die"},
	"jeena nahi": {"do", "not", "want", "to", "live"}, "agar main nahi hota": {"if", "i", "was", "not", "here"},
	"agar main nahi hoti": {"if", "i", "was", "not", "here"}, "neend nahi": {"can", "not", "sleep"},
	"sab kuch": {"everything"}, "lagta hai": {"feels"}, "nahi kha rahi": {"not", "eating"}, "nahi kha raha": {"not", "eating"},
	"khana nahi": {"not", "eating"}, "phir se": {"again"}, "baar baar": {"again", "and", "again"}, "mar jaun": {"i", "die"},
	"the noo": {"now"}, "ayaw tumigil": {"will", "not", "stop"}, "anong gagawin": {"what", "do", "we", "do"}, "kha nahi": {"not", "eating"}, "khud ko pehchanta nahi": {"do", "not", "recognise", "myself"},
	"khud ko pehchanti nahi": {"do", "not", "recognise", "myself"},
}

// glossLongest is the most words a key of glossPhrases has.
const glossLongest = 5

// glossFirst are the first words of glossPhrases' keys: most tokens start
// none, and are passed over without building a key.
var glossFirst = func() map[string]bool {
	m := map[string]bool{}
	for k := range glossPhrases {
		m[k[:strings.IndexByte(k, ' ')]] = true
	}
	return m
}()

// glossSentence reads the sayings of glossPhrases, then the words of
// glossWords, in a sentence as their English: the new tokens share the
// span of the words they replace, so a match still points at what was
// typed.
func glossSentence(s sentence) sentence {
	var out sentence // nil until the first gloss: most sentences have none
	for i := 0; i < len(s); i++ {
		n, gloss := 0, []string(nil)
		if glossFirst[s[i].word] {
			n, gloss = glossAt(s, i)
		}
		if n == 0 {
			if g, ok := glossWords[s[i].word]; ok {
				n, gloss = 1, g
			}
		}
		if n == 0 {
			if out != nil {
				out = append(out, s[i])
			}
			continue
		}
		if out == nil {
			out = append(make(sentence, 0, len(s)+len(gloss)), s[:i]...)
		}
		for _, w := range gloss {
			out = append(out, token{word: w, start: s[i].start, end: s[i+n-1].end})
		}
		i += n - 1
	}
	if out == nil {
		return s
	}
	return out
}

// glossAt returns the length of the longest saying that starts at token
// i, and its gloss; 0 when none does.
func glossAt(s sentence, i int) (int, []string) {
	for n := min(glossLongest, len(s)-i); n >= 2; n-- {
		var b strings.Builder
		for k := i; k < i+n; k++ {
			if k > i {
				b.WriteByte(' ')
			}
			b.WriteString(s[k].word)
		}
		if g, ok := glossPhrases[b.String()]; ok {
			return n, g
		}
	}
	return 0, nil
}
