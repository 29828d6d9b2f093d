package web_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/questionnaire"
	"github.com/afterward/afterward/internal/store"
)

const (
	sam       = "sam@riverbend.example.org" // coach of Marcus and Hannah
	hannah    = "hannah@client.example.org"
	clinician = "rachel.green@clinic.example.org"
)

func userID(t *testing.T, srv *apptest.Server, email string) int64 {
	t.Helper()
	var id int64
	if err := srv.App.DB.Reader().QueryRow(context.Background(), `SELECT id FROM users WHERE email = ?`, email).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestProgressScenarios walks questionnaires, charts and practice outcomes
// as each kind of visitor, on both engines.
func TestProgressScenarios(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) { runProgressScenarios(t, engine) })
	}
}

func runProgressScenarios(t *testing.T, engine store.Dialect) {
	srv := apptest.NewServer(t, engine)
	srv.SeedOtherPractice(t)
	ctx := context.Background()
	var otherPractice int64
	_ = srv.App.DB.Reader().QueryRow(ctx, `SELECT id FROM practices WHERE slug = 'northside'`).Scan(&otherPractice)
	if err := srv.App.DB.InTx(ctx, func(tx *store.Tx) error {
		_, err := srv.App.Questionnaires.GenerateSynthetic(ctx, tx, questionnaire.GenOptions{PracticeID: otherPractice, Clients: 7, Seed: 3, Now: time.Now().UTC()})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	hannahProgress := fmt.Sprintf("/clients/%d/scores", userID(t, srv, hannah))
	all8 := "item1=1&item2=1&item3=1&item4=1&item5=1&item6=1&item7=1&item8=1"
	tests := []scenario{
		{name: "admin sees outcomes", as: maya, method: "GET", path: "/admin/outcomes", wantStatus: 200,
			want:    []string{"Observational, not causal", "own records", "Demo data.", "Patient Health Questionnaire (PHQ-9)", "Odds ratio (Woolf)", "Fisher", "adjusted for baseline severity", "Benefit maintained at 12 months"},
			notWant: []string{"Rates hidden"}},
		{name: "coach refused outcomes", as: jonah, method: "GET", path: "/admin/outcomes", wantStatus: 403},
		{name: "client refused outcomes", as: elena, method: "GET", path: "/admin/outcomes", wantStatus: 403},
		{name: "clinician refused outcomes", as: clinician, method: "GET", path: "/admin/outcomes", wantStatus: 403},
		{name: "small practice: figures hidden", as: apptest.OtherAdmin, method: "GET", path: "/admin/outcomes", wantStatus: 200,
			want: []string{"Rates hidden", "Comparison hidden"}, notWant: []string{"Odds ratio (Woolf)</dt>"}},
		{name: "api outcomes for admin", as: maya, method: "GET", path: "/api/v1/outcomes", wantStatus: 200, wantType: "application/json",
			want: []string{`"odds_ratio"`, `"p_fisher"`, `"instrument":"phq9"`, `"observational"`}},
		{name: "api small practice hides", as: apptest.OtherAdmin, method: "GET", path: "/api/v1/outcomes", wantStatus: 200,
			want: []string{`"response_rate":null`, `"dose":null`, `"n":null`}},
		{name: "api outcomes refused to coach", as: jonah, method: "GET", path: "/api/v1/outcomes", wantStatus: 403, wantType: "application/problem+json"},
		{name: "research export", as: maya, method: "GET", path: "/admin/outcomes/export.csv", wantStatus: 200, wantType: "text/csv",
			want: []string{"subject,instrument,timepoint,date_shifted", "S0"}, notWant: []string{"Past client", "Hannah", "example.org"}},
		{name: "export refused to coach", as: jonah, method: "GET", path: "/admin/outcomes/export.csv", wantStatus: 403},
		{name: "client sees due check-ins", as: elena, method: "GET", path: "/measures", wantStatus: 200,
			want: []string{"Patient Health Questionnaire (PHQ-9)", "/measures/phq9", "Baseline", "not watched around the clock"}},
		{name: "questionnaire form", as: elena, method: "GET", path: "/measures/phq9", wantStatus: 200,
			want: []string{"<fieldset", "<legend>", "Little interest or pleasure in doing things", `type="radio"`, "Nearly every day"}},
		{name: "C-SSRS keeps its notice", as: elena, method: "GET", path: "/measures/cssrs", wantStatus: 200, want: []string{"© 2008 The Research Foundation for Mental Hygiene"}},
		{name: "licence-gated instrument absent", as: elena, method: "GET", path: "/measures/meq30", wantStatus: 404},
		{name: "coach cannot answer", as: jonah, method: "GET", path: "/measures/phq9", wantStatus: 403},
		{name: "missing item 9 kept answers", as: elena, method: "POST", path: "/measures/phq9", body: all8, wantStatus: 422,
			want: []string{"answer question 9", `aria-invalid="true"`, `id="item1-1" name="item1" value="1" checked`}},
		{name: "item 9 calls the safety response", as: elena, method: "POST", path: "/measures/phq9", body: all8 + "&item9=1", wantStatus: 200,
			want: []string{"Thank you", "Your coach has been asked to contact you today", "/crisis"}},
		{name: "coach sees client's chart", as: sam, method: "GET", path: hannahProgress, wantStatus: 200,
			want: []string{"Progress: Hannah Novak", `role="img"`, "<desc", "marker-reliable", "marker-mcid", `class="band"`, "<caption>", "Printable report"}},
		{name: "client sees own chart", as: hannah, method: "GET", path: hannahProgress, wantStatus: 200, want: []string{"WHO-5", "Higher scores are better"}},
		{name: "other coach gets not found", as: jonah, method: "GET", path: hannahProgress, wantStatus: 404, notWant: []string{"Hannah"}},
		{name: "admin needs break-glass for a chart", as: maya, method: "GET", path: hannahProgress, wantStatus: 403},
		{name: "clinician without consent", as: clinician, method: "GET", path: hannahProgress, wantStatus: 404},
		{name: "progress pdf", as: sam, method: "GET", path: hannahProgress + ".pdf", wantStatus: 200, wantType: "application/pdf", want: []string{"%PDF-"}},
	}
	runScenarios(t, srv, tests)
}

// TestProgressPDFPages renders the report with pdftoppm and checks that
// every page has ink on it.
func TestProgressPDFPages(t *testing.T) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Fatal("pdftoppm (poppler-utils) is required: apt-get install poppler-utils")
	}
	srv := apptest.NewServer(t, store.SQLite)
	c := srv.SignIn(t, hannah)
	resp := apptest.Do(t, c, "GET", fmt.Sprintf("%s/clients/%d/scores.pdf", srv.URL, userID(t, srv, hannah)), "", nil)
	if resp.Status != 200 {
		t.Fatalf("status %d", resp.Status)
	}
	dir := apptest.OutputDir(t, "progress-pdf")
	pdf := filepath.Join(dir, "report.pdf")
	if err := os.WriteFile(pdf, []byte(resp.Body), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-png", "-r", "50", pdf, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "page-*.png"))
	if len(pages) == 0 {
		t.Fatal("no pages rendered")
	}
	for _, p := range pages {
		if frac := inkFraction(t, p); frac < 0.01 {
			t.Errorf("%s: %.4f of pixels are not white, want a drawn page", filepath.Base(p), frac)
		}
	}
}
