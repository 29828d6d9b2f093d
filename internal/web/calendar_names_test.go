package web_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestCalendarFeedNamesNoClient: a coach's feed names no client by
// default, initials when the coach chooses, and links each session back.
func TestCalendarFeedNamesNoClient(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	coach := srv.SignIn(t, jonah)
	page := apptest.Do(t, coach, "POST", srv.URL+"/calendar", "", nil).Body
	m := regexp.MustCompile(`/calendar/feed/[^<"]+\.ics`).FindString(page)
	if m == "" {
		t.Fatalf("no feed link on the page: %.300s", page)
	}
	guest := apptest.Client(t)
	feed := apptest.Do(t, guest, "GET", srv.URL+m, "", nil).Body
	if !strings.Contains(feed, "SUMMARY:Integration session\r\n") {
		t.Errorf("feed summaries are not nameless: %.600s", feed)
	}
	for _, name := range []string{"Aisha", "Elena", "Sofia", "David", "A. R."} {
		if strings.Contains(feed, name) {
			t.Errorf("feed names a client (%q)", name)
		}
	}
	if !regexp.MustCompile(`URL:http://[^\r]+/sessions/\d+`).MatchString(feed) {
		t.Errorf("events do not link back to the session")
	}
	if r := apptest.Do(t, coach, "POST", srv.URL+"/calendar/names", "client_label=initials", nil); r.Status != 303 {
		t.Fatalf("saving initials: %d", r.Status)
	}
	feed = apptest.Do(t, guest, "GET", srv.URL+m, "", nil).Body
	if !strings.Contains(feed, "SUMMARY:Integration session · A. R.") || strings.Contains(feed, "Aisha") {
		t.Errorf("initials not used: %.600s", feed)
	}
	runScenarios(t, srv, []scenario{
		{name: "a bad choice is refused", as: jonah, method: "POST", path: "/calendar/names", body: "client_label=full", wantStatus: 400},
		{name: "clients have no such choice", as: aisha, method: "POST", path: "/calendar/names", body: "client_label=initials", wantStatus: 403},
		{name: "the page shows the choice", as: jonah, method: "GET", path: "/calendar", wantStatus: 200, want: []string{`value="initials" checked`}},
	})
}
