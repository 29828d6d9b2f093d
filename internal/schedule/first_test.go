package schedule_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/jobs"
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/schedule"
	"github.com/afterward/afterward/internal/store"
)

// TestFirstSessionBookedAndConfirmed: the first session is the earliest
// open time the schedule offers, booked in the caller's transaction (a
// rolled-back caller leaves no appointment and no email). The
// confirmations go through each person's email preferences: the client,
// who kept session emails, receives exactly one content-free confirmation
// per change with the session as an .ics on a real SMTP server; the coach,
// who turned session emails off, receives none.
func TestFirstSessionBookedAndConfirmed(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		mp := apptest.StartMailpit(t)
		must(t, jobs.Migrate(ctx, db))
		mailer, err := notify.NewMailer(mp.SMTPURL, "")
		must(t, err)
		f := newFixture(t, db, 1)
		inserter, err := jobs.New(db, jobs.Config{})
		must(t, err)
		clock := func() time.Time { return f.now }
		svc := schedule.NewService(schedule.Deps{DB: db, Policy: policy.New(db, clock, nil), Now: clock, Queue: inserter, BaseURL: "https://care.example.org",
			Reminders: []schedule.Reminder{}}) // reminders have their own test
		client := f.clients[0]
		must(t, notify.SavePrefs(ctx, db, f.coach.UserID, notify.Prefs{Muted: map[notify.Topic]bool{notify.TopicSessions: true}}, f.now))

		next, ok, err := svc.NextFree(ctx, db.Reader(), f.coach.UserID, client.UserID, f.now.Add(72*time.Hour), 60)
		if err != nil || !ok || !next.Equal(la(2, 9, 0)) {
			t.Fatalf("next free = %v, %v, %v; want Monday 09:00 in Los Angeles", next, ok, err)
		}
		offered, err := svc.OpenTimes(ctx, client, client.UserID, 3, 60)
		if err != nil || len(offered) == 0 || !offered[0].Equal(next) {
			t.Fatalf("the booking page offers %v first, the directory %v: they must agree (%v)", offered, next, err)
		}
		rolledBack := db.InTx(ctx, func(tx *store.Tx) error {
			if _, err := svc.BookFirstSession(ctx, tx, f.coach, client.UserID, f.coach.UserID, next); err != nil {
				return err
			}
			return errBoom
		})
		if rolledBack != errBoom {
			t.Fatalf("rolled back booking: %v", rolledBack)
		}
		var id int64
		err = db.InTx(ctx, func(tx *store.Tx) error {
			var err error
			id, err = svc.BookFirstSession(ctx, tx, f.coach, client.UserID, f.coach.UserID, next)
			return err
		})
		must(t, err)
		var n int
		var only int64
		must(t, db.Reader().QueryRow(ctx, `SELECT COUNT(*), MAX(id) FROM appointments WHERE client_id = ?`, client.UserID).Scan(&n, &only))
		if n != 1 || only != id {
			t.Errorf("%d appointments (last %d), want only %d: the rolled-back one must not exist", n, only, id)
		}
		if again, _, _ := svc.NextFree(ctx, db.Reader(), f.coach.UserID, 0, f.now.Add(72*time.Hour), 60); !again.After(next) {
			t.Errorf("next free after booking = %v, want later than %v", again, next)
		}

		q := startQueue(t, db, mailer)
		defer q.Stop(ctx)
		for _, to := range []string{"client00.Test@example.org"} {
			msgs := mp.WaitFor(t, to, 1, 15*time.Second)
			if len(msgs) != 1 || !strings.Contains(msgs[0].Subject, "booked") {
				t.Fatalf("%s got %d messages, want one confirmation: %+v", to, len(msgs), msgs)
			}
			atts := mp.Attachments(t, msgs[0].ID)
			if len(atts) != 1 || atts[0].FileName != "session.ics" || !strings.HasPrefix(atts[0].ContentType, "text/calendar") {
				t.Fatalf("%s attachments = %+v, want session.ics", to, atts)
			}
			ics := string(mp.Part(t, msgs[0].ID, atts[0].PartID))
			if !strings.Contains(ics, "BEGIN:VEVENT") || !strings.Contains(ics, "https://meet.example.org/coach") {
				t.Errorf("%s invitation lacks the event or the room: %q", to, ics)
			}
			text := mp.Text(t, msgs[0].ID)
			if !strings.Contains(text, "https://care.example.org/sessions/") {
				t.Errorf("%s confirmation lacks the link: %q", to, text)
			}
			if strings.Contains(text, "with coach") || strings.Contains(text, "meet.example.org") {
				t.Errorf("%s confirmation names the person or the place; it must be content-free: %q", to, text)
			}
		}
		// Moving and cancelling send their own emails, each with the update.
		_, err = svc.Reschedule(ctx, f.coach, id, next.Add(24*time.Hour))
		must(t, err)
		_, err = svc.Cancel(ctx, f.coach, id)
		must(t, err)
		msgs := mp.WaitFor(t, "client00.Test@example.org", 3, 15*time.Second)
		var subjects []string
		for _, m := range msgs {
			subjects = append(subjects, m.Subject)
			if atts := mp.Attachments(t, m.ID); len(atts) != 1 {
				t.Errorf("%q has %d attachments, want the .ics", m.Subject, len(atts))
			}
		}
		if got := strings.Join(subjects, " | "); len(msgs) != 3 || !strings.Contains(got, "cancelled") || !strings.Contains(got, "moved") {
			t.Errorf("client's emails = %s; want exactly the booking, the move and the cancellation", got)
		}
		if got := mp.WaitFor(t, "coach@example.org", 1, 2*time.Second); len(got) != 0 {
			t.Errorf("the coach turned session emails off but got %d: %+v", len(got), got)
		}
	})
}

var errBoom = errBoomType{}

type errBoomType struct{}

func (errBoomType) Error() string { return "the caller's transaction failed" }
