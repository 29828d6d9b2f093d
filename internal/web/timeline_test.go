package web_test

import (
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestJourneyShowsEveryKind: the client's journey gathers sessions,
// questionnaires and steps taken from their packages, without content.
func TestJourneyShowsEveryKind(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	resp := apptest.Do(t, srv.SignIn(t, "aisha@client.example.org"), "GET", srv.URL+"/progress", "", nil)
	if resp.Status != 200 {
		t.Fatalf("status %d", resp.Status)
	}
	for _, want := range []string{"Your experience", "Session held", "Step taken"} {
		if !strings.Contains(resp.Body, want) {
			t.Errorf("journey lacks %q", want)
		}
	}
}
