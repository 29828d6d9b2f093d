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
					want: []string{"the walks helped", "your coach sees it beside their note"}},
				{name: "the coach sees the addenda beside the note", as: coachEmail, method: "GET", path: note, wantStatus: 200,
					want: []string{"The client's addenda", "the walks helped", "For the record"}},
				{name: "another client cannot add", as: other, method: "POST", path: add, body: "addendum=mine", wantStatus: 404},
				{name: "another client's records do not show it", as: other, method: "GET", path: "/records", wantStatus: 200, notWant: []string{"the walks helped"}},
				{name: "staff have no records page", as: coachEmail, method: "GET", path: "/records", wantStatus: 403},
			})
		})
	}
}
