package web_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
)

// TestClientRecords: a client reads their signed notes without the
// coach's private section, with the demo's addendum; adds another (an
// empty one names the field); the coach sees addenda beside the note;
// nobody else reads or adds to that record.
func TestClientRecords(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			srv := apptest.NewServer(t, engine)
			var email, coachEmail string
			var session int64
			err := srv.App.DB.Reader().QueryRow(context.Background(), `SELECT u.email, co.email, a.id FROM note_addenda d
				JOIN session_notes n ON n.id = d.note_id JOIN appointments a ON a.id = n.appointment_id
				JOIN users u ON u.id = d.client_id JOIN users co ON co.id = a.coach_id`).Scan(&email, &coachEmail, &session)
			if err != nil {
				t.Fatalf("the demo has no addendum: %v", err)
			}
			other := aisha
			if email == aisha {
				other = "elena@client.example.org"
			}
			add := "/records/" + strconv.FormatInt(session, 10) + "/addenda"
			note := "/sessions/" + strconv.FormatInt(session, 10) + "/note"
			runScenarios(t, srv, []scenario{
				{name: "the client reads the record and the demo addendum", as: email, method: "GET", path: "/records", wantStatus: 200,
					want: []string{"Your records", "the sense of being held", "For the record: the drawing"}, notWant: []string{"Keep an eye on sleep"}},
				{name: "an empty addendum names the field", as: email, method: "POST", path: add, body: "addendum=+", wantStatus: 422,
					want: []string{"write your addendum", `aria-invalid="true"`}},
				{name: "the client adds an addendum", as: email, method: "POST", path: add, body: "addendum=I+also+want+to+add+that+the+walks+helped.", wantStatus: 303},
				{name: "it is on the record", as: email, method: "GET", path: "/records?done=added", wantStatus: 200,
					want: []string{"the walks helped", "your coach or facilitator sees it beside it"}},
				{name: "the coach sees the addenda beside the note", as: coachEmail, method: "GET", path: note, wantStatus: 200,
					want: []string{"The client's addenda", "the walks helped", "For the record"}},
				{name: "another client cannot add", as: other, method: "POST", path: add, body: "addendum=mine", wantStatus: 404},
				{name: "another client's records do not show it", as: other, method: "GET", path: "/records", wantStatus: 200, notWant: []string{"the walks helped"}},
				{name: "staff have no records page", as: coachEmail, method: "GET", path: "/records", wantStatus: 403},
			})
		})
	}
}

// TestClientRegulatedRecords: Leo (demo, Oregon) reads his signed forms
// and the session log about him — product, amount, dose — with his demo
// addendum; adds another to his administration (an empty one is named
// inline beside that session) and to a signed form; his facilitator sees
// both beside the records; another client can add to neither.
func TestClientRegulatedRecords(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			srv := apptest.NewServer(t, engine)
			const leo = "leo@client.example.org"
			var leoID, session, form int64
			var coachEmail string
			err := srv.App.DB.Reader().QueryRow(context.Background(), `SELECT u.id, co.email, e.id, f.id FROM users u JOIN clients c ON c.user_id = u.id
				JOIN users co ON co.id = c.coach_id JOIN regulated_sessions e ON e.client_id = u.id AND e.session_type = 'administration'
				JOIN regulated_forms f ON f.client_id = u.id AND f.form_key = 'transportation-plan' WHERE u.email = ?`, leo).Scan(&leoID, &coachEmail, &session, &form)
			if err != nil {
				t.Fatalf("the demo has no regulated records for Leo: %v", err)
			}
			addSession := "/records/sessions/" + strconv.FormatInt(session, 10) + "/addenda"
			addForm := "/records/forms/" + strconv.FormatInt(form, 10) + "/addenda"
			runScenarios(t, srv, []scenario{
				{name: "the client reads his forms and session log", as: leo, method: "GET", path: "/records", wantStatus: 200,
					want: []string{"Signed forms", "Transportation plan", "/forms/signed/" + strconv.FormatInt(form, 10) + "/pdf", "Session log",
						"OR-PSI-24-01877", "20 mg psilocybin", "Single dose", "Jo was in the lobby by 18:15"}},
				{name: "an empty addendum is named beside that session", as: leo, method: "POST", path: addSession, body: "addendum=+", wantStatus: 422,
					want: []string{"write your addendum", `id="addendum-session-` + strconv.FormatInt(session, 10) + `-error"`}},
				{name: "the client adds one to the session", as: leo, method: "POST", path: addSession, body: "addendum=The+nausea+passed+within+the+hour.", wantStatus: 303},
				{name: "and one to the form", as: leo, method: "POST", path: addForm, body: "addendum=Jo+drives+now%2C+not+the+ride-share.", wantStatus: 303},
				{name: "both are on his record", as: leo, method: "GET", path: "/records?done=added", wantStatus: 200,
					want: []string{"The nausea passed within the hour.", "Jo drives now, not the ride-share."}},
				{name: "the facilitator sees them beside the records", as: coachEmail, method: "GET", path: "/clients/" + strconv.FormatInt(leoID, 10) + "/regulated", wantStatus: 200,
					want: []string{"The client's addenda", "The nausea passed within the hour.", "Jo drives now, not the ride-share."}},
				{name: "another client cannot add to his session", as: "elena@client.example.org", method: "POST", path: addSession, body: "addendum=mine", wantStatus: 404},
				{name: "another client cannot add to his form", as: "elena@client.example.org", method: "POST", path: addForm, body: "addendum=mine", wantStatus: 404},
				{name: "another client's records do not show his", as: "elena@client.example.org", method: "GET", path: "/records", wantStatus: 200,
					notWant: []string{"The nausea passed", "20 mg psilocybin"}},
				{name: "the facilitator cannot add one", as: coachEmail, method: "POST", path: addSession, body: "addendum=x", wantStatus: 403},
			})
		})
	}
}
