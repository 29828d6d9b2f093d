// Package regulated holds the records Oregon's psilocybin services (ORS
// 475A, OAR 333-333) and Colorado's natural medicine programme (4 CCR
// 755-1) require of a practice working under them: the forms a client
// fills and signs, the session log of preparation, administration and
// integration sessions, denials of service, and the reports made from
// them (Oregon's SB 303 quarterly aggregate, Colorado's yearly
// administration log).
//
// Forms are data: each is a versioned definition in this file. A client
// fills one in the browser and signs it by typing their full name; the
// signature records the version, the time and the SHA-256 of the exact
// document shown with the answers, and seals the typed name, the answers
// and that text under the client's data key, as the coaching agreement
// does. The wording here is Afterward's own summary of what each
// programme asks; a practice checks it against the authority's current
// forms before relying on it.
package regulated

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/practice"
)

// Field kinds.
const (
	YesNo    = "yesno"    // yes or no, required; Details asks for more when yes
	Text     = "text"     // one line
	TextArea = "textarea" // several lines
	Choice   = "choice"   // one of Options
	Agree    = "agree"    // a box the client must tick
	Check    = "check"    // an optional box
)

// Field is one question of a form.
type Field struct {
	Name     string
	Label    string
	Kind     string
	Required bool     // for Text, TextArea and Choice
	Options  []string // for Choice
	Details  string   // for YesNo: what to describe when the answer is yes
	Hint     string
	// Alerts: a yes raises a safety alert for the client's facilitator
	// (current thoughts of harm), as PHQ-9 item 9 does.
	Alerts bool
}

// DetailsName is the name of a yes/no field's details box.
func (f Field) DetailsName() string { return f.Name + "_details" }

// Form is one versioned form definition.
type Form struct {
	Key       string
	Programme practice.Programme
	Version   int
	Title     string
	Intro     []string
	Fields    []Field
	// OptOut names the box by which a client opts out of having their
	// data reported (Oregon's SB 303 form); empty for other forms.
	OptOut string
	// Before says when the client fills it, for the forms list.
	Before string
}

// MaxAnswer bounds each free-text answer.
const MaxAnswer = 2000

