package web_test

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestLicensedInstrumentScenarios: with the deployment's (test-only)
// wording file, MEQ-30 is refused until an admin records a licence; then
// the client answers it, it is scored and charted.
func TestLicensedInstrumentScenarios(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) { licensedScenarios(t, engine) })
	}
}

func licensedScenarios(t *testing.T, engine store.Dialect) {
	wording, err := filepath.Abs(filepath.Join("..", "app", "testdata", "wording"))
	if err != nil {
		t.Fatal(err)
	}
	srv := apptest.NewServerWith(t, engine, apptest.Options{Env: map[string]string{"AFTERWARD_INSTRUMENT_WORDING_DIR": wording}})
	var answers []string
	for i := 1; i <= 30; i++ {
		answers = append(answers, "item"+strconv.Itoa(i)+"=3")
	}
	body := strings.Join(answers, "&")
	scores := "/clients/" + clientID(t, srv, elena) + "/scores"
	runScenarios(t, srv, []scenario{
		{name: "admin sees it disabled with its licence", as: maya, method: "GET", path: "/admin/instruments", wantStatus: 200,
			want: []string{"Revised Mystical Experience Questionnaire", "Disabled until licensed", "Wording supplied by this deployment", "use needs the authors"}},
		{name: "coach cannot switch it", as: jonah, method: "POST", path: "/admin/instruments/meq30/enable", body: "ref=x", wantStatus: 403},
		{name: "a disabled instrument is refused to the client", as: elena, method: "GET", path: "/measures/meq30", wantStatus: 404},
		{name: "enabling needs a reference, inline", as: maya, method: "POST", path: "/admin/instruments/meq30/enable", body: "ref=+", wantStatus: 422,
			want: []string{"enter the licence or permission reference", `id="ref-meq30-error"`}},
		{name: "admin enables it under a reference", as: maya, method: "POST", path: "/admin/instruments/meq30/enable", body: "ref=Test+permission+2026-01", wantStatus: 303},
		{name: "the page says who, under what and when", as: maya, method: "GET", path: "/admin/instruments?done=enabled", wantStatus: 200,
			want: []string{"Enabled for this deployment", "Test permission 2026-01", "by Maya Alvarez"}},
		{name: "the client now reads the deployment's wording", as: elena, method: "GET", path: "/measures/meq30", wantStatus: 200,
			want: []string{"Test item 1 (placeholder wording)", "Test item 30"}},
		{name: "and answers it; it is scored", as: elena, method: "POST", path: "/measures/meq30", body: body, wantStatus: 200, want: []string{"90 (test high)"}},
		{name: "and charted", as: elena, method: "GET", path: scores, wantStatus: 200, want: []string{"Revised Mystical Experience Questionnaire", "<svg"}},
		{name: "switched off again", as: maya, method: "POST", path: "/admin/instruments/meq30/disable", wantStatus: 303},
		{name: "and refused again", as: elena, method: "GET", path: "/measures/meq30", wantStatus: 404},
	})
}
