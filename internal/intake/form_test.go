package intake_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/intake"
	"github.com/afterward/afterward/internal/measure"
	"github.com/afterward/afterward/internal/triage"
)

var now = time.Date(2026, 6, 10, 12, 0, 0, 0, time.UTC)

func newForm(t testing.TB) *intake.Form {
	t.Helper()
	reg, err := measure.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	f, err := intake.NewForm(reg)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// complete is a valid intake with no risk indicated.
func complete() intake.Answers {
	a := intake.Answers{"experience_date": "2026-06-08", "experience_time": "20:00", "experience_tz": "America/New_York",
		"substance": "psilocybin", "context": "legal_service", "intentions": "Grief.", "has_therapist": "no", "has_psychiatrist": "no",
		"psychosis": "none", "bipolar": "none", "mood_episode_now": "no", "substance_use": "none",
		"medical_symptoms": "no", "adverse_effects": "no", "cssrs_q1": "0", "cssrs_q2": "0", "cssrs_q6": "0"}
	for i := 1; i <= 9; i++ {
		a["phq9_"+strconv.Itoa(i)] = "0"
	}
	for i := 1; i <= 7; i++ {
		a["gad7_"+strconv.Itoa(i)] = "0"
	}
	return a
}

func with(changes map[string]string) intake.Answers {
	a := complete()
	for k, v := range changes {
		if v == "-" {
			delete(a, k)
		} else {
			a[k] = v
		}
	}
	return a
}

func TestEveryQuestionSaysWhy(t *testing.T) {
	for _, s := range newForm(t).Steps {
		for _, q := range s.Questions {
			if strings.TrimSpace(q.Why) == "" || strings.TrimSpace(q.Label) == "" {
				t.Errorf("%s/%s: label %q, why %q; want both", s.ID, q.Name, q.Label, q.Why)
			}
		}
	}
}

func TestValidateStep(t *testing.T) {
	f := newForm(t)
	tests := []struct {
		name, step string
		answers    intake.Answers
		want       map[string]string // field → part of the message; nil means valid
	}{
		{"complete experience", intake.StepExperience, complete(), nil},
		{"missing date", intake.StepExperience, with(map[string]string{"experience_date": "-"}), map[string]string{"experience_date": "enter the date"}},
		{"impossible date", intake.StepExperience, with(map[string]string{"experience_date": "2026-02-30"}), map[string]string{"experience_date": "real date"}},
		{"future experience", intake.StepExperience, with(map[string]string{"experience_date": "2026-06-11"}), map[string]string{"experience_date": "future"}},
		{"one minute ago in its zone", intake.StepExperience, with(map[string]string{"experience_date": "2026-06-10", "experience_time": "07:59"}), nil},
		{"one minute ahead in its zone", intake.StepExperience, with(map[string]string{"experience_date": "2026-06-10", "experience_time": "08:01"}), map[string]string{"experience_date": "future"}},
		{"over 20 years ago", intake.StepExperience, with(map[string]string{"experience_date": "2006-06-01"}), map[string]string{"experience_date": "20 years"}},
		{"bad time", intake.StepExperience, with(map[string]string{"experience_time": "25:00"}), map[string]string{"experience_time": "21:30"}},
		{"missing time", intake.StepExperience, with(map[string]string{"experience_time": "-"}), map[string]string{"experience_time": "enter a time"}},
		{"unknown zone", intake.StepExperience, with(map[string]string{"experience_tz": "Mars/Olympus"}), map[string]string{"experience_tz": "time zone"}},
		{"unknown substance", intake.StepExperience, with(map[string]string{"substance": "coffee"}), map[string]string{"substance": "choose one"}},
		{"missing context", intake.StepExperience, with(map[string]string{"context": "-"}), map[string]string{"context": "choose an answer"}},
		{"intentions required", intake.StepIntentions, with(map[string]string{"intentions": "-"}), map[string]string{"intentions": "few words"}},
		{"intentions at the limit", intake.StepIntentions, with(map[string]string{"intentions": strings.Repeat("é", 4000)}), nil},
		{"intentions too long", intake.StepIntentions, with(map[string]string{"intentions": strings.Repeat("é", 4001)}), map[string]string{"intentions": "4000"}},
		{"therapist answer not yes/no", intake.StepCare, with(map[string]string{"has_therapist": "maybe"}), map[string]string{"has_therapist": "choose one"}},
		{"remission needed for moderate use", intake.StepHistory, with(map[string]string{"substance_use": "moderate"}), map[string]string{"substance_use_in_remission": "yes or no"}},
		{"remission not needed for mild use", intake.StepHistory, with(map[string]string{"substance_use": "mild"}), nil},
		{"cssrs q3-5 skipped after no to q2", intake.StepCSSRS, complete(), nil},
		{"cssrs q3-5 needed after yes to q2", intake.StepCSSRS, with(map[string]string{"cssrs_q2": "1"}), map[string]string{"cssrs_q3": "question 2", "cssrs_q4": "question 2", "cssrs_q5": "question 2"}},
		{"cssrs q6 follow-up needed", intake.StepCSSRS, with(map[string]string{"cssrs_q6": "1"}), map[string]string{"cssrs_q6_within_3_months": "past 3 months"}},
		{"cssrs q6 required", intake.StepCSSRS, with(map[string]string{"cssrs_q6": "-"}), map[string]string{"cssrs_q6": "choose an answer"}},
		{"phq9 item out of range", intake.StepPHQ9, with(map[string]string{"phq9_9": "4"}), map[string]string{"phq9_9": "choose one"}},
		{"phq9 item missing", intake.StepPHQ9, with(map[string]string{"phq9_5": "-"}), map[string]string{"phq9_5": "choose an answer"}},
		{"pcl5 blank is fine", intake.StepPCL5, complete(), nil},
		{"pcl5 half answered", intake.StepPCL5, with(map[string]string{"pcl5_1": "2"}), map[string]string{"pcl5_2": "leave the whole page blank", "pcl5_20": "leave the whole page blank"}},
		{"no such step", "nope", complete(), map[string]string{"step": "no such step"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := f.ValidateStep(tc.step, tc.answers, now)
			if tc.want == nil {
				if got != nil {
					t.Fatalf("got %v, want valid", got)
				}
				return
			}
			for field, part := range tc.want {
				if !strings.Contains(got[field], part) {
					t.Errorf("field %s: got %q, want it to mention %q (all: %v)", field, got[field], part, got)
				}
			}
		})
	}
}

// TestTriageSameAsCommand: the form's answers go through triage.Decode and
// triage.Assess exactly as the command's JSON does.
func TestTriageSameAsCommand(t *testing.T) {
	f := newForm(t)
	tests := []struct {
		name    string
		answers intake.Answers
		want    triage.Disposition
		reasons string
	}{
		{"no risk", complete(), triage.Coaching, ""},
		{"cssrs item 4", with(map[string]string{"cssrs_q2": "1", "cssrs_q3": "0", "cssrs_q4": "1", "cssrs_q5": "0"}), triage.Emergency, "cssrs_intent"},
		{"medical symptoms", with(map[string]string{"medical_symptoms": "yes"}), triage.Emergency, "medical_emergency"},
		{"unintentional", with(map[string]string{"context": "unintentional"}), triage.ReferClinical, "unintentional_experience"},
		{"phq9 item 9", with(map[string]string{"phq9_9": "1"}), triage.CoachingWithClinician, "phq9_item9"},
		{"psychiatrist counts as clinician", with(map[string]string{"phq9_9": "1", "has_psychiatrist": "yes"}), triage.CoachingWithClinician, "phq9_item9"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in, err := f.Triage(tc.answers, now)
			if err != nil {
				t.Fatal(err)
			}
			got := triage.Assess(in)
			if got.Disposition != tc.want || strings.Join(got.Reasons, ",") != tc.reasons {
				t.Errorf("got %s %v, want %s [%s]", got.Disposition, got.Reasons, tc.want, tc.reasons)
			}
			wantDue := time.Date(2026, 6, 9, 0, 0, 0, 0, time.UTC).Add(72 * time.Hour) // 20:00 EDT = 00:00 UTC
			if !got.FirstSessionDue.Equal(wantDue) {
				t.Errorf("first session due %v, want %v", got.FirstSessionDue, wantDue)
			}
		})
	}
}

