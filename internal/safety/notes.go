package safety

import "strings"

// Coaches and clinicians write about the client in the third person:
// "Client reports he has chosen a place and a date", "client's partner
// threatened to kill her". In such a note the client is the person whose
// risk is written, so its words are read as the client's own first
// person ("I have chosen a place", "my partner threatened to kill me"),
// and every rule written for the writer applies. Phrases still come from
// the original text.

// noteSubjects open a note.
var noteSubjects = set("client", "pt", "patient")

// thirdToFirst maps the client's pronouns to the writer's.
var thirdToFirst = map[string]string{
	"he": "i", "she": "i", "his": "my", "her": "my", "him": "me", "hers": "mine",
	"himself": "myself", "herself": "myself", "has": "have", "is": "am", "was": "was", "client": "i", "pt": "i", "patient": "i",
}

// isNote reports whether a sentence is a note about the client: it opens
// with the client, or a clause says what the client reports.
func isNote(s sentence) bool {
	if len(s) == 0 {
		return false
	}
	if noteSubjects[s[0].word] {
		return true
	}
	for i := 0; i+1 < len(s); i++ {
		if noteSubjects[s[i].word] && noteVerbs[s[i+1].word] {
			return true
		}
	}
	return false
}

var noteVerbs = set("reports", "reported", "states", "stated", "says", "said", "disclosed", "discloses", "endorses",
	"endorsed", "describes", "described", "believes", "sent", "messaged", "texted", "admits", "admitted", "has", "is", "was")

// readNotesAsFirstPerson rewrites the words of note sentences in place.
// A possessive "client's" becomes "my"; "he is" becomes "i am".
func readNotesAsFirstPerson(text string, sents []sentence) {
	for _, s := range sents {
		if !isNote(s) {
			continue
		}
		for i, t := range s {
			raw := strings.ToLower(text[t.start:t.end])
			if noteSubjects[t.word] && (strings.HasSuffix(raw, "'s") || strings.HasSuffix(raw, "’s")) {
				s[i].word = "my"
				continue
			}
			mapped, ok := thirdToFirst[t.word]
			if !ok {
				continue
			}
			// "has" and "is" change only after a subject that became "i".
			if (t.word == "has" || t.word == "is") && (i == 0 || s[i-1].word != "i") {
				continue
			}
			s[i].word = mapped
		}
	}
}
