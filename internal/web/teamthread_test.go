package web_test

import (
	"testing"

	"github.com/afterward/afterward/internal/apptest"
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
