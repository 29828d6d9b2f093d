package web_test

import (
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

const ()

// TestDirectoryScenarios walks the directory, profile, request, coach
// answer and admin pages, on both engines.
func TestDirectoryScenarios(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) { runDirectoryScenarios(t, engine) })
	}
}

func runDirectoryScenarios(t *testing.T, engine store.Dialect) {
	srv := apptest.NewServer(t, engine)
	var jonahID string
	if err := srv.App.DB.Reader().QueryRow(t.Context(), `SELECT CAST(id AS TEXT) FROM users WHERE email = ?`, jonah).Scan(&jonahID); err != nil {
		t.Fatal(err)
	}
	profile := "/coaches/" + jonahID
	tests := []scenario{
		{name: "directory is public", method: "GET", path: "/directory", wantStatus: 200, want: []string{"Jonah Reyes", "Priya Natarajan", "Substance experience", "Open slot within 72 hours"}, notWant: []string{"Rowan Blake"}},
		{name: "text search", method: "GET", path: "/directory?q=chaplain", wantStatus: 200, want: []string{"1 coach", "Jonah Reyes"}, notWant: []string{"Priya Natarajan"}},
		{name: "facet and text", method: "GET", path: "/directory?q=integration&modality=somatic&substance=ketamine", wantStatus: 200, want: []string{"Priya Natarajan"}, notWant: []string{"Jonah Reyes"}},
		{name: "bad facet value names the field", method: "GET", path: "/directory?substance=coffee", wantStatus: 422, want: []string{"choose from the listed options"}},
		{name: "bad page", method: "GET", path: "/directory?page=0", wantStatus: 422, want: []string{"page"}},
		{name: "profile shows answers and badge", method: "GET", path: profile, wantStatus: 200, want: []string{"Boundaries with ongoing therapy", "hospice chaplain", "Verified", "by Maya Alvarez on"}, notWant: []string{"Request this coach"}},
		{name: "flagged profile is not public", method: "GET", path: "/coaches/999999", wantStatus: 404},
		{name: "non-number id", method: "GET", path: "/coaches/abc", wantStatus: 404},
		{name: "client sees request button", as: kenji, method: "GET", path: profile, wantStatus: 200, want: []string{"Request this coach", "Report a concern"}},
		{name: "report needs text and date", as: kenji, method: "POST", path: profile + "/report", body: "what=&happened_on=", wantStatus: 422, want: []string{"describe what happened", "enter the date it happened"}},
		{name: "client requests", as: kenji, method: "POST", path: profile + "/request", wantStatus: 303},
		{name: "second request conflicts", as: kenji, method: "POST", path: profile + "/request", wantStatus: 409, want: []string{"already waiting"}},
		{name: "active client cannot request", as: tom, method: "POST", path: profile + "/request", wantStatus: 409, want: []string{"does not allow coaching"}},
		{name: "coach sees request", as: jonah, method: "GET", path: "/coach/requests", wantStatus: 200, want: []string{"Kenji Watanabe", "Accept"}},
		{name: "other coach does not", as: priya, method: "GET", path: "/coach/requests", wantStatus: 200, notWant: []string{"Kenji Watanabe"}},
		{name: "bad decision", as: jonah, method: "POST", path: "/coach/requests/1", body: "decision=maybe", wantStatus: 422, want: []string{"choose accept or decline"}},
		{name: "admin queue highlights excerpt", as: maya, method: "GET", path: "/admin/coaches", wantStatus: 200, want: []string{"Rowan Blake", `<mark class="flag">`, "Integration Coaching Certificate", "second substance"}},
		{name: "admin page refused to coach", as: jonah, method: "GET", path: "/admin/coaches", wantStatus: 403},
		{name: "api search", method: "GET", path: "/api/v1/coaches?q=chaplain", wantStatus: 200, want: []string{`"total":1`, `"name":"Jonah Reyes"`, `"facets"`}},
		{name: "api bad facet", method: "GET", path: "/api/v1/coaches?fee=free", wantStatus: 422, want: []string{`"fee"`}},
		{name: "api profile", method: "GET", path: "/api/v1" + profile, wantStatus: 200, want: []string{`"answers"`, `"therapy"`}},
		{name: "api missing profile", method: "GET", path: "/api/v1/coaches/0", wantStatus: 404},
	}
	runScenarios(t, srv, tests)
}
