package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/audit"
)

// TestConsentJourney: a client shares with a clinician, who sees exactly
// the shared categories; the client sees the view in their access history,
// revokes, and the clinician's next request is refused and audited.
func TestConsentJourney(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			srv := apptest.NewServer(t, engine)
			david := "david@client.example.org"
			c, dr := srv.SignIn(t, david), srv.SignIn(t, rachel)
			davidID, rachelID := clientID(t, srv, david), clientID(t, srv, rachel)
			record := srv.URL + "/care-team/clients/" + davidID
			step := func(name string, hc *httpClient, method, url, body string, status int, want, notWant []string) string {
				t.Helper()
				resp := apptest.Do(t, hc, method, url, body, nil)
				if resp.Status != status {
					t.Fatalf("%s: status %d, want %d; %.300s", name, resp.Status, status, resp.Body)
				}
				for _, w := range want {
					if !strings.Contains(resp.Body, w) {
						t.Errorf("%s: body lacks %q", name, w)
					}
				}
				for _, w := range notWant {
					if strings.Contains(resp.Body, w) {
						t.Errorf("%s: body has %q", name, w)
					}
				}
				return resp.Body
			}
			step("not shared yet", dr, "GET", record, "", 404, nil, nil)
			step("grant needs categories", c, "POST", srv.URL+"/care-team/consents", "recipient="+rachelID+"&purpose=coordinating+care", 422,
				[]string{"choose at least one thing to share"}, nil)
			step("grant needs a future end", c, "POST", srv.URL+"/care-team/consents", "recipient="+rachelID+"&categories=scores&purpose=x&ends_on=2001-01-01", 422,
				[]string{"choose a date in the future"}, nil)
			step("grant", c, "POST", srv.URL+"/care-team/consents", "recipient="+rachelID+"&categories=attendance&categories=scores&purpose=Coordinating+care", 303, nil, nil)
			step("clinician lists the client", dr, "GET", srv.URL+"/dashboard", "", 200, []string{"David Chen"}, nil)
			step("clinician sees exactly what was shared", dr, "GET", record, "", 200,
				[]string{"Sessions: booked, held and missed", "Questionnaire scores", "<svg"}, []string{"Journal entries", "Safety alerts", "Summaries"})
			step("client sees the view", c, "GET", srv.URL+"/privacy", "", 200, []string{"Dr. Rachel Green"}, nil)
			var consent string
			_ = srv.App.DB.Reader().QueryRow(context.Background(), `SELECT CAST(MAX(id) AS TEXT) FROM consents WHERE client_id = ?`, davidID).Scan(&consent)
			step("another client cannot revoke it", srv.SignIn(t, elena), "POST", srv.URL+"/care-team/consents/"+consent+"/revoke", "", 404, nil, nil)
			step("revoke", c, "POST", srv.URL+"/care-team/consents/"+consent+"/revoke", "", 303, nil, nil)
			step("clinician refused after revocation", dr, "GET", record, "", 404, nil, nil)
			step("client list no longer shows it", dr, "GET", srv.URL+"/dashboard", "", 200, nil, []string{"David Chen"})
			events, err := audit.ListForClient(context.Background(), srv.App.DB.Reader(), mustInt(davidID), 50)
			if err != nil {
				t.Fatal(err)
			}
			var viewed, revoked, denied bool
			var revokedAt int64
			for _, e := range events {
				if e.Action == "consent_revoked" {
					revoked, revokedAt = true, e.ID
				}
			}
			for _, e := range events {
				viewed = viewed || (e.ResourceType == "care_team_view" && e.Outcome == audit.OutcomeOK)
				denied = denied || (e.ResourceType == "care_team_view" && e.Outcome == audit.OutcomeDenied && e.ID > revokedAt)
			}
			if !viewed || !revoked || !denied {
				t.Errorf("audit: viewed=%v revoked=%v denied-after-revocation=%v, want all recorded", viewed, revoked, denied)
			}
		})
	}
}
