package intake

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/afterward/afterward/internal/dates"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/triage"
)

// DecodeStep takes the step's own fields from submitted form values (other
// keys are ignored) and cleans them: trimmed, valid UTF-8 without control
// characters other than newlines and tabs, at most a generous size. It never
// fails: problems are for ValidateStep, which names the field, so the page
// can show what was typed.
func (f *Form) DecodeStep(stepID string, values map[string][]string) Answers {
	step, _ := f.Step(stepID)
	out := Answers{}
	for _, q := range step.Questions {
		if vs := values[q.Name]; len(vs) > 0 {
			out[q.Name] = clean(vs[0], 2*maxLen(q))
		}
	}
	return out
}

func maxLen(q Question) int {
	if q.MaxLen > 0 {
		return q.MaxLen
	}
	return maxShortText
}

// clean keeps text safe to store and show; it cuts by runes at limit+1 so
// validation can still say the text is too long.
func clean(s string, limit int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f {
			return -1
		}
		return r
	}, strings.ReplaceAll(s, "\r\n", "\n"))
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) > limit+1 {
		s = string([]rune(s)[:limit+1])
	}
	return s
}

// ValidateStep checks one step's answers and returns the problems by field
// name (nil when there are none). now bounds the experience date.
func (f *Form) ValidateStep(stepID string, a Answers, now time.Time) errs.Validation {
	v := errs.Validation{}
	step, ok := f.Step(stepID)
	if !ok {
		v.Add("step", "there is no such step")
		return v
	}
	if step.Optional && blank(step, a) {
		return nil
	}
	for _, q := range step.Questions {
		checkQuestion(v, q, a[q.Name], step.Optional)
	}
	switch stepID {
	case StepExperience:
		checkExperience(v, a, now)
	case StepHistory:
		if (a["substance_use"] == "moderate" || a["substance_use"] == "severe") && a["substance_use_in_remission"] == "" {
			v.Add("substance_use_in_remission", "please answer yes or no")
		}
	case StepCSSRS:
		checkCSSRS(v, a)
	case StepCoachFit:
		checkCoachFit(v, a)
	}
	if len(v) == 0 {
		return nil
	}
	return v
}

func blank(step Step, a Answers) bool {
	for _, q := range step.Questions {
		if a[q.Name] != "" {
			return false
		}
	}
	return true
}

func checkQuestion(v errs.Validation, q Question, val string, optionalStep bool) {
	if val == "" {
		if optionalStep {
			v.Add(q.Name, "please answer this too, or leave the whole page blank")
		} else if q.Required && !conditional(q.Name) {
			v.Add(q.Name, missingMessage(q))
		}
		return
	}
	switch q.Kind {
	case KindText, KindTextarea:
		if utf8.RuneCountInString(val) > maxLen(q) {
			v.Add(q.Name, "please keep this to "+itoa(maxLen(q))+" characters or fewer")
		}
	case KindAmount:
		if n, err := atoi(val); err != nil || n < 1 || n > 100000 {
			v.Add(q.Name, "please enter a whole amount, for example 80")
		}
	case KindSelect, KindRadio, KindYesNo, KindScale:
		if !slices.ContainsFunc(q.Options, func(o Option) bool { return o.Value == val }) {
			v.Add(q.Name, "please choose one of the answers shown")
		}
	}
}

// conditional questions are required only by a rule of their step.
func conditional(name string) bool {
	switch name {
	case "cssrs_q3", "cssrs_q4", "cssrs_q5", "cssrs_q6_within_3_months":
		return true
	}
	return false
}

func missingMessage(q Question) string {
	switch q.Kind {
	case KindDate:
		return "please enter the date, for example 2026-03-14"
	case KindTime:
		return "please enter a time; a rough one is fine"
	case KindTimeZone:
		return "please choose a time zone"
	case KindText, KindTextarea:
		return "please write a few words"
	}
	return "please choose an answer"
}

func checkExperience(v errs.Validation, a Answers, now time.Time) {
	if _, ok := v["experience_date"]; ok {
		return
	}
	if d, err := time.Parse(time.DateOnly, a["experience_date"]); err != nil {
		v.Add("experience_date", "please enter a real date, for example 2026-03-14")
		return
	} else if !dates.Plausible(d) {
		v.Add("experience_date", dates.PlausibleMessage)
		return
	}
	if _, err := time.Parse("15:04", a["experience_time"]); err != nil && a["experience_time"] != "" {
		v.Add("experience_time", "please enter a time like 21:30")
		return
	}
	if _, err := loadZone(a["experience_tz"]); err != nil && a["experience_tz"] != "" {
		v.Add("experience_tz", "please choose a time zone from the list")
		return
	}
	at, err := experienceAt(a)
	if err != nil {
		return
	}
	switch {
	case at.After(now):
		v.Add("experience_date", "this is in the future; please enter when it happened")
	case at.Before(now.AddDate(-20, 0, 0)):
		v.Add("experience_date", "please enter a date within the last 20 years")
	}
}

