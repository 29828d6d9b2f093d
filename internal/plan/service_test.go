package plan_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/plan"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

var now = time.Date(2026, 4, 1, 12, 0, 0, 0, time.UTC)

type world struct {
	svc                         *plan.Service
	coach, other, client, admin policy.Actor
}

func build(t *testing.T, db *store.DB) world {
	t.Helper()
	ctx := context.Background()
	w := world{svc: plan.NewService(plan.Deps{DB: db, Policy: policy.New(db, func() time.Time { return now }, nil), Vault: apptest.MustVault(t, func() time.Time { return now }), Now: func() time.Time { return now }})}
	err := db.InTx(ctx, func(tx *store.Tx) error {
		p, err := store.InsertID(ctx, tx, `INSERT INTO practices (name, slug, created_at) VALUES ('P', 'p', ?) RETURNING id`, now)
		if err != nil {
			return err
		}
		user := func(role account.Role, name string) policy.Actor {
			id, err := store.InsertID(ctx, tx, `INSERT INTO users (practice_id, email, name, role, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
				p, name+"@example.org", name, string(role), now)
			if err != nil {
				t.Fatal(err)
			}
			return policy.Actor{UserID: id, PracticeID: p, Role: role}
		}
		w.admin, w.coach, w.other = user(account.Admin, "admin"), user(account.Coach, "coach"), user(account.Coach, "other")
		w.client = user(account.Client, "client")
		_, err = tx.Exec(ctx, `INSERT INTO clients (user_id, practice_id, coach_id, stage, created_at) VALUES (?, ?, ?, 'active', ?)`, w.client.UserID, p, w.coach.UserID, now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func kind(err error) string {
	if err == nil {
		return "ok"
	}
	return errs.KindOf(err).String()
}

func TestSavePlan(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ctx := context.Background()
		base := plan.Input{ExperienceAt: now.Add(-48 * time.Hour), Intentions: "Sleep before midnight; call my sister"}
		invalid := []struct {
			name, field string
			edit        func(in *plan.Input)
		}{
			{"no experience date", "experience_at", func(in *plan.Input) { in.ExperienceAt = time.Time{} }},
			{"3 sessions", "planned_sessions", func(in *plan.Input) { in.PlannedSessions = 3 }},
			{"13 sessions", "planned_sessions", func(in *plan.Input) { in.PlannedSessions = 13 }},
			{"75 minutes", "session_minutes", func(in *plan.Input) { in.SessionMinutes = 75 }},
			{"monthly", "cadence", func(in *plan.Input) { in.Cadence = "monthly" }},
			{"follow-up at 0 months", "follow_up_months", func(in *plan.Input) { in.FollowUpMonths = []int{0} }},
		}
		for _, tc := range invalid {
			t.Run(tc.name, func(t *testing.T) {
				in := base
				tc.edit(&in)
				_, err := w.svc.Save(ctx, w.coach, w.client.UserID, in)
				if kind(err) != "invalid" || !strings.Contains(err.Error(), tc.field) {
					t.Errorf("got %v, want invalid %s", err, tc.field)
				}
			})
		}
		for _, tc := range []struct {
			name string
			as   policy.Actor
			want string
		}{{"client", w.client, "forbidden"}, {"other coach", w.other, "not_found"}, {"admin", w.admin, "forbidden"}} {
			if _, err := w.svc.Save(ctx, tc.as, w.client.UserID, base); kind(err) != tc.want {
				t.Errorf("%s saves: got %v, want %s", tc.name, err, tc.want)
			}
		}
		p, err := w.svc.Save(ctx, w.coach, w.client.UserID, base)
		if err != nil {
			t.Fatal(err)
		}
		if p.Cadence != plan.Weekly || p.PlannedSessions != 8 || p.SessionMinutes != 60 || len(p.FollowUpMonths) != 3 || p.Version != 1 {
			t.Errorf("defaults: got %+v", p)
		}
		changed := base
		changed.Cadence, changed.PlannedSessions, changed.SessionMinutes = plan.Biweekly, 6, 90
		if p, err = w.svc.Save(ctx, w.coach, w.client.UserID, changed); err != nil || p.Version != 2 || p.PlannedSessions != 6 {
			t.Fatalf("change: got %+v, %v", p, err)
		}
		hist, err := w.svc.History(ctx, w.client, w.client.UserID)
		if err != nil || len(hist) != 2 || hist[0].Plan.Cadence != plan.Biweekly || hist[1].Plan.Cadence != plan.Weekly || hist[1].ChangedBy != "coach" {
			t.Errorf("history = %+v (%v)", hist, err)
		}
		if _, err := w.svc.Get(ctx, w.other, w.client.UserID); kind(err) != "not_found" {
			t.Errorf("other coach reads: got %v, want not_found", err)
		}
		figures, err := w.svc.PracticeAdherence(ctx, w.coach)
		if err != nil || figures.Clients != 1 {
			t.Errorf("practice adherence = %+v (%v)", figures, err)
		}
	})
}

func TestWork(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ctx := context.Background()
		insight, err := w.svc.AddInsight(ctx, w.coach, w.client.UserID, "I felt how tired I am of rushing")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.AddInsight(ctx, w.coach, w.client.UserID, "  "); kind(err) != "invalid" {
			t.Errorf("empty insight: got %v", err)
		}
		intention, err := w.svc.AddIntention(ctx, w.client, w.client.UserID, insight, "Slow mornings")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.AddIntention(ctx, w.other, w.client.UserID, insight, "x"); kind(err) != "not_found" {
			t.Errorf("other coach adds intention: got %v", err)
		}
		a1, err := w.svc.AddAction(ctx, w.coach, intention, "Phone stays in the kitchen until 8", "2026-04-03")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.AddAction(ctx, w.coach, intention, "Walk", "next tuesday"); kind(err) != "invalid" {
			t.Errorf("bad date: got %v", err)
		}
		if _, err := w.svc.AddAction(ctx, w.coach, intention, "Walk before work", "2026-04-05"); err != nil {
			t.Fatal(err)
		}
		if err := w.svc.CheckAction(ctx, w.client, a1, true); err != nil {
			t.Fatal(err)
		}
		if err := w.svc.CheckAction(ctx, w.other, a1, false); kind(err) != "not_found" {
			t.Errorf("other coach checks: got %v", err)
		}
		work, err := w.svc.WorkOf(ctx, w.client, w.client.UserID)
		if err != nil {
			t.Fatal(err)
		}
		if len(work.Insights) != 1 || len(work.Intentions) != 1 || len(work.Intentions[0].Actions) != 2 || work.Done != 1 || work.Total != 2 || work.Percent() != 50 {
			t.Errorf("work = %+v, want 1 insight, 1 intention with 2 actions, 1 done (50%%)", work)
		}
	})
}

// TestPlanAccessIsAudited: every access to a client's plan leaves an audit
// event, a refused one too, and a stranger gets not_found before any
// validation.
func TestPlanAccessIsAudited(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ctx := context.Background()
		count := func(resource, outcome string) int {
			var n int
			if err := db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM audit_events WHERE resource_type = ? AND outcome = ? AND client_id = ?`,
				resource, outcome, w.client.UserID).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		if _, err := w.svc.AddInsight(ctx, w.coach, w.client.UserID, "Rest is allowed"); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.WorkOf(ctx, w.client, w.client.UserID); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.AddInsight(ctx, w.other, w.client.UserID, ""); kind(err) != "not_found" {
			t.Errorf("stranger with an empty insight: got %v, want not_found", err)
		}
		for _, tc := range []struct {
			name, outcome string
			want          int
		}{
			{"allowed", "ok", 2},
			{"refused", "denied", 1},
		} {
			if got := count("insight", tc.outcome); got != tc.want {
				t.Errorf("%s: audited = %d, want %d", tc.name, got, tc.want)
			}
		}
	})
}

// TestPlanTakesTheExperienceFromTheIntake: once the care record holds the
// experience instant (from the intake's date, time and zone), the plan
// uses it; a date the coach types is not a second source.
func TestPlanTakesTheExperienceFromTheIntake(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ctx := context.Background()
		at := time.Date(2026, 3, 30, 21, 30, 0, 0, time.UTC) // 23:30 in Berlin, the client's zone
		err := db.InTx(ctx, func(tx *store.Tx) error {
			_, err := tx.Exec(ctx, `UPDATE clients SET experience_at = ? WHERE user_id = ?`, at, w.client.UserID)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		typed := time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC) // a retyped date, midnight UTC
		p, err := w.svc.Save(ctx, w.coach, w.client.UserID, plan.Input{ExperienceAt: typed})
		if err != nil {
			t.Fatal(err)
		}
		if !p.ExperienceAt.Equal(at) {
			t.Errorf("plan's experience = %v, want the intake's instant %v", p.ExperienceAt, at)
		}
		if p, err = w.svc.Save(ctx, w.coach, w.client.UserID, plan.Input{}); err != nil || !p.ExperienceAt.Equal(at) {
			t.Errorf("saved without a typed date: %v, %v; want the intake's instant", p.ExperienceAt, err)
		}
	})
}

