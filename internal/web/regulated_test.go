package web_test

import (
	"context"
	"fmt"
	"net/url"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/regulated"
	"github.com/afterward/afterward/internal/store"
)

// TestRegulatedScenarios: in the demo practice (Oregon's programme) the
// client's forms answer with an inline message on every field left out,
// the facilitator's session log names each missing field, and the admin's
// reports download as CSV for the programme the practice is under only.
func TestRegulatedScenarios(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) { regulatedScenarios(t, engine) })
	}
}

func regulatedScenarios(t *testing.T, engine store.Dialect) {
	srv := apptest.NewServer(t, engine)
	var elenaID int64
	if err := srv.App.DB.Reader().QueryRow(context.Background(), `SELECT id FROM users WHERE email = ?`, elena).Scan(&elenaID); err != nil {
		t.Fatal(err)
	}
	info, err := regulated.Lookup(practice.Oregon, "client-information")
	if err != nil {
		t.Fatal(err)
	}
	signed := "version=1&hash=" + info.Hash()
	records := fmt.Sprintf("/clients/%d/regulated", elenaID)
	yesterday := time.Now().Add(-30 * time.Hour).In(time.UTC)
	when := func(at time.Time) string {
		return url.QueryEscape(at.In(mustZone(t, "America/Los_Angeles")).Format("2006-01-02T15:04"))
	}
	runScenarios(t, srv, []scenario{
		{name: "the client lists Oregon's forms", as: elena, method: "GET", path: "/forms", wantStatus: 200,
			want: []string{"Client information form", "Transportation plan", "Consent to supportive touch", "SB 303 client data form", "download your copy"}},
		{name: "every unanswered question is named inline", as: elena, method: "POST", path: "/forms/client-information", body: signed, wantStatus: 422,
			want: []string{`id="lithium-error"`, `id="diagnoses-error"`, `id="name-error"`, "answer yes or no", "Please check 9 answers"}},
		{name: "a stale version is refused with the current one shown", as: elena, method: "POST", path: "/forms/client-information", body: "version=1&hash=old", wantStatus: 422,
			want: []string{"this form changed while you were filling it"}},
		{name: "a form of another programme goes back to the list", as: elena, method: "GET", path: "/forms/safety-screen", wantStatus: 303},
		{name: "the facilitator reads the log", as: jonah, method: "GET", path: records, wantStatus: 200,
			want: []string{"OR-PSI-24-01877", "25 mg psilocybin", "single dose", "Integration session offered."}},
		{name: "an administration without product or dose is refused naming them", as: jonah, method: "POST", path: records + "/sessions",
			body: "kind=administration&started_at=" + when(yesterday) + "&ended_at=" + when(yesterday.Add(5*time.Hour)), wantStatus: 422,
			want: []string{`id="product_id-error"`, `id="amount-error"`, `id="dose-error"`, `id="transport-error"`}},
		{name: "a denial needs a reason", as: jonah, method: "POST", path: records + "/denials", body: "reason=", wantStatus: 422, want: []string{`id="reason-error"`}},
		{name: "the admin reads no clinical records without break-glass", as: maya, method: "GET", path: records, wantStatus: 403},
		{name: "a coach downloads no report", as: jonah, method: "GET", path: "/reports/regulated/oregon.csv", wantStatus: 403},
		{name: "a bad quarter is named", as: maya, method: "GET", path: "/reports/regulated/oregon.csv?quarter=2026-Q9", wantStatus: 422, want: []string{`id="quarter-error"`, "choose a quarter such as 2026-Q4"}},
		{name: "the quarterly report downloads", as: maya, method: "GET", path: "/reports/regulated/oregon.csv", wantStatus: 200, wantType: "text/csv",
			want: []string{"practice,quarter,measure,category,count", "clients_served,all,", "counts from 1 to 10 are shown as <11"}, notWant: []string{"Elena", "Marsh"}},
		{name: "Colorado's export is for Colorado practices", as: maya, method: "GET", path: "/reports/regulated/colorado.csv", wantStatus: 409},
	})
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
