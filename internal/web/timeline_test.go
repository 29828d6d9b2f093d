package web_test

import (
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
)

// TestJourneyShowsEveryKind: the client's journey gathers sessions,
// questionnaires and steps taken from their packages, without content,
// each as an item of the timeline with its kind and, where it has one,
// its link.
func TestJourneyShowsEveryKind(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			srv := apptest.NewServer(t, engine)
			resp := apptest.Do(t, srv.SignIn(t, "aisha@client.example.org"), "GET", srv.URL+"/progress", "", nil)
			if resp.Status != 200 {
				t.Fatalf("status %d", resp.Status)
			}
			for _, want := range []string{"Your experience", "Session held", "Step taken",
				`<ol class="timeline">`, `<li class="event event-session">`, `<a href="/sessions/`, `<li class="event event-experience">`} {
				if !strings.Contains(resp.Body, want) {
					t.Errorf("journey lacks %q", want)
				}
			}
		})
	}
}
