package web_test

import (
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestAccountsPage: the admin sees every account with its role, status,
// inviter, last sign-in and two-step; verifies a client-invited clinician
// (then offered to other clients) and deactivates a coach, whose session
// ends at once.
func TestAccountsPage(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	priya := srv.SignIn(t, "priya@riverbend.example.org")
	luca := clientID(t, srv, "luca.bianchi@psichiatria.example.org")
	priyaID := clientID(t, srv, "priya@riverbend.example.org")
	runScenarios(t, srv, []scenario{
		{name: "list", as: maya, method: "GET", path: "/admin/accounts", wantStatus: 200,
			want:    []string{"Dr. Luca Bianchi", "unverified", "Sofia Rossi", "(client)", `Verify<span class="visually-hidden"> Dr. Luca Bianchi`, `Deactivate<span class="visually-hidden"> Jonah Reyes`, "Last sign-in"},
			notWant: []string{`Deactivate<span class="visually-hidden"> Maya Alvarez`}},
		{name: "other clients are not offered the unverified clinician", as: elena, method: "GET", path: "/care-team", wantStatus: 200, notWant: []string{"Luca Bianchi"}},
		{name: "the inviting client is, marked unverified", as: "sofia@client.example.org", method: "GET", path: "/care-team", wantStatus: 200,
			want: []string{"Dr. Luca Bianchi (invited by you; not yet verified by the practice)"}},
		{name: "a coach has no accounts page", as: jonah, method: "GET", path: "/admin/accounts", wantStatus: 403},
		{name: "verify", as: maya, method: "POST", path: "/admin/accounts/" + luca + "/verify", wantStatus: 303},
		{name: "then every client is offered them", as: elena, method: "GET", path: "/care-team", wantStatus: 200, want: []string{"Dr. Luca Bianchi"}},
		{name: "deactivate a coach", as: maya, method: "POST", path: "/admin/accounts/" + priyaID + "/deactivate", wantStatus: 303},
		{name: "shown deactivated", as: maya, method: "GET", path: "/admin/accounts?done=deactivated", wantStatus: 200, want: []string{"deactivated", "reassign their clients"}},
	})
	if resp := apptest.Do(t, priya, "GET", srv.URL+"/dashboard", "", nil); resp.Status != 303 {
		t.Errorf("the deactivated coach's session: status %d, want 303 to sign in", resp.Status)
	}
}
