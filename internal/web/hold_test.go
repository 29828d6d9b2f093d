package web_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

const (
	noor = "noor@client.example.org" // coaching with a clinician, none recorded
	rosa = "rosa@client.example.org" // emergency
)

// TestHoldsRefuse: for every demo client on hold, booking a session at an
// open time of a coach, joining a circle, being assigned by the admin and
// being accepted by a coach are all refused with a message saying why, and
// no appointment, membership or accepted request appears; the client's
// dashboard says "on hold" and offers no booking. On both engines.
func TestHoldsRefuse(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) { runHoldsRefuse(t, engine) })
	}
}

func runHoldsRefuse(t *testing.T, engine store.Dialect) {
	srv := apptest.NewServer(t, engine)
	db := srv.App.DB
	circleID := scalar(t, db, `SELECT MIN(id) FROM circles`)
	held := []struct{ email, says string }{
		{ben, "a clinician is the right first step"},
		{noor, "alongside a clinician"},
		{rosa, "your safety comes first"},
	}
	// Staff sign in once (each two-step code works once), so every held
	// client's requests go into one table.
	var tests []scenario
	for _, h := range held {
		tests = append(tests, holdScenarios(t, srv, h.email, h.says, circleID)...)
	}
	runScenarios(t, srv, tests)
	for _, h := range held {
		for what, query := range map[string]string{
			"appointment":      `SELECT COUNT(*) FROM appointments WHERE client_id = ?`,
			"circle place":     `SELECT COUNT(*) FROM circle_members WHERE client_id = ?`,
			"answered request": `SELECT COUNT(*) FROM coach_requests WHERE client_id = ? AND status <> 'pending'`,
		} {
			if n := scalar(t, db, query, clientID(t, srv, h.email)); n != "0" {
				t.Errorf("%s: %s rows for a client on hold: %s, want 0", h.email, what, n)
			}
		}
	}
}

// holdScenarios gives the held client Jonah as coach and a waiting request
// to him, as if the hold came after matching, so there is an open time to
// ask for and a request to accept; then every way in is tried.
func holdScenarios(t *testing.T, srv *apptest.Server, email, says, circleID string) []scenario {
	t.Helper()
	ctx, db := context.Background(), srv.App.DB
	id, jonahID := clientID(t, srv, email), mustInt(clientID(t, srv, jonah))
	mustExec(t, db, `UPDATE clients SET coach_id = ? WHERE user_id = ?`, jonahID, id)
	now := time.Now().UTC()
	mustExec(t, db, `INSERT INTO coach_requests (client_id, coach_id, status, intake_at, created_at, respond_by) VALUES (?, ?, 'pending', ?, ?, ?)`,
		id, jonahID, now, now, now.Add(8*time.Hour))
	requestID := scalar(t, db, `SELECT id FROM coach_requests WHERE client_id = ? AND status = 'pending'`, id)
	coach := policy.Actor{UserID: jonahID, PracticeID: mustInt(scalar(t, db, `SELECT practice_id FROM users WHERE id = ?`, jonahID)), Role: "coach"}
	times, err := srv.App.Schedule.OpenTimes(ctx, coach, mustInt(id), 14, 60)
	if err != nil || len(times) == 0 {
		t.Fatalf("open times of the coach: %v, %v", times, err)
	}
	start := times[0].UTC().Format(time.RFC3339)
	tests := []scenario{
		{name: "dashboard says on hold", as: email, method: "GET", path: "/dashboard", wantStatus: 200,
			want: []string{"Coaching sessions are on hold", says, "See your next steps"}, notWant: []string{"We are finding a coach", `href="/sessions">Book a session`}},
		{name: "sessions page offers no times", as: email, method: "GET", path: "/sessions", wantStatus: 200,
			want: []string{"Coaching sessions are on hold"}, notWant: []string{"Book this time"}},
		{name: "booking an open time", as: email, method: "POST", path: "/sessions", body: "start=" + url.QueryEscape(start) + "&minutes=60&format=video",
			wantStatus: 422, want: []string{says}},
		{name: "joining a circle", as: email, method: "POST", path: "/circles/" + circleID + "/join", wantStatus: 409, want: []string{says}},
		{name: "coach books for them", as: jonah, method: "POST", path: "/api/v1/sessions", json: true, wantStatus: 409, want: []string{says},
			body: `{"client_id": ` + id + `, "start": "` + start + `", "minutes": 60, "format": "video"}`},
		{name: "coach accepts", as: jonah, method: "POST", path: "/coach/requests/" + requestID, body: "decision=accept", wantStatus: 409, want: []string{says}},
		{name: "admin assigns", as: maya, method: "POST", path: "/admin/coaches/assign", body: "client_id=" + id + "&coach_id=" + clientID(t, srv, priya),
			wantStatus: 409, want: []string{says}},
	}
	for i := range tests {
		tests[i].name = email + ": " + tests[i].name
	}
	return tests
}

func mustExec(t *testing.T, db *store.DB, q string, args ...any) {
	t.Helper()
	if err := db.InTx(context.Background(), func(tx *store.Tx) error { _, err := tx.Exec(context.Background(), q, args...); return err }); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func scalar(t *testing.T, db *store.DB, q string, args ...any) string {
	t.Helper()
	var s string
	if err := db.Reader().QueryRow(context.Background(), `SELECT CAST((`+q+`) AS TEXT)`, args...).Scan(&s); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return s
}
