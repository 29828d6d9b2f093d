package web_test

import (
	"context"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestClientChartAndInbox: the coach's chart of one client, and the inbox,
// as each visitor, on both engines.
func TestClientChartAndInbox(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) { chartScenarios(t, engine) })
	}
}

func chartScenarios(t *testing.T, engine store.Dialect) {
	srv := apptest.NewServer(t, engine)
	aishaID := clientID(t, srv, aisha)
	chart := "/clients/" + aishaID
	runScenarios(t, srv, []scenario{
		{name: "coach opens the chart", as: jonah, method: "GET", path: chart, wantStatus: 200, want: []string{
			"Aisha Rahman", "312 555 0163", "Yusuf Rahman (husband)", "America/Chicago", // contact
			"Experience and intake", "Plan and work", "Protect two evenings a week for family", // plan and work
			"Sessions and notes", "Session note", "Scores", "Check-ins over the last eight weeks",
			"<strong>Small, but mine.</strong>", // shared entry as Markdown
			"Could we move Thursday", "Safety history", "Care team and consents", "Withdrawn", "Billing"},
			notWant: []string{"My shoulders have dropped", "**Small"}}, // private entry; raw Markdown
		{name: "another coach cannot open it", as: priya, method: "GET", path: chart, wantStatus: 404, notWant: []string{"Yusuf"}},
		{name: "the admin cannot open it", as: maya, method: "GET", path: chart, wantStatus: 403, notWant: []string{"Yusuf"}},
		{name: "the client cannot open it", as: aisha, method: "GET", path: chart, wantStatus: 403},
		{name: "dashboard links to the chart", as: jonah, method: "GET", path: "/dashboard", wantStatus: 200, want: []string{`href="` + chart + `"`}},
		{name: "nav shows the unread count", as: jonah, method: "GET", path: "/dashboard", wantStatus: 200, want: []string{`href="/inbox"`, `unread">`}},
		{name: "inbox lists threads with unread counts", as: jonah, method: "GET", path: "/inbox", wantStatus: 200, want: []string{"Aisha Rahman", "1 unread", "Elena Marsh"}, notWant: []string{"Tom Becker"}},
		{name: "opening a thread shows it with a reply form", as: jonah, method: "GET", path: "/inbox/" + aishaID, wantStatus: 200, want: []string{"Could we move Thursday", `action="/inbox/` + aishaID + `"`, "chart"}},
		{name: "opened thread is no longer unread", as: jonah, method: "GET", path: "/inbox", wantStatus: 200, notWant: []string{"1 unread</span>\n        <span class=\"muted when\">You wrote"}},
		{name: "an empty reply names the field", as: jonah, method: "POST", path: "/inbox/" + aishaID, body: "body=", wantStatus: 422, want: []string{"write a message or attach a file", "Aisha Rahman"}},
		{name: "a reply comes back to the thread", as: jonah, method: "POST", path: "/inbox/" + aishaID, body: "body=Thursday+at+3+works", wantStatus: 303},
		{name: "another coach cannot reply", as: priya, method: "POST", path: "/inbox/" + aishaID, body: "body=hi", wantStatus: 404},
		{name: "clients have no inbox", as: aisha, method: "GET", path: "/inbox", wantStatus: 403},
		{name: "the client sees the reply", as: aisha, method: "GET", path: "/messages", wantStatus: 200, want: []string{"Thursday at 3 works"}},
	})
	var n int
	if err := srv.App.DB.Reader().QueryRow(context.Background(), `SELECT COUNT(*) FROM audit_events WHERE action = 'read' AND resource_type = 'contact' AND client_id = ?`, mustInt(aishaID)).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Error("reading the chart's contact section left no audit event")
	}
}
