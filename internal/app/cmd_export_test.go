package app_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/fhir/go/fhirversion"
	"github.com/google/fhir/go/jsonformat"

	"github.com/afterward/afterward/internal/careteam"
	"github.com/afterward/afterward/internal/demo"
	"github.com/afterward/afterward/internal/store"
)

// TestExportFHIRValidates: the bundle of every demo client parses and
// validates in Google's independent FHIR R4 implementation, and every
// reference resolves inside the bundle.
func TestExportFHIRValidates(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := run(t, "", nil, "demo", "--no-serve", "--data-dir", dir); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	um, err := jsonformat.NewUnmarshaller("UTC", fhirversion.R4)
	if err != nil {
		t.Fatal(err)
	}
	logins := demoClients()
	if len(logins) < 12 {
		t.Fatalf("only %d demo clients", len(logins))
	}
	db, err := store.Open(context.Background(), filepath.Join(dir, "afterward.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	seen := map[string]bool{}
	for _, email := range logins {
		t.Run(email, func(t *testing.T) {
			code, stdout, stderr := run(t, "", nil, "export", "fhir", "--client", email, "--data-dir", dir)
			if code != 0 {
				t.Fatalf("export: code %d, %s", code, stderr)
			}
			if _, err := um.UnmarshalR4([]byte(stdout)); err != nil {
				t.Fatalf("bundle does not validate as FHIR R4: %v", err)
			}
			checkReferences(t, stdout)
			got := resourceCounts(t, stdout)
			for typ, want := range expectedCounts(t, db, email) {
				if got[typ] != want {
					t.Errorf("%s: %d in the bundle, want %d", typ, got[typ], want)
				}
				seen[typ] = seen[typ] || want > 0
			}
		})
	}
	// The demo must exercise every contributor at least once.
	for _, typ := range []string{"Appointment", "Encounter", "CarePlan", "Goal", "QuestionnaireResponse", "Observation", "ServiceRequest", "DocumentReference", "Procedure"} {
		if !seen[typ] {
			t.Errorf("no demo client has a %s", typ)
		}
	}
}

func resourceCounts(t *testing.T, bundle string) map[string]int {
	t.Helper()
	var b struct {
		Entry []struct {
			Resource struct {
				ResourceType string `json:"resourceType"`
			} `json:"resource"`
		} `json:"entry"`
	}
	if err := json.Unmarshal([]byte(bundle), &b); err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, e := range b.Entry {
		out[e.Resource.ResourceType]++
	}
	return out
}

// expectedCounts counts, straight from the database, the records each
// resource type stands for.
func expectedCounts(t *testing.T, db *store.DB, email string) map[string]int {
	t.Helper()
	queries := map[string]string{
		"Appointment":           `SELECT COUNT(*) FROM appointments WHERE client_id = ?`,
		"Encounter":             `SELECT COUNT(*) FROM appointments WHERE client_id = ? AND status = 'held'`,
		"CarePlan":              `SELECT COUNT(*) FROM plans WHERE client_id = ?`,
		"Goal":                  `SELECT COUNT(*) FROM intentions WHERE client_id = ?`,
		"QuestionnaireResponse": `SELECT COUNT(*) FROM measure_responses WHERE client_id = ?`,
		"Observation":           `SELECT COUNT(*) FROM measure_responses WHERE client_id = ? AND total IS NOT NULL`,
		"ServiceRequest":        `SELECT COUNT(*) FROM referrals r WHERE ` + careteam.ReferralsOfClient,
		"DocumentReference": `SELECT (SELECT COUNT(*) FROM care_summaries WHERE client_id = ? AND status = 'approved') +
			(SELECT COUNT(*) FROM regulated_forms WHERE client_id = ?)`,
		"Procedure": `SELECT COUNT(*) FROM regulated_sessions WHERE client_id = ?`,
	}
	var id int64
	ctx := context.Background()
	if err := db.Reader().QueryRow(ctx, `SELECT id FROM users WHERE email = ?`, email).Scan(&id); err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for typ, q := range queries {
		var n int
		args := []any{id}
		if strings.Count(q, "?") == 2 {
			args = append(args, id)
		}
		if err := db.Reader().QueryRow(ctx, q, args...).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[typ] = n
	}
	return out
}

func demoClients() []string {
	var out []string
	for _, l := range demoLogins() {
		if l.Role == "client" {
			out = append(out, l.Email)
		}
	}
	return out
}

func demoLogins() []demo.Login { return demo.Logins() }

// checkReferences finds every "reference" value and checks that the bundle
// holds that resource.
func checkReferences(t *testing.T, bundle string) {
	t.Helper()
	var b struct {
		Type  string `json:"type"`
		Entry []struct {
			Resource json.RawMessage `json:"resource"`
		} `json:"entry"`
	}
	if err := json.Unmarshal([]byte(bundle), &b); err != nil {
		t.Fatal(err)
	}
	if b.Type != "collection" {
		t.Errorf("bundle type %q, want collection", b.Type)
	}
	have := map[string]bool{}
	var refs []string
	for _, e := range b.Entry {
		var r map[string]any
		_ = json.Unmarshal(e.Resource, &r)
		have[r["resourceType"].(string)+"/"+r["id"].(string)] = true
		collectRefs(r, &refs)
	}
	for _, ref := range refs {
		if !have[ref] {
			t.Errorf("reference %q does not resolve inside the bundle", ref)
		}
	}
	if !have["Patient/"+strings.TrimPrefix(firstPatient(have), "Patient/")] {
		t.Error("bundle has no Patient")
	}
}

func firstPatient(have map[string]bool) string {
	for k := range have {
		if strings.HasPrefix(k, "Patient/") {
			return k
		}
	}
	return ""
}

func collectRefs(v any, out *[]string) {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			if s, ok := val.(string); ok && k == "reference" {
				*out = append(*out, s)
			} else {
				collectRefs(val, out)
			}
		}
	case []any:
		for _, val := range x {
			collectRefs(val, out)
		}
	}
}
