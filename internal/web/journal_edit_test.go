package web_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
)

// TestJournalEditAndDelete: the client edits an entry (the earlier wording
// is kept, sealed) and deletes one only after confirming; the coach can
// do neither.
func TestJournalEditAndDelete(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			srv := apptest.NewServer(t, engine)
			client := srv.SignIn(t, aisha)
			list := apptest.Do(t, client, "GET", srv.URL+"/journal", "", nil).Body
			m := regexp.MustCompile(`href="/journal/(\d+)">Small promise`).FindStringSubmatch(list)
			if m == nil {
				t.Fatalf("entry not listed: %.500s", list)
			}
			id := m[1]
			form := apptest.Do(t, client, "GET", srv.URL+"/journal/"+id+"/edit", "", nil).Body
			key := regexp.MustCompile(`name="key" value="([^"]+)"`).FindStringSubmatch(form)
			if key == nil || !strings.Contains(form, "Walked before work") {
				t.Fatalf("edit form lacks the key or the words: %.500s", form)
			}
			runScenarios(t, srv, []scenario{
				{name: "an empty edit names the field", as: aisha, method: "POST", path: "/journal/" + id + "/edit", body: "key=" + key[1] + "&title=Small+promise&body=", wantStatus: 422, want: []string{"write something before saving", "Edit journal entry"}},
				{name: "the edit saves", as: aisha, method: "POST", path: "/journal/" + id + "/edit", body: "key=" + key[1] + "&title=Small+promise&body=Walked+five+days.+**Still+mine.**", wantStatus: 303},
				{name: "the entry shows the new words", as: aisha, method: "GET", path: "/journal/" + id, wantStatus: 200, want: []string{"<strong>Still mine.</strong>", "Edit this entry"}, notWant: []string{"three days"}},
				{name: "the coach cannot edit", as: jonah, method: "POST", path: "/journal/" + id + "/edit", body: "key=" + key[1] + "&body=x", wantStatus: 403},
				{name: "delete needs the box ticked", as: aisha, method: "POST", path: "/journal/" + id + "/delete", wantStatus: 422, want: []string{"tick the box to confirm", `id="confirm-error"`}},
				{name: "the coach cannot delete", as: jonah, method: "POST", path: "/journal/" + id + "/delete", body: "confirm=1", wantStatus: 403},
			})
			var versions int
			if err := srv.App.DB.Reader().QueryRow(context.Background(), `SELECT COUNT(*) FROM journal_versions WHERE entry_id = ? AND body IS NOT NULL`, mustInt(id)).Scan(&versions); err != nil || versions != 1 {
				t.Fatalf("versions kept = %d (%v), want 1", versions, err)
			}
			runScenarios(t, srv, []scenario{
				{name: "confirmed delete", as: aisha, method: "POST", path: "/journal/" + id + "/delete", body: "confirm=1", wantStatus: 303},
				{name: "the entry is gone", as: aisha, method: "GET", path: "/journal/" + id, wantStatus: 404},
			})
			var audited int
			if err := srv.App.DB.Reader().QueryRow(context.Background(), `SELECT COUNT(*) FROM audit_events WHERE action = 'journal_entry_deleted' AND resource_id = ?`, id).Scan(&audited); err != nil || audited != 1 {
				t.Errorf("deletion audit events = %d (%v), want 1", audited, err)
			}
		})
	}
}