// Oregon's forms.
var oregonForms = []Form{
	{Key: "client-information", Programme: practice.Oregon, Version: 1, Title: "Client information form",
		Before: "before your preparation session",
		Intro: []string{"Oregon's rules ask every client to answer these questions before psilocybin services. Your facilitator reviews your answers with you; a yes does not by itself mean you cannot take part.",
			"Your answers are sealed: only you and your facilitator can read them."},
		Fields: []Field{
			{Name: "lithium", Label: "Have you taken lithium in the last 30 days?", Kind: YesNo},
			{Name: "current_treatment", Label: "Are you currently being treated for a mental or physical health condition?", Kind: YesNo, Details: "Describe the treatment and who provides it"},
			{Name: "mushroom_allergy", Label: "Are you allergic to mushrooms or to any ingredient of psilocybin products?", Kind: YesNo, Details: "Describe the allergy"},
			{Name: "session_medications", Label: "Will you need to take any medication during the administration session?", Kind: YesNo, Details: "Name the medication and when you take it"},
			{Name: "interpreter", Label: "Do you need an interpreter, or want a support person present?", Kind: YesNo, Details: "Say which language, or who the support person is"},
			{Name: "harm_thoughts", Label: "Do you currently have thoughts of harming yourself or others?", Kind: YesNo, Details: "Tell us what you are comfortable sharing; your facilitator will talk with you about it", Alerts: true},
			{Name: "harm_history", Label: "Have you ever attempted to harm yourself or others?", Kind: YesNo, Details: "Tell us what you are comfortable sharing"},
			{Name: "diagnoses", Label: "Have you been diagnosed with a mental health condition (for example bipolar disorder, psychosis or schizophrenia)?", Kind: YesNo, Details: "Name the diagnoses"},
		}},
	{Key: "transportation-plan", Programme: practice.Oregon, Version: 1, Title: "Transportation plan",
		Before: "before your administration session",
		Intro:  []string{"After an administration session you must not drive. Say how you will get home; your facilitator records any change on the day."},
		Fields: []Field{
			{Name: "method", Label: "How will you leave after the session?", Kind: Choice, Required: true,
				Options: []string{"Picked up by a support person", "Taxi or ride-share", "Public transport with a companion", "Walking with a companion", "Staying at or near the centre"}},
			{Name: "who", Label: "Who is picking you up or going with you, and how to reach them", Kind: Text, Required: true},
			{Name: "backup", Label: "Back-up plan if that falls through", Kind: Text, Required: true},
			{Name: "no_driving", Label: "I will not drive or operate machinery until the day after the session.", Kind: Agree},
		}},
	{Key: "touch-consent", Programme: practice.Oregon, Version: 1, Title: "Consent to supportive touch",
		Before: "before your administration session",
		Intro:  []string{"Supportive touch is limited to non-sexual contact such as a hand on the shoulder or holding a hand. You choose here, in writing, before the session; you can withdraw consent at any time, including during the session, and no touch happens without it."},
		Fields: []Field{
			{Name: "consents", Label: "Do you consent to supportive touch during the administration session?", Kind: YesNo, Details: "Which kinds of touch, and where on the body, are welcome"},
			{Name: "limits", Label: "Anything your facilitator must never do, or a signal you will use to stop", Kind: Text},
			{Name: "withdraw", Label: "I understand I can withdraw this consent at any time.", Kind: Agree},
		}},
	{Key: "sb303-client-data", Programme: practice.Oregon, Version: 1, Title: "SB 303 client data form",
		Before: "before or during your preparation session",
		Intro: []string{"Oregon law (ORS 475A.372) asks service centres to collect these facts and report them to the Oregon Health Authority as de-identified counts each quarter.",
			"You may opt out: tick the box at the end and none of your data is included in any report. Opting out does not affect your services."},
		OptOut: "opt_out",
		Fields: []Field{
			{Name: "age", Label: "Age", Kind: Choice, Required: true, Options: []string{"21–29", "30–39", "40–49", "50–59", "60–69", "70 or older", "Prefer not to say"}},
			{Name: "county", Label: "County of residence (or state, if outside Oregon)", Kind: Text, Required: true},
			{Name: "race_ethnicity", Label: "Race and ethnicity, in your own words", Kind: Text},
			{Name: "languages", Label: "Preferred spoken and written languages", Kind: Text},
			{Name: "disability", Label: "Do you identify as having a disability?", Kind: Choice, Options: []string{"Yes", "No", "Prefer not to say"}},
			{Name: "gender", Label: "Gender identity, in your own words", Kind: Text},
			{Name: "orientation", Label: "Sexual orientation, in your own words", Kind: Text},
			{Name: "income", Label: "Household income", Kind: Choice, Options: []string{"Under $25,000", "$25,000–$49,999", "$50,000–$99,999", "$100,000–$149,999", "$150,000 or more", "Prefer not to say"}},
			{Name: "veteran", Label: "Are you a veteran?", Kind: Choice, Options: []string{"Yes", "No", "Prefer not to say"}},
			{Name: "reasons", Label: "Reasons you are seeking psilocybin services", Kind: Choice, Required: true, Options: ReasonOptions},
			{Name: "opt_out", Label: "I do not want my data included in the reports to the Oregon Health Authority.", Kind: Check},
		}},
}

// ReasonOptions are the reasons a client seeks services: the SB 303 form
// asks them, and Colorado's administration log records the intention as
// one of them, so neither holds free text.
var ReasonOptions = []string{"Depression or anxiety", "Trauma or PTSD", "Grief or end of life", "Substance use", "Personal growth", "Spiritual or religious exploration", "Other"}