func loadZone(name string) (*time.Location, error) {
	if name == "" || name == "Local" {
		return nil, errors.New("no zone")
	}
	return time.LoadLocation(name)
}

// experienceAt is the experience as an instant, from date, time and zone.
func experienceAt(a Answers) (time.Time, error) {
	loc, err := loadZone(a["experience_tz"])
	if err != nil {
		return time.Time{}, err
	}
	return time.ParseInLocation("2006-01-02 15:04", a["experience_date"]+" "+a["experience_time"], loc)
}

// checkCoachFit asks for the amount when a limit or the sliding scale was
// chosen, and a place when in-person sessions were.
func checkCoachFit(v errs.Validation, a Answers) {
	if _, bad := v["budget_amount"]; !bad && (a["budget"] == BudgetLimit || a["budget"] == BudgetSliding) && a["budget_amount"] == "" {
		v.Add("budget_amount", "please enter what you can pay per session, for example 80")
	}
	if a["format"] == "in_person" && a["location"] == "" {
		v.Add("location", "please tell us the town or area, so we suggest coaches you can reach")
	}
}

// BudgetMinor is the client's per-session limit in minor units (0: none).
func (a Answers) BudgetMinor() int64 {
	if a["budget"] != BudgetLimit && a["budget"] != BudgetSliding {
		return 0
	}
	n, err := atoi(a["budget_amount"])
	if err != nil || n <= 0 {
		return 0
	}
	return int64(n) * 100
}

// checkCSSRS follows the screener's own skip rule: questions 3 to 5 are
// asked only after a yes to question 2; 6's follow-up only after a yes to 6.
func checkCSSRS(v errs.Validation, a Answers) {
	if a["cssrs_q2"] == "1" {
		for _, name := range []string{"cssrs_q3", "cssrs_q4", "cssrs_q5"} {
			v.Check(a[name] != "", name, "because you answered yes to question 2, please answer this one too")
		}
	}
	if a["cssrs_q6"] == "1" {
		v.Check(a["cssrs_q6_within_3_months"] != "", "cssrs_q6_within_3_months", "because you answered yes above, please say whether it was in the past 3 months")
	}
}

// FirstInvalid validates every step and returns the first with problems
// (empty when all are fine), so submission can send the client back there.
func (f *Form) FirstInvalid(a Answers, now time.Time) (string, errs.Validation) {
	for _, s := range f.Steps {
		if v := f.ValidateStep(s.ID, a, now); v != nil {
			return s.ID, v
		}
	}
	return "", nil
}

// Triage turns complete, valid answers into the triage command's JSON and
// decodes it with triage.Decode, so the web intake and the command can never
// disagree about what an answer means.
func (f *Form) Triage(a Answers, submittedAt time.Time) (triage.Intake, error) {
	doc, err := f.triageJSON(a, submittedAt)
	if err != nil {
		return triage.Intake{}, err
	}
	return triage.Decode(bytes.NewReader(doc), submittedAt)
}

func (f *Form) triageJSON(a Answers, submittedAt time.Time) ([]byte, error) {
	at, err := experienceAt(a)
	if err != nil {
		return nil, errs.E(errs.Invalid, "the experience date is incomplete")
	}
	yes := func(name string) bool { return a[name] == "yes" || a[name] == "1" }
	doc := map[string]any{
		"submitted_at": submittedAt.UTC().Format(time.RFC3339Nano),
		"experience":   map[string]any{"date": at.Format(time.RFC3339), "substance": a["substance"], "context": a["context"]},
		"history": map[string]any{"psychosis": a["psychosis"], "bipolar": a["bipolar"], "mood_episode_now": yes("mood_episode_now"),
			"substance_use": a["substance_use"], "substance_use_in_remission": yes("substance_use_in_remission")},
		"current": map[string]any{"has_therapist": yes("has_therapist") || yes("has_psychiatrist"),
			"medical_emergency": yes("medical_symptoms"), "adverse_reaction": yes("adverse_effects")},
	}
	cssrs := map[string]any{}
	for _, key := range []string{"q1", "q2", "q3", "q4", "q5", "q6", "q6_within_3_months"} {
		cssrs[key] = yes("cssrs_" + key)
	}
	doc["cssrs"] = cssrs
	for _, id := range []string{StepPHQ9, StepGAD7, StepPCL5} {
		if items, ok := f.Scores(id, a); ok {
			doc[id] = items
		}
	}
	return json.Marshal(doc)
}

// Scores returns a questionnaire's item values in order; false when any
// item is unanswered (the optional PCL-5 left blank).
func (f *Form) Scores(stepID string, a Answers) ([]int, bool) {
	step, ok := f.Step(stepID)
	if !ok {
		return nil, false
	}
	items := make([]int, len(step.Questions))
	for i, q := range step.Questions {
		n, err := atoi(a[q.Name])
		if err != nil {
			return nil, false
		}
		items[i] = n
	}
	return items, true
}
