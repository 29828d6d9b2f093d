package web_test

import (
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestAdverseScenarios: the coach's adverse-reaction log in the client
// context, its inline errors, who may see it, and a severe reaction
// reaching the safety queue through the real alert service.
func TestAdverseScenarios(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) { adverseScenarios(t, engine) })
	}
}

func adverseScenarios(t *testing.T, engine store.Dialect) {
	srv := apptest.NewServer(t, engine)
	david := "/clients/" + clientID(t, srv, "david@client.example.org") + "/adverse"
	tom := "/clients/" + clientID(t, srv, "tom@client.example.org") + "/adverse"
	runScenarios(t, srv, []scenario{
		{name: "coach reads the demo log", as: jonah, method: "GET", path: david, wantStatus: 200,
			want: []string{"Moderate", "Panic and a racing heart", "Study physician saw him", "Log the reaction"}},
		{name: "the demo's severe reaction is in the safety queue", as: priya, method: "GET", path: tom, wantStatus: 200,
			want: []string{"Severe", "safety alert raised"}},
		{name: "another coach cannot read it", as: priya, method: "GET", path: david, wantStatus: 404, notWant: []string{"Panic"}},
		{name: "admin needs break-glass", as: maya, method: "GET", path: david, wantStatus: 403, notWant: []string{"Panic"}},
		{name: "the client does not see the coach's log", as: "david@client.example.org", method: "GET", path: david, wantStatus: 403}, // the route is staff's: refused before any record is looked up
		{name: "an empty report is refused field by field", as: jonah, method: "POST", path: david, body: "occurred_at=&severity=&what=&response=", wantStatus: 422,
			want: []string{"enter when it happened", "choose mild, moderate, severe or life-threatening", "describe what happened", "say how it was responded to", `id="what-error"`}},
		{name: "a malformed time is refused inline, text kept", as: jonah, method: "POST", path: david, body: "occurred_at=yesterday&severity=mild&what=Nausea&response=Rest", wantStatus: 422,
			want: []string{"enter the date and time it happened", ">Nausea</textarea>"}},
		{name: "a severe reaction is logged", as: jonah, method: "POST", path: david,
			body: "occurred_at=2020-01-02T20:30&severity=life_threatening&what=Chest+pain+at+night&response=Called+emergency+services&follow_up=Hospital+review", wantStatus: 303},
		{name: "it shows with its alert", as: jonah, method: "GET", path: david + "?done=alerted", wantStatus: 200,
			want: []string{"Life-threatening", "Chest pain at night", "a safety alert was raised"}},
		{name: "and waits in the safety queue", as: jonah, method: "GET", path: "/safety", wantStatus: 200,
			want: []string{"Life-threatening adverse reaction logged", "David Chen"}},
	})
}
