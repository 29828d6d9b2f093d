package app_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// questionnaireResponses returns the QuestionnaireResponses of a bundle.
func questionnaireResponses(t *testing.T, bundle string) []map[string]any {
	t.Helper()
	var b struct {
		Entry []struct {
			Resource map[string]any `json:"resource"`
		} `json:"entry"`
	}
	if err := json.Unmarshal([]byte(bundle), &b); err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	for _, e := range b.Entry {
		if e.Resource["resourceType"] == "QuestionnaireResponse" && e.Resource["item"] != nil {
			out = append(out, e.Resource)
		}
	}
	return out
}

// TestImportFHIRRoundTrip: a QuestionnaireResponse exported for one client
// imports for another, scores the same and appears in their bundle.
func TestImportFHIRRoundTrip(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := run(t, "", nil, "demo", "--no-serve", "--data-dir", dir); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	from, to := "hannah@client.example.org", "lucia@client.example.org"
	_, bundle, _ := run(t, "", nil, "export", "fhir", "--client", from, "--data-dir", dir)
	qrs := questionnaireResponses(t, bundle)
	if len(qrs) == 0 {
		t.Fatalf("%s has no QuestionnaireResponse with items to import", from)
	}
	_, before, _ := run(t, "", nil, "export", "fhir", "--client", to, "--data-dir", dir)
	for _, qr := range qrs {
		body, _ := json.Marshal(qr)
		code, stdout, stderr := run(t, string(body), nil, "import", "fhir", "--client", to, "--data-dir", dir)
		if code != 0 {
			t.Fatalf("import: code %d, %s", code, stderr)
		}
		var got struct {
			Client, Instrument string
			ResponseID         int64 `json:"response_id"`
			Total              *int
		}
		if err := json.Unmarshal([]byte(stdout), &got); err != nil || !strings.HasSuffix(stdout, "}\n") {
			t.Fatalf("output %q: %v", stdout, err)
		}
		want := 0
		for _, it := range qr["item"].([]any) {
			want += int(it.(map[string]any)["answer"].([]any)[0].(map[string]any)["valueInteger"].(float64))
		}
		if got.Client != to || !strings.HasSuffix(qr["questionnaire"].(string), "/"+got.Instrument) || got.Total == nil || *got.Total != want && got.Instrument != "who5" {
			t.Errorf("imported %+v, want client %s, instrument of %s, total %d", got, to, qr["questionnaire"], want)
		}
	}
	_, after, _ := run(t, "", nil, "export", "fhir", "--client", to, "--data-dir", dir)
	if got, want := len(questionnaireResponses(t, after)), len(questionnaireResponses(t, before))+len(qrs); got != want {
		t.Errorf("%s has %d responses after import, want %d", to, got, want)
	}
}

