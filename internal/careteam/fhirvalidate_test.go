package careteam_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/fhir/go/fhirversion"
	"github.com/google/fhir/go/jsonformat"

	"github.com/afterward/afterward/internal/careteam"
)

// The import validates with our own R4 checks; this test holds them to
// Google's complete implementation on the same inputs, so the two cannot
// drift apart unnoticed.
func TestValidateQuestionnaireResponseR4(t *testing.T) {
	item := `{"linkId":"1","answer":[{"valueInteger":2}]}`
	qr := func(extra string) string {
		return `{"resourceType":"QuestionnaireResponse","status":"completed","questionnaire":"https://afterward.dev/fhir/Questionnaire/phq9","authored":"2026-01-02T10:00:00Z","item":[` + item + `]` + extra + `}`
	}
	cases := []struct {
		name, body string
		valid      bool
	}{
		{"minimal", qr(""), true},
		{"with id, meta, subject and a primitive extension", qr(`,"id":"qr-1.a","meta":{"versionId":"1"},"subject":{"reference":"Patient/1"},"_authored":{"extension":[]}`), true},
		{"date only", strings.Replace(qr(""), "2026-01-02T10:00:00Z", "2026-01", 1), true},
		{"nested items and codings", `{"resourceType":"QuestionnaireResponse","status":"amended","item":[{"linkId":"g","item":[{"linkId":"1","answer":[{"valueCoding":{"system":"http://loinc.org","code":"LA6568-5"}}]}]}]}`, true},
		{"not JSON", "{", false},
		{"two values", qr("") + "{}", false},
		{"unknown element", qr(`,"score":3`), false},
		{"misspelt item element", strings.Replace(qr(""), `"linkId"`, `"linkid"`, 1), false},
		{"missing status", strings.Replace(qr(""), `"status":"completed",`, "", 1), false},
		{"status outside the value set", strings.Replace(qr(""), `"completed"`, `"done"`, 1), false},
		{"dateTime without a zone", strings.Replace(qr(""), "2026-01-02T10:00:00Z", "2026-01-02T10:00:00", 1), false},
		{"impossible month", strings.Replace(qr(""), "2026-01-02T10:00:00Z", "2026-13-02", 1), false},
		{"bad id", qr(`,"id":"has space"`), false},
		{"answer with two values", strings.Replace(qr(""), `"valueInteger":2`, `"valueInteger":2,"valueString":"two"`, 1), false},
		{"answer with no value (0..1 in R4)", strings.Replace(qr(""), `"valueInteger":2`, ``, 1), true},
		{"item is not an array", strings.Replace(qr(""), `"item":[`+item+`]`, `"item":`+item, 1), false},
		{"status is an object", strings.Replace(qr(""), `"completed"`, `{"code":"completed"}`, 1), false},
	}
	um, err := jsonformat.NewUnmarshaller("UTC", fhirversion.R4)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := careteam.ValidateQuestionnaireResponseR4([]byte(tc.body))
			if got := err == nil; got != tc.valid {
				t.Errorf("ours: valid = %v (%v), want %v", got, err, tc.valid)
			}
			_, gerr := um.UnmarshalR4([]byte(tc.body))
			if got := gerr == nil; got != tc.valid {
				t.Errorf("google/fhir: valid = %v (%v), want %v: the case itself is wrong", got, gerr, tc.valid)
			}
		})
	}
	t.Run("another resource type", func(t *testing.T) {
		err := careteam.ValidateQuestionnaireResponseR4([]byte(`{"resourceType":"Patient","id":"p"}`))
		if !errors.Is(err, careteam.ErrNotQuestionnaireResponse) {
			t.Errorf("err = %v, want ErrNotQuestionnaireResponse", err)
		}
	})
}

// FuzzValidateQuestionnaireResponseR4: any input gives an answer, never a
// panic, and whatever passes also decodes as JSON.
func FuzzValidateQuestionnaireResponseR4(f *testing.F) {
	f.Add(`{"resourceType":"QuestionnaireResponse","status":"completed","item":[{"linkId":"1","answer":[{"valueInteger":1}]}]}`)
	f.Add(`{"resourceType":"QuestionnaireResponse","status":"amended","item":[{"linkId":"g","item":[{"linkId":"1"}]}],"_status":{}}`)
	f.Add(`{"resourceType":"Patient"}`)
	f.Add(`[]`)
	f.Fuzz(func(t *testing.T, body string) {
		if err := careteam.ValidateQuestionnaireResponseR4([]byte(body)); err == nil && !json.Valid([]byte(body)) {
			t.Errorf("accepted invalid JSON %q", body)
		}
	})
}
