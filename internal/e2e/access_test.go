package e2e_test

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// rule is a route's access policy as the test knows it. Every registered
// route must have one: a route without an entry fails this test.
type rule struct {
	public bool           // anyone, signed in or not
	roles  []account.Role // signed-in roles that may use it (nil with public)
	// idIn names where a client id goes ("path:client", "body:client",
	// "query:client"); the test swaps in ids of clients the actor may and
	// may not see, and the answer must follow policy.Decide.
	idIn     string
	category policy.Category
	action   policy.Action
	body     string // form body to send (the id is appended when idIn is body:)
}

var everyone = []account.Role{account.Admin, account.Coach, account.Client, account.Clinician}

var (
	admins       = []account.Role{account.Admin}
	billingRoles = []account.Role{account.Admin, account.Coach, account.Client} // not clinicians
)

// routeRules: one line per route. Keep in the order of routes.go.
var routeRules = map[string]rule{
	"GET /static/{hash}/{name}":                        {public: true},
	"GET /{$}":                                         {public: true},
	"GET /crisis":                                      {public: true},
	"GET /signin":                                      {public: true},
	"POST /signin":                                     {public: true, body: "email=x%40example.org&password=wrong-password-1"},
	"POST /signout":                                    {roles: everyone},
	"GET /dashboard":                                   {roles: everyone},
	"GET /privacy":                                     {roles: []account.Role{account.Client}},
	"GET /privacy/export":                              {roles: []account.Role{account.Client}},
	"GET /privacy/fhir":                                {roles: []account.Role{account.Client}},
	"POST /privacy/erasure":                            {roles: []account.Role{account.Client}, body: "confirm="},
	"POST /privacy/erasure/cancel":                     {roles: []account.Role{account.Client}},
	"GET /care-team":                                   {roles: []account.Role{account.Client}},
	"POST /care-team/consents":                         {roles: []account.Role{account.Client}, body: "purpose=x"},
	"POST /care-team/consents/{consent}/revoke":        {roles: []account.Role{account.Client}, idIn: "path:consent", category: policy.Roster, action: policy.Write},
	"GET /care-team/clients/{client}":                  {roles: []account.Role{account.Clinician}, idIn: "path:client", category: policy.Attendance, action: policy.Read},
	"GET /admin/break-glass":                           {roles: []account.Role{account.Admin}},
	"POST /admin/break-glass":                          {roles: []account.Role{account.Admin}, idIn: "body:client", category: policy.Roster, action: policy.Write, body: "reason=Access+test+with+a+long+enough+reason&minutes=15"},
	"GET /billing":                                     {roles: billingRoles},
	"POST /billing/sessions":                           {roles: []account.Role{account.Admin, account.Coach}, idIn: "body:client_id", category: policy.Attendance, action: policy.Write, body: "length_minutes=60&held_on=2026-01-05"},
	"POST /billing/periods":                            {roles: admins, body: "from=2020-01-01&to=2020-01-31"},
	"GET /billing/invoices/{invoice}":                  {roles: billingRoles, idIn: "path:invoice", category: policy.Billing, action: policy.Read},
	"GET /billing/invoices/{invoice}/pdf":              {roles: billingRoles, idIn: "path:invoice", category: policy.Billing, action: policy.Read},
	"POST /billing/invoices/{invoice}/payments":        {roles: admins, idIn: "path:invoice", category: policy.Billing, action: policy.Write, body: "amount=0.01&method=cash&received_on=2026-01-05"},
	"POST /billing/invoices/{invoice}/credit-notes":    {roles: admins, idIn: "path:invoice", category: policy.Billing, action: policy.Write, body: "credit_amount=0.01&reason=access+test"},
	"POST /billing/invoices/{invoice}/checkout":        {roles: []account.Role{account.Admin, account.Client}, idIn: "path:invoice", category: policy.Billing, action: policy.Read},
	"GET /billing/invoices/{invoice}/checkout":         {roles: billingRoles, idIn: "path:invoice", category: policy.Billing, action: policy.Read},
	"GET /billing/payments/{payment}/receipt":          {roles: billingRoles, idIn: "path:payment", category: policy.Billing, action: policy.Read},
	"POST /billing/payments/{payment}/refunds":         {roles: admins, idIn: "path:payment", category: policy.Billing, action: policy.Write, body: "refund_amount=0.01&refund_reason=access+test"},
	"POST /billing/fees/{fee}/waive":                   {roles: admins, idIn: "path:fee", category: policy.Billing, action: policy.Write, body: "waive_reason=access+test"},
	"GET /billing/statement":                           {roles: []account.Role{account.Admin, account.Client}, idIn: "query:client", category: policy.Billing, action: policy.Read},
	"GET /billing/reports":                             {roles: admins},
	"GET /billing/reports/csv":                         {roles: admins},
	"GET /billing/setup":                               {roles: admins},
	"POST /billing/setup/settings":                     {roles: admins, body: "currency=USD&payment_terms_days=14&invoicing=session&late_cancel_percent=50&no_show_percent=100&circle_fee=40"},
	"POST /billing/setup/fees":                         {roles: admins, body: "coach_id=0&length_minutes=60&amount=100"},
	"POST /billing/setup/tiers":                        {roles: admins, body: "name=Access+test&discount_percent=10"},
	"POST /billing/setup/assignments":                  {roles: admins, idIn: "body:client_id", category: policy.Billing, action: policy.Write, body: "tier_id=0"},
	"POST /billing/setup/packages":                     {roles: admins, idIn: "body:client_id", category: policy.Billing, action: policy.Write, body: "name=Two&sessions=2&price=1&expires_on=2099-01-01"},
	"GET /api/v1/billing/invoices":                     {roles: billingRoles},
	"POST /api/v1/billing/invoices/{invoice}/payments": {roles: admins, idIn: "path:invoice", category: policy.Billing, action: policy.Write, body: `{"amount": 1, "method": "cash"}`},
	"GET /api/v1/openapi.json":                         {public: true},
	"GET /api/v1/me":                                   {roles: everyone},
	"GET /api/v1/clients":                              {roles: []account.Role{account.Admin, account.Coach}},
	"/api/":                                            {public: true},
	"GET /healthz":                                     {public: true},
	"GET /readyz":                                      {public: true},
	"GET /metrics":                                     {public: true},
}

