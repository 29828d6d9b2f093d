package careteam_test

import (
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/careteam"
	"github.com/afterward/afterward/internal/measure"
)

func registry(t testing.TB) *measure.Registry {
	t.Helper()
	reg, err := measure.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

func TestParseQuestionnaireResponse(t *testing.T) {
	reg := registry(t)
	items := func(n int, answer string) string {
		parts := make([]string, n)
		for i := range parts {
			parts[i] = `{"linkId":"q","answer":[{` + answer + `}]}`
		}
		return strings.Join(parts, ",")
	}
	doc := func(q, its string) string {
		return `{"resourceType":"QuestionnaireResponse","status":"completed","questionnaire":"` + q + `","item":[` + its + `]}`
	}
	cases := []struct {
		name, in, instrument, errWant string
		sum                           int
	}{
		{"our canonical", doc("https://afterward.dev/fhir/Questionnaire/phq9", items(9, `"valueInteger":2`)), "phq9", "", 18},
		{"versioned canonical", doc("https://afterward.dev/fhir/Questionnaire/gad7|1.0", items(7, `"valueInteger":1`)), "gad7", "", 7},
		{"LOINC panel", doc("http://loinc.org/q/44249-1", items(9, `"valueCoding":{"code":"LA6571-9"}`)), "phq9", "", 27},
		{"nested groups", doc("x/Questionnaire/who5", `{"linkId":"g","item":[`+items(5, `"valueInteger":3`)+`]}`), "who5", "", 15},
		{"other system's total skipped", doc("http://loinc.org/q/44249-1", items(9, `"valueInteger":1`)+`,{"linkId":"44261-6","answer":[{"valueInteger":9}]}`), "phq9", "", 9},
		{"unanswered items skipped", doc("x/Questionnaire/gad7", items(7, `"valueInteger":0`)+`,{"linkId":"note"}`), "gad7", "", 0},
		{"wrong type", `{"resourceType":"Observation"}`, "", "want QuestionnaireResponse", 0},
		{"no questionnaire", doc("", items(9, `"valueInteger":1`)), "", "names no questionnaire", 0},
		{"two answers", doc("x/Questionnaire/gad7", `{"linkId":"a","answer":[{"valueInteger":1},{"valueInteger":2}]}`), "", "want one", 0},
		{"string answer", doc("x/Questionnaire/gad7", items(7, `"valueString":"often"`)), "", "answer must be", 0},
		{"unknown code", doc("x/Questionnaire/gad7", items(7, `"valueCoding":{"code":"LA0000-0"}`)), "", "not a known scale value", 0},
		{"huge integer", doc("x/Questionnaire/gad7", items(7, `"valueInteger":99999999999`)), "", "out of range", 0},
		{"bad authored", strings.Replace(doc("x/Questionnaire/gad7", items(7, `"valueInteger":1`)), `"status"`, `"authored":"yesterday","status"`, 1), "", "not a FHIR dateTime", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := careteam.ParseQuestionnaireResponse([]byte(tc.in), reg.Lookup)
			if tc.errWant != "" {
				if err == nil || !strings.Contains(err.Error(), tc.errWant) {
					t.Fatalf("error %v, want it to mention %q", err, tc.errWant)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			sum := 0
			for _, a := range got.Answers {
				sum += a
			}
			if got.Instrument != tc.instrument || sum != tc.sum {
				t.Errorf("got %s sum %d, want %s sum %d", got.Instrument, sum, tc.instrument, tc.sum)
			}
		})
	}
}

func FuzzParseQuestionnaireResponse(f *testing.F) {
	reg := registry(f)
	for _, seed := range []string{
		`{"resourceType":"QuestionnaireResponse","status":"completed","questionnaire":"x/Questionnaire/gad7","item":[{"linkId":"a","answer":[{"valueInteger":1}]}]}`,
		`{"resourceType":"QuestionnaireResponse","status":"amended","questionnaire":"http://loinc.org/q/44249-1","authored":"2026-01-01","item":[{"linkId":"g","item":[{"linkId":"b","answer":[{"valueDecimal":2}]}]}]}`,
		`{}`, `[]`, `null`, ``,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := careteam.ParseQuestionnaireResponse(data, reg.Lookup)
		if err != nil {
			return
		}
		def, ok := reg.Lookup(got.Instrument)
		if !ok || len(got.Answers) != def.ItemCount {
			t.Errorf("accepted %q as %s with %d answers", data, got.Instrument, len(got.Answers))
		}
	})
}
