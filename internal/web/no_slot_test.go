package web_test

import (
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
)

// TestNoOpenTimeBooksNothing: when the chosen coach has no open time
// before the client's first session is due, the admin's assignment says so
// plainly, nothing is assigned or booked, and the admins get an email.
func TestNoOpenTimeBooksNothing(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			mp := apptest.StartMailpit(t)
			srv := apptest.NewServerWith(t, engine, apptest.Options{SMTPURL: mp.SMTPURL})
			db := srv.App.DB
			kenjiID, priyaID := clientID(t, srv, kenji), clientID(t, srv, priya)
			mustExec(t, db, `DELETE FROM availability WHERE coach_id = ?`, mustInt(priyaID)) // Priya has no hours at all
			runScenarios(t, srv, []scenario{
				{name: "assigning says plainly that nothing was booked", as: maya, method: "POST", path: "/admin/coaches/assign",
					body: "client_id=" + kenjiID + "&coach_id=" + priyaID, wantStatus: 409,
					want:    []string{"Nothing was booked", "Priya Natarajan has no open time before the first session is due", "admins have been alerted"},
					notWant: []string{"is booked for"}},
			})
			for what, q := range map[string]string{
				"appointments": `SELECT COUNT(*) FROM appointments WHERE client_id = ?`,
				"assignments":  `SELECT COUNT(*) FROM clients WHERE user_id = ? AND coach_id IS NOT NULL`,
				"requests":     `SELECT COUNT(*) FROM coach_requests WHERE client_id = ?`,
			} {
				if n := scalar(t, db, q, kenjiID); n != "0" {
					t.Errorf("%s for Kenji after a refused assignment: %s, want 0", what, n)
				}
			}
			deadline := time.Now().Add(20 * time.Second)
			for !hasSubject(mp.WaitFor(t, maya, 1, time.Second), "No first-session time for a client") {
				if time.Now().After(deadline) {
					t.Fatal("the admin was not alerted")
				}
				time.Sleep(200 * time.Millisecond)
			}
		})
	}
}

func hasSubject(msgs []apptest.Message, subject string) bool {
	for _, m := range msgs {
		if m.Subject == subject {
			return true
		}
	}
	return false
}