// TestProgressOfClients: the coach dashboard's progress is read for the
// ids it names, and only for the coach's own clients — another coach,
// a client, an empty list and an unknown id read nothing.
func TestProgressOfClients(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ctx := context.Background()
		insight, err := w.svc.AddInsight(ctx, w.coach, w.client.UserID, "Slower mornings help")
		if err != nil {
			t.Fatal(err)
		}
		intention, err := w.svc.AddIntention(ctx, w.coach, w.client.UserID, insight, "Slow mornings")
		if err != nil {
			t.Fatal(err)
		}
		a1, err := w.svc.AddAction(ctx, w.coach, intention, "Phone stays in the kitchen", "2026-04-03")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.AddAction(ctx, w.coach, intention, "Walk before work", "2026-04-05"); err != nil {
			t.Fatal(err)
		}
		if err := w.svc.CheckAction(ctx, w.client, a1, true); err != nil {
			t.Fatal(err)
		}
		unknown := w.client.UserID + 1000
		for _, c := range []struct {
			name  string
			actor policy.Actor
			ids   []int64
			want  map[int64]plan.Progress
		}{
			{"the coach", w.coach, []int64{unknown, w.client.UserID}, map[int64]plan.Progress{w.client.UserID: {Done: 1, Total: 2}}},
			{"the coach, no ids", w.coach, nil, map[int64]plan.Progress{}},
			{"the coach, another id", w.coach, []int64{unknown}, map[int64]plan.Progress{}},
			{"another coach", w.other, []int64{w.client.UserID}, map[int64]plan.Progress{}},
			{"the client", w.client, []int64{w.client.UserID}, map[int64]plan.Progress{}},
		} {
			got, err := w.svc.ProgressOfClients(ctx, c.actor, c.ids)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("%s: progress %v, want %v", c.name, got, c.want)
			}
		}
	})
}

