package practice_test

import (
	"context"
	"slices"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestRosterFollowsTheAccount: the roster reads the client's name and the
// account's deactivation from copies in clients (migration 0035, kept by
// trigger); whatever writes users — a rename, a deactivation, a
// reactivation, a client added for an account already deactivated — the
// roster page and its counts show it at once, and clients with the same
// experience time stay in name order — on both engines.
func TestRosterFollowsTheAccount(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		svc, p, exec := practiceFixture(t, db)
		check := func(step string, want ...string) {
			t.Helper()
			page, err := svc.RosterIn(ctx, db.Reader(), p.Coach, 1)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range page.Clients {
				got = append(got, c.Name)
			}
			if !slices.Equal(got, want) || page.Total != len(want) || page.Active != len(want) {
				t.Errorf("%s: roster %q (total %d, active %d), want %q", step, got, page.Total, page.Active, want)
			}
		}
		// Both clients have the same experience time: name order.
		check("as created", "Client One", "Client Two")
		exec(`UPDATE users SET name = 'Aaron Renamed' WHERE id = ?`, p.Client2.UserID)
		check("after a rename", "Aaron Renamed", "Client One")
		exec(`UPDATE users SET disabled_at = ? WHERE id = ?`, now, p.Client.UserID)
		check("after a deactivation", "Aaron Renamed")
		exec(`UPDATE users SET name = 'Client One Again', disabled_at = NULL WHERE id = ?`, p.Client.UserID)
		check("after a reactivation", "Aaron Renamed", "Client One Again")

		var id int64
		err := db.InTx(ctx, func(tx *store.Tx) error {
			var err error
			id, err = store.InsertID(ctx, tx, `INSERT INTO users (practice_id, email, name, role, created_at, disabled_at) VALUES (?, 'late@example.org', 'Late Client', 'client', ?, ?) RETURNING id`,
				p.Coach.PracticeID, now, now)
			if err != nil {
				return err
			}
			_, err = tx.Exec(ctx, `INSERT INTO clients (user_id, practice_id, coach_id, stage, experience_at, created_at) VALUES (?, ?, ?, 'active', ?, ?)`,
				id, p.Coach.PracticeID, p.Coach.UserID, now, now)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		check("a client added for a deactivated account", "Aaron Renamed", "Client One Again")
		exec(`UPDATE users SET disabled_at = NULL WHERE id = ?`, id)
		check("that account reactivated", "Late Client", "Aaron Renamed", "Client One Again")
	})
}
