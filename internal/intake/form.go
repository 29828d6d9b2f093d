package intake

import (
	"fmt"
	"strconv"

	"github.com/afterward/afterward/internal/measure"
)

// Step ids, in the order the client fills them in.
const (
	StepExperience = "experience"
	StepIntentions = "intentions"
	StepCoachFit   = "coach" // language, format and budget, for matching
	StepCare       = "care"
	StepHistory    = "history"
	StepCurrent    = "current"
	StepCSSRS      = "cssrs"
	StepPHQ9       = "phq9"
	StepGAD7       = "gad7"
	StepPCL5       = "pcl5"
	StepReview     = "review" // not a form step: the summary before submitting
)

// Question kinds; the web layer renders each kind one way.
const (
	KindDate     = "date"
	KindTime     = "time"
	KindTimeZone = "timezone"
	KindSelect   = "select"
	KindRadio    = "radio"
	KindYesNo    = "yesno"
	KindScale    = "scale" // a questionnaire item: one of the instrument's options
	KindText     = "text"
	KindTextarea = "textarea"
	KindAmount   = "amount" // a whole amount of money per session, e.g. 80
)

// Option is one answer choice.
type Option struct {
	Value, Label string
}

// Question is one field of a step. Why says, in plain words, why it is
// asked; every question has one.
type Question struct {
	Name     string
	Label    string
	Why      string
	Kind     string
	Options  []Option
	Required bool
	MaxLen   int // for text; 0 means the default
	// SaidOnce: Why is the step's, said in its introduction, not again
	// beside each item (questionnaire items).
	SaidOnce bool
}

// Step is one page of the form.
type Step struct {
	ID     string
	Title  string
	Intro  string
	Notice string // e.g. the C-SSRS copyright notice, shown with the step
	// Optional steps may be left entirely blank (PCL-5).
	Optional  bool
	Questions []Question
}

// Form is the whole intake form, with questionnaire wording from the
// measure definitions so it is never retyped.
type Form struct {
	Steps []Step
	byID  map[string]int
}

const (
	maxShortText = 200
	maxLongText  = 4000
)

var yesNo = []Option{{"yes", "Yes"}, {"no", "No"}}

// Substances and contexts; the values are the triage command's.
var (
	Substances = []Option{{"psilocybin", "Psilocybin (mushrooms)"}, {"mdma", "MDMA"}, {"lsd", "LSD"}, {"ayahuasca", "Ayahuasca"},
		{"ketamine", "Ketamine"}, {"dmt", "DMT"}, {"5-meo-dmt", "5-MeO-DMT"}, {"mescaline", "Mescaline (peyote, San Pedro)"},
		{"ibogaine", "Ibogaine"}, {"other", "Something else, or I am not sure"}}
	Contexts = []Option{{"clinical_trial", "In a clinical trial"}, {"legal_service", "At a legal service (for example a licensed psilocybin centre or ketamine clinic)"},
		{"ceremonial", "In a ceremony"}, {"personal", "On my own or with friends"}, {"unintentional", "It was not intended (I did not know, or did not choose, to take it)"}}
)

// NewForm builds the form; the questionnaire steps come from reg.
func NewForm(reg *measure.Registry) (*Form, error) {
	f := &Form{Steps: []Step{experienceStep(), intentionsStep(), coachFitStep(), careStep(), historyStep(), currentStep()}}
	for _, q := range []struct {
		id, why  string
		optional bool
	}{
		{StepCSSRS, "These questions are asked of everyone, because after a strong experience some people have dark thoughts, and we want to make sure you get the right support quickly. There are no wrong answers.", false},
		{StepPHQ9, "This short, widely used questionnaire about mood helps us see how you are doing now and notice change over time. It is not a diagnosis.", false},
		{StepGAD7, "This short questionnaire about worry and tension helps us understand how you are feeling now. It is not a diagnosis.", false},
		{StepPCL5, "If something very stressful has stayed with you, this checklist helps your coach understand how much it affects you. It is optional: leave it blank if you prefer.", true},
	} {
		step, err := instrumentStep(reg, q.id, q.why, q.optional)
		if err != nil {
			return nil, err
		}
		f.Steps = append(f.Steps, step)
	}
	f.byID = map[string]int{}
	for i, s := range f.Steps {
		f.byID[s.ID] = i
	}
	return f, nil
}

// Step returns a step by id.
func (f *Form) Step(id string) (Step, bool) {
	i, ok := f.byID[id]
	if !ok {
		return Step{}, false
	}
	return f.Steps[i], true
}

// Next is the step after id, or StepReview after the last.
func (f *Form) Next(id string) string {
	i, ok := f.byID[id]
	if !ok || i+1 >= len(f.Steps) {
		return StepReview
	}
	return f.Steps[i+1].ID
}

// Index is the 1-based position of a step, for "Step 3 of 9".
func (f *Form) Index(id string) int { return f.byID[id] + 1 }

func instrumentStep(reg *measure.Registry, id, why string, optional bool) (Step, error) {
	def, ok := reg.Lookup(id)
	if !ok || len(def.Items) == 0 {
		return Step{}, fmt.Errorf("intake: instrument %s has no item wording", id)
	}
	// The reason and the instructions are said once, in the step's
	// introduction; each item carries the same reason but does not repeat it.
	step := Step{ID: id, Title: def.Title, Intro: why + " " + def.SelfReport(), Optional: optional, Notice: def.CopyrightNotice}
	for i, item := range def.Items {
		q := Question{Name: id + "_" + strconv.Itoa(i+1), Label: item.SelfReport(), Why: why, SaidOnce: true, Kind: KindScale, Required: !optional}
		if item.Key != "" {
			q.Name = id + "_" + item.Key
		}
		for _, o := range optionsOf(def, item) {
			q.Options = append(q.Options, Option{strconv.Itoa(o.Value), o.Label})
		}
		step.Questions = append(step.Questions, q)
	}
	return step, nil
}

func optionsOf(def *measure.Definition, item measure.Item) []measure.Option {
	if len(item.Options) > 0 {
		return item.Options
	}
	return def.Options
}