// TestFollowUpsDue: a plan's check-ins due from 30 days ago to `ahead`
// are listed for the client's coach with the client's current name; one
// further off is not, and another coach and a client see none.
func TestFollowUpsDue(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ctx := context.Background()
		exp := now.AddDate(0, -3, 5) // the 3-month check-in in 5 days, the 6-month one in ~3 months
		if _, err := w.svc.Save(ctx, w.coach, w.client.UserID, plan.Input{ExperienceAt: exp, Intentions: "Sleep before midnight",
			FollowUpMonths: []int{3, 6}}); err != nil {
			t.Fatal(err)
		}
		if err := db.InTx(ctx, func(tx *store.Tx) error {
			_, err := tx.Exec(ctx, `UPDATE users SET name = 'Renamed Client' WHERE id = ?`, w.client.UserID)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		got, err := w.svc.FollowUpsDue(ctx, w.coach, 14*24*time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		want := exp.UTC().AddDate(0, 3, 0)
		if len(got) != 1 || got[0].ClientID != w.client.UserID || got[0].ClientName != "Renamed Client" || got[0].Months != 3 || !got[0].Due.Equal(want) {
			t.Errorf("follow-ups %+v, want the 3-month check-in of Renamed Client due %v", got, want)
		}
		for _, a := range []policy.Actor{w.other, w.client} {
			if got, err := w.svc.FollowUpsDue(ctx, a, 14*24*time.Hour); err != nil || len(got) != 0 {
				t.Errorf("actor %d (%s): follow-ups %+v (%v), want none", a.UserID, a.Role, got, err)
			}
		}
	})
}
