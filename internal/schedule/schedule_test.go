package schedule_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/schedule"
	"github.com/afterward/afterward/internal/store"
)

func kindOf(err error) string {
	if err == nil {
		return "ok"
	}
	return errs.KindOf(err).String()
}

func TestBookingRules(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, 2)
		c := f.clients[0]
		tests := []struct {
			name    string
			as      policy.Actor
			client  policy.Actor
			start   time.Time
			minutes int
			format  schedule.Format
			address string
			want    string
		}{
			{"client inside availability", c, c, la(3, 10, 0), 60, schedule.Video, "", "ok"},
			{"client 90 minutes ending at close", c, c, la(4, 15, 30), 90, schedule.Video, "", "ok"},
			{"client after DST change, same local hours", c, c, la(9, 9, 0), 60, schedule.Video, "", "ok"},
			{"client past closing", c, c, la(4, 16, 30), 60, schedule.Video, "", "invalid"},
			{"client before opening", c, c, la(5, 8, 45), 60, schedule.Video, "", "invalid"},
			{"client on a weekend", c, c, la(7, 10, 0), 60, schedule.Video, "", "invalid"},
			{"client inside booking notice", c, c, monday.Add(time.Hour), 60, schedule.Video, "", "invalid"},
			{"in the past", f.coach, c, monday.Add(-time.Hour), 60, schedule.Video, "", "invalid"},
			{"not on a quarter hour", c, c, la(3, 10, 10), 60, schedule.Video, "", "invalid"},
			{"45 minutes", c, c, la(3, 13, 0), 45, schedule.Video, "", "invalid"},
			{"unknown format", c, c, la(3, 13, 0), 60, schedule.Format("phone"), "", "invalid"},
			{"in person at the coach's address", c, c, la(5, 13, 0), 60, schedule.InPerson, "", "ok"},
			{"coach outside availability", f.coach, c, la(7, 18, 0), 60, schedule.Video, "", "ok"},
			{"client books for another client", c, f.clients[1], la(6, 10, 0), 60, schedule.Video, "", "not_found"},
			{"other coach books for our client", f.other, c, la(6, 10, 0), 60, schedule.Video, "", "not_found"},
			{"coach books for another coach's client", f.coach, f.foreign, la(6, 10, 0), 60, schedule.Video, "", "not_found"},
			{"video without a room", f.foreign, f.foreign, la(6, 10, 0), 60, schedule.Video, "", "invalid"},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				_, err := f.svc.Book(context.Background(), tc.as, schedule.Booking{ClientID: tc.client.UserID, Start: tc.start,
					Minutes: tc.minutes, Format: tc.format, Address: tc.address})
				if got := kindOf(err); got != tc.want {
					t.Errorf("got %s (%v), want %s", got, err, tc.want)
				}
			})
		}
	})
}

func TestOverlapsAreImpossible(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, 3)
		ctx := context.Background()
		f.book(t, f.coach, f.clients[0], la(3, 10, 0), 90) // 10:00–11:30
		tests := []struct {
			name    string
			client  int
			start   time.Time
			minutes int
			want    string
		}{
			{"same start, other client", 1, la(3, 10, 0), 60, "conflict"},
			{"90 minutes overlapping the end", 1, la(3, 9, 0), 90, "conflict"},
			{"starts inside", 2, la(3, 11, 15), 60, "conflict"},
			{"same client elsewhere in the hour", 0, la(3, 11, 0), 60, "conflict"},
			{"right after", 1, la(3, 11, 30), 60, "ok"},
			{"right before", 2, la(3, 9, 0), 60, "ok"},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				_, err := f.svc.Book(ctx, f.coach, schedule.Booking{ClientID: f.clients[tc.client].UserID, Start: tc.start, Minutes: tc.minutes, Format: schedule.Video})
				if got := kindOf(err); got != tc.want {
					t.Errorf("got %s (%v), want %s", got, err, tc.want)
				}
			})
		}
	})
}

// TestConcurrentBookingOneWins books the same slot from 50 goroutines, each
// for a different client of the same coach: exactly one succeeds.
func TestConcurrentBookingOneWins(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		const n = 50
		f := newFixture(t, db, n)
		start := la(4, 14, 0)
		var wg sync.WaitGroup
		results := make([]error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				minutes := 60
				if i%2 == 1 {
					minutes = 90
				}
				_, results[i] = f.svc.Book(context.Background(), f.clients[i], schedule.Booking{
					ClientID: f.clients[i].UserID, Start: start.Add(time.Duration(i%3) * 15 * time.Minute), Minutes: minutes, Format: schedule.Video})
			}()
		}
		wg.Wait()
		ok, conflicts := 0, 0
		for i, err := range results {
			switch kindOf(err) {
			case "ok":
				ok++
			case "conflict":
				conflicts++
			default:
				t.Errorf("goroutine %d: unexpected error %v", i, err)
			}
		}
		if ok != 1 || conflicts != n-1 {
			t.Errorf("got %d bookings and %d conflicts, want 1 and %d", ok, conflicts, n-1)
		}
		var rows int
		must(t, db.Reader().QueryRow(context.Background(), `SELECT COUNT(*) FROM appointments`).Scan(&rows))
		if rows != 1 {
			t.Errorf("appointments table has %d rows, want 1", rows)
		}
	})
}

