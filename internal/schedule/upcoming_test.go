package schedule_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/schedule"
	"github.com/afterward/afterward/internal/store"
)

// TestUpcomingOfCoachAndClient: a coach's upcoming sessions are the
// sessions they lead in the window, cancelled ones included, in start
// order (read by coach alone since a coach is never a session's client);
// a client's are their own; another coach's are not listed — on both
// engines.
func TestUpcomingOfCoachAndClient(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db, 2)
		late := f.book(t, f.coach, f.clients[0], la(4, 14, 0), 60)
		early := f.book(t, f.coach, f.clients[1], la(3, 10, 0), 60)
		cancelled := f.book(t, f.coach, f.clients[1], la(5, 9, 0), 60)
		if _, err := f.svc.Cancel(ctx, f.coach, cancelled.ID); err != nil {
			t.Fatal(err)
		}
		outside := f.book(t, f.coach, f.clients[0], la(20, 9, 0), 60)
		var week []schedule.Window
		for d := time.Monday; d <= time.Friday; d++ {
			week = append(week, schedule.Window{Weekday: d, Start: 9 * 60, End: 17 * 60})
		}
		must(t, f.svc.SetAvailability(ctx, f.other, week))
		must(t, f.svc.SetPlace(ctx, f.other, schedule.Place{RoomURL: "https://meet.example.org/other"}))
		f.book(t, f.other, f.foreign, la(3, 7, 0), 60) // 15:00 in London
		from, to := la(2, 0, 0), la(9, 0, 0)
		ids := func(as string, actor policy.Actor) []int64 {
			t.Helper()
			list, err := f.svc.Upcoming(ctx, actor, from, to)
			if err != nil {
				t.Fatalf("%s: %v", as, err)
			}
			var out []int64
			for _, a := range list {
				out = append(out, a.ID)
			}
			return out
		}
		got := ids("coach", f.coach)
		if want := []int64{early.ID, late.ID, cancelled.ID}; !slices.Equal(got, want) {
			t.Errorf("coach's week = %v, want %v (not %d, outside the window)", got, want, outside.ID)
		}
		if got, want := ids("client", f.clients[1]), []int64{early.ID, cancelled.ID}; !slices.Equal(got, want) {
			t.Errorf("client's week = %v, want %v", got, want)
		}
	})
}
