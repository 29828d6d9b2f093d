package web

// The profile editor's inputs, in the order the page shows them. Kept as
// data so that every field gets the same label, error and hint markup.

type inputSpec struct {
	Name, Label, Kind, Hint string // Kind: text, textarea, number, select, check
	Options                 []optionChoice
}

type formSection struct {
	Title  string
	Inputs []inputView
}

type inputView struct {
	inputSpec
	Value, Error string
}

var profileSections = []struct {
	title  string
	inputs []inputSpec
}{
	{"About you", []inputSpec{
		{Name: "name", Label: "Name as clients see it", Kind: "text"},
		{Name: "headline", Label: "Headline", Kind: "text", Hint: "One line, for example “Integration coach for ceremonial and clinical-trial experiences”."},
		{Name: "bio", Label: "About you", Kind: "textarea"},
		{Name: "years_practice", Label: "Years of practice", Kind: "number"},
	}},
	{"The four questions, in your own words", []inputSpec{
		{Name: "answer_training", Label: "What training and supervision do you have?", Kind: "textarea"},
		{Name: "answer_experience", Label: "What experience do you have with clients' substances and kinds of experience?", Kind: "textarea"},
		{Name: "answer_crisis", Label: "How do you handle crises and difficult emotions?", Kind: "textarea"},
		{Name: "answer_therapy", Label: "How do you work alongside a client's ongoing therapy?", Kind: "textarea"},
	}},
	{"Supervision and ethics", []inputSpec{
		{Name: "supervision_kind", Label: "Who supervises your practice?", Kind: "select", Options: []optionChoice{
			{Value: "", Label: "No supervision"}, {Value: "supervisor", Label: "A supervisor"}, {Value: "peer_group", Label: "A peer supervision group"}}},
		{Name: "supervision_frequency", Label: "How often?", Kind: "text", Hint: "For example “monthly”."},
		{Name: "ethics_code", Label: "Code of ethics you follow", Kind: "text"},
	}},
	{"Sessions and fees", []inputSpec{
		{Name: "location", Label: "Where in-person sessions take place", Kind: "text", Hint: "Needed when you offer in-person sessions."},
		{Name: "fee", Label: "Fee per session", Kind: "text", Hint: "For example 120 or 120.50."},
		{Name: "currency", Label: "Currency", Kind: "text", Hint: "Three letters, such as USD."},
		{Name: "sliding_min", Label: "Sliding scale: lowest fee", Kind: "text", Hint: "Leave the sliding scale empty if you do not offer one."},
		{Name: "sliding_max", Label: "Sliding scale: highest fee", Kind: "text"},
		{Name: "sliding_spots", Label: "Sliding scale: places", Kind: "number"},
		{Name: "packages", Label: "Packages", Kind: "textarea", Hint: "One per line: name; sessions; price, for example “Five sessions; 5; 500”."},
	}},
	{"Availability", []inputSpec{
		{Name: "time_zone", Label: "Your time zone", Kind: "text", Hint: "For example America/Denver. Your weekly hours and days off are set on the availability page (/settings/availability); the directory's next open time comes from there."},
		{Name: "accepting", Label: "I am accepting new clients", Kind: "check"},
	}},
}

// sections fills the inputs with what was typed and the field errors.
func (f profileForm) sections() []formSection {
	out := make([]formSection, len(profileSections))
	for i, sec := range profileSections {
		out[i].Title = sec.title
		for _, in := range sec.inputs {
			out[i].Inputs = append(out[i].Inputs, inputView{inputSpec: in, Value: f.Values[in.Name], Error: f.Fields[in.Name]})
		}
	}
	return out
}

// trainingInputs are the add-training form's text inputs.
var trainingInputs = []inputSpec{
	{Name: "training_name", Label: "Programme", Kind: "text"},
	{Name: "training_provider", Label: "Provided by", Kind: "text"},
	{Name: "training_hours", Label: "Hours", Kind: "number"},
	{Name: "training_year", Label: "Year completed", Kind: "number"},
	{Name: "training_expires", Label: "Certificate valid until (if it expires)", Kind: "date"},
}