func TestCancelAndReschedule(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, 2)
		ctx := context.Background()
		c := f.clients[0]
		a := f.book(t, c, c, la(4, 10, 0), 60)

		moved, err := f.svc.Reschedule(ctx, c, a.ID, la(4, 13, 0))
		if err != nil {
			t.Fatal(err)
		}
		if moved.Sequence != a.Sequence+1 || !moved.Start.Equal(la(4, 13, 0)) || moved.UID != a.UID {
			t.Errorf("moved = seq %d start %s uid %s, want seq %d start %s same uid", moved.Sequence, moved.Start, moved.UID, a.Sequence+1, la(4, 13, 0))
		}
		// The old time is free again.
		f.book(t, f.coach, f.clients[1], la(4, 10, 0), 60)

		// Within 24 hours a client can cancel (late) but not move.
		f.now = la(4, 13, 0).Add(-3 * time.Hour)
		if _, err := f.svc.Reschedule(ctx, c, a.ID, la(5, 13, 0)); kindOf(err) != "conflict" {
			t.Errorf("late reschedule: got %v, want conflict", err)
		}
		cancelled, err := f.svc.Cancel(ctx, c, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if cancelled.Status != schedule.Cancelled || !cancelled.LateCancel || cancelled.Sequence != moved.Sequence+1 {
			t.Errorf("cancelled = %+v, want cancelled, late, sequence bumped", cancelled)
		}
		if _, err := f.svc.Cancel(ctx, c, a.ID); kindOf(err) != "conflict" {
			t.Errorf("second cancel: got %v, want conflict", err)
		}
		if _, err := f.svc.Cancel(ctx, f.other, a.ID); kindOf(err) != "not_found" {
			t.Errorf("other coach cancels: got %v, want not_found", err)
		}
		// The time is free again, for the coach too.
		f.book(t, f.coach, f.clients[1], la(4, 13, 0), 60)

		early := f.book(t, f.coach, c, la(11, 10, 0), 60)
		got, err := f.svc.Cancel(ctx, c, early.ID)
		if err != nil || got.LateCancel {
			t.Errorf("early cancel: late=%v err=%v, want not late", got.LateCancel, err)
		}
	})
}

func TestAttendance(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, 1)
		ctx := context.Background()
		c := f.clients[0]
		a := f.book(t, f.coach, c, la(3, 10, 0), 60)
		if _, err := f.svc.MarkAttendance(ctx, f.coach, a.ID, schedule.Held); kindOf(err) != "conflict" {
			t.Errorf("before start: got %v, want conflict", err)
		}
		f.now = la(3, 11, 0)
		if _, err := f.svc.MarkAttendance(ctx, c, a.ID, schedule.Held); kindOf(err) != "forbidden" {
			t.Errorf("client marks: got %v, want forbidden", err)
		}
		if _, err := f.svc.MarkAttendance(ctx, f.coach, a.ID, schedule.Status("maybe")); kindOf(err) != "invalid" {
			t.Errorf("bad status: got %v, want invalid", err)
		}
		got, err := f.svc.MarkAttendance(ctx, f.coach, a.ID, schedule.NoShow)
		if err != nil || got.Status != schedule.NoShow {
			t.Errorf("no-show: got %v %v", got.Status, err)
		}
	})
}

func TestOpenTimes(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, 2)
		ctx := context.Background()
		f.book(t, f.coach, f.clients[1], la(3, 10, 0), 60)
		times, err := f.svc.OpenTimes(ctx, f.clients[0], f.clients[0].UserID, 3, 60)
		if err != nil {
			t.Fatal(err)
		}
		set := map[time.Time]bool{}
		for _, tm := range times {
			set[tm] = true
		}
		for _, tc := range []struct {
			name string
			at   time.Time
			want bool
		}{
			{"free morning", la(3, 9, 0), true},
			{"taken", la(3, 10, 0), false},
			{"half past, overlapping", la(3, 9, 30), false},
			{"after", la(3, 11, 0), true},
			{"last of the day", la(3, 16, 0), true},
			{"too late in the day", la(3, 16, 30), false},
		} {
			if set[tc.at] != tc.want {
				t.Errorf("%s (%s): open = %v, want %v", tc.name, tc.at, set[tc.at], tc.want)
			}
		}
	})
}
