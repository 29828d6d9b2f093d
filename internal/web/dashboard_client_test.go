package web_test

import (
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
)

// TestClientDashboardReadsInOneSnapshot: the client's dashboard shows its
// record, hold and work, read together (practice.ClientWith), and each of
// the three reads still has its audit event — once per page view; the
// navigation's unread count, read in the same snapshot, records none. On
// both engines.
func TestClientDashboardReadsInOneSnapshot(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			srv := apptest.NewServer(t, engine)
			db := srv.App.DB
			email := scalar(t, db, `SELECT u.email FROM intentions i JOIN users u ON u.id = i.client_id ORDER BY i.id LIMIT 1`)
			id := clientID(t, srv, email)
			c := srv.SignIn(t, email)
			before := scalar(t, db, `SELECT COALESCE(MAX(id), 0) FROM audit_events`)
			unread := scalar(t, db, `SELECT COUNT(*) FROM messages WHERE client_id = ? AND sender_id <> ? AND read_at IS NULL`, id, id)
			for view := 1; view <= 2; view++ {
				resp := apptest.Do(t, c, "GET", srv.URL+"/dashboard", "", nil)
				if resp.Status != 200 {
					t.Fatalf("view %d: status %d", view, resp.Status)
				}
				if !strings.Contains(resp.Body, "Your space") || strings.Contains(resp.Body, "Intentions and small steps you set with your coach will appear here") {
					t.Errorf("view %d: the dashboard lacks the client's intentions", view)
				}
				for _, read := range []struct{ resource, detail string }{{"client", ""}, {"intake", "hold"}, {"insight", ""}} {
					n := scalar(t, db, `SELECT COUNT(*) FROM audit_events WHERE id > ? AND actor_id = ? AND client_id = ? AND action = 'read'
						AND outcome = 'ok' AND resource_type = ? AND detail = ?`, before, id, id, read.resource, read.detail)
					if want := string(rune('0' + view)); n != want {
						t.Errorf("view %d: %s read events = %s, want %s", view, read.resource, n, want)
					}
				}
				if all := scalar(t, db, `SELECT COUNT(*) FROM audit_events WHERE id > ? AND actor_id = ?`, before, id); all != string(rune('0'+3*view)) {
					t.Errorf("view %d: %s events in all, want %d (none for the unread count)", view, all, 3*view)
				}
				if badge := `aria-label="` + unread + ` unread">`; unread != "0" && !strings.Contains(resp.Body, badge) {
					t.Errorf("view %d: the navigation lacks %s", view, badge)
				} else if unread == "0" && strings.Contains(resp.Body, ` unread">`) {
					t.Errorf("view %d: an unread count shown with none unread", view)
				}
			}
		})
	}
}
