package practice_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/store"
)

// TestCaseloads: the admin sees each coach's clients in integration and
// follow-up, sessions booked in the next seven days and held in the last
// thirty (cancelled ones and ones outside the windows not counted); no
// other role has the list — on both engines.
func TestCaseloads(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		svc, p, exec := practiceFixture(t, db)
		exec(`UPDATE clients SET stage = 'follow_up' WHERE user_id = ?`, p.Client2.UserID)
		for i, a := range []struct {
			from   time.Duration
			status string
		}{
			{24 * time.Hour, "booked"},      // counted: next seven days
			{6 * 24 * time.Hour, "booked"},  // counted
			{10 * 24 * time.Hour, "booked"}, // beyond seven days
			{24 * time.Hour, "cancelled"},   // cancelled
			{-5 * 24 * time.Hour, "held"},   // counted: last thirty days
			{-40 * 24 * time.Hour, "held"},  // before thirty days
			{-2 * 24 * time.Hour, "no_show"},
		} {
			exec(`INSERT INTO appointments (uid, practice_id, coach_id, client_id, starts_at, minutes, format, location, status, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, 60, 'video', '', ?, ?, ?)`,
				fmt.Sprintf("caseload-%d", i), p.Coach.PracticeID, p.Coach.UserID, p.Client.UserID, now.Add(a.from), a.status, now, now)
		}

		for _, tc := range []struct {
			name  string
			actor policy.Actor
		}{{"a coach", p.Coach}, {"a client", p.Client}, {"a clinician", p.Clinician}} {
			t.Run(tc.name+" is refused", func(t *testing.T) {
				if got, err := svc.Caseloads(ctx, tc.actor); !errs.Is(err, errs.Forbidden) || got != nil {
					t.Fatalf("Caseloads = (%v, %v), want forbidden and nothing", got, err)
				}
			})
		}
		got, err := svc.Caseloads(ctx, p.Admin)
		if err != nil {
			t.Fatal(err)
		}
		want := []practice.Caseload{
			{CoachID: p.Coach.UserID, Coach: "Coach", Active: 1, FollowUp: 1, Booked: 2, Held: 1},
			{CoachID: p.OtherCoach.UserID, Coach: "Other Coach", Active: 1},
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("Caseloads =\n%+v\nwant\n%+v", got, want)
		}
	})
}
