package app_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/schedule"
	"github.com/afterward/afterward/internal/store"
)

// TestAttendanceIsBilled: marking a session held bills it, a no-show or a
// late cancellation charges the practice's fee, in the same transaction;
// a length without a fee is recorded and not billed.
func TestAttendanceIsBilled(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	ctx := context.Background()
	db := srv.App.DB
	// people returns a demo client and their coach.
	people := func(email string) (client, coach policy.Actor) {
		err := db.Reader().QueryRow(ctx, `SELECT c.user_id, c.practice_id, c.coach_id FROM clients c JOIN users u ON u.id = c.user_id
			WHERE u.email = ?`, email).Scan(&client.UserID, &client.PracticeID, &coach.UserID)
		if err != nil {
			t.Fatal(err)
		}
		client.Role, coach.Role, coach.PracticeID = account.Client, account.Coach, client.PracticeID
		return client, coach
	}
	// Jonah has fees for 60 and 90 minutes; Sam only for 60.
	client, coach := people("aisha@client.example.org")
	samsClient, sam := people("marcus@client.example.org")
	now := time.Now().UTC().Truncate(time.Minute)
	for i, tc := range []struct {
		name     string
		start    time.Duration // from now
		minutes  int
		act      func(id int64) (schedule.Appointment, error)
		wantKind string // billing line source kind; "" = no line
		ofSam    bool   // the session is with Sam's client
	}{
		{"held is billed", -2 * time.Hour, 60, func(id int64) (schedule.Appointment, error) {
			return srv.App.Schedule.MarkAttendance(ctx, coach, id, schedule.Held)
		}, "session", false},
		{"no-show is charged", -3 * time.Hour, 60, func(id int64) (schedule.Appointment, error) {
			return srv.App.Schedule.MarkAttendance(ctx, coach, id, schedule.NoShow)
		}, "fee", false},
		{"late cancellation is charged", 2 * time.Hour, 60, func(id int64) (schedule.Appointment, error) {
			return srv.App.Schedule.Cancel(ctx, client, id)
		}, "fee", false},
		{"early cancellation is free", 10 * 24 * time.Hour, 60, func(id int64) (schedule.Appointment, error) {
			return srv.App.Schedule.Cancel(ctx, client, id)
		}, "", false},
		{"no fee for the length", -4 * time.Hour, 90, func(id int64) (schedule.Appointment, error) {
			return srv.App.Schedule.MarkAttendance(ctx, sam, id, schedule.Held)
		}, "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := now.Add(tc.start)
			client, coach := client, coach
			if tc.ofSam {
				client, coach = samsClient, sam
			}
			var id int64
			err := db.InTx(ctx, func(tx *store.Tx) error {
				var err error
				id, err = store.InsertID(ctx, tx, `INSERT INTO appointments (uid, practice_id, coach_id, client_id, starts_at, minutes,
					format, location, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'video', 'https://meet.example.org/t', 'booked', ?, ?) RETURNING id`,
					"billing-test-"+strconv.Itoa(i), client.PracticeID, coach.UserID, client.UserID, start, tc.minutes, now, now)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := tc.act(id); err != nil {
				t.Fatalf("act: %v", err)
			}
			var kinds []string
			rows, err := db.Reader().Query(ctx, `SELECT source_kind FROM billing_lines WHERE source_id = ? AND client_id = ?`, id, client.UserID)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var k string
				if err := rows.Scan(&k); err != nil {
					t.Fatal(err)
				}
				kinds = append(kinds, k)
			}
			rows.Close()
			switch {
			case tc.wantKind == "" && len(kinds) != 0:
				t.Errorf("lines = %v, want none", kinds)
			case tc.wantKind != "" && (len(kinds) != 1 || kinds[0] != tc.wantKind):
				t.Errorf("lines = %v, want one %q line", kinds, tc.wantKind)
			}
		})
	}
}