// Colorado's forms.
var coloradoForms = []Form{
	{Key: "demographics", Programme: practice.Colorado, Version: 1, Title: "Demographic form",
		Before: "before your preparation session",
		Intro:  []string{"Colorado's natural medicine rules ask healing centres to collect these facts; they are reported only as de-identified totals."},
		Fields: []Field{
			{Name: "age", Label: "Age", Kind: Choice, Required: true, Options: []string{"21–29", "30–39", "40–49", "50–59", "60–69", "70 or older", "Prefer not to say"}},
			{Name: "county", Label: "County of residence (or state, if outside Colorado)", Kind: Text, Required: true},
			{Name: "race_ethnicity", Label: "Race and ethnicity, in your own words", Kind: Text},
			{Name: "gender", Label: "Gender identity, in your own words", Kind: Text},
			{Name: "veteran", Label: "Are you a veteran?", Kind: Choice, Options: []string{"Yes", "No", "Prefer not to say"}},
		}},
	{Key: "informed-consent", Programme: practice.Colorado, Version: 1, Title: "Informed consent",
		Before: "before your administration session",
		Intro: []string{"Natural medicine can bring intense emotions, changes in perception and physical effects such as nausea and raised blood pressure. Effects usually last four to six hours.",
			"Your facilitator stays with you throughout, does not give medical care, and calls emergency services if needed. You can stop the session's activities at any time."},
		Fields: []Field{
			{Name: "risks", Label: "I have read the risks and had my questions answered.", Kind: Agree},
			{Name: "voluntary", Label: "I am taking part voluntarily and can withdraw at any time.", Kind: Agree},
			{Name: "questions", Label: "Questions or concerns you want on record", Kind: TextArea},
		}},
	{Key: "communication", Programme: practice.Colorado, Version: 1, Title: "Preferred communication",
		Before: "before your preparation session",
		Fields: []Field{
			{Name: "channel", Label: "How should the healing centre contact you?", Kind: Choice, Required: true, Options: []string{"Phone call", "Text message", "Email", "Messages in Afterward"}},
			{Name: "voicemail", Label: "May we leave a message that mentions the healing centre?", Kind: YesNo},
			{Name: "times", Label: "Best times to reach you", Kind: Text},
		}},
	{Key: "transportation-plan", Programme: practice.Colorado, Version: 1, Title: "Transportation plan",
		Before: "before your administration session",
		Intro:  []string{"You must not drive after an administration session. Say how you will get home; your facilitator records any change on the day."},
		Fields: []Field{
			{Name: "method", Label: "How will you leave after the session?", Kind: Choice, Required: true,
				Options: []string{"Picked up by a support person", "Taxi or ride-share", "Public transport with a companion", "Walking with a companion", "Staying at or near the centre"}},
			{Name: "who", Label: "Who is picking you up or going with you, and how to reach them", Kind: Text, Required: true},
			{Name: "backup", Label: "Back-up plan if that falls through", Kind: Text, Required: true},
			{Name: "no_driving", Label: "I will not drive or operate machinery until the day after the session.", Kind: Agree},
		}},
	{Key: "fee-agreement", Programme: practice.Colorado, Version: 1, Title: "Fee agreement",
		Before: "before your preparation session",
		Fields: []Field{
			{Name: "fees_explained", Label: "The fees for preparation, administration and integration, and the refund terms, were explained to me in writing.", Kind: Agree},
			{Name: "payment", Label: "How you will pay", Kind: Choice, Required: true, Options: []string{"In full before the administration session", "Per session", "Sliding scale agreed with the centre"}},
		}},
	{Key: "touch-contract", Programme: practice.Colorado, Version: 1, Title: "Physical-touch contract",
		Before: "before your administration session",
		Intro:  []string{"Any touch is non-sexual and only as agreed here; you may change or withdraw this at any time, including during the session."},
		Fields: []Field{
			{Name: "consents", Label: "Do you agree to supportive touch?", Kind: YesNo, Details: "Which kinds of touch, and where, are welcome"},
			{Name: "stop_signal", Label: "The word or signal that means stop", Kind: Text, Required: true},
			{Name: "withdraw", Label: "I understand I can withdraw this at any time.", Kind: Agree},
		}},
	{Key: "safety-plan", Programme: practice.Colorado, Version: 1, Title: "Safety and support plan",
		Before: "before your administration session",
		Fields: []Field{
			{Name: "support_person", Label: "Support person after the session, and how to reach them", Kind: Text, Required: true},
			{Name: "warning_signs", Label: "Signs that you are struggling, that the people around you should know", Kind: TextArea, Required: true},
			{Name: "coping", Label: "What helps you feel steady", Kind: TextArea},
			{Name: "crisis_line", Label: "I know I can call or text 988, or call 911 in an emergency.", Kind: Agree},
		}},
	{Key: "safety-screen", Programme: practice.Colorado, Version: 1, Title: "Safety screen",
		Before: "before your preparation session",
		Intro:  []string{"These questions help your facilitator decide, with you, whether natural medicine is safe for you now."},
		Fields: []Field{
			{Name: "psychosis", Label: "Have you or a close family member ever had psychosis, schizophrenia or bipolar I disorder?", Kind: YesNo, Details: "Who, and when"},
			{Name: "heart", Label: "Do you have a heart condition or uncontrolled high blood pressure?", Kind: YesNo, Details: "Describe it"},
			{Name: "medications", Label: "Do you take lithium, an antidepressant, an antipsychotic or another psychiatric medication?", Kind: YesNo, Details: "Name the medications"},
			{Name: "pregnant", Label: "Are you pregnant or breastfeeding?", Kind: YesNo},
			{Name: "harm_thoughts", Label: "In the last month, have you had thoughts of harming yourself or others?", Kind: YesNo, Details: "Tell us what you are comfortable sharing", Alerts: true},
		}},
}

