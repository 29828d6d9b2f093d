package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestTeamThread: a coach and a clinician the client shared with can
// write to each other about that client, and nobody else can; a
// withdrawn consent closes the thread.
func TestTeamThread(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			srv := apptest.NewServer(t, engine)
			rachel := clientID(t, srv, clinician)
			elena := "/care-team/clients/" + clientID(t, srv, "elena@client.example.org") + "/with/" + rachel
			aishaThread := "/care-team/clients/" + clientID(t, srv, aisha) + "/with/" + rachel
			runScenarios(t, srv, []scenario{
				{name: "the shared record links the thread", as: clinician, method: "GET", path: "/care-team/clients/" + clientID(t, srv, "elena@client.example.org"), wantStatus: 200, want: []string{`href="` + elena + `"`}},
				{name: "the chart links the thread", as: jonah, method: "GET", path: "/clients/" + clientID(t, srv, "elena@client.example.org"), wantStatus: 200, want: []string{`href="` + elena + `"`}},
				{name: "an empty message names the field", as: clinician, method: "POST", path: elena, body: "body=+", wantStatus: 422, want: []string{"write a message"}},
				{name: "the clinician writes", as: clinician, method: "POST", path: elena, body: "body=Elena+mentioned+sleep+trouble+in+our+session.", wantStatus: 303},
				{name: "the coach reads and replies", as: jonah, method: "POST", path: elena, body: "body=Thank+you%2C+I+will+ask+her+about+it.", wantStatus: 303},
				{name: "both see the thread", as: clinician, method: "GET", path: elena, wantStatus: 200, want: []string{"sleep trouble", "I will ask her"}},
				{name: "another coach cannot", as: priya, method: "GET", path: elena, wantStatus: 404, notWant: []string{"sleep"}},
				{name: "the admin cannot", as: maya, method: "GET", path: elena, wantStatus: 403},
				{name: "the client cannot", as: "elena@client.example.org", method: "GET", path: elena, wantStatus: 403},
				{name: "a withdrawn consent closes it", as: jonah, method: "GET", path: aishaThread, wantStatus: 404},
			})
		})
	}
}

// TestTeamThreadEmails: a team message tells the other member by a
// content-free email (no text, no client name, the thread's link) through
// their preferences: the coach who kept message emails gets exactly one,
// and none once they turn message emails off; the clinician is told of the
// coach's reply.
func TestTeamThreadEmails(t *testing.T) {
	mail := apptest.StartMailpit(t)
	srv := apptest.NewServerWith(t, store.SQLite, apptest.Options{SMTPURL: mail.SMTPURL})
	coach, rachel := srv.SignIn(t, jonah), srv.SignIn(t, clinician)
	path := "/care-team/clients/" + clientID(t, srv, "elena@client.example.org") + "/with/" + clientID(t, srv, clinician)
	send := func(as *http.Client, body string) {
		t.Helper()
		if r := apptest.Do(t, as, "POST", srv.URL+path, "body="+body, nil); r.Status != 303 {
			t.Fatalf("sending: status %d", r.Status)
		}
	}
	const subject = "A message from a care team in Afterward"

	send(rachel, "Elena+mentioned+sleep+trouble.")
	waitCount(t, mail, jonah, subject, 1)
	msgs := withSubject(t, mail, jonah, subject)
	text := mail.Text(t, msgs[0].ID)
	for _, leak := range []string{"sleep", "Elena"} {
		if strings.Contains(text, leak) {
			t.Errorf("the email carries %q: %q", leak, text)
		}
	}
	if !strings.Contains(text, path) || !strings.Contains(text, "/settings#notifications") {
		t.Errorf("the email lacks the thread's link or the settings link: %q", text)
	}

	send(coach, "Thank+you%2C+I+will+ask+her.")
	waitCount(t, mail, clinician, subject, 1)

	if r := apptest.Do(t, coach, "POST", srv.URL+"/settings/notifications", "topic_sessions=1&topic_matching=1&topic_questionnaires=1", nil); r.Status != 303 {
		t.Fatalf("saving preferences: status %d", r.Status)
	}
	send(rachel, "One+more+thing.")
	time.Sleep(3 * time.Second) // the queue polls every second
	if got := len(withSubject(t, mail, jonah, subject)); got != 1 {
		t.Errorf("%d emails to the coach after turning message emails off, want still 1", got)
	}
}
