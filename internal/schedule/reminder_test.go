package schedule_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/jobs"
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/schedule"
	"github.com/afterward/afterward/internal/store"
)

// startQueue runs a queue with the email and reminder workers, as a server
// would; stopping it and starting another is a server restart.
func startQueue(t *testing.T, db *store.DB, mailer notify.Mailer) *jobs.Queue {
	t.Helper()
	workers := river.NewWorkers()
	river.AddWorker(workers, &notify.Worker{DB: db, Mailer: mailer, From: "Afterward <no-reply@afterward.example.org>", Now: time.Now})
	river.AddWorker(workers, &schedule.ReminderWorker{DB: db, BaseURL: "https://care.example.org"})
	q, err := jobs.New(db, jobs.Config{Workers: workers, PollInterval: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	return q
}

// TestRemindersDeliveredOnce: two reminders per session reach client and
// coach once each on a real SMTP server, also when the server restarts
// between them; a cancelled session's reminders are never sent.
func TestRemindersDeliveredOnce(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		mp := apptest.StartMailpit(t)
		ctx := context.Background()
		must(t, jobs.Migrate(ctx, db))
		mailer, err := notify.NewMailer(mp.SMTPURL, "")
		must(t, err)
		f := newFixture(t, db, 2)
		now := time.Now().UTC()
		f.now = now
		start := now.Truncate(schedule.SlotSize).Add(3 * time.Hour)
		inserter, err := jobs.New(db, jobs.Config{}) // enqueues only
		must(t, err)
		svc := schedule.NewService(schedule.Deps{DB: db, Policy: policy.New(db, func() time.Time { return now }, nil), Now: func() time.Time { return now }, Queue: inserter,
			Reminders: []schedule.Reminder{
				{Name: "24h", Before: start.Sub(now) - 1*time.Second, When: "tomorrow"},
				{Name: "1h", Before: start.Sub(now) - 5*time.Second, When: "in one hour"},
			}})
		_, err = svc.Book(ctx, f.coach, schedule.Booking{ClientID: f.clients[0].UserID, Start: start, Minutes: 60, Format: schedule.Video})
		must(t, err)
		dropped, err := svc.Book(ctx, f.coach, schedule.Booking{ClientID: f.clients[1].UserID, Start: start.Add(time.Hour), Minutes: 60, Format: schedule.Video})
		must(t, err)
		_, err = svc.Cancel(ctx, f.coach, dropped.ID)
		must(t, err)

		first := startQueue(t, db, mailer)
		if got := waitReminders(t, mp, 2, 15*time.Second); got < 2 {
			t.Fatalf("first reminders: %d messages, want 2", got)
		}
		must(t, first.Stop(ctx)) // restart in the middle of the schedule
		second := startQueue(t, db, mailer)
		defer second.Stop(ctx)
		waitReminders(t, mp, 4, 20*time.Second)
		time.Sleep(1500 * time.Millisecond) // room for any duplicate to arrive

		count, confirmations := map[string]int{}, map[string]int{}
		for _, m := range mp.Messages(t) {
			kind := "?"
			switch {
			case strings.Contains(m.Subject, "tomorrow"):
				kind = "24h"
			case strings.Contains(m.Subject, "in one hour"):
				kind = "1h"
			case strings.HasPrefix(m.Subject, "A session was "):
				confirmations[m.To[0].Address+" "+strings.Fields(m.Subject)[3]]++
				continue
			}
			if text := mp.Text(t, m.ID); !strings.Contains(text, "https://meet.example.org/coach") {
				t.Errorf("reminder lacks the video room: %q", text)
			}
			count[m.To[0].Address+" "+kind]++
		}
		client, coach := "client00.Test@example.org", "coach@example.org"
		for _, key := range []string{client + " 24h", client + " 1h", coach + " 24h", coach + " 1h"} {
			if count[key] != 1 {
				t.Errorf("%s: delivered %d times, want 1 (all: %v)", key, count[key], count)
			}
		}
		if n := count["client01.Test@example.org 24h"] + count["client01.Test@example.org 1h"]; n != 0 {
			t.Errorf("cancelled session: %d reminders sent, want 0", n)
		}
		if len(count) != 4 {
			t.Errorf("got %d distinct messages, want 4: %v", len(count), count)
		}
		want := map[string]int{client + " booked": 1, coach + " booked": 2, "client01.Test@example.org booked": 1,
			"client01.Test@example.org cancelled": 1, coach + " cancelled": 1}
		if fmt.Sprint(confirmations) != fmt.Sprint(want) {
			t.Errorf("confirmations = %v, want %v", confirmations, want)
		}
	})
}

// waitReminders polls until n reminders (not confirmations) arrived.
func waitReminders(t *testing.T, mp *apptest.Mailpit, n int, timeout time.Duration) int {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		got := 0
		for _, m := range mp.Messages(t) {
			if strings.Contains(m.Subject, "tomorrow") || strings.Contains(m.Subject, "in one hour") {
				got++
			}
		}
		if got >= n || time.Now().After(deadline) {
			return got
		}
		time.Sleep(100 * time.Millisecond)
	}
}
