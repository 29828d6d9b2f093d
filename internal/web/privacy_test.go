package web_test

import (
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestPrivacyJourney: a client sees their access history, downloads their
// data and schedules then cancels erasure; an admin needs a written reason
// for break-glass, and the client sees it.
func TestPrivacyJourney(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) { privacyJourney(t, engine) })
	}
}

func privacyJourney(t *testing.T, engine store.Dialect) {
	srv := apptest.NewServer(t, engine)
	withoutProgramme(t, srv) // an Oregon practice keeps records 5 years (TestRetentionAndDestruction)
	client, coach, admin := srv.SignIn(t, elena), srv.SignIn(t, jonah), srv.SignIn(t, maya)
	steps := []struct {
		name       string
		as         string
		method     string
		path, body string
		wantStatus int
		want       []string
		notWant    []string
	}{
		{"client sees privacy page", elena, "GET", "/privacy", "", 200, []string{"Who accessed your record", "Download my data"}, nil},
		{"coach has no privacy page for clients", jonah, "GET", "/privacy", "", 403, nil, nil},
		{"export is the client's own data", elena, "GET", "/privacy/export", "", 200, []string{`"afterward-export/1"`, "elena@client.example.org",
			`"regulated_records"`, `"signed_forms"`, `"transportation-plan"`, `"session_log"`, `"product_id": "OR-PSI-24-01877"`, `"amount": "25 mg psilocybin"`,
			`"dose": "single"`, "Ana has a new number since I signed this"}, []string{"david@client.example.org", "OR-PSI-24-01502"}},
		{"export appears in access history", elena, "GET", "/privacy", "", 200, []string{"exported your record"}, nil},
		{"coach cannot break glass", jonah, "POST", "/admin/break-glass", "client=1&reason=because+I+want+to+read+it&minutes=15", 403, nil, nil},
		{"break-glass needs a reason", maya, "POST", "/admin/break-glass", "client=" + "CLIENT" + "&reason=short&minutes=15", 422, []string{"write why you need access"}, nil},
		{"break-glass needs a valid duration", maya, "POST", "/admin/break-glass", "client=CLIENT&reason=Safety+concern+reported+by+phone+tonight&minutes=600", 422, []string{"choose 15, 30 or 60 minutes"}, nil},
		{"break-glass granted", maya, "POST", "/admin/break-glass", "client=CLIENT&reason=Safety+concern+reported+by+phone+tonight&minutes=30", 303, nil, nil},
		{"client sees the break-glass reason", elena, "GET", "/privacy", "", 200, []string{"Maya Alvarez", "Safety concern reported by phone tonight", "used emergency access to your record"}, nil},
		{"erasure needs confirmation", elena, "POST", "/privacy/erasure", "confirm=", 422, []string{"tick the box", `id="erase-confirm-error"`, "Who accessed your record"}, nil},
		{"erasure scheduled", elena, "POST", "/privacy/erasure", "confirm=yes", 303, nil, nil},
		{"erasure shown with date", elena, "GET", "/privacy", "", 200, []string{"Your content will be erased on", "Keep my content"}, nil},
		{"second erasure is a conflict", elena, "POST", "/privacy/erasure", "confirm=yes", 409, nil, nil},
		{"erasure cancelled", elena, "POST", "/privacy/erasure/cancel", "", 303, nil, nil},
		{"erasure gone", elena, "GET", "/privacy", "", 200, []string{"Erase my content"}, []string{"will be erased on"}},
	}
	clients := map[string]*httpClient{elena: client, jonah: coach, maya: admin}
	elenaID := clientID(t, srv, "elena@client.example.org")
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			body := strings.ReplaceAll(st.body, "CLIENT", elenaID)
			resp := apptest.Do(t, clients[st.as], st.method, srv.URL+st.path, body, nil)
			if resp.Status != st.wantStatus {
				t.Fatalf("status = %d, want %d; body: %.400s", resp.Status, st.wantStatus, resp.Body)
			}
			for _, w := range st.want {
				if !strings.Contains(resp.Body, w) {
					t.Errorf("body lacks %q", w)
				}
			}
			for _, w := range st.notWant {
				if strings.Contains(resp.Body, w) {
					t.Errorf("body contains %q", w)
				}
			}
		})
	}
}
