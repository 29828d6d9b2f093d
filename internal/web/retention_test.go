package web_test

import (
	"context"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
)

// TestRetentionAndDestruction: the admin's Retention page lists the demo
// client whose last session was over five years ago; destroying a record
// inside the period is refused naming the period; a destruction needs
// whose request it is and a confirmation, then issues a certificate that
// names no one; and in an Oregon practice a client's own erasure request
// is refused naming the rule.
func TestRetentionAndDestruction(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			srv := apptest.NewServer(t, engine)
			srv.SeedOtherPractice(t)
			withoutProgramme(t, srv)
			ruth := clientID(t, srv, "ruth@client.example.org")
			elenaID := clientID(t, srv, elena)
			runScenarios(t, srv, []scenario{
				{name: "the list", as: maya, method: "GET", path: "/admin/retention", wantStatus: 200,
					want: []string{"Records past retention", "Ruth Ellison", "Destroy records", "No records have been destroyed yet"}, notWant: []string{"Elena Marsh"}},
				{name: "coaches have no retention page", as: jonah, method: "GET", path: "/admin/retention", wantStatus: 403},
				{name: "inside the period is refused", as: maya, method: "POST", path: "/admin/retention", body: "client=" + elenaID + "&requested_by=client&confirm=yes",
					wantStatus: 409, want: []string{"5-year retention period until"}},
				{name: "whose request and a confirmation", as: maya, method: "POST", path: "/admin/retention", body: "client=" + ruth,
					wantStatus: 422, want: []string{"say whose request this is", "tick the box to confirm"}},
				{name: "destroyed", as: maya, method: "POST", path: "/admin/retention", body: "client=" + ruth + "&requested_by=client&confirm=yes", wantStatus: 303},
				{name: "the certificate names no one", as: maya, method: "GET", path: "/admin/retention", wantStatus: 200,
					want:    []string{"Certificate ", "Client #" + ruth + " (no name is kept)", "the client", "1 appointments", "Digest of the records (SHA-256)"},
					notWant: []string{"Ruth Ellison", "ruth@client.example.org"}},
				{name: "a second destruction is refused", as: maya, method: "POST", path: "/admin/retention", body: "client=" + ruth + "&requested_by=client&confirm=yes",
					wantStatus: 409, want: []string{"already destroyed"}},
			})
			var cert string
			if err := srv.App.DB.Reader().QueryRow(context.Background(), `SELECT CAST(id AS TEXT) FROM destruction_certificates WHERE client_id = ?`, ruth).Scan(&cert); err != nil {
				t.Fatalf("the certificate: %v", err)
			}
			pdf := "/admin/retention/certificates/" + cert + "/pdf"
			runScenarios(t, srv, []scenario{
				{name: "the page links the certificate's PDF", as: maya, method: "GET", path: "/admin/retention", wantStatus: 200, want: []string{pdf}},
				{name: "the admin downloads it", as: maya, method: "GET", path: pdf, wantStatus: 200, wantType: "application/pdf", want: []string{"%PDF"}},
				{name: "a coach cannot", as: jonah, method: "GET", path: pdf, wantStatus: 403},
				{name: "another practice's admin cannot", as: apptest.OtherAdmin, method: "GET", path: pdf, wantStatus: 404},
			})
			var n int
			if err := srv.App.DB.Reader().QueryRow(context.Background(), `SELECT COUNT(*) FROM users WHERE id = ? AND name = 'Erased client' AND email LIKE '%@erased.invalid'`, ruth).Scan(&n); err != nil || n != 1 {
				t.Errorf("the destroyed client's account: %d anonymised (%v); want 1", n, err)
			}
			if _, err := srv.App.DB.Write.Exec(srv.App.DB.Rebind(`UPDATE practices SET programme = 'oregon' WHERE id = (SELECT practice_id FROM users WHERE email = ?)`), elena); err != nil {
				t.Fatal(err)
			}
			runScenarios(t, srv, []scenario{
				{name: "an Oregon client's erasure waits for the retention period", as: elena, method: "POST", path: "/privacy/erasure", body: "confirm=yes",
					wantStatus: 409, want: []string{"Oregon&#39;s psilocybin services rules (OAR 333-333)", "can be destroyed on request from"}},
			})
		})
	}
}

// withoutProgramme takes the demo practice (Oregon's programme since the
// regulated records) back to none, for tests of what every practice does.
func withoutProgramme(t *testing.T, srv *apptest.Server) {
	t.Helper()
	if _, err := srv.App.DB.Write.Exec(`UPDATE practices SET programme = 'none'`); err != nil {
		t.Fatalf("setting no programme: %v", err)
	}
}
