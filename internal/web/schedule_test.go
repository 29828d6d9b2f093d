package web_test

import (
	"context"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// sessionOf finds a demo session id by client email and status.
func sessionOf(t *testing.T, srv *apptest.Server, email, status string) string {
	t.Helper()
	var id int64
	err := srv.App.DB.Reader().QueryRow(context.Background(), `SELECT a.id FROM appointments a JOIN users u ON u.id = a.client_id
		WHERE u.email = ? AND a.status = ? ORDER BY a.starts_at LIMIT 1`, email, status).Scan(&id)
	if err != nil {
		t.Fatalf("demo session of %s (%s): %v", email, status, err)
	}
	return strconv.FormatInt(id, 10)
}

// TestSchedulingScenarios walks the session, note, circle, calendar and
// progress pages as coaches and clients, on both engines.
func TestSchedulingScenarios(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) { runSchedulingScenarios(t, engine) })
	}
}

func runSchedulingScenarios(t *testing.T, engine store.Dialect) {
	srv := apptest.NewServer(t, engine)
	aishaHeld := sessionOf(t, srv, aisha, "held")
	aishaBooked := sessionOf(t, srv, aisha, "booked")
	tomBooked := sessionOf(t, srv, tom, "booked")
	tests := []struct {
		name, as, method, path, body string
		wantStatus                   int
		want, notWant                []string
	}{
		{name: "coach dashboard shows the week", as: jonah, method: "GET", path: "/dashboard", wantStatus: 200,
			want: []string{"Sessions today", "This week", "Overdue notes", "Open safety alerts", "Follow-ups due", "Clients who need a clinician", "actions done"}},
		{name: "admin sees first sessions due and missed", as: maya, method: "GET", path: "/dashboard", wantStatus: 200,
			want: []string{"First sessions due", "Leo Park", "First-session window missed", "Mei Tanaka", "Kenji Watanabe"}},
		{name: "coach's lists hold only their own unbooked clients", as: jonah, method: "GET", path: "/dashboard", wantStatus: 200,
			want: []string{"Leo Park"}, notWant: []string{"Mei Tanaka", "Kenji Watanabe"}},
		{name: "client dashboard shows progress", as: aisha, method: "GET", path: "/dashboard", wantStatus: 200,
			want: []string{"Your progress", "2 of 3 steps done", "Protect two evenings a week"}, notWant: []string{"Sofia"}},
		{name: "coach sessions", as: jonah, method: "GET", path: "/sessions", wantStatus: 200, want: []string{"Sofia Rossi", "Aisha Rahman"}, notWant: []string{"Tom Becker"}},
		{name: "client sessions offer booking", as: aisha, method: "GET", path: "/sessions", wantStatus: 200, want: []string{"Book a session", "Jonah Reyes", `name="start"`}},
		{name: "booking without a time", as: aisha, method: "POST", path: "/sessions", body: "start=&minutes=60&format=video", wantStatus: 422, want: []string{"choose one of the open times", `aria-invalid="true"`}},
		{name: "booking a malformed time", as: aisha, method: "POST", path: "/sessions", body: "start=tomorrow&minutes=60&format=video", wantStatus: 422, want: []string{"choose one of the open times"}},
		{name: "booking a bad length", as: aisha, method: "POST", path: "/sessions", body: "start=2030-01-07T17:00:00Z&minutes=45&format=video", wantStatus: 422, want: []string{"choose 60 or 90 minutes"}},
		{name: "client sees own session", as: aisha, method: "GET", path: "/sessions/" + aishaBooked, wantStatus: 200, want: []string{"Move this session", "Cancel this session", "Cancelling less than 24 hours before a session costs 50% of its fee; a missed session costs 100%."}},
		{name: "client cannot see another's session", as: aisha, method: "GET", path: "/sessions/" + tomBooked, wantStatus: 404, notWant: []string{"Tom"}},
		{name: "coach cannot cancel another coach's session", as: jonah, method: "POST", path: "/sessions/" + tomBooked + "/cancel", wantStatus: 404},
		{name: "reschedule to a bad time", as: aisha, method: "POST", path: "/sessions/" + aishaBooked + "/reschedule", body: "start=soon", wantStatus: 422, want: []string{"choose one of the open times"}},
		{name: "client cannot mark attendance", as: aisha, method: "POST", path: "/sessions/" + aishaBooked + "/attendance", body: "status=held", wantStatus: 403},
		{name: "note has the model's sections and a referral", as: jonah, method: "GET", path: "/sessions/" + aishaHeld + "/note", wantStatus: 200,
			want: []string{"Processing the experience", "Connecting to patterns", "Implementing changes", "Creative expression", "Private to you", "/referrals/new?client="}, notWant: []string{"iagnosis</label"}},
		{name: "client cannot read notes", as: aisha, method: "GET", path: "/sessions/" + aishaHeld + "/note", wantStatus: 403}, // refused by role, before any record
		{name: "other coach cannot read notes", as: priya, method: "GET", path: "/sessions/" + aishaHeld + "/note", wantStatus: 404},
		{name: "amend without a reason", as: jonah, method: "POST", path: "/sessions/" + sessionOf(t, srv, "sofia@client.example.org", "held") + "/note", body: "processing=x&action=amend&reason=", wantStatus: 422, want: []string{"say briefly why"}},
		{name: "circles for a client", as: elena, method: "GET", path: "/circles", wantStatus: 200, want: []string{"Coming home", "Join this circle", "3 of 8 places taken"}},
		{name: "circles for the leading coach list members", as: jonah, method: "GET", path: "/circles", wantStatus: 200, want: []string{"Aisha Rahman", "Open a circle"}},
		{name: "open a circle with nothing filled in", as: jonah, method: "POST", path: "/circles", body: "topic=&capacity=x&fee=abc&location=&minutes=90&dates=", wantStatus: 422,
			want: []string{"enter a number of places", "enter an amount like 35.00"}},
		{name: "open a circle with bad dates", as: jonah, method: "POST", path: "/circles", body: "topic=T&capacity=5&fee=10&location=here&minutes=90&dates=next+week", wantStatus: 422, want: []string{"one date per line"}},
		{name: "client cannot open a circle", as: aisha, method: "POST", path: "/circles", body: "topic=T&capacity=5&fee=10&location=here&minutes=90&dates=2030-01-01+18:00", wantStatus: 403},
		{name: "calendar settings", as: jonah, method: "GET", path: "/calendar", wantStatus: 200, want: []string{"Make my calendar link"}},
		{name: "unknown feed", method: "GET", path: "/calendar/feed/not-a-token.ics", wantStatus: 404},
		{name: "feed without .ics", method: "GET", path: "/calendar/feed/abc", wantStatus: 404},
		{name: "action of another client", as: elena, method: "POST", path: "/actions/1", body: "done=1", wantStatus: 404},
	}
	clients := map[string]*http.Client{}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := clientFor(t, srv, clients, tc.as)
			resp := apptest.Do(t, c, tc.method, srv.URL+tc.path, tc.body, nil)
			if resp.Status != tc.wantStatus {
				t.Fatalf("status = %d, want %d; body: %.400s", resp.Status, tc.wantStatus, resp.Body)
			}
			for _, w := range tc.want {
				if !strings.Contains(resp.Body, w) {
					t.Errorf("body lacks %q", w)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(resp.Body, w) {
					t.Errorf("body contains %q", w)
				}
			}
			checkSecurityHeaders(t, resp.Header)
		})
	}
	t.Run("calendar link serves the feed until revoked", func(t *testing.T) {
		c := clientFor(t, srv, clients, jonah)
		resp := apptest.Do(t, c, "POST", srv.URL+"/calendar", "x=1", nil)
		url := regexp.MustCompile(`http://[^<"\s]+\.ics`).FindString(resp.Body)
		if resp.Status != 200 || url == "" {
			t.Fatalf("status %d, no feed URL in %.300s", resp.Status, resp.Body)
		}
		feed := apptest.Do(t, apptest.Client(t), "GET", url, "", nil)
		if feed.Status != 200 || !strings.HasPrefix(feed.Header.Get("Content-Type"), "text/calendar") || !strings.Contains(feed.Body, "BEGIN:VEVENT") {
			t.Fatalf("feed: %d %s %.100s", feed.Status, feed.Header.Get("Content-Type"), feed.Body)
		}
		apptest.Do(t, c, "POST", srv.URL+"/calendar/revoke", "x=1", nil)
		if got := apptest.Do(t, apptest.Client(t), "GET", url, "", nil); got.Status != 404 {
			t.Errorf("revoked feed: status %d, want 404", got.Status)
		}
	})
}

func clientFor(t *testing.T, srv *apptest.Server, cache map[string]*http.Client, email string) *http.Client {
	t.Helper()
	if c, ok := cache[email]; ok {
		return c
	}
	c := srv.SignIn(t, email)
	cache[email] = c
	return c
}
