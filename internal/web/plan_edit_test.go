package web_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestPlanEditor: the coach changes a client's plan and sees its history;
// unreadable or out-of-range fields come back inline with 422; the client
// reads without a form; another coach gets 404 even with bad fields.
func TestPlanEditor(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	var id int64
	if err := srv.App.DB.Reader().QueryRow(context.Background(), `SELECT id FROM users WHERE email = 'aisha@client.example.org'`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	path := srv.URL + "/clients/" + strconv.FormatInt(id, 10) + "/plan"
	coach, other, client := srv.SignIn(t, jonah), srv.SignIn(t, priya), srv.SignIn(t, "aisha@client.example.org")
	good := "experience_at=2026-01-10&cadence=biweekly&planned_sessions=6&session_minutes=90&follow_up_months=3%2C+12"
	for _, tc := range []struct {
		name       string
		as         string
		method     string
		body       string
		wantStatus int
		want       []string
		notWant    []string
	}{
		{"coach saves", jonah, "POST", good, 303, nil, nil},
		{"coach sees the new version in the history", jonah, "GET", "", 200, []string{"6 × 90 min, biweekly", "3, 12", `name="planned_sessions"`}, nil},
		{"out of range sessions inline", jonah, "POST", strings.Replace(good, "planned_sessions=6", "planned_sessions=20", 1), 422, []string{"planned_sessions-error", "plan between 4 and 12 sessions"}, nil},
		{"a typed date is no second source: the intake's experience counts", jonah, "POST", strings.Replace(good, "2026-01-10", "last+spring", 1), 303, nil, nil},
		{"the plan shows the intake's experience, not a date field", jonah, "GET", "", 200, []string{"from the client's intake"}, []string{`name="experience_at"`}},
		{"unreadable months inline", jonah, "POST", strings.Replace(good, "3%2C+12", "three", 1), 422, []string{"follow_up_months-error"}, nil},
		{"client reads without a form", "client", "GET", "", 200, []string{"6 sessions of 90 minutes"}, []string{`name="planned_sessions"`}},
		{"other coach gets 404", priya, "GET", "", 404, nil, []string{"6 × 90 min"}},
		{"other coach with bad fields still 404", priya, "POST", "planned_sessions=x", 404, nil, []string{"field-error"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := map[string]*http.Client{jonah: coach, priya: other, "client": client}[tc.as]
			resp := apptest.Do(t, c, tc.method, path, tc.body, nil)
			if resp.Status != tc.wantStatus {
				t.Fatalf("status = %d, want %d", resp.Status, tc.wantStatus)
			}
			for _, w := range tc.want {
				if !strings.Contains(resp.Body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(resp.Body, w) {
					t.Errorf("page shows %q", w)
				}
			}
		})
	}
}
