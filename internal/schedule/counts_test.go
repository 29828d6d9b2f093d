package schedule_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/schedule"
	"github.com/afterward/afterward/internal/store"
)

// TestHeldWithin counts held sessions in [experience, experience+window):
// boundaries, other statuses, and clients without sessions left out.
func TestHeldWithin(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, 3)
		ctx := context.Background()
		exp := monday.AddDate(0, 0, -100)
		window := 90 * 24 * time.Hour
		withSessions, noneHeld, noSessions := f.clients[0], f.clients[1], f.clients[2]
		err := db.InTx(ctx, func(tx *store.Tx) error {
			mustExec(t, tx, `UPDATE clients SET experience_at = ? WHERE practice_id = ?`, exp, f.coach.PracticeID)
			for i, s := range []struct {
				client int64
				at     time.Time
				status string
			}{
				{withSessions.UserID, exp, "held"},                           // first instant: counted
				{withSessions.UserID, exp.Add(window - time.Minute), "held"}, // last minute: counted
				{withSessions.UserID, exp.Add(window), "held"},               // window end: not counted
				{withSessions.UserID, exp.Add(-time.Hour), "held"},           // before the experience
				{withSessions.UserID, exp.Add(48 * time.Hour), "no_show"},    // not held
				{noneHeld.UserID, exp.Add(72 * time.Hour), "cancelled"},      // on record, none held
			} {
				mustExec(t, tx, `INSERT INTO appointments (uid, practice_id, coach_id, client_id, starts_at, minutes, format, location, status, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?, 60, 'video', 'https://meet.example.org/x', ?, ?, ?)`,
					fmt.Sprintf("count-%d", i), f.coach.PracticeID, f.coach.UserID, s.client, s.at, s.status, monday, monday)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		got, err := schedule.HeldWithin(ctx, db.Reader(), f.coach.PracticeID, window)
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name    string
			client  int64
			want    int
			present bool
		}{
			{"held inside the window", withSessions.UserID, 2, true},
			{"sessions but none held", noneHeld.UserID, 0, true},
			{"no sessions on record", noSessions.UserID, 0, false},
		} {
			n, ok := got[tc.client]
			if n != tc.want || ok != tc.present {
				t.Errorf("%s: got %d (present %v), want %d (present %v)", tc.name, n, ok, tc.want, tc.present)
			}
		}
	})
}
