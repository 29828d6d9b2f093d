package api_test

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/afterward/afterward/internal/api"
)

// TestOpenAPIMatchesRoutes: the document is valid and describes exactly the
// routes the server registers, method by method.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(api.OpenAPI())
	if err != nil {
		t.Fatalf("parse openapi.json: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.json is not valid: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1") {
		t.Errorf("openapi version %q, want 3.1.x", doc.OpenAPI)
	}
	var documented []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			documented = append(documented, method+" "+path)
		}
	}
	var registered []string
	for _, rt := range api.New(api.Deps{}).Routes() {
		if !strings.Contains(rt.Pattern, " ") {
			continue // the catch-all that answers unknown API paths with problem+json
		}
		registered = append(registered, rt.Pattern)
	}
	sort.Strings(documented)
	sort.Strings(registered)
	if strings.Join(documented, "\n") != strings.Join(registered, "\n") {
		t.Errorf("OpenAPI paths and routes differ:\ndocumented:\n  %s\nregistered:\n  %s",
			strings.Join(documented, "\n  "), strings.Join(registered, "\n  "))
	}
}
