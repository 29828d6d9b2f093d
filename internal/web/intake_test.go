package web_test

import (
	"fmt"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

const (
	omar  = "omar@client.example.org"  // intake in progress
	ben   = "ben@client.example.org"   // refer_clinical
	kenji = "kenji@client.example.org" // coaching, awaiting a coach
	david = "david@client.example.org" // coaching
)

// TestIntakePages walks the intake, safety and partner pages as each
// visitor, on both engines.
func TestIntakePages(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) { runIntakePages(t, engine) })
	}
}

func runIntakePages(t *testing.T, engine store.Dialect) {
	srv := apptest.NewServer(t, engine)
	tests := []scenario{
		{name: "intake resumes at the saved step", as: omar, method: "GET", path: "/intake", wantStatus: 303},
		{name: "omar's saved answers show", as: omar, method: "GET", path: "/intake/experience", wantStatus: 200, want: []string{`value="psilocybin" selected`, "step 1 of 10", "72 hours"}},
		{name: "client dashboard links the intake", as: omar, method: "GET", path: "/dashboard", wantStatus: 200, want: []string{`href="/intake"`}},
		{name: "finished client has no intake link", as: david, method: "GET", path: "/dashboard", wantStatus: 200, notWant: []string{"Continue your intake"}},
		{name: "invalid step keeps typed values and names fields", as: omar, method: "POST", path: "/intake/experience",
			body:       "experience_date=2099-01-01&experience_time=21%3A30&experience_tz=Europe%2FLondon&substance=mdma&context=",
			wantStatus: 422, want: []string{"this is in the future", "please choose an answer", `value="21:30"`, `value="mdma" selected`, `aria-invalid="true"`, "Nothing you typed has been lost"}},
		{name: "unknown step", as: omar, method: "GET", path: "/intake/nope", wantStatus: 404},
		{name: "intentions saved, next step", as: omar, method: "POST", path: "/intake/intentions", body: "intentions=To+grieve+well", wantStatus: 303},
		{name: "coach step asks language, format, budget", as: omar, method: "GET", path: "/intake/coach", wantStatus: 200,
			want: []string{"Finding your coach", `name="language"`, `value="in_person"`, `value="sliding"`, `name="budget_amount"`, `inputmode="numeric"`}},
		{name: "coach step names missing amount and place", as: omar, method: "POST", path: "/intake/coach", body: "language=es&format=in_person&budget=sliding&budget_amount=",
			wantStatus: 422, want: []string{"please enter what you can pay per session", "please tell us the town", `value="es" selected`}},
		{name: "coach step rejects a bad amount", as: omar, method: "POST", path: "/intake/coach", body: "budget=limit&budget_amount=eighty", wantStatus: 422, want: []string{"please enter a whole amount", `value="eighty"`}},
		{name: "coach step may be left blank", as: omar, method: "POST", path: "/intake/coach", body: "", wantStatus: 303},
		{name: "review before finishing", as: omar, method: "GET", path: "/intake/review", wantStatus: 200, want: []string{"needs answers"}, notWant: []string{"Send my intake"}},
		{name: "early submit goes back to the first open step", as: omar, method: "POST", path: "/intake/submit", wantStatus: 303},
		{name: "refer_clinical explains and lists partners", as: ben, method: "GET", path: "/intake/result", wantStatus: 200,
			want: []string{"conversation with a clinician", "not a diagnosis", "Cedar Psychiatric Associates", "Riverside Urgent Care", "on hold"}, notWant: []string{"Find your coach"}},
		{name: "clinician needed lists partners, no coaches yet", as: noor, method: "GET", path: "/intake/result", wantStatus: 200, want: []string{"alongside support from a clinician", "Harbor Counseling", "Coaching sessions are on hold"}, notWant: []string{`href="/coaches"`, "Request this coach"}},
		{name: "awaiting a coach sees suggestions", as: kenji, method: "GET", path: "/intake/result", wantStatus: 200, want: []string{"Coaches who can see you soon", "Request this coach", `name="from" value="result"`}, notWant: []string{`href="/coaches"`}},
		{name: "coaching links matching", as: david, method: "GET", path: "/intake/result", wantStatus: 200, want: []string{"Jonah Reyes</a> is your coach", `href="/sessions"`}, notWant: []string{"Cedar Psychiatric", `href="/coaches"`, "Request this coach"}},
		{name: "submitted intake cannot be edited", as: david, method: "POST", path: "/intake/intentions", body: "intentions=x", wantStatus: 409},
		{name: "emergency page is public and dialable", method: "GET", path: "/emergency", wantStatus: 200, want: []string{`href="tel:911"`, `href="sms:741741?body=HOME"`, "Reach someone now", "not a diagnosis", "Samaritans"},
			notWant: []string{"We have let your coach know"}}, // nobody was told: the visitor only opened the page
		{name: "coach safety queue", as: jonah, method: "GET", path: "/safety", wantStatus: 200, want: []string{"Sofia Rossi", "urgent", "Aisha Rahman", "Close with this note"}},
		{name: "other coach sees none of jonah's alerts", as: priya, method: "GET", path: "/safety", wantStatus: 200, notWant: []string{"Sofia Rossi", "Aisha Rahman"}},
		{name: "admin sees alerts, cannot close", as: maya, method: "GET", path: "/safety", wantStatus: 200, want: []string{"Sofia Rossi"}, notWant: []string{"Close with this note"}},
		{name: "client has no safety queue", as: elena, method: "GET", path: "/safety", wantStatus: 403},
		{name: "close needs a note, kept inline", as: jonah, method: "POST", path: fmt.Sprintf("/safety/%d/close", idOf(t, srv.App.DB, `SELECT MIN(a.id) FROM safety_alerts a JOIN clients c ON c.user_id = a.client_id JOIN users u ON u.id = c.coach_id WHERE a.closed_at IS NULL AND u.email = 'jonah@riverbend.example.org'`)), body: "note=", wantStatus: 422, want: []string{"please write what you did"}},
		{name: "admin intakes list shows flags", as: maya, method: "GET", path: "/intakes", wantStatus: 200, want: []string{"Ben Carter", "Rosa Delgado", "Noor Said", "on hold (why needs break-glass access)", "Omar Haddad"},
			notWant: []string{"on hold: referred out", "on hold: emergency"}}, // triage outcomes need break-glass
		{name: "lifting a hold needs a reason, kept inline", as: maya, method: "POST", path: "/intakes/" + clientID(t, srv, ben) + "/clearance", body: "reason=+",
			wantStatus: 422, want: []string{"write why the hold can be lifted", `aria-invalid="true"`}},
		{name: "a client cannot record their own clinician", as: noor, method: "POST", path: "/intakes/" + clientID(t, srv, noor) + "/clinician", body: "reason=I+have+one", wantStatus: 403},
		{name: "client still needs a clinician", as: noor, method: "GET", path: "/dashboard", wantStatus: 200, want: []string{"Coaching sessions are on hold"}},
		{name: "admin records the clinician with a reason", as: maya, method: "POST", path: "/intakes/" + clientID(t, srv, noor) + "/clinician", body: "reason=Sees+Dr+Green+weekly", wantStatus: 303},
		{name: "hold lifted", as: noor, method: "GET", path: "/dashboard", wantStatus: 200, notWant: []string{"Coaching sessions are on hold"}},
		{name: "coach intakes list shows own clients", as: jonah, method: "GET", path: "/intakes", wantStatus: 200, want: []string{"David Chen"}, notWant: []string{"Ben Carter"}},
		{name: "coach cannot clear another's client", as: jonah, method: "POST", path: "/intakes/999999/clearance", wantStatus: 404},
		{name: "partners page for admin", as: maya, method: "GET", path: "/admin/partners", wantStatus: 200, want: []string{"Cedar Psychiatric Associates"}},
		{name: "partners page refused to coach", as: jonah, method: "GET", path: "/admin/partners", wantStatus: 403},
		{name: "partner needs a name and contact", as: maya, method: "POST", path: "/admin/partners", body: "kind=medical&name=&phone=&url=ftp%3A%2F%2Fx&note=keep+me", wantStatus: 422,
			want: []string{"enter the partner", "starting with https://", "keep me"}},
		{name: "partner added", as: maya, method: "POST", path: "/admin/partners", body: "kind=medical&name=Lakeside+Clinic&phone=555+0100", wantStatus: 303},
	}
	runScenarios(t, srv, tests)
}
