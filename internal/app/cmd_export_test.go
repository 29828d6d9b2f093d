package app_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/fhir/go/fhirversion"
	"github.com/google/fhir/go/jsonformat"

	"github.com/afterward/afterward/internal/demo"
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
		})
	}
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
