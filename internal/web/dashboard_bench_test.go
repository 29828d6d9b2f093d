package web_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// BenchmarkCoachDashboard renders Jonah's dashboard with 200 active clients,
// each with a plan, three sessions and two actions (target: under 100 ms on
// a 2-core machine). Run: go test ./internal/web -run '^$' -bench CoachDashboard -benchtime 50x
func BenchmarkCoachDashboard(b *testing.B) {
	srv := apptest.NewServer(b, store.SQLite)
	addClients(b, srv.App.DB, "jonah@riverbend.example.org", 200)
	c := srv.SignIn(b, jonah)
	b.ResetTimer()
	for b.Loop() {
		resp := apptest.Do(b, c, "GET", srv.URL+"/dashboard", "", nil)
		if resp.Status != 200 {
			b.Fatalf("status %d", resp.Status)
		}
	}
}

func addClients(b testing.TB, db *store.DB, coachEmail string, n int) {
	b.Helper()
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Hour)
	err := db.InTx(ctx, func(tx *store.Tx) error {
		var coach, practice int64
		if err := tx.QueryRow(ctx, `SELECT id, practice_id FROM users WHERE email = ?`, coachEmail).Scan(&coach, &practice); err != nil {
			return err
		}
		for i := range n {
			exp := now.Add(-time.Duration(i%60) * 24 * time.Hour)
			id, err := store.InsertID(ctx, tx, `INSERT INTO users (practice_id, email, name, role, time_zone, created_at) VALUES (?, ?, ?, 'client', 'UTC', ?) RETURNING id`,
				practice, fmt.Sprintf("bench%03d@client.example.org", i), fmt.Sprintf("Bench Client %03d", i), exp)
			if err != nil {
				return err
			}
			stmts := []struct {
				q    string
				args []any
			}{
				{`INSERT INTO clients (user_id, practice_id, coach_id, stage, experience_at, created_at) VALUES (?, ?, ?, 'active', ?, ?)`, []any{id, practice, coach, exp, exp}},
				{`INSERT INTO plans (client_id, experience_at, cadence, planned_sessions, session_minutes, updated_by, updated_at, created_at) VALUES (?, ?, 'weekly', 8, 60, ?, ?, ?)`, []any{id, exp, coach, exp, exp}},
			}
			for k := range 3 {
				status := "held"
				if k == 2 {
					status = "booked"
				}
				start := now.Add(time.Duration(k*7-7+i*21) * 24 * time.Hour) // a week apart per client, three weeks per client: no overlaps, all before 2100
				stmts = append(stmts, struct {
					q    string
					args []any
				}{`INSERT INTO appointments (uid, practice_id, coach_id, client_id, starts_at, minutes, format, location, status, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?, 60, 'video', 'https://meet.example.org/x', ?, ?, ?)`, []any{fmt.Sprintf("bench-%d-%d", i, k), practice, coach, id, start, status, exp, exp}})
			}
			for _, s := range stmts {
				if _, err := tx.Exec(ctx, s.q, s.args...); err != nil {
					return err
				}
			}
			intention, err := store.InsertID(ctx, tx, `INSERT INTO intentions (client_id, body, created_by, created_at) VALUES (?, 'Rest more', ?, ?) RETURNING id`, id, coach, exp)
			if err != nil {
				return err
			}
			for k := range 2 {
				if _, err := tx.Exec(ctx, `INSERT INTO actions (intention_id, client_id, body, due_on, done_at, created_by, created_at) VALUES (?, ?, 'Walk', '2026-01-01', ?, ?, ?)`,
					intention, id, map[bool]any{true: exp, false: nil}[k == 0], coach, exp); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}
