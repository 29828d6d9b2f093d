package web_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestNoteSigningNeedsContentAndConfirmation: an empty note cannot be
// signed, and signing needs the confirmation ticked; both answer inline.
func TestNoteSigningNeedsContentAndConfirmation(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	var id int64
	// A held session of Jonah's whose note is not signed yet (the demo's
	// overdue note), still inside the window before notes lock.
	err := srv.App.DB.Reader().QueryRow(context.Background(), `SELECT a.id FROM appointments a JOIN users u ON u.id = a.coach_id
		WHERE u.email = ? AND a.status = 'held' AND NOT EXISTS (SELECT 1 FROM session_notes n WHERE n.appointment_id = a.id AND n.signed_at IS NOT NULL)
		ORDER BY a.starts_at DESC LIMIT 1`, jonah).Scan(&id)
	if err != nil {
		t.Fatalf("no unsigned held session in the demo: %v", err)
	}
	note := "/sessions/" + strconv.FormatInt(id, 10) + "/note"
	runScenarios(t, srv, []scenario{
		{name: "the form asks for confirmation", as: jonah, method: "GET", path: note, wantStatus: 200, want: []string{`name="confirm_sign"`}},
		{name: "signing without confirming", as: jonah, method: "POST", path: note, body: "processing=We+talked&action=sign", wantStatus: 422, want: []string{"tick the box to confirm", `id="confirm_sign-error"`, "We talked"}},
		{name: "signing an empty note", as: jonah, method: "POST", path: note, body: "processing=+&action=sign&confirm_sign=1", wantStatus: 422, want: []string{"write in at least one section before signing"}},
	})
}

// TestNoteTemplates: the admin adds a template; on an empty note the coach
// sees its prompts as placeholders, and an untouched template cannot be
// signed (the prompts are not the note).
func TestNoteTemplates(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	var id, tmpl int64
	if err := srv.App.DB.Reader().QueryRow(context.Background(), `SELECT a.id FROM appointments a JOIN users u ON u.id = a.coach_id
		WHERE u.email = ? AND a.status = 'held' AND NOT EXISTS (SELECT 1 FROM session_notes n WHERE n.appointment_id = a.id)
		ORDER BY a.starts_at DESC LIMIT 1`, jonah).Scan(&id); err != nil {
		t.Skipf("no held session without a note in the demo: %v", err)
	}
	if err := srv.App.DB.Reader().QueryRow(context.Background(), `SELECT MIN(id) FROM note_templates`).Scan(&tmpl); err != nil {
		t.Fatal(err)
	}
	note := "/sessions/" + strconv.FormatInt(id, 10) + "/note"
	runScenarios(t, srv, []scenario{
		{name: "admin sees the templates", as: maya, method: "GET", path: "/settings/note-templates", wantStatus: 200, want: []string{"First session after the experience"}},
		{name: "a template needs a name and a prompt", as: maya, method: "POST", path: "/settings/note-templates", body: "name=&processing=", wantStatus: 422, want: []string{"name the template", "write a prompt"}},
		{name: "admin adds one", as: maya, method: "POST", path: "/settings/note-templates", body: "name=Closing+session&free=What+will+they+take+with+them%3F", wantStatus: 303},
		{name: "a coach cannot", as: jonah, method: "POST", path: "/settings/note-templates", body: "name=x&free=y", wantStatus: 403},
		{name: "the empty note offers templates", as: jonah, method: "GET", path: note, wantStatus: 200, want: []string{"Start from a practice template", "Closing session"}},
		{name: "a chosen template fills placeholders", as: jonah, method: "GET", path: note + "?template=" + strconv.FormatInt(tmpl, 10), wantStatus: 200, want: []string{`placeholder="What stood out most?`}},
		{name: "an untouched template cannot be signed", as: jonah, method: "POST", path: note, body: "action=sign&confirm_sign=1", wantStatus: 422, want: []string{"write in at least one section before signing"}},
	})
}
