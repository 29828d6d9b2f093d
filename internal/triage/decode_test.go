package triage_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/triage"
)

var decodeNow = time.Date(2026, 3, 5, 12, 0, 0, 0, time.UTC)

// validJSON is a complete valid intake; cases edit it with strings.Replace.
const validJSON = `{"submitted_at": "2026-03-02T20:00:00Z",
 "experience": {"date": "2026-03-01T20:00:00Z", "substance": "psilocybin", "context": "legal_service"},
 "history": {"psychosis": "none", "bipolar": "none", "mood_episode_now": false, "substance_use": "none", "substance_use_in_remission": false},
 "current": {"has_therapist": true, "medical_emergency": false, "adverse_reaction": false},
 "cssrs": {"q1": false, "q2": false, "q3": false, "q4": false, "q5": false, "q6": false, "q6_within_3_months": false},
 "phq9": [0,0,0,0,0,0,0,0,0], "gad7": [0,0,0,0,0,0,0], "pcl5": [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]}`

const minimalJSON = `{"experience": {"date": "2026-03-01T20:00:00Z", "substance": "lsd", "context": "personal"}, "cssrs": {}}`

func edit(old, replacement string) string {
	if !strings.Contains(validJSON, old) {
		panic("test edit does not apply: " + old)
	}
	return strings.Replace(validJSON, old, replacement, 1)
}