type actor struct {
	email string
	role  account.Role
	id    int64
	who   policy.Actor
	http  *http.Client
}

// TestRouteAccess checks every registered route against every role and
// against records owned by someone else (IDOR), in two practices.
func TestRouteAccess(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	srv.SeedOtherPractice(t)
	for _, pattern := range srv.App.Routes {
		if _, ok := routeRules[pattern]; !ok {
			t.Errorf("route %q has no access rule: add it to routeRules with the roles that may use it", pattern)
		}
	}
	actors := signInAll(t, srv)
	clients := []string{"elena@client.example.org", "david@client.example.org", "omar@client.example.org", apptest.OtherClient}
	cases := 0
	patterns := append([]string(nil), srv.App.Routes...)
	sort.Strings(patterns)
	for _, pattern := range patterns {
		r := routeRules[pattern]
		for _, a := range actors {
			targets := []string{""}
			if r.idIn != "" {
				targets = clients
			}
			for _, target := range targets {
				cases++
				checkAccess(t, srv, pattern, r, a, target, actors)
			}
		}
	}
	t.Logf("route × role × ownership cases tested: %d (%d routes, %d actors incl. anonymous, 2 practices)", cases, len(patterns), len(actors))
}

func signInAll(t *testing.T, srv *apptest.Server) []actor {
	emails := []string{"", "elena@client.example.org", "david@client.example.org", "jonah@riverbend.example.org", "priya@riverbend.example.org",
		"maya@riverbend.example.org", "rachel.green@clinic.example.org", apptest.OtherAdmin, apptest.OtherCoach, apptest.OtherClient}
	var out []actor
	for _, email := range emails {
		a := actor{email: email, http: srv.SignIn(t, email)}
		if email != "" {
			u := lookupUser(t, srv, email)
			a.role, a.id, a.who = u.Role, u.ID, policy.ActorOf(u)
		}
		out = append(out, a)
	}
	return out
}

