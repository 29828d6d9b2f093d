package web_test

import (
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

var openTime = regexp.MustCompile(`name="start" value="(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)"`) // the slot picker

// TestProgrammeScenarios: the admin switches the practice to Oregon; a
// client then books typed sessions, and an administration inside 24 hours
// of the preparation is refused with the rule's words.
func TestProgrammeScenarios(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) { programmeScenarios(t, engine) })
	}
}

func programmeScenarios(t *testing.T, engine store.Dialect) {
	srv := apptest.NewServer(t, engine)
	page := apptest.Do(t, srv.SignIn(t, elena), "GET", srv.URL+"/sessions", "", nil)
	var times []time.Time
	for _, m := range openTime.FindAllStringSubmatch(page.Body, -1) {
		at, err := time.Parse(time.RFC3339, m[1])
		if err != nil {
			t.Fatal(err)
		}
		times = append(times, at)
	}
	if len(times) < 2 {
		t.Fatalf("open times = %d", len(times))
	}
	// A preparation time and an open time 2 to 24 hours after it: any
	// such pair (the first open time may be late on a Saturday with the
	// next one on Monday, so the pair depends on when the test runs).
	prep, soon := pairWithin(times, 2*time.Hour, 24*time.Hour)
	if soon.IsZero() {
		t.Fatalf("no two open times 2 to 24 hours apart among %d", len(times))
	}
	form := func(kind string, at time.Time) string {
		return "start=" + url.QueryEscape(at.Format(time.RFC3339)) + "&minutes=60&format=video&session_type=" + kind
	}
	runScenarios(t, srv, []scenario{
		{name: "admin switches the demo practice (Oregon) to none", as: maya, method: "POST", path: "/settings/programme", body: "programme=none", wantStatus: 303},
		{name: "typed sessions need a programme", as: elena, method: "POST", path: "/sessions", body: form("preparation", prep), wantStatus: 422,
			want: []string{"regulated session types apply only when the practice works under"}},
		{name: "admin sees the programme", as: maya, method: "GET", path: "/settings/programme", wantStatus: 200, want: []string{"None (integration coaching only)", "Oregon psilocybin services"}},
		{name: "an unknown programme is refused inline", as: maya, method: "POST", path: "/settings/programme", body: "programme=texas", wantStatus: 422, want: []string{"choose none, Oregon or Colorado"}},
		{name: "coach cannot switch it", as: jonah, method: "POST", path: "/settings/programme", body: "programme=oregon", wantStatus: 403},
		{name: "admin switches to Oregon", as: maya, method: "POST", path: "/settings/programme", body: "programme=oregon", wantStatus: 303},
		{name: "the client is offered session types", as: elena, method: "GET", path: "/sessions", wantStatus: 200, want: []string{`name="session_type"`, "Preparation session", "Administration session"}},
		{name: "administration before any preparation is refused", as: elena, method: "POST", path: "/sessions", body: form("administration", soon), wantStatus: 422,
			want: []string{"book the preparation session first", `id="start-error"`}},
		{name: "the preparation is booked", as: elena, method: "POST", path: "/sessions", body: form("preparation", prep), wantStatus: 303},
		{name: "administration inside 24 hours is refused with the rule", as: elena, method: "POST", path: "/sessions", body: form("administration", soon), wantStatus: 422,
			want: []string{"Oregon&#39;s rule: the preparation session must be held at least 24 hours and at most 90 days before the administration session."}},
		{name: "the session list names the type", as: elena, method: "GET", path: "/sessions", wantStatus: 200, want: []string{"Video · Preparation session"}},
	})
}

// pairWithin returns the first two times (in order) whose gap is in
// [lo, hi), or zero times when there are none.
func pairWithin(times []time.Time, lo, hi time.Duration) (time.Time, time.Time) {
	for i, a := range times {
		for _, b := range times[i+1:] {
			if d := b.Sub(a); d >= lo && d < hi {
				return a, b
			}
		}
	}
	return time.Time{}, time.Time{}
}
