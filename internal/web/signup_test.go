package web_test

import (
	"net/url"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
)

func signupBody(email string) string {
	return url.Values{"name": {"Rowan Vale"}, "email": {email}, "time_zone": {"Europe/Lisbon"},
		"agree_terms": {"yes"}, "agree_not_therapy": {"yes"}}.Encode()
}

// TestSignUpPages: the demo practice is open; the form names every field
// it refuses and keeps what was typed; a known and an unknown address get
// the same answer; /intake explains itself to a visitor; the profile's
// call to action carries the coach.
func TestSignUpPages(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			srv := apptest.NewServer(t, engine)
			jonahID := clientID(t, srv, jonah)
			tests := []scenario{
				{name: "form", method: "GET", path: "/signup", wantStatus: 200, want: []string{"Sign up", `name="agree_not_therapy"`, "not therapy", "data-detect-zone", "Europe/Lisbon"}},
				{name: "form for a coach", method: "GET", path: "/signup?coach=" + jonahID, wantStatus: 200, want: []string{"start with Jonah Reyes", `name="coach" value="` + jonahID + `"`}},
				{name: "profile offers a start", method: "GET", path: "/coaches/" + jonahID, wantStatus: 200, want: []string{"Start with this coach", "/signup?coach=" + jonahID}},
				{name: "empty form names fields", method: "POST", path: "/signup", body: "name=&email=x&time_zone=Mars%2FBase&agree_terms=yes", wantStatus: 422,
					want: []string{"enter the name", "enter an email address", "choose your time zone", "coaching is not therapy or emergency care", `name="agree_terms" value="yes" checked`, `value="x"`}},
				{name: "new address", method: "POST", path: "/signup", body: signupBody("new.person@example.org"), wantStatus: 200, want: []string{"Check your email", "new.person@example.org"}},
				{name: "known address, same answer", method: "POST", path: "/signup", body: signupBody(elena), wantStatus: 200, want: []string{"Check your email", "If the address already has an account"}},
				{name: "dead link", method: "POST", path: "/signup/not-a-real-token-at-all", wantStatus: 404, want: []string{"That link no longer works", "988"}},
				{name: "intake explains itself", method: "GET", path: "/intake", wantStatus: 200, want: []string{"Your intake", `href="/signup"`, `href="/signin"`}},
				{name: "signed-in intake still starts", as: elena, method: "GET", path: "/intake", wantStatus: 303},
				{name: "admin closes sign-up", as: maya, method: "POST", path: "/settings/signup", body: "signup_mode=invitation", wantStatus: 303},
				{name: "closed form says how to join", method: "GET", path: "/signup", wantStatus: 200, want: []string{"by invitation", "How to get an invitation"}, notWant: []string{`name="email"`}},
				{name: "closed post refused plainly", method: "POST", path: "/signup", body: signupBody("late@example.org"), wantStatus: 422, want: []string{"by invitation"}},
				{name: "bad mode named", as: maya, method: "POST", path: "/settings/signup", body: "signup_mode=everyone", wantStatus: 422, want: []string{"choose open or by invitation"}},
				{name: "coach cannot change it", as: jonah, method: "POST", path: "/settings/signup", body: "signup_mode=open", wantStatus: 403},
			}
			runScenarios(t, srv, tests)
		})
	}
}
