package intake_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/intake"
	"github.com/afterward/afterward/internal/store"
)

// TestHolds: each intake outcome puts the client on the right hold (or
// none); the refusal says why and what to do next; only staff lift a hold,
// with a written reason that is sealed at rest.
func TestHolds(t *testing.T) {
	tests := []struct {
		name    string
		answers map[string]string
		want    intake.Hold
		says    string
	}{
		{"low risk", nil, intake.NoHold, ""},
		{"emergency", map[string]string{"medical_symptoms": "yes"}, intake.HoldEmergency, "emergency"},
		{"psychosis refers out", map[string]string{"psychosis": "current"}, intake.HoldReferredOut, "clinician is the right first step"},
		{"anxiety asks for a clinician", map[string]string{"gad7_1": "3", "gad7_2": "3", "gad7_3": "3", "gad7_4": "3", "gad7_5": "3"}, intake.HoldClinician, "alongside a clinician"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
				ctx := context.Background()
				w := setup(t, db)
				if err := intake.CheckNotOnHold(ctx, db.Reader(), w.client.UserID); err != nil {
					t.Fatalf("before any intake: %v", err)
				}
				fill(t, w, w.client, with(tc.answers))
				if _, err := w.intakes.Submit(ctx, w.client, w.client.UserID); err != nil {
					t.Fatal(err)
				}
				got, err := w.intakes.Hold(ctx, w.client, w.client.UserID)
				if err != nil || got != tc.want {
					t.Fatalf("hold = %q, %v; want %q", got, err, tc.want)
				}
				err = intake.CheckNotOnHold(ctx, db.Reader(), w.client.UserID)
				if tc.want == intake.NoHold {
					if err != nil {
						t.Errorf("refused without a hold: %v", err)
					}
					if err := w.intakes.LiftHold(ctx, w.coach, w.client.UserID, "no reason"); !errs.Is(err, errs.Conflict) {
						t.Errorf("lift with no hold: %v, want conflict", err)
					}
					return
				}
				if !errs.Is(err, errs.Conflict) || !strings.Contains(err.Error(), tc.says) {
					t.Errorf("refusal = %v; want a conflict saying %q", err, tc.says)
				}
				for _, who := range []struct {
					name string
					err  error
				}{
					{"client", w.intakes.LiftHold(ctx, w.client, w.client.UserID, "I am fine now")},
					{"other coach", w.intakes.LiftHold(ctx, w.other, w.client.UserID, "cleared")},
					{"coach, no reason", w.intakes.LiftHold(ctx, w.coach, w.client.UserID, "")},
				} {
					if who.err == nil {
						t.Errorf("%s lifted the hold", who.name)
					}
				}
				if err := intake.CheckNotOnHold(ctx, db.Reader(), w.client.UserID); err == nil {
					t.Fatal("a refused lift lifted the hold")
				}
				reason := "Dr. Okoye saw the client on 3 June and agrees coaching can start."
				if err := w.intakes.LiftHold(ctx, w.coach, w.client.UserID, reason); err != nil {
					t.Fatal(err)
				}
				if err := intake.CheckNotOnHold(ctx, db.Reader(), w.client.UserID); err != nil {
					t.Errorf("after lifting: %v", err)
				}
				var sealed []byte
				var by int64
				err = db.Reader().QueryRow(ctx, `SELECT hold_lift_reason, hold_lifted_by FROM intakes WHERE client_id = ?`, w.client.UserID).Scan(&sealed, &by)
				if err != nil || by != w.coach.UserID || len(sealed) == 0 || bytes.Contains(sealed, []byte("Okoye")) {
					t.Errorf("lift recorded by %d, sealed %d bytes (err %v); want the coach and a sealed reason", by, len(sealed), err)
				}
			})
		})
	}
}
