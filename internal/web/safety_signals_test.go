package web_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestSafetySignalScenarios: the "I'm not safe right now" button, the
// check-in's safety question, help ordered by kind, the safety queue's
// links and acknowledgement, and the admin's crisis settings, on both
// engines.
func TestSafetySignalScenarios(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) { safetySignalScenarios(t, engine) })
	}
}

func safetySignalScenarios(t *testing.T, engine store.Dialect) {
	srv := apptest.NewServer(t, engine)
	db := srv.App.DB
	const sofia, tom = "sofia@client.example.org", "tom@client.example.org"
	sofiaAlert := idOf(t, db, `SELECT MIN(a.id) FROM safety_alerts a JOIN users u ON u.id = a.client_id WHERE u.email = ? AND a.source_kind = 'journal_entry'`, sofia)
	sofiaEntry := idOf(t, db, `SELECT a.source_id FROM safety_alerts a WHERE a.id = ?`, sofiaAlert)
	tomAlert := idOf(t, db, `SELECT MIN(a.id) FROM safety_alerts a JOIN users u ON u.id = a.client_id WHERE u.email = ?`, tom)
	entryKey := fmt.Sprintf("demo-entry-%s-medical", clientID(t, srv, sofia))
	source := func(id int64) string { return fmt.Sprintf("/safety/%d/source", id) }
	tests := []scenario{
		{name: "clients see the button on every page", as: elena, method: "GET", path: "/journal", wantStatus: 200, want: []string{`action="/not-safe"`, "not safe right now"}},
		{name: "staff do not", as: jonah, method: "GET", path: "/dashboard", wantStatus: 200, notWant: []string{`action="/not-safe"`}},
		{name: "pressing it shows help at once", as: elena, method: "POST", path: "/not-safe", wantStatus: 200,
			want: []string{"We have let your coach know now", "Call 911", "988 Suicide &amp; Crisis Lifeline"}},
		{name: "pressing it again is fine", as: elena, method: "POST", path: "/not-safe", wantStatus: 200, want: []string{"We have let your coach know now"}},
		{name: "a coach cannot press a client's button", as: jonah, method: "POST", path: "/not-safe", wantStatus: 403},
		{name: "the coach's queue shows the alert", as: jonah, method: "GET", path: "/safety", wantStatus: 200,
			want: []string{"Elena Marsh", "The client said they are not safe right now", "not safe right now\u201d button", "waiting", "/safety/", "acknowledge"}},
		{name: "the queue names the kind in plain words and links the client and the entry", as: jonah, method: "GET", path: "/safety", wantStatus: 200,
			want: []string{"Physical symptoms after a substance (possible medical emergency)", "Sofia Rossi", "/clients/" + clientID(t, srv, sofia) + "\"", source(sofiaAlert)}},
		{name: "the coach opens the entry that raised it", as: jonah, method: "GET", path: source(sofiaAlert), wantStatus: 200,
			want: []string{"chest still feels tight", "recorded in the practice's access log"}},
		{name: "another coach cannot", as: priya, method: "GET", path: source(sofiaAlert), wantStatus: 404},
		{name: "nor the admin without break-glass", as: maya, method: "GET", path: source(sofiaAlert), wantStatus: 403},
		{name: "the coach acknowledges", as: jonah, method: "POST", path: fmt.Sprintf("/safety/%d/acknowledge", sofiaAlert), wantStatus: 303},
		{name: "acknowledged shows", as: jonah, method: "GET", path: "/safety", wantStatus: 200, want: []string{" · acknowledged "}},
		{name: "the admin sees the escalated alert", as: maya, method: "GET", path: "/safety", wantStatus: 200,
			want: []string{"Not acknowledged in time", "Tom Becker"}, notWant: []string{"not safe right now"}}, // the why needs break-glass
		{name: "the button's alert has no text to open", as: priya, method: "GET", path: source(tomAlert), wantStatus: 200, want: []string{"There is no text: please reach them now"}},
		{name: "the check-in asks", as: elena, method: "GET", path: "/checkin", wantStatus: 200, want: []string{"Do you feel safe right now?"}},
		{name: "answering no shows help at once", as: elena, method: "POST", path: "/checkin",
			body: "mood=3&anxiety=3&sleep=3&connection=3&cadence=daily&safe=no", wantStatus: 200, want: []string{"We have let your coach know now", "Call 911"}},
		{name: "an unknown answer is named", as: elena, method: "POST", path: "/checkin",
			body: "mood=3&anxiety=3&sleep=3&connection=3&cadence=daily&safe=maybe&note=kept+line", wantStatus: 422, want: []string{"choose yes or no", "kept line"}},
		{name: "the admin's crisis settings", as: maya, method: "GET", path: "/settings/safety", wantStatus: 200,
			want: []string{"Cedar Psychiatric Associates, same-day line", "Poison Help: Call 1-800-222-1222", "Saturday"}},
		{name: "a number without a name is named, and kept", as: maya, method: "POST", path: "/settings/safety",
			body: "region=US&poison_phone=555+0100&ack_minutes=20&day_mon=1&office_start=09%3A00&office_end=17%3A00", wantStatus: 422,
			want: []string{"enter a name for this line", `value="555 0100"`, `value="20"`}},
		{name: "bad minutes and times are named", as: maya, method: "POST", path: "/settings/safety",
			body: "region=US&ack_minutes=soon&day_mon=1&office_start=9am&office_end=17%3A00", wantStatus: 422,
			want: []string{"enter minutes between 5 and 1440", "enter a time such as 09:00", `value="soon"`}},
		{name: "valid settings save", as: maya, method: "POST", path: "/settings/safety",
			body: "region=UK&ack_minutes=20&day_mon=1&day_tue=1&office_start=08%3A00&office_end=18%3A00", wantStatus: 303},
		{name: "clients then see the practice's region", as: elena, method: "GET", path: "/crisis", wantStatus: 200, want: []string{"Samaritans", "NHS 111"}},
		{name: "coaches cannot change crisis help", as: jonah, method: "POST", path: "/settings/safety", body: "region=US", wantStatus: 403},
	}
	runScenarios(t, srv, tests)

	// The client's notice after writing: help in the order for the kind.
	c := srv.SignIn(t, sofia)
	resp := apptest.Do(t, c, "GET", fmt.Sprintf("%s/journal/%d?saved=%s", srv.URL, sofiaEntry, entryKey), "", nil)
	order := []string{"Call 999", "NHS 111", "Samaritans"} // the practice moved to the UK above
	if !inOrder(resp.Body, order...) {
		t.Errorf("notice after a medical entry: want %v in that order; body: %.3000s", order, resp.Body)
	}
	if !strings.Contains(resp.Body, "What we noticed: Physical symptoms after a substance") {
		t.Error("the notice does not name the kind in plain words")
	}
}

// inOrder reports whether each part occurs in s after the one before.
func inOrder(s string, parts ...string) bool {
	i := 0
	for _, p := range parts {
		j := strings.Index(s[i:], p)
		if j < 0 {
			return false
		}
		i += j + len(p)
	}
	return true
}
