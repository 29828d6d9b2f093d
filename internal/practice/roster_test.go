package practice_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/practice"
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

// TestRosterRowsAsClientsOfCoach: each roster row carries its own
// experience time (the rows' times share one array: no row may point at
// another's) and its own fields, as ClientsOfCoach reads them — a client
// without an experience time among clients with different ones — on both
// engines.
func TestRosterRowsAsClientsOfCoach(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		svc, p, exec := practiceFixture(t, db)
		exec(`UPDATE clients SET experience_at = ?, substance = 'psilocybin' WHERE user_id = ?`, now.Add(-72*time.Hour), p.Client.UserID)
		exec(`UPDATE clients SET experience_at = NULL, substance = '' WHERE user_id = ?`, p.Client2.UserID)
		page, err := svc.RosterIn(ctx, db.Reader(), p.Coach, 1)
		if err != nil {
			t.Fatal(err)
		}
		all, err := svc.ClientsOfCoach(ctx, p.Coach)
		if err != nil {
			t.Fatal(err)
		}
		want := map[int64]practice.Client{}
		for _, c := range all {
			want[c.UserID] = c
		}
		if len(page.Clients) != 2 || len(all) != 2 {
			t.Fatalf("roster %+v, clients of the coach %+v: want two of each", page.Clients, all)
		}
		for _, got := range page.Clients {
			w := want[got.UserID]
			if got.Name != w.Name || got.CoachID != w.CoachID || got.Stage != w.Stage || got.Substance != w.Substance ||
				(got.ExperienceAt == nil) != (w.ExperienceAt == nil) ||
				(got.ExperienceAt != nil && !got.ExperienceAt.Equal(*w.ExperienceAt)) {
				t.Errorf("roster row %+v (experience %v), want %+v (experience %v)", got, got.ExperienceAt, w, w.ExperienceAt)
			}
		}
		for _, c := range page.Clients { // not only equal to the other read: the time written
			if e := c.ExperienceAt; c.UserID == p.Client.UserID && (e == nil || !e.Equal(now.Add(-72*time.Hour))) {
				t.Errorf("the client's experience %v, want %v", e, now.Add(-72*time.Hour))
			}
		}
	})
}