func TestDecodeStepKeepsOnlyTheStepsFields(t *testing.T) {
	f := newForm(t)
	got := f.DecodeStep(intake.StepIntentions, map[string][]string{
		"intentions": {"  line one\r\nline two\x00  "}, "hopes": {"a", "b"}, "phq9_1": {"3"},
	})
	want := intake.Answers{"intentions": "line one\nline two", "hopes": "a"}
	if len(got) != len(want) || got["intentions"] != want["intentions"] || got["hopes"] != want["hopes"] {
		t.Errorf("got %q, want %q", got, want)
	}
}

// FuzzDecodeStep: any submitted form decodes without panicking, to valid
// UTF-8 of bounded size, and validation of the result never panics.
func FuzzDecodeStep(f *testing.F) {
	form := newForm(f)
	f.Add("experience", "experience_date", "2026-06-08")
	f.Add("intentions", "intentions", strings.Repeat("x", 9000))
	f.Add("cssrs", "cssrs_q2", "1")
	f.Add("phq9", "phq9_9", "\xff\x00")
	f.Add("pcl5", "pcl5_3", "4")
	f.Fuzz(func(t *testing.T, step, name, value string) {
		a := form.DecodeStep(step, map[string][]string{name: {value}})
		for k, v := range a {
			if len([]rune(v)) > 2*4000+1 || strings.ContainsRune(v, 0) {
				t.Fatalf("%s decoded to %d runes or with NUL", k, len([]rune(v)))
			}
		}
		_ = form.ValidateStep(step, a, now)
	})
}

// TestSelfReportWording: the form speaks to the person answering, not to
// an interviewer, and says each questionnaire's reason once.
func TestSelfReportWording(t *testing.T) {
	for _, s := range newForm(t).Steps {
		if strings.Contains(s.Intro, "ask questions") || strings.Contains(s.Intro, "Ask questions") {
			t.Errorf("%s: interviewer's preamble in the introduction: %q", s.ID, s.Intro)
		}
		for _, q := range s.Questions {
			if strings.Contains(q.Label, "ask:") {
				t.Errorf("%s/%s: interviewer's instruction in %q", s.ID, q.Name, q.Label)
			}
			if strings.HasPrefix(s.ID, "cssrs") && !q.SaidOnce {
				t.Errorf("%s/%s: the reason would be repeated beside the item", s.ID, q.Name)
			}
		}
	}
}
