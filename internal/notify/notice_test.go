package notify_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/jobs"
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// TestTellHonoursPreferences: a notice is queued content-free, held until
// the person's quiet hours end, not queued at all when they turned the
// topic off or their account is disabled. The queue is River on the real
// database (not started: the test reads the queued jobs).
func TestTellHonoursPreferences(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 12, 5, 23, 30, 0, 0, time.UTC)
		p := apptest.MustPeople(t, db, now, policy.Messages)
		if err := jobs.Migrate(ctx, db); err != nil {
			t.Fatal(err)
		}
		workers := river.NewWorkers()
		river.AddWorker(workers, &notify.Worker{DB: db, Mailer: &notify.DirMailer{Dir: t.TempDir()}, From: "x@example.org", Now: time.Now})
		q, err := jobs.New(db, jobs.Config{Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		ns := notify.Notices{Queue: q, BaseURL: "https://afterward.example.org"}
		tell := func(userID int64, event string) {
			t.Helper()
			err := db.InTx(ctx, func(tx *store.Tx) error {
				return ns.Tell(ctx, tx, notify.Notice{UserID: userID, Kind: notify.NewMessage, Event: event, Path: "/messages"}, now)
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		// The client (UTC) is quiet 22:00–07:00; the coach muted messages;
		// the second client's account is disabled.
		must(t, notify.SavePrefs(ctx, db, p.Client.UserID, notify.Prefs{QuietStart: 22 * 60, QuietEnd: 7 * 60}, now))
		must(t, notify.SavePrefs(ctx, db, p.Coach.UserID, notify.Prefs{Muted: map[notify.Topic]bool{notify.TopicMessages: true}}, now))
		must(t, db.InTx(ctx, func(tx *store.Tx) error {
			_, err := tx.Exec(ctx, `UPDATE users SET disabled_at = ? WHERE id = ?`, now, p.Client2.UserID)
			return err
		}))
		tell(p.Client.UserID, "message:1")
		tell(p.Client.UserID, "message:1") // the same event again: one job
		tell(p.Coach.UserID, "message:2")
		tell(p.Client2.UserID, "message:3")

		args := "args"
		if db.Dialect == store.SQLite {
			args = "json(args)" // riversqlite keeps args as binary JSON
		}
		rows, err := db.Reader().Query(ctx, `SELECT `+args+`, scheduled_at FROM river_job WHERE kind = 'email'`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var got []notify.EmailArgs
		var at []time.Time
		for rows.Next() {
			var raw []byte
			var when time.Time
			must(t, rows.Scan(&raw, &when))
			var a notify.EmailArgs
			must(t, json.Unmarshal(raw, &a))
			got, at = append(got, a), append(at, when.UTC())
		}
		if len(got) != 1 {
			t.Fatalf("%d emails queued, want 1 (the client's, once): %+v", len(got), got)
		}
		var email string
		must(t, db.Reader().QueryRow(ctx, `SELECT email FROM users WHERE id = ?`, p.Client.UserID).Scan(&email))
		if e := got[0].Email; e.To != email || e.Subject != "You have a new message in Afterward" || e.DedupeKey == "" {
			t.Errorf("queued %+v", e)
		}
		if want := time.Date(2026, 12, 6, 7, 0, 0, 0, time.UTC); !at[0].Equal(want) {
			t.Errorf("scheduled at %v, want the end of the quiet hours %v", at[0], want)
		}
	})
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
