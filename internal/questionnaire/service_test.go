package questionnaire_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/questionnaire"
	"github.com/afterward/afterward/internal/store"
)

// TestScheduleAndSubmit: scheduling creates the battery per timepoint; the
// client answers the baseline, which completes it, seals the answers and
// calls the safety response for PHQ-9 item 9; access follows the policy.
func TestScheduleAndSubmit(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		if err := db.InTx(ctx, func(tx *store.Tx) error { return w.svc.ScheduleClient(ctx, tx, w.client.UserID) }); err != nil {
			t.Fatal(err)
		}
		if err := db.InTx(ctx, func(tx *store.Tx) error { return w.svc.ScheduleClient(ctx, tx, w.client.UserID) }); err != nil {
			t.Fatalf("scheduling twice: %v", err)
		}
		var n int
		if err := db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM measure_assignments WHERE client_id = ?`, w.client.UserID).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if got, want := n, len(questionnaire.DefaultBattery)*(2+len(questionnaire.DefaultFollowUpMonths)); got != want {
			t.Errorf("assignments = %d, want %d", got, want)
		}
		due, err := w.svc.DueFor(ctx, w.client, w.client.UserID)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(due), len(questionnaire.DefaultBattery); got != want {
			t.Fatalf("due now = %d, want %d (the baseline battery)", got, want)
		}

		missing := form(9, "1")
		delete(missing, "item4")
		_, err = w.svc.Submit(ctx, w.client, "phq9", missing)
		var e *errs.Error
		if !errs.Is(err, errs.Invalid) || !asErr(err, &e) || e.Fields["item4"] == "" || len(e.Fields) != 1 {
			t.Fatalf("missing item 4: err %v, want a validation error naming item4 only", err)
		}

		res, err := w.svc.Submit(ctx, w.client, "phq9", form(9, "2"))
		if err != nil {
			t.Fatal(err)
		}
		if res.Total == nil || *res.Total != 18 || res.Severity != "moderately_severe" || res.Risk != questionnaire.RiskPHQ9Item9 {
			t.Errorf("result = %+v, want total 18, moderately_severe, item 9 risk", res)
		}
		if got := len(w.risk.calls); got != 1 || w.risk.calls[0].level != questionnaire.RiskPHQ9Item9 || w.risk.calls[0].responseID != res.ResponseID {
			t.Errorf("risk calls = %+v, want one for the response", w.risk.calls)
		}
		var tp string
		var sealed []byte
		if err := db.Reader().QueryRow(ctx, `SELECT timepoint, answers FROM measure_responses WHERE id = ?`, res.ResponseID).Scan(&tp, &sealed); err != nil {
			t.Fatal(err)
		}
		if tp != questionnaire.Baseline || bytes.Contains(sealed, []byte("[2,2")) || len(sealed) == 0 {
			t.Errorf("stored timepoint %q, answers %q: want baseline and sealed", tp, sealed)
		}
		got, err := w.svc.Answers(ctx, w.coach, w.client.UserID, res.ResponseID)
		if err != nil || len(got) != 9 || got[8] != 2 {
			t.Errorf("coach opens answers = %v, %v", got, err)
		}
		if _, err := w.svc.Submit(ctx, w.client, "phq9", form(9, "0")); err != nil {
			t.Errorf("an extra check-in after the baseline: %v", err)
		}

		hist, err := w.svc.History(ctx, w.client, w.client.UserID)
		if err != nil || len(hist) != 1 || len(hist[0].Points) != 2 {
			t.Fatalf("history = %+v, %v; want one PHQ-9 series with 2 points", hist, err)
		}
		access := []struct {
			name string
			as   func() error
			want errs.Kind
		}{
			{"other coach", func() error { _, err := w.svc.History(ctx, w.coach2, w.client.UserID); return err }, errs.NotFound},
			{"other client", func() error { _, err := w.svc.History(ctx, w.client2, w.client.UserID); return err }, errs.NotFound},
			{"admin without break-glass", func() error { _, err := w.svc.History(ctx, w.admin, w.client.UserID); return err }, errs.Forbidden},
			{"coach cannot answer for a client", func() error { _, err := w.svc.Submit(ctx, w.coach, "phq9", form(9, "0")); return err }, errs.Forbidden},
			{"unknown instrument", func() error { _, err := w.svc.Submit(ctx, w.client, "nope", form(9, "0")); return err }, errs.NotFound},
			{"licence-gated instrument", func() error { _, err := w.svc.Submit(ctx, w.client, "meq30", form(30, "0")); return err }, errs.NotFound},
		}
		for _, tc := range access {
			if err := tc.as(); !errs.Is(err, tc.want) {
				t.Errorf("%s: err %v, want %v", tc.name, err, tc.want)
			}
		}
	})
}

func asErr(err error, target **errs.Error) bool {
	e, ok := err.(*errs.Error)
	if ok {
		*target = e
	}
	return ok
}

// TestCSSRSRisk: moderate and high screener answers call the safety
// response; low does not.
func TestCSSRSRisk(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		tests := []struct {
			name      string
			yes       []int
			wantRisk  string
			wantCalls int
		}{
			{"none", nil, "", 0},
			{"low: wish to be dead", []int{1}, "", 0},
			{"moderate: thoughts with method", []int{1, 2, 3}, "moderate", 1},
			{"high: intent", []int{1, 2, 4}, "high", 2},
		}
		for _, tc := range tests {
			f := map[string]string{"item1": "0", "item2": "0", "item3": "0", "item4": "0", "item5": "0", "item6": "0"}
			for _, i := range tc.yes {
				f["item"+string(rune('0'+i))] = "1"
			}
			res, err := w.svc.Submit(ctx, w.client, "cssrs", f)
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			if res.Risk != tc.wantRisk || len(w.risk.calls) != tc.wantCalls {
				t.Errorf("%s: risk %q after %d calls, want %q after %d", tc.name, res.Risk, len(w.risk.calls), tc.wantRisk, tc.wantCalls)
			}
		}
	})
}

// TestPracticeOutcomes: figures from the practice's own rows; hidden under
// 10 clients; admin only.
func TestPracticeOutcomes(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		sum, err := w.svc.PracticeOutcomes(ctx, w.admin)
		if err != nil {
			t.Fatal(err)
		}
		if len(sum.Instruments) != 0 {
			t.Errorf("no scores yet: instruments = %+v", sum.Instruments)
		}
		gen := func(n int, seed uint64) {
			err := db.InTx(ctx, func(tx *store.Tx) error {
				_, err := questionnaire.Generate(ctx, tx, w.reg, questionnaire.GenOptions{PracticeID: w.practiceID, Clients: n, Seed: seed, Now: t0, LostRate: 0.1, DoseEffect: 0.8})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		gen(8, 1)
		sum, err = w.svc.PracticeOutcomes(ctx, w.admin)
		if err != nil || len(sum.Instruments) != 2 {
			t.Fatalf("8 clients: %+v, %v", sum, err)
		}
		for _, o := range sum.Instruments {
			if !o.RatesHidden() || !o.DoseHidden() {
				t.Errorf("%s from 8 clients: rates hidden %v, dose hidden %v; want both hidden", o.Instrument, o.RatesHidden(), o.DoseHidden())
			}
		}
		gen(300, 2)
		sum, err = w.svc.PracticeOutcomes(ctx, w.admin)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range sum.Instruments {
			if o.RatesHidden() || o.DoseHidden() {
				t.Errorf("%s from %d clients: hidden", o.Instrument, o.Rates.N)
			}
			tb := o.Dose.Table
			if got, want := tb.HighYes+tb.HighNo+tb.LowYes+tb.LowNo, o.Rates.N; got != want {
				t.Errorf("%s: 2×2 total %d, want the %d followed up", o.Instrument, got, want)
			}
			if o.Dose.LostToFollowUp == 0 || o.Maintained == 0 {
				t.Errorf("%s: lost %d, maintained %d; want both > 0", o.Instrument, o.Dose.LostToFollowUp, o.Maintained)
			}
		}
		if sum.Clients != 308 {
			t.Errorf("clients with a baseline = %d, want 308", sum.Clients)
		}
		for _, a := range []struct {
			name string
			err  error
		}{
			{"coach", func() error { _, err := w.svc.PracticeOutcomes(ctx, w.coach); return err }()},
			{"client", func() error { _, err := w.svc.PracticeOutcomes(ctx, w.client); return err }()},
		} {
			if !errs.Is(a.err, errs.Forbidden) {
				t.Errorf("%s: err %v, want forbidden", a.name, a.err)
			}
		}
		var buf bytes.Buffer
		if err := w.svc.ResearchExport(ctx, w.admin, &buf); err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(buf.Bytes(), []byte("Past client")) || bytes.Contains(buf.Bytes(), []byte("synthetic.invalid")) {
			t.Errorf("export holds names or addresses")
		}
		_ = time.Second
	})
}
