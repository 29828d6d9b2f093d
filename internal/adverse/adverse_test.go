package adverse_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/adverse"
	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

var now = time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)

// raised records the alerts the service asked for, standing in for the
// alert service's table with a real row of its own.
type raised struct{ calls []adverse.Severity }

func (r *raised) raise(ctx context.Context, tx *store.Tx, clientID, reactionID int64, s adverse.Severity) (int64, error) {
	r.calls = append(r.calls, s)
	return store.InsertID(ctx, tx, `INSERT INTO safety_alerts (practice_id, client_id, level, reason, kinds, source_kind, source_id, created_at)
		SELECT practice_id, user_id, 'concern', 'adverse_severe', '', 'adverse_reaction', ?, ? FROM clients WHERE user_id = ? RETURNING id`, reactionID, now, clientID)
}

func TestRecordAndList(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clock := func() time.Time { return now }
		p := apptest.MustPeople(t, db, now)
		r := &raised{}
		svc := adverse.NewService(adverse.Deps{DB: db, Policy: policy.New(db, clock, nil), Vault: apptest.MustVault(t, clock), Raise: r.raise, Now: clock})
		good := adverse.Report{OccurredAt: now.Add(-30 * time.Hour), Severity: adverse.Moderate, What: "Panic and a racing heart that evening",
			Response: "Grounding on a call; advised to contact their doctor", FollowUp: "Check-in tomorrow"}

		invalid := []struct {
			name  string
			edit  func(*adverse.Report)
			field string
		}{
			{"no time", func(r *adverse.Report) { r.OccurredAt = time.Time{} }, "occurred_at"},
			{"in the future", func(r *adverse.Report) { r.OccurredAt = now.Add(48 * time.Hour) }, "occurred_at"},
			{"unknown severity", func(r *adverse.Report) { r.Severity = "bad" }, "severity"},
			{"nothing said", func(r *adverse.Report) { r.What = "  " }, "what"},
			{"no response", func(r *adverse.Report) { r.Response = "" }, "response"},
			{"too long", func(r *adverse.Report) { r.FollowUp = strings.Repeat("x", adverse.MaxText+1) }, "follow_up"},
		}
		for _, tc := range invalid {
			rep := good
			tc.edit(&rep)
			_, err := svc.Record(ctx, p.Coach, p.Client.UserID, rep)
			var e *errs.Error
			if !errs.Is(err, errs.Invalid) || !errorsAs(err, &e) || e.Fields[tc.field] == "" {
				t.Errorf("%s: err = %v, want a message on %s", tc.name, err, tc.field)
			}
		}
		refused := []struct {
			name string
			as   policy.Actor
			want errs.Kind
		}{
			{"another coach", p.OtherCoach, errs.NotFound},
			{"the client", p.Client, errs.Forbidden},
			{"the admin", p.Admin, errs.Forbidden},
			{"a clinician", p.Clinician, errs.NotFound},
		}
		for _, tc := range refused {
			if _, err := svc.Record(ctx, tc.as, p.Client.UserID, good); !errs.Is(err, tc.want) {
				t.Errorf("%s records: err = %v, want %v", tc.name, err, tc.want)
			}
		}

		mod, err := svc.Record(ctx, p.Coach, p.Client.UserID, good)
		if err != nil {
			t.Fatal(err)
		}
		if mod.AlertID != 0 || len(r.calls) != 0 {
			t.Fatalf("a moderate reaction raised an alert: %d, %v", mod.AlertID, r.calls)
		}
		severe := good
		severe.Severity, severe.OccurredAt = adverse.Severe, now.Add(-2*time.Hour)
		sev, err := svc.Record(ctx, p.Coach, p.Client.UserID, severe)
		if err != nil {
			t.Fatal(err)
		}
		if sev.AlertID == 0 || len(r.calls) != 1 || r.calls[0] != adverse.Severe {
			t.Fatalf("a severe reaction: alert %d, calls %v", sev.AlertID, r.calls)
		}

		list, err := svc.List(ctx, p.Coach, p.Client.UserID)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 2 || list[0].ID != sev.ID || list[0].AlertID != sev.AlertID || list[1].What != good.What || list[1].FollowUp != "Check-in tomorrow" {
			t.Fatalf("list = %+v", list)
		}
		if got := list[1].SinceExperience(); got != "1 day after the experience" {
			t.Errorf("since experience = %q", got)
		}
		for _, tc := range refused {
			if _, err := svc.List(ctx, tc.as, p.Client.UserID); err == nil {
				t.Errorf("%s reads the log", tc.name)
			}
		}
		var sealed []byte
		if err := db.Reader().QueryRow(ctx, `SELECT sealed FROM adverse_reactions WHERE id = ?`, mod.ID).Scan(&sealed); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(sealed), "Panic") {
			t.Fatal("the reaction is stored in the clear")
		}
		var audited int
		if err := db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM audit_events WHERE resource_type = 'adverse_reaction'`).Scan(&audited); err != nil {
			t.Fatal(err)
		}
		if audited < 3 {
			t.Errorf("audit events = %d, want the two writes and the read", audited)
		}
	})
}

func errorsAs(err error, e **errs.Error) bool { return errors.As(err, e) }
