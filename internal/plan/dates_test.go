package plan_test

import (
	"context"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/plan"
	"github.com/afterward/afterward/internal/store"
)

func TestLastPlanned(t *testing.T) {
	exp := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name     string
		cadence  plan.Cadence
		sessions int
		want     time.Time
	}{
		{"default plan is eight weeks", plan.Weekly, 8, exp.AddDate(0, 0, 56)},
		{"fewest weekly", plan.Weekly, 4, exp.AddDate(0, 0, 28)},
		{"most biweekly", plan.Biweekly, 12, exp.AddDate(0, 0, 168)},
	} {
		p := plan.Plan{ExperienceAt: exp, Cadence: tc.cadence, PlannedSessions: tc.sessions}
		if got := p.LastPlanned(); !got.Equal(tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestDatesLastPlannedSession(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ctx := context.Background()
		if _, ok, err := (plan.Dates{}).LastPlannedSession(ctx, db.Reader(), w.client.UserID); err != nil || ok {
			t.Errorf("without a plan: ok=%v err=%v, want not ok", ok, err)
		}
		exp := now.Add(-24 * time.Hour)
		if _, err := w.svc.Save(ctx, w.coach, w.client.UserID, plan.Input{ExperienceAt: exp, Cadence: plan.Biweekly, PlannedSessions: 6}); err != nil {
			t.Fatal(err)
		}
		got, ok, err := (plan.Dates{}).LastPlannedSession(ctx, db.Reader(), w.client.UserID)
		if want := exp.Add(6 * 14 * 24 * time.Hour); err != nil || !ok || !got.Equal(want) {
			t.Errorf("with a plan: got %v ok=%v err=%v, want %v", got, ok, err, want)
		}
	})
}