func TestDecodeRejects(t *testing.T) {
	tests := []struct {
		name, input, wantField string
	}{
		{"empty", "", "intake"},
		{"whitespace", " \n\t ", "intake"},
		{"not json", "hello", "intake"},
		{"array", "[]", "intake"},
		{"null", "null", "intake"},
		{"trailing garbage", validJSON + " x", "intake"},
		{"second object", validJSON + validJSON, "intake"},
		{"truncated", validJSON[:40], "intake"},
		{"unknown top-level key", edit(`"phq9"`, `"phq10": 1, "phq9"`), "phq10"},
		{"empty key", `{"": 1}`, `""`},
		{"key with newline", `{"a\nb": 1}`, `"a\nb"`},
		{"nested empty key", edit(`"q1": false`, `"": false`), `cssrs.""`},
		{"duplicate key", edit(`"phq9"`, `"cssrs": {}, "phq9"`), "cssrs"},
		{"missing experience", `{"cssrs": {}}`, "experience"},
		{"null experience", edit(`"experience": {"date": "2026-03-01T20:00:00Z", "substance": "psilocybin", "context": "legal_service"}`, `"experience": null`), "experience"},
		{"experience not object", edit(`"experience": {"date": "2026-03-01T20:00:00Z", "substance": "psilocybin", "context": "legal_service"}`, `"experience": "yesterday"`), "experience"},
		{"missing experience.date", edit(`"date": "2026-03-01T20:00:00Z", `, ``), "experience.date"},
		{"missing experience.substance", edit(`"substance": "psilocybin", `, ``), "experience.substance"},
		{"missing experience.context", edit(`, "context": "legal_service"`, ``), "experience.context"},
		{"unknown experience key", edit(`"context": "legal_service"`, `"context": "legal_service", "dose": 2`), "experience.dose"},
		{"unknown substance", edit(`"psilocybin"`, `"caffeine"`), "experience.substance"},
		{"substance wrong case", edit(`"psilocybin"`, `"Psilocybin"`), "experience.substance"},
		{"unknown context", edit(`"legal_service"`, `"festival"`), "experience.context"},
		{"substance number", edit(`"psilocybin"`, `3`), "experience.substance"},
		{"date does not parse", edit(`"2026-03-01T20:00:00Z"`, `"2026-03-01"`), "experience.date"},
		{"date not a date", edit(`"2026-03-01T20:00:00Z"`, `"last night"`), "experience.date"},
		{"date null", edit(`"2026-03-01T20:00:00Z"`, `null`), "experience.date"},
		{"date after submitted_at", edit(`"2026-03-01T20:00:00Z"`, `"2026-03-02T20:00:01Z"`), "experience.date"},
		{"date after submitted_at across zones", edit(`"2026-03-01T20:00:00Z"`, `"2026-03-02T21:00:01+01:00"`), "experience.date"},
		{"date after now by default", strings.Replace(minimalJSON, "2026-03-01T20:00:00Z", "2026-03-05T12:00:01Z", 1), "experience.date"},
		{"submitted_at does not parse", edit(`"2026-03-02T20:00:00Z"`, `"tomorrow"`), "submitted_at"},
		{"submitted_at number", edit(`"2026-03-02T20:00:00Z"`, `1772481600`), "submitted_at"},
		{"missing cssrs", edit(`"cssrs": {"q1": false, "q2": false, "q3": false, "q4": false, "q5": false, "q6": false, "q6_within_3_months": false},`, ``), "cssrs"},
		{"null cssrs", edit(`"cssrs": {"q1": false, "q2": false, "q3": false, "q4": false, "q5": false, "q6": false, "q6_within_3_months": false}`, `"cssrs": null`), "cssrs"},
		{"cssrs array", edit(`"cssrs": {"q1": false, "q2": false, "q3": false, "q4": false, "q5": false, "q6": false, "q6_within_3_months": false}`, `"cssrs": [false]`), "cssrs"},
		{"cssrs string bool", edit(`"q4": false`, `"q4": "yes"`), "cssrs.q4"},
		{"cssrs number bool", edit(`"q1": false`, `"q1": 1`), "cssrs.q1"},
		{"cssrs unknown key", edit(`"q6_within_3_months": false`, `"q6_within_3_months": false, "q7": true`), "cssrs.q7"},
		{"history unknown value", edit(`"psychosis": "none"`, `"psychosis": "maybe"`), "history.psychosis"},
		{"history bipolar value", edit(`"bipolar": "none"`, `"bipolar": "bipolar_iii"`), "history.bipolar"},
		{"history substance_use value", edit(`"substance_use": "none"`, `"substance_use": "heavy"`), "history.substance_use"},
		{"history string bool", edit(`"mood_episode_now": false`, `"mood_episode_now": "false"`), "history.mood_episode_now"},
		{"history remission type", edit(`"substance_use_in_remission": false`, `"substance_use_in_remission": 0`), "history.substance_use_in_remission"},
		{"history unknown key", edit(`"psychosis": "none"`, `"psychosis": "none", "ptsd": true`), "history.ptsd"},
		{"history not object", edit(`{"psychosis": "none", "bipolar": "none", "mood_episode_now": false, "substance_use": "none", "substance_use_in_remission": false}`, `[]`), "history"},
		{"current typo key", edit(`"has_therapist": true`, `"has_therapst": true`), "current.has_therapst"},
		{"current string bool", edit(`"medical_emergency": false`, `"medical_emergency": "no"`), "current.medical_emergency"},
		{"current adverse type", edit(`"adverse_reaction": false`, `"adverse_reaction": []`), "current.adverse_reaction"},
		{"phq9 8 items", edit(`"phq9": [0,0,0,0,0,0,0,0,0]`, `"phq9": [0,0,0,0,0,0,0,0]`), "phq9"},
		{"phq9 10 items", edit(`"phq9": [0,0,0,0,0,0,0,0,0]`, `"phq9": [0,0,0,0,0,0,0,0,0,0]`), "phq9"},
		{"phq9 not array", edit(`"phq9": [0,0,0,0,0,0,0,0,0]`, `"phq9": 12`), "phq9"},
		{"phq9 item 4", edit(`"phq9": [0,0,0,0,0,0,0,0,0]`, `"phq9": [0,0,0,4,0,0,0,0,0]`), "phq9[3]"},
		{"phq9 item -1", edit(`"phq9": [0,0,0,0,0,0,0,0,0]`, `"phq9": [-1,0,0,0,0,0,0,0,0]`), "phq9[0]"},
		{"phq9 item 1.5", edit(`"phq9": [0,0,0,0,0,0,0,0,0]`, `"phq9": [0,0,0,0,0,0,0,0,1.5]`), "phq9[8]"},
		{"phq9 item 1.0", edit(`"phq9": [0,0,0,0,0,0,0,0,0]`, `"phq9": [1.0,0,0,0,0,0,0,0,0]`), "phq9[0]"},
		{"phq9 item 1e0", edit(`"phq9": [0,0,0,0,0,0,0,0,0]`, `"phq9": [0,1e0,0,0,0,0,0,0,0]`), "phq9[1]"},
		{"phq9 item string", edit(`"phq9": [0,0,0,0,0,0,0,0,0]`, `"phq9": [0,0,"1",0,0,0,0,0,0]`), "phq9[2]"},
		{"phq9 item null", edit(`"phq9": [0,0,0,0,0,0,0,0,0]`, `"phq9": [0,0,0,0,0,0,0,null,0]`), "phq9[7]"},
		{"phq9 huge", edit(`"phq9": [0,0,0,0,0,0,0,0,0]`, `"phq9": [99999999999999999999,0,0,0,0,0,0,0,0]`), "phq9[0]"},
		{"gad7 6 items", edit(`"gad7": [0,0,0,0,0,0,0]`, `"gad7": [0,0,0,0,0,0]`), "gad7"},
		{"gad7 item 4", edit(`"gad7": [0,0,0,0,0,0,0]`, `"gad7": [0,0,0,0,0,0,4]`), "gad7[6]"},
		{"pcl5 19 items", edit(`"pcl5": [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]`, `"pcl5": [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]`), "pcl5"},
		{"pcl5 item 5", edit(`"pcl5": [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]`, `"pcl5": [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5]`), "pcl5[19]"},
		{"far-future date", `{"submitted_at": "9999-12-31T23:59:59Z", "experience": {"date": "9999-12-30T00:00:00Z", "substance": "lsd", "context": "personal"}, "cssrs": {}}`, "experience.date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := triage.Decode(strings.NewReader(tt.input), decodeNow)
			var fe *triage.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("Decode error = %v, want a *FieldError for %s", err, tt.wantField)
			}
			if fe.Field != tt.wantField {
				t.Errorf("field = %q (%v), want %q", fe.Field, err, tt.wantField)
			}
			if !strings.HasPrefix(err.Error(), tt.wantField+": ") || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q, want one line starting with %q", err, tt.wantField+": ")
			}
		})
	}
}