func lookupUser(t *testing.T, srv *apptest.Server, email string) account.User {
	t.Helper()
	var id int64
	if err := srv.App.DB.Reader().QueryRow(context.Background(), `SELECT id FROM users WHERE email = ?`, email).Scan(&id); err != nil {
		t.Fatalf("user %s: %v", email, err)
	}
	u, err := srv.App.Accounts.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func checkAccess(t *testing.T, srv *apptest.Server, pattern string, r rule, a actor, target string, actors []actor) {
	t.Helper()
	method, path := splitPattern(pattern)
	var targetID int64
	body := r.body
	if target != "" {
		targetID = lookupUser(t, srv, target).ID
		id, ok := resourceOf(t, srv, r.idIn, targetID)
		if !ok {
			return // this client has no such resource
		}
		switch where, name, _ := strings.Cut(r.idIn, ":"); where {
		case "path":
			path = strings.ReplaceAll(path, "{"+name+"}", id)
		case "query":
			path += "?" + name + "=" + id
		case "body":
			body = strings.TrimPrefix(body+"&"+name+"="+id, "&")
		}
	}
	resp := apptest.Do(t, a.http, method, srv.URL+path, body, nil)
	label := fmt.Sprintf("%s as %q on client %q", pattern, a.email, target)
	if resp.Status >= 500 {
		t.Errorf("%s: status %d (a server error)", label, resp.Status)
		return
	}
	if r.public {
		// Public routes answer anyone; a 401 for a wrong password or a 404
		// for an unknown file is their normal answer, so only refusals by
		// role (403) and server errors are wrong here.
		if resp.Status == 403 {
			t.Errorf("%s: status 403 on a public route", label)
		}
		return
	}
	allowed := hasRole(r.roles, a.role)
	if allowed && target != "" {
		allowed = policy.Decide(context.Background(), srv.App.DB.Reader(), a.who, targetID, r.category, r.action, time.Now().UTC()) == nil
	}
	denied := resp.Status == 401 || resp.Status == 403 || resp.Status == 404 ||
		(resp.Status == 303 && resp.Header.Get("Location") == "/signin")
	switch {
	case allowed && denied:
		t.Errorf("%s: status %d, want the route to be allowed", label, resp.Status)
	case !allowed && !denied:
		t.Errorf("%s: status %d, want it refused", label, resp.Status)
	case !allowed && target != "" && a.email != "" && hasRole(r.roles, a.role) && resp.Status != 404 && !sameTenantAdmin(a, srv, targetID):
		t.Errorf("%s: status %d, want 404 (another person's record must not reveal that it exists)", label, resp.Status)
	}
}

// sameTenantAdmin: an admin may be told "forbidden" about their own
// practice's client (they manage the roster and know the client exists).
func sameTenantAdmin(a actor, srv *apptest.Server, clientID int64) bool {
	if a.role != account.Admin {
		return false
	}
	var practiceID int64
	_ = srv.App.DB.Reader().QueryRow(context.Background(), `SELECT practice_id FROM clients WHERE user_id = ?`, clientID).Scan(&practiceID)
	return practiceID == a.who.PracticeID
}

// resourceOf returns the id to put in the request for a client: the client
// id itself, or the id of a record the client owns (kind from idIn).
func resourceOf(t *testing.T, srv *apptest.Server, idIn string, clientID int64) (string, bool) {
	_, kind, _ := strings.Cut(idIn, ":")
	query, ok := ownedBy[kind]
	if !ok {
		return strconv.FormatInt(clientID, 10), true
	}
	var id int64
	if err := srv.App.DB.Reader().QueryRow(context.Background(), query, clientID).Scan(&id); err != nil {
		return "", false
	}
	return strconv.FormatInt(id, 10), true
}

// ownedBy finds one record of a kind owned by a client.
var ownedBy = map[string]string{
	"consent": `SELECT MIN(id) FROM consents WHERE client_id = ? HAVING MIN(id) IS NOT NULL`,
	"invoice": `SELECT MIN(id) FROM invoices WHERE client_id = ? AND kind = 'invoice' HAVING MIN(id) IS NOT NULL`,
	"payment": `SELECT MIN(id) FROM payments WHERE client_id = ? AND kind = 'payment' HAVING MIN(id) IS NOT NULL`,
	"fee":     `SELECT MIN(id) FROM billing_lines WHERE client_id = ? AND source_kind = 'fee' HAVING MIN(id) IS NOT NULL`,
}

func splitPattern(p string) (method, path string) {
	method, path, ok := strings.Cut(p, " ")
	if !ok {
		return "GET", p
	}
	path = strings.TrimSuffix(path, "{$}")
	path = strings.ReplaceAll(path, "{hash}", "0000")
	path = strings.ReplaceAll(path, "{name}", "app.css")
	return method, path
}

func hasRole(roles []account.Role, r account.Role) bool {
	for _, x := range roles {
		if x == r {
			return true
		}
	}
	return false
}
