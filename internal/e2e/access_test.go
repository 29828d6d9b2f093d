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

// routeRules: one line per route. Keep in the order of routes.go.
var routeRules = map[string]rule{
	"GET /static/{hash}/{name}":          {public: true},
	"GET /{$}":                           {public: true},
	"GET /crisis":                        {public: true},
	"GET /signin":                        {public: true},
	"POST /signin":                       {public: true, body: "email=x%40example.org&password=wrong-password-1"},
	"POST /signout":                      {roles: everyone},
	"GET /dashboard":                     {roles: everyone},
	"GET /privacy":                       {roles: []account.Role{account.Client}},
	"GET /privacy/export":                {roles: []account.Role{account.Client}},
	"POST /privacy/erasure":              {roles: []account.Role{account.Client}, body: "confirm="},
	"POST /privacy/erasure/cancel":       {roles: []account.Role{account.Client}},
	"GET /admin/break-glass":             {roles: []account.Role{account.Admin}},
	"POST /admin/break-glass":            {roles: []account.Role{account.Admin}, idIn: "body:client", category: policy.Roster, action: policy.Write, body: "reason=Access+test+with+a+long+enough+reason&minutes=15"},
	"GET /measures":                      {roles: []account.Role{account.Client}},
	"GET /measures/{instrument}":         {roles: []account.Role{account.Client}},
	"POST /measures/{instrument}":        {roles: []account.Role{account.Client}, body: "item1=0"},
	"GET /clients/{client}/progress":     {roles: everyone, idIn: "path:client", category: policy.Scores, action: policy.Read},
	"GET /clients/{client}/questionnaire.pdf": {roles: everyone, idIn: "path:client", category: policy.Scores, action: policy.Read},
	"GET /admin/outcomes":                {roles: []account.Role{account.Admin}},
	"GET /admin/outcomes/export.csv":     {roles: []account.Role{account.Admin}},
	"GET /api/v1/outcomes":               {roles: []account.Role{account.Admin}},
	"GET /api/v1/openapi.json":           {public: true},
	"GET /api/v1/me":                     {roles: everyone},
	"GET /api/v1/clients":                {roles: []account.Role{account.Admin, account.Coach}},
	"/api/":                              {public: true},
	"GET /healthz":                       {public: true},
	"GET /readyz":                        {public: true},
	"GET /metrics":                       {public: true},
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
		id := strconv.FormatInt(targetID, 10)
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

func splitPattern(p string) (method, path string) {
	method, path, ok := strings.Cut(p, " ")
	if !ok {
		return "GET", p
	}
	path = strings.TrimSuffix(path, "{$}")
	path = strings.ReplaceAll(path, "{hash}", "0000")
	path = strings.ReplaceAll(path, "{name}", "app.css")
	path = strings.ReplaceAll(path, "{instrument}", "phq9")
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
