package schedule_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/schedule"
	"github.com/afterward/afterward/internal/store"
)

// TestRegulatedSessionTypes: typed sessions need a regulated programme,
// and in Oregon the preparation session falls 24 hours to 90 days before
// the administration, whichever is booked second.
func TestRegulatedSessionTypes(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db, 1)
		client := f.clients[0]
		day := 24 * time.Hour
		base := f.now.Truncate(time.Hour).Add(2 * day)
		book := func(kind schedule.SessionType, start time.Time) error {
			_, err := f.svc.Book(ctx, f.coach, schedule.Booking{ClientID: client.UserID, Start: start, Minutes: 60, Format: schedule.Video, SessionType: kind})
			return err
		}
		refusedWith := func(name string, err error, field, want string) {
			t.Helper()
			var e *errs.Error
			if !errors.As(err, &e) || e.Kind != errs.Invalid || !strings.Contains(e.Fields[field], want) {
				t.Errorf("%s: err = %v, want %s: %q", name, err, field, want)
			}
		}
		refusedWith("typed session without a programme", book(schedule.Preparation, base), "session_type", "only when the practice works under")
		programmes := practice.NewService(db, policy.New(db, func() time.Time { return f.now }, nil), func() time.Time { return f.now })
		if err := programmes.SetProgramme(ctx, f.coach, practice.Oregon); !errs.Is(err, errs.Forbidden) {
			t.Fatalf("coach sets the programme: %v", err)
		}
		if err := programmes.SetProgramme(ctx, f.admin, "texas"); !errs.Is(err, errs.Invalid) {
			t.Fatalf("unknown programme: %v", err)
		}
		must(t, programmes.SetProgramme(ctx, f.admin, practice.Oregon))

		refusedWith("administration with no preparation", book(schedule.Administration, base.Add(3*day)), "start", "book the preparation session first")
		must(t, book(schedule.Preparation, base))
		refusedWith("administration 12 hours after preparation", book(schedule.Administration, base.Add(12*time.Hour)), "start", schedule.OregonPrepRule)
		must(t, book(schedule.Administration, base.Add(3*day)))
		refusedWith("a later preparation inside 24 hours of the administration", book(schedule.Preparation, base.Add(3*day-6*time.Hour)), "start", schedule.OregonPrepRule)
		refusedWith("administration 100 days after the last preparation", book(schedule.Administration, base.Add(100*day)), "start", schedule.OregonPrepRule)
		must(t, book(schedule.Integration, base.Add(5*day)))

		must(t, programmes.SetProgramme(ctx, f.admin, practice.Colorado))
		must(t, book(schedule.Administration, base.Add(10*day+2*time.Hour)))
		refusedWith("unknown type", book("ceremony", base.Add(20*day)), "session_type", "choose preparation")
		got, err := f.svc.Upcoming(ctx, client, f.now, f.now.AddDate(0, 1, 0))
		must(t, err)
		var kinds []string
		for _, a := range got {
			kinds = append(kinds, string(a.SessionType))
		}
		if strings.Join(kinds, ",") != "preparation,administration,integration,administration" {
			t.Errorf("session types = %v", kinds)
		}
	})
}
