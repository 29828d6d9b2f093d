package alert_test

import (
	"context"
	"testing"

	"github.com/afterward/afterward/internal/adverse"
	"github.com/afterward/afterward/internal/alert"
	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/checkin"
	"github.com/afterward/afterward/internal/measure"
	"github.com/afterward/afterward/internal/questionnaire"
	"github.com/afterward/afterward/internal/safety"
	"github.com/afterward/afterward/internal/store"
)

// TestResponderRules: each signal that other packages raise becomes the
// alert level and reason the safety queue expects, in the caller's
// transaction — on both engines.
func TestResponderRules(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := setup(t, db)
		r := alert.Responder{Alerts: w.svc}
		for i, tc := range []struct {
			name       string
			raise      func(ctx context.Context, tx *store.Tx, id int64) error
			wantLevel  safety.Level
			wantReason string
			wantSource string
		}{
			{"check-in not safe", func(ctx context.Context, tx *store.Tx, id int64) error {
				return r.Signal(ctx, tx, w.Client.UserID, id, checkin.NotSafe)
			}, safety.Urgent, alert.ReasonClientNotSafe, "checkin"},
			{"check-in low mood", func(ctx context.Context, tx *store.Tx, id int64) error {
				return r.Signal(ctx, tx, w.Client.UserID, id, checkin.LowMood)
			}, safety.Concern, alert.ReasonLowMood, "checkin"},
			{"PHQ-9 item 9", func(ctx context.Context, tx *store.Tx, id int64) error {
				return r.QuestionnaireRisk(ctx, tx, w.Client.UserID, "phq9", id, questionnaire.RiskPHQ9Item9)
			}, safety.Concern, alert.ReasonPHQ9Item9, "questionnaire"},
			{"C-SSRS moderate", func(ctx context.Context, tx *store.Tx, id int64) error {
				return r.QuestionnaireRisk(ctx, tx, w.Client.UserID, "cssrs", id, measure.RiskModerate)
			}, safety.Concern, alert.ReasonCSSRSModerate, "questionnaire"},
			{"C-SSRS high", func(ctx context.Context, tx *store.Tx, id int64) error {
				return r.QuestionnaireRisk(ctx, tx, w.Client.UserID, "cssrs", id, measure.RiskHigh)
			}, safety.Urgent, alert.ReasonCSSRSHigh, "questionnaire"},
			{"severe adverse reaction", func(ctx context.Context, tx *store.Tx, id int64) error {
				_, err := r.RaiseAdverse(ctx, tx, w.Client.UserID, id, adverse.Severe)
				return err
			}, safety.Concern, alert.ReasonAdverseSevere, "adverse_reaction"},
			{"life-threatening adverse reaction", func(ctx context.Context, tx *store.Tx, id int64) error {
				_, err := r.RaiseAdverse(ctx, tx, w.Client.UserID, id, adverse.LifeThreatening)
				return err
			}, safety.Urgent, alert.ReasonAdverseLifeThreatening, "adverse_reaction"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				ctx := context.Background()
				sourceID := int64(1000 + i)
				if err := db.InTx(ctx, func(tx *store.Tx) error { return tc.raise(ctx, tx, sourceID) }); err != nil {
					t.Fatal(err)
				}
				var raw string
				var id int64
				err := db.Reader().QueryRow(ctx, `SELECT id, reason FROM safety_alerts WHERE client_id = ? AND source_kind = ? AND source_id = ?`,
					w.Client.UserID, tc.wantSource, sourceID).Scan(&id, &raw)
				if err != nil {
					t.Fatalf("no alert from %s %d: %v", tc.wantSource, sourceID, err)
				}
				if raw != "" {
					t.Errorf("the reason column holds %q; want it sealed", raw)
				}
				var got *alert.Alert
				for _, a := range w.queue(w.Coach) {
					if a.ID == id {
						got = &a
					}
				}
				if got == nil || got.Level != tc.wantLevel || got.Reason != tc.wantReason {
					t.Errorf("the coach's queue shows %+v, want %s/%s", got, tc.wantLevel, tc.wantReason)
				}
			})
		}
	})
}
