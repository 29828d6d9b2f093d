package schedule_test

import (
	"context"
	"encoding/json"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/jobs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/schedule"
	"github.com/afterward/afterward/internal/store"
)

// TestFirstSessionPromise: with an injected clock, the due list holds only
// clients without a booked first session, a client whose 72 hours passed
// moves to "missed" and alerts the coach and admin once, and unbooked
// clients get one reminder at experience + 24 h and one at + 48 h.
func TestFirstSessionPromise(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		must(t, jobs.Migrate(ctx, db))
		inserter, err := jobs.New(db, jobs.Config{})
		must(t, err)
		f := newFixture(t, db, 6)
		clock := func() time.Time { return f.now }
		svc := schedule.NewService(schedule.Deps{DB: db, Policy: policy.New(db, clock, nil), Now: clock, Queue: inserter, BaseURL: "https://care.example.org"})
		ago := []time.Duration{10 * time.Hour, 30 * time.Hour, 50 * time.Hour, 80 * time.Hour, 30 * time.Hour, 90 * 24 * time.Hour}
		for i, d := range ago {
			mustExecDB(t, db, `UPDATE clients SET experience_at = ? WHERE user_id = ?`, f.now.Add(-d), f.clients[i].UserID)
		}
		mustExecDB(t, db, `UPDATE clients SET experience_at = ? WHERE user_id = ?`, f.now.Add(-30*time.Hour), f.foreign.UserID)
		f.book(t, f.coach, f.clients[4], la(2, 10, 0), 60) // client04 is booked: off every list

		due, missed, err := svc.FirstSessionsDue(ctx, f.coach)
		must(t, err)
		if got, want := names(due), "client02 Test, client01 Test, client00 Test"; got != want {
			t.Errorf("coach's due list = %s, want %s (the window closing soonest first)", got, want)
		}
		if got, want := names(missed), "client03 Test"; got != want {
			t.Errorf("coach's missed list = %s, want %s", got, want)
		}
		due, missed, err = svc.FirstSessionsDue(ctx, f.admin)
		must(t, err)
		if len(due) != 4 || len(missed) != 1 {
			t.Errorf("admin's lists: %s / %s; want the practice's four due (with the other coach's client) and one missed", names(due), names(missed))
		}
		if _, _, err := svc.FirstSessionsDue(ctx, f.clients[0]); err == nil {
			t.Error("a client read the due list")
		}

		_, err = svc.WatchFirstSessions(ctx)
		must(t, err)
		want := []string{
			"first-session-missed client03 -> admin", "first-session-missed client03 -> coach",
			"first-session-reminder-24h client01 -> client01", "first-session-reminder-24h client01 -> coach",
			"first-session-reminder-24h foreign -> foreign", "first-session-reminder-24h foreign -> other",
			"first-session-reminder-48h client02 -> client02", "first-session-reminder-48h client02 -> coach",
		}
		if got := queued(t, db); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("emails after the first run:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		_, err = svc.WatchFirstSessions(ctx) // the same moment again: nothing new
		must(t, err)
		if got := queued(t, db); len(got) != len(want) {
			t.Errorf("a second run at the same time queued %d emails, want still %d", len(got), len(want))
		}

		f.now = f.now.Add(24 * time.Hour) // client00 at 34 h, client01 at 54 h, client02 missed
		_, err = svc.WatchFirstSessions(ctx)
		must(t, err)
		want = append(want,
			"first-session-missed client02 -> admin", "first-session-missed client02 -> coach",
			"first-session-reminder-24h client00 -> client00", "first-session-reminder-24h client00 -> coach",
			"first-session-reminder-48h client01 -> client01", "first-session-reminder-48h client01 -> coach",
			"first-session-reminder-48h foreign -> foreign", "first-session-reminder-48h foreign -> other")
		sort.Strings(want)
		if got := queued(t, db); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("emails a day later:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		due, missed, err = svc.FirstSessionsDue(ctx, f.coach)
		must(t, err)
		if names(due) != "client01 Test, client00 Test" || names(missed) != "client03 Test, client02 Test" {
			t.Errorf("a day later: due %s, missed %s", names(due), names(missed))
		}
	})
}

func names(ws []schedule.Waiting) string {
	var out []string
	for _, w := range ws {
		out = append(out, w.Name)
	}
	return strings.Join(out, ", ")
}

// queued lists the queued emails as "kind client -> recipient" (the part
// of each address before the first dot or @), sorted.
func queued(t *testing.T, db *store.DB) []string {
	t.Helper()
	args := "json(args)" // riversqlite stores JSONB
	if db.Dialect == store.Postgres {
		args = "args::text"
	}
	rows, err := db.Reader().Query(context.Background(), `SELECT `+args+` FROM river_job WHERE kind = 'email'`)
	must(t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var raw []byte
		must(t, rows.Scan(&raw))
		var args struct {
			Email struct {
				To        string `json:"to"`
				DedupeKey string `json:"dedupe_key"`
			} `json:"email"`
		}
		must(t, json.Unmarshal(raw, &args))
		kind, _, _ := strings.Cut(args.Email.DedupeKey, ":")
		if !strings.HasPrefix(kind, "first-session-") {
			continue // the booking's confirmation
		}
		out = append(out, kind+" "+clientOfKey(t, db, args.Email.DedupeKey)+" -> "+short(args.Email.To))
	}
	sort.Strings(out)
	return out
}

func clientOfKey(t *testing.T, db *store.DB, key string) string {
	_, rest, _ := strings.Cut(key, ":client:")
	id, _, _ := strings.Cut(rest, ":")
	var email string
	must(t, db.Reader().QueryRow(context.Background(), `SELECT email FROM users WHERE id = CAST(? AS INTEGER)`, id).Scan(&email))
	return short(email)
}

func short(email string) string {
	return strings.ToLower(strings.FieldsFunc(email, func(r rune) bool { return r == '.' || r == '@' })[0])
}

func mustExecDB(t *testing.T, db *store.DB, q string, args ...any) {
	t.Helper()
	must(t, db.InTx(context.Background(), func(tx *store.Tx) error { _, err := tx.Exec(context.Background(), q, args...); return err }))
}
