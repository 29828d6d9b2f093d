package schedule_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/schedule"
	"github.com/afterward/afterward/internal/store"
)

// monday is a Monday 12:00 UTC, well before the US spring-forward change
// (8 March 2026), so tests can book across it.
var monday = time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)

// fixture is one practice with a coach in Los Angeles (weekday 09:00–17:00
// local, video room set), clients of that coach and another coach.
type fixture struct {
	db      *store.DB
	svc     *schedule.Service
	now     time.Time
	admin   policy.Actor
	coach   policy.Actor
	other   policy.Actor
	clients []policy.Actor
	foreign policy.Actor // client of the other coach
}

func newFixture(t *testing.T, db *store.DB, nClients int) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{db: db, now: monday}
	f.svc = schedule.NewService(schedule.Deps{DB: db, Policy: policy.New(db, func() time.Time { return f.now }, nil), Now: func() time.Time { return f.now }})
	err := db.InTx(ctx, func(tx *store.Tx) error {
		p := mustID(t, tx, `INSERT INTO practices (name, slug, created_at) VALUES ('P', 'p', ?) RETURNING id`, monday)
		user := func(role account.Role, name, tz string) policy.Actor {
			id := mustID(t, tx, `INSERT INTO users (practice_id, email, name, role, time_zone, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
				p, strings.ReplaceAll(name, " ", ".")+"@example.org", name, string(role), tz, monday)
			return policy.Actor{UserID: id, PracticeID: p, Role: role}
		}
		client := func(coach policy.Actor, name string) policy.Actor {
			a := user(account.Client, name, "America/New_York")
			mustExec(t, tx, `INSERT INTO clients (user_id, practice_id, coach_id, stage, created_at) VALUES (?, ?, ?, 'active', ?)`, a.UserID, p, coach.UserID, monday)
			return a
		}
		f.admin = user(account.Admin, "admin", "UTC")
		f.coach = user(account.Coach, "coach", "America/Los_Angeles")
		f.other = user(account.Coach, "other", "Europe/London")
		for i := 0; i < nClients; i++ {
			f.clients = append(f.clients, client(f.coach, fmt.Sprintf("client%02d Test", i)))
		}
		f.foreign = client(f.other, "foreign")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var week []schedule.Window
	for d := time.Monday; d <= time.Friday; d++ {
		week = append(week, schedule.Window{Weekday: d, Start: 9 * 60, End: 17 * 60})
	}
	must(t, f.svc.SetAvailability(ctx, f.coach, week))
	must(t, f.svc.SetPlace(ctx, f.coach, schedule.Place{RoomURL: "https://meet.example.org/coach", Address: "12 River St, Portland"}))
	return f
}

// la is a local time in Los Angeles on the given day of March 2026.
func la(day, hour, min int) time.Time {
	loc, _ := time.LoadLocation("America/Los_Angeles")
	return time.Date(2026, 3, day, hour, min, 0, 0, loc).UTC()
}

func (f *fixture) book(t *testing.T, as policy.Actor, client policy.Actor, start time.Time, minutes int) schedule.Appointment {
	t.Helper()
	a, err := f.svc.Book(context.Background(), as, schedule.Booking{ClientID: client.UserID, Start: start, Minutes: minutes, Format: schedule.Video})
	if err != nil {
		t.Fatalf("book %s: %v", start, err)
	}
	return a
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func mustID(t *testing.T, tx *store.Tx, q string, args ...any) int64 {
	t.Helper()
	id, err := store.InsertID(context.Background(), tx, q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return id
}

func mustExec(t *testing.T, tx *store.Tx, q string, args ...any) {
	t.Helper()
	if _, err := tx.Exec(context.Background(), q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}