func TestImportFHIRBadInput(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := run(t, "", nil, "demo", "--no-serve", "--data-dir", dir); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	qr := func(questionnaire, authored string, answers ...string) string {
		items := make([]string, len(answers))
		for i, a := range answers {
			items[i] = fmt.Sprintf(`{"linkId":"item%d","answer":[{%s}]}`, i+1, a)
		}
		return fmt.Sprintf(`{"resourceType":"QuestionnaireResponse","status":"completed","questionnaire":%q,"authored":%q,"item":[%s]}`,
			questionnaire, authored, strings.Join(items, ","))
	}
	ints := func(n, v int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf(`"valueInteger":%d`, v)
		}
		return out
	}
	phq9 := "https://afterward.dev/fhir/Questionnaire/phq9"
	cases := []struct {
		name, stdin, want string
		args              []string
	}{
		{"no sub-verb", "", "usage: afterward import fhir", nil},
		{"wrong sub-verb", "", "usage: afterward import fhir", []string{"csv"}},
		{"no client", qr(phq9, "2026-01-02", ints(9, 1)...), "--client is required", []string{"fhir"}},
		{"not JSON", "{", "not valid FHIR R4", []string{"fhir", "--client", "elena@client.example.org"}},
		{"a Patient", `{"resourceType":"Patient","id":"p"}`, "not a QuestionnaireResponse", []string{"fhir", "--client", "elena@client.example.org"}},
		{"invalid R4 (bad status)", strings.Replace(qr(phq9, "2026-01-02", ints(9, 1)...), `"completed"`, `"done"`, 1), "not valid FHIR R4", []string{"fhir", "--client", "elena@client.example.org"}},
		{"in progress", strings.Replace(qr(phq9, "2026-01-02", ints(9, 1)...), `"completed"`, `"in-progress"`, 1), "want completed", []string{"fhir", "--client", "elena@client.example.org"}},
		{"unknown questionnaire", qr("http://example.org/Questionnaire/mood", "2026-01-02", ints(9, 1)...), "is not one of", []string{"fhir", "--client", "elena@client.example.org"}},
		{"licensed instrument not importable", qr("https://afterward.dev/fhir/Questionnaire/cssrs", "2026-01-02", ints(7, 0)...), "is not one of", []string{"fhir", "--client", "elena@client.example.org"}},
		{"too few items", qr(phq9, "2026-01-02", ints(8, 1)...), "needs 9 answered items", []string{"fhir", "--client", "elena@client.example.org"}},
		{"answer above the scale", qr(phq9, "2026-01-02", ints(9, 4)...), "do not fit phq9", []string{"fhir", "--client", "elena@client.example.org"}},
		{"fractional answer", qr(phq9, "2026-01-02", append(ints(8, 1), `"valueDecimal":1.5`)...), "not a whole number", []string{"fhir", "--client", "elena@client.example.org"}},
		{"authored in the future", qr(phq9, "2099-01-02", ints(9, 1)...), "in the future", []string{"fhir", "--client", "elena@client.example.org"}},
		{"unknown client", qr(phq9, "2026-01-02", ints(9, 1)...), "no client with that email", []string{"fhir", "--client", "nobody@example.org"}},
		{"staff is not a client", qr(phq9, "2026-01-02", ints(9, 1)...), "no client with that email", []string{"fhir", "--client", "jonah@riverbend.example.org"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"import"}, tc.args...)
			if len(tc.args) > 1 {
				args = append(args, "--data-dir", dir)
			}
			code, stdout, stderr := run(t, tc.stdin, nil, args...)
			checkUsageError(t, code, stdout, stderr, tc.want)
		})
	}
}

func TestImportFHIRLOINC(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := run(t, "", nil, "demo", "--no-serve", "--data-dir", dir); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	// A GAD-7 from another system: LOINC panel canonical, LOINC answer
	// codes, and the other system's own total item, which is ignored.
	codes := []string{"LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9", "LA6569-3", "LA6568-5", "LA6570-1"}
	var items []string
	for i, c := range codes {
		items = append(items, fmt.Sprintf(`{"linkId":"/69737-5/%d","answer":[{"valueCoding":{"system":"http://loinc.org","code":%q}}]}`, i, c))
	}
	items = append(items, `{"linkId":"/70274-6","answer":[{"valueInteger":9}]}`)
	body := `{"resourceType":"QuestionnaireResponse","status":"completed","questionnaire":"http://loinc.org/q/69737-5","authored":"2026-01-05T10:00:00Z","item":[` + strings.Join(items, ",") + `]}`
	code, stdout, stderr := run(t, body, nil, "import", "fhir", "--client", "david@client.example.org", "--data-dir", dir)
	if code != 0 {
		t.Fatalf("import: %s", stderr)
	}
	var got struct {
		Instrument string
		Total      int
		AnsweredAt string `json:"answered_at"`
	}
	_ = json.Unmarshal([]byte(stdout), &got)
	if got.Instrument != "gad7" || got.Total != 9 || got.AnsweredAt != "2026-01-05T10:00:00Z" {
		t.Errorf("got %+v, want gad7 total 9 at 2026-01-05T10:00:00Z", got)
	}
}
