package web_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
)

// TestJournalPageReadsUnreadInItsSnapshot: the journal page shows the
// navigation's unread-message count, now read in the page's own snapshot
// (a plain part: no event of its own), and still records one event for
// its list and one for its prompts per view. On both engines.
func TestJournalPageReadsUnreadInItsSnapshot(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			srv := apptest.NewServer(t, engine)
			db := srv.App.DB
			email := scalar(t, db, `SELECT u.email FROM messages m JOIN users u ON u.id = m.client_id
				WHERE m.sender_id <> m.client_id AND m.read_at IS NULL ORDER BY m.id LIMIT 1`)
			id := clientID(t, srv, email)
			unread := scalar(t, db, `SELECT COUNT(*) FROM messages WHERE client_id = ? AND sender_id <> ? AND read_at IS NULL`, id, id)
			if unread == "0" {
				t.Fatal("the demo has no unread message for a client")
			}
			c := srv.SignIn(t, email)
			before := scalar(t, db, `SELECT COALESCE(MAX(id), 0) FROM audit_events`)
			for view := 1; view <= 2; view++ {
				resp := apptest.Do(t, c, "GET", srv.URL+"/journal", "", nil)
				if resp.Status != 200 {
					t.Fatalf("view %d: status %d", view, resp.Status)
				}
				if want := fmt.Sprintf(`aria-label="%s unread">`, unread); !strings.Contains(resp.Body, want) {
					t.Errorf("view %d: the navigation lacks %s", view, want)
				}
				for _, detail := range []string{"list", "prompts"} {
					n := scalar(t, db, `SELECT COUNT(*) FROM audit_events WHERE id > ? AND actor_id = ? AND client_id = ? AND action = 'read'
						AND outcome = 'ok' AND resource_type = 'journal_entry' AND detail = ?`, before, id, id, detail)
					if want := fmt.Sprint(view); n != want {
						t.Errorf("view %d: %s read events = %s, want %s", view, detail, n, want)
					}
				}
				others := scalar(t, db, `SELECT COUNT(*) FROM audit_events WHERE id > ? AND actor_id = ? AND resource_type <> 'journal_entry'`, before, id)
				if others != "0" {
					t.Errorf("view %d: %s other events, want none (the unread count records none)", view, others)
				}
			}
		})
	}
}