func TestDecodeAccepts(t *testing.T) {
	tests := []struct {
		name  string
		input string
		check func(t *testing.T, in triage.Intake)
	}{
		{"full intake", validJSON, func(t *testing.T, in triage.Intake) {
			if !in.Current.HasTherapist || len(in.PHQ9) != 9 || len(in.GAD7) != 7 || len(in.PCL5) != 20 {
				t.Errorf("intake = %+v, want therapist and all three questionnaires", in)
			}
		}},
		{"minimal intake defaults", minimalJSON, func(t *testing.T, in triage.Intake) {
			want := triage.History{Psychosis: "none", Bipolar: "none", SubstanceUse: "none"}
			if in.History != want || in.Current != (triage.Current{}) || in.CSSRS != (triage.CSSRS{}) {
				t.Errorf("history, current, cssrs = %+v %+v %+v, want none and false", in.History, in.Current, in.CSSRS)
			}
			if in.PHQ9 != nil || in.GAD7 != nil || in.PCL5 != nil {
				t.Errorf("questionnaires = %v %v %v, want nil", in.PHQ9, in.GAD7, in.PCL5)
			}
			if !in.SubmittedAt.Equal(decodeNow) {
				t.Errorf("submitted_at = %v, want now %v", in.SubmittedAt, decodeNow)
			}
		}},
		{"experience equal to submitted_at", edit(`"2026-03-01T20:00:00Z"`, `"2026-03-02T20:00:00Z"`), nil},
		{"equal across zones", edit(`"2026-03-01T20:00:00Z"`, `"2026-03-02T22:00:00+02:00"`), nil},
		{"fractional seconds", edit(`"2026-03-01T20:00:00Z"`, `"2026-03-01T20:00:00.25Z"`), nil},
		{"lower-case t and z", edit(`"2026-03-01T20:00:00Z"`, `"2026-03-01t20:00:00z"`), nil},
		{"null optional fields", `{"submitted_at": null, "experience": {"date": "2026-03-01T20:00:00Z", "substance": "5-meo-dmt", "context": "ceremonial"},
			"history": null, "current": {"has_therapist": null}, "cssrs": {"q1": null}, "phq9": null, "gad7": null, "pcl5": null}`, nil},
		{"partial history", `{"experience": {"date": "2026-03-01T20:00:00Z", "substance": "other", "context": "clinical_trial"},
			"history": {"bipolar": "bipolar_ii"}, "cssrs": {"q6": true}}`, func(t *testing.T, in triage.Intake) {
			if in.History.Psychosis != "none" || in.History.Bipolar != "bipolar_ii" || !in.CSSRS.Q6 {
				t.Errorf("intake = %+v", in)
			}
		}},
		{"max item scores", edit(`"pcl5": [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]`, `"pcl5": [4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4]`), func(t *testing.T, in triage.Intake) {
			if got := triage.Sum(in.PCL5); got != 80 {
				t.Errorf("pcl5 total = %d, want 80", got)
			}
		}},
		{"every substance value", `{"experience": {"date": "2026-03-01T20:00:00Z", "substance": "ibogaine", "context": "unintentional"}, "cssrs": {}}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := triage.Decode(strings.NewReader(tt.input), decodeNow)
			if err != nil {
				t.Fatalf("Decode error = %v, want nil", err)
			}
			if tt.check != nil {
				tt.check(t, in)
			}
		})
	}
}

func TestDecodeEveryEnumValue(t *testing.T) {
	for _, s := range []string{"psilocybin", "mdma", "lsd", "ayahuasca", "ketamine", "dmt", "5-meo-dmt", "mescaline", "ibogaine", "other"} {
		for _, c := range []string{"clinical_trial", "legal_service", "ceremonial", "personal", "unintentional"} {
			input := `{"experience": {"date": "2026-03-01T20:00:00Z", "substance": "` + s + `", "context": "` + c + `"}, "cssrs": {}}`
			in, err := triage.Decode(strings.NewReader(input), decodeNow)
			if err != nil || in.Experience.Substance != s || in.Experience.Context != c {
				t.Errorf("Decode(%s, %s) = %+v, %v; want accepted", s, c, in.Experience, err)
			}
		}
	}
}

// FuzzDecode checks that no input panics, that every rejection is a
// one-line *FieldError, and that every accepted intake can be assessed and
// written as JSON.
func FuzzDecode(f *testing.F) {
	for _, seed := range []string{validJSON, minimalJSON, "", "{}", "null", "[1]", `{"cssrs":{}}`, validJSON + "}",
		`{"experience":{"date":"2026-03-01T20:00:00+14:00","substance":"dmt","context":"personal"},"cssrs":{"q6":true},"phq9":[3,3,3,3,3,3,3,3,3]}`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, input string) {
		in, err := triage.Decode(strings.NewReader(input), decodeNow)
		if err != nil {
			var fe *triage.FieldError
			if !errors.As(err, &fe) || fe.Field == "" || strings.ContainsAny(err.Error(), "\n\r") {
				t.Fatalf("error %q, want a one-line *FieldError", err)
			}
			return
		}
		res := triage.Assess(in)
		if res.Reasons == nil {
			t.Fatal("reasons is nil")
		}
		if _, err := json.Marshal(res); err != nil {
			t.Fatalf("result does not encode: %v", err)
		}
	})
}
