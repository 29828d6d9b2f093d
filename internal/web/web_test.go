package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

const (
	jonah = "jonah@riverbend.example.org" // coach of Elena, David, Aisha, Sofia
	priya = "priya@riverbend.example.org" // coach of Tom, Grace
	maya  = "maya@riverbend.example.org"  // admin
	elena = "elena@client.example.org"    // client
)

// TestScenarios walks the HTTP surface as each kind of visitor, on both
// engines.
func TestScenarios(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) { surfaceScenarios(t, engine) })
	}
}

func surfaceScenarios(t *testing.T, engine store.Dialect) {
	srv := apptest.NewServer(t, engine)
	tests := []scenario{
		{name: "home is public", method: "GET", path: "/", wantStatus: 200, want: []string{"Support for the work that starts afterward", "988"}},
		{name: "crisis page lists regions", method: "GET", path: "/crisis", wantStatus: 200, want: []string{"Samaritans", "116 123", "13 11 14", "112", "741741"}},
		{name: "dashboard needs sign-in", method: "GET", path: "/dashboard", wantStatus: 303},
		{name: "empty sign-in names fields", method: "POST", path: "/signin", body: "email=&password=", wantStatus: 422, want: []string{"enter your email address", "enter your password"}},
		{name: "wrong password", method: "POST", path: "/signin", body: "email=" + jonah + "&password=nope-nope-nope", wantStatus: 401, want: []string{"do not match an account"}},
		{name: "unknown account, same message", method: "POST", path: "/signin", body: "email=ghost@example.org&password=nope-nope-nope", wantStatus: 401, want: []string{"do not match an account"}},
		{name: "cross-site post refused", method: "POST", path: "/signin", body: "email=a&password=b", header: map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}, wantStatus: 403},
		{name: "coach sees own clients", as: jonah, method: "GET", path: "/dashboard", wantStatus: 200, want: []string{"Elena Marsh", "David Chen", "Aisha Rahman"}, notWant: []string{"Tom Becker", "Grace Liu", "Omar Haddad"}},
		{name: "other coach sees theirs", as: priya, method: "GET", path: "/dashboard", wantStatus: 200, want: []string{"Tom Becker", "Grace Liu"}, notWant: []string{"Elena Marsh"}},
		{name: "admin sees roster", as: maya, method: "GET", path: "/dashboard", wantStatus: 200, want: []string{"Riverbend Integration Collective", "Omar Haddad", "not assigned"}},
		{name: "admin sees coaches' caseloads", as: maya, method: "GET", path: "/dashboard", wantStatus: 200,
			want: []string{"Coaches' caseloads", "Sessions next 7 days", "<td>Jonah Reyes</td>", "<td>Priya Natarajan</td>", "<td>Sam Okafor</td>"}},
		{name: "client sees own space", as: elena, method: "GET", path: "/dashboard", wantStatus: 200, want: []string{"Welcome, Elena", "Jonah Reyes", "not watched around the clock"}, notWant: []string{"David Chen"}},
		{name: "static asset by hash", method: "GET", path: "/static/nothash/app.css", wantStatus: 404},
		{name: "api me anonymous", method: "GET", path: "/api/v1/me", wantStatus: 401, wantType: "application/problem+json", want: []string{`"status":401`}},
		{name: "api me", as: jonah, method: "GET", path: "/api/v1/me", wantStatus: 200, wantType: "application/json", want: []string{`"role":"coach"`}},
		{name: "api clients for coach", as: jonah, method: "GET", path: "/api/v1/clients", wantStatus: 200, want: []string{"Elena Marsh", "first_session_due"}, notWant: []string{"Tom Becker"}},
		{name: "api clients refused to client", as: elena, method: "GET", path: "/api/v1/clients", wantStatus: 403, wantType: "application/problem+json"},
		{name: "api unknown path", method: "GET", path: "/api/v1/nothing-here", wantStatus: 404, wantType: "application/problem+json"},
		{name: "openapi document", method: "GET", path: "/api/v1/openapi.json", wantStatus: 200, want: []string{`"openapi": "3.1.0"`}},
		{name: "healthz", method: "GET", path: "/healthz", wantStatus: 200, want: []string{"ok"}},
		{name: "readyz checks database", method: "GET", path: "/readyz", wantStatus: 200, want: []string{"ready"}},
		{name: "metrics need the token", method: "GET", path: "/metrics", wantStatus: 401},
		{name: "metrics", method: "GET", path: "/metrics", header: map[string]string{"Authorization": "Bearer " + apptest.MetricsToken}, wantStatus: 200,
			want: []string{"afterward_http_requests_total", "go_goroutines"}},
	}
	runScenarios(t, srv, tests)
}

func checkSecurityHeaders(t *testing.T, h http.Header) {
	t.Helper()
	csp := h.Get("Content-Security-Policy")
	if csp == "" || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("Content-Security-Policy = %q", csp)
	}
	for k, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"} {
		if got := h.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if h.Get("X-Request-Id") == "" {
		t.Error("no X-Request-Id")
	}
}