// FormsFor lists the forms of a programme, in the order a client fills
// them; none for a practice under no programme.
func FormsFor(p practice.Programme) []Form {
	switch p {
	case practice.Oregon:
		return oregonForms
	case practice.Colorado:
		return coloradoForms
	}
	return nil
}

// Lookup finds a programme's form by key.
func Lookup(p practice.Programme, key string) (Form, error) {
	for _, f := range FormsFor(p) {
		if f.Key == key {
			return f, nil
		}
	}
	return Form{}, errs.NotFoundf("form not found")
}

// Hash is the SHA-256 of the form's definition: what identifies the
// version a client was shown.
func (f Form) Hash() string {
	b, _ := json.Marshal(f) // a struct of strings and ints: cannot fail
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Validate checks answers against the form: every field named in an error
// is the form's own field name, with a message saying what to do.
func (f Form) Validate(answers map[string]string) (map[string]string, error) {
	clean := map[string]string{}
	v := errs.Validation{}
	for _, fd := range f.Fields {
		a := strings.TrimSpace(answers[fd.Name])
		switch fd.Kind {
		case YesNo:
			if a != "yes" && a != "no" {
				v.Add(fd.Name, "answer yes or no")
				continue
			}
			clean[fd.Name] = a
			if fd.Details != "" {
				d := strings.TrimSpace(answers[fd.DetailsName()])
				switch {
				case a == "yes" && d == "":
					v.Add(fd.DetailsName(), strings.ToLower(fd.Details[:1])+fd.Details[1:])
				case len(d) > MaxAnswer:
					v.Add(fd.DetailsName(), "keep this under 2,000 characters")
				case a == "yes":
					clean[fd.DetailsName()] = d
				}
			}
		case Choice:
			if a == "" {
				if fd.Required {
					v.Add(fd.Name, "choose one")
				}
				continue
			}
			ok := false
			for _, o := range fd.Options {
				ok = ok || o == a
			}
			if !ok {
				v.Add(fd.Name, "choose one of the options")
				continue
			}
			clean[fd.Name] = a
		case Agree:
			if a == "" {
				v.Add(fd.Name, "tick the box to confirm")
				continue
			}
			clean[fd.Name] = "yes"
		case Check:
			if a != "" {
				clean[fd.Name] = "yes"
			}
		default: // Text, TextArea
			switch {
			case a == "" && fd.Required:
				v.Add(fd.Name, "fill this in")
			case len(a) > MaxAnswer:
				v.Add(fd.Name, "keep this under 2,000 characters")
			case strings.ContainsRune(a, 0) || !utf8.ValidString(a):
				v.Add(fd.Name, "remove the characters that are not text")
			case a != "":
				clean[fd.Name] = a
			}
		}
	}
	return clean, v.Err()
}

// Document is the exact text the client signs: the form's title, version
// and definition hash, its introduction, then each question with the
// client's answer. Its SHA-256 is what the signature records.
func (f Form) Document(practiceName string, answers map[string]string) string {
	var b strings.Builder
	b.WriteString(f.Title + " — " + practiceName + "\n")
	b.WriteString("Version " + strconv.Itoa(f.Version) + " (form SHA-256 " + f.Hash() + ")\n\n")
	for _, p := range f.Intro {
		b.WriteString(p + "\n\n")
	}
	for _, fd := range f.Fields {
		b.WriteString(fd.Label + "\n")
		b.WriteString("Answer: " + AnswerText(fd, answers) + "\n")
		if d := answers[fd.DetailsName()]; fd.Kind == YesNo && d != "" {
			b.WriteString(fd.Details + ": " + d + "\n")
		}
		b.WriteString("\n")
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// AnswerText is an answer in words.
func AnswerText(fd Field, answers map[string]string) string {
	a := answers[fd.Name]
	switch fd.Kind {
	case YesNo:
		if a == "yes" {
			return "Yes"
		}
		return "No"
	case Agree:
		return "Confirmed"
	case Check:
		if a != "" {
			return "Ticked"
		}
		return "Not ticked"
	}
	if a == "" {
		return "(not answered)"
	}
	return a
}

// RaisesAlert reports whether the answers say yes to a question that
// raises a safety alert.
func (f Form) RaisesAlert(answers map[string]string) bool {
	for _, fd := range f.Fields {
		if fd.Alerts && answers[fd.Name] == "yes" {
			return true
		}
	}
	return false
}

// HashOf is the hex SHA-256 of a signed document's text.
func HashOf(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}
