package app_test

import (
	"context"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/alert"
	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/safety"
	"github.com/afterward/afterward/internal/store"
)

// TestDashboardShowsCareSignals: an open safety alert and an intake that
// asked for a clinician show on the assigned coach's dashboard, and on no
// other coach's.
func TestDashboardShowsCareSignals(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	ctx := context.Background()
	db := srv.App.DB
	clientOf := func(email string) int64 {
		var id int64
		if err := db.Reader().QueryRow(ctx, `SELECT id FROM users WHERE email = ?`, email).Scan(&id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	// Aisha (Jonah's client) gets an urgent alert; Tom (Priya's) needs a
	// clinician that is not recorded yet.
	aisha, tom := clientOf("aisha@client.example.org"), clientOf("tom@client.example.org")
	err := db.InTx(ctx, func(tx *store.Tx) error {
		if _, err := srv.App.Alerts.Raise(ctx, tx, aisha, alert.Source{Kind: "message", ID: 999001}, safety.Urgent, alert.ReasonCrisisLanguage); err != nil {
			return err
		}
		now := srv.App.Now()
		if _, err := tx.Exec(ctx, `DELETE FROM intakes WHERE client_id = ?`, tom); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO intakes (client_id, step, submitted_at, disposition, needs_clinician, created_at, updated_at)
			VALUES (?, 'review', ?, 'coaching_with_clinician', ?, ?, ?)`, tom, now, true, now, now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, coach    string
		want, wantNone []string
	}{
		{"Jonah sees the alert", "jonah@riverbend.example.org", []string{"Aisha Rahman</a> · urgent"}, []string{"Tom Becker</a> · a clinician"}},
		{"Priya sees the clinician need", "priya@riverbend.example.org", []string{"Tom Becker</a> · a clinician alongside coaching is needed"}, []string{"Aisha Rahman</a> · urgent"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := srv.SignIn(t, tc.coach)
			resp := apptest.Do(t, c, "GET", srv.URL+"/dashboard", "", nil)
			if got, want := resp.Status, 200; got != want {
				t.Fatalf("status = %d, want %d", got, want)
			}
			for _, w := range tc.want {
				if !strings.Contains(resp.Body, w) {
					t.Errorf("dashboard lacks %q", w)
				}
			}
			for _, w := range tc.wantNone {
				if strings.Contains(resp.Body, w) {
					t.Errorf("dashboard shows %q to the wrong coach", w)
				}
			}
		})
	}
}
