package e2e_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// TestRouteAccess sends every registered route as every actor (anonymous
// and each role of two practices), naming records of both practices, and
// checks each answer against the route's declared access (httpx.Access)
// and policy.Decide. The routes come from the router itself, so a new
// route is covered as soon as it declares its access; nothing here needs
// to change unless it names a new kind of record (add it to recordKinds).
// It ends with one line counting only the requests actually sent.
func TestRouteAccess(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) { testRouteAccess(t, engine) })
	}
}

func testRouteAccess(t *testing.T, engine store.Dialect) {
	srv := apptest.NewServer(t, engine)
	srv.SeedOtherPractice(t)
	srv.SeedRecordsOfEveryKind(t)
	run := &accessRun{t: t, srv: srv}
	run.actors = signInAll(t, srv)
	routes := orderForSessions(srv.App.Routes)
	run.targets = loadTargets(t, srv, routes, run.actors)
	for _, rt := range routes {
		for _, a := range run.actors {
			sent := run.sendAll(rt, a)
			if sent == 0 {
				run.fail("%s as %q: no request sent", rt.Pattern, a.email)
			}
			run.pairs++
		}
	}
	if want := len(routes) * len(run.actors); run.pairs != want {
		t.Errorf("route × actor pairs tried: %d, want %d", run.pairs, want)
	}
	t.Logf("route access: %d requests sent, %d routes, %d actors, %s, %d unexpected", run.sent, len(routes), len(run.actors), engine, run.unexpected)
}

type accessRun struct {
	t          *testing.T
	srv        *apptest.Server
	actors     []actor
	targets    map[string][]target // by record kind
	sent       int
	pairs      int
	unexpected int
}

func (r *accessRun) fail(format string, args ...any) {
	r.t.Helper()
	r.unexpected++
	r.t.Errorf(format, args...)
}

type actor struct {
	email string
	role  account.Role
	who   policy.Actor
	http  *http.Client
}

// target is one record a request names: its id, the client it belongs to
// (0 for records of a practice or a coach), the coach it belongs to, and
// its practice.
type target struct {
	id, client, coach, practice int64
}

// sendAll sends the route as one actor, once per record of the route's
// kind (or once when it names none), and returns how many were sent.
func (r *accessRun) sendAll(rt httpx.Declared, a actor) int {
	targets := []target{{}}
	if rt.Access.Record != "" {
		targets = r.targets[rt.Access.Record]
	}
	for _, tg := range targets {
		r.check(rt, a, tg)
		r.sent++
	}
	return len(targets)
}

func (r *accessRun) check(rt httpx.Declared, a actor, tg target) {
	r.t.Helper()
	method, path, body := requestFor(rt, tg)
	allowed, hidden := r.expect(rt.Access, a, tg)
	client := a.http
	signsOut := signsOutRoutes[rt.Pattern]
	if signsOut && a.email != "" {
		client = r.srv.SignIn(r.t, a.email)
	}
	resp := apptest.Do(r.t, client, method, r.srv.URL+path, body, nil)
	label := fmt.Sprintf("%s %s as %q (record %+v)", method, path, a.email, tg)
	if resp.Status >= 500 {
		r.fail("%s: status %d (a server error)", label, resp.Status)
		return
	}
	if rt.Access.IsPublic() {
		// A 401 for a wrong password or a 404 for an unknown token is a
		// public route's normal answer; a refusal by role is not.
		if resp.Status == http.StatusForbidden {
			r.fail("%s: status 403 on a public route", label)
		}
		return
	}
	denied := resp.Status == 401 || resp.Status == 403 || resp.Status == 404 ||
		(resp.Status == 303 && resp.Header.Get("Location") == "/signin")
	switch {
	case allowed && denied:
		r.fail("%s: status %d, want the route to be allowed", label, resp.Status)
	case !allowed && !denied:
		r.fail("%s: status %d, want it refused", label, resp.Status)
	case !allowed && hidden && resp.Status != http.StatusNotFound:
		r.fail("%s: status %d, want 404 (another person's record must not reveal that it exists)", label, resp.Status)
	}
}

// expect decides, from the declared access and the policy as it stands
// now (before the request changes anything), whether the actor may use
// the route on this record, and whether a refusal must look like "not
// found".
func (r *accessRun) expect(acc httpx.Access, a actor, tg target) (allowed, hidden bool) {
	if a.email == "" || !acc.Allows(a.role) {
		return false, false
	}
	switch {
	case acc.Record == "":
		return true, false
	case acc.Category != "":
		err := policy.Decide(context.Background(), r.srv.App.DB.Reader(), a.who, tg.client, acc.Category, acc.Action, time.Now().UTC())
		// An admin may be told "forbidden" about their own practice's
		// client: they manage the roster and know the client exists.
		sameTenantAdmin := a.role == account.Admin && a.who.PracticeID == tg.practice
		return err == nil, err != nil && !sameTenantAdmin
	case tg.coach != 0 && a.role == account.Coach:
		return a.who.UserID == tg.coach, a.who.UserID != tg.coach
	default:
		return a.who.PracticeID == tg.practice, a.who.PracticeID != tg.practice
	}
}

// fixedParams fill path parameters that name no record.
var fixedParams = map[string]string{
	"{hash}": "0000", "{name}": "app.css", "{step}": "experience", "{kind}": "journal",
	"{file}": "nothing.ics", "{instrument}": "phq9", "{token}": "not-a-real-token", "{slug}": "riverbend",
	"{form}": "client-information",
}

var pathParam = regexp.MustCompile(`\{[a-z_]+\}`)

// requestFor builds the request: the record id goes in the path parameter
// that is not {client} (or in Access.Param), the record's client in
// {client}.
func requestFor(rt httpx.Declared, tg target) (method, path, body string) {
	method, path, ok := strings.Cut(rt.Pattern, " ")
	if !ok {
		method, path = "GET", rt.Pattern
	}
	path = strings.TrimSuffix(path, "{$}")
	body = routeBodies[rt.Pattern]
	id := strconv.FormatInt(tg.id, 10)
	path = pathParam.ReplaceAllStringFunc(path, func(p string) string {
		if v, ok := fixedParams[p]; ok {
			return v
		}
		if p == "{client}" && tg.client != 0 {
			return strconv.FormatInt(tg.client, 10)
		}
		return id
	})
	if where, name, ok := strings.Cut(rt.Access.Param, ":"); ok {
		switch where {
		case "query":
			path += "?" + name + "=" + id
		case "body":
			body = strings.TrimPrefix(body+"&"+name+"="+id, "&")
		}
	}
	return method, path, body
}

// checkDeclarations fails on a route whose path names a record it has not
// declared, or whose record kind the test cannot find.
func checkDeclarations(t *testing.T, routes []httpx.Declared) {
	t.Helper()
	for _, rt := range routes {
		for _, p := range pathParam.FindAllString(rt.Pattern, -1) {
			if _, fixed := fixedParams[p]; !fixed && rt.Access.Record == "" {
				t.Errorf("route %q names %s but declares no record: declare its access with .Reads/.Writes/.On", rt.Pattern, p)
			}
		}
		if k := rt.Access.Record; k != "" {
			if _, ok := recordKinds[k]; !ok {
				t.Errorf("route %q names records of kind %q, which the access test cannot find: add a query to recordKinds", rt.Pattern, k)
			}
		}
	}
}

// orderForSessions puts the routes that end sessions last (they are sent
// with sessions of their own), and POST /signout, which ends the shared
// actors' sessions, after every other route that uses them.
func orderForSessions(routes []httpx.Declared) []httpx.Declared {
	out := slices.Clone(routes)
	rank := func(p string) int {
		switch {
		case signsOutRoutes[p]:
			return 2
		case p == "POST /signout":
			return 1
		}
		return 0
	}
	sort.SliceStable(out, func(i, j int) bool {
		if ri, rj := rank(out[i].Pattern), rank(out[j].Pattern); ri != rj {
			return ri < rj
		}
		return out[i].Pattern < out[j].Pattern
	})
	return out
}

// signsOutRoutes end every session of the caller; each is sent with a
// session of its own.
var signsOutRoutes = map[string]bool{"POST /settings/signout-everywhere": true}

var actorEmails = []string{"", "elena@client.example.org", "david@client.example.org", "jonah@riverbend.example.org", "priya@riverbend.example.org",
	"maya@riverbend.example.org", "rachel.green@clinic.example.org", apptest.OtherAdmin, apptest.OtherCoach, apptest.OtherClient, apptest.OtherClinician}

func signInAll(t *testing.T, srv *apptest.Server) []actor {
	var out []actor
	for _, email := range actorEmails {
		a := actor{email: email, http: srv.SignIn(t, email)}
		if email != "" {
			u := lookupUser(t, srv, email)
			a.role, a.who = u.Role, policy.ActorOf(u)
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
