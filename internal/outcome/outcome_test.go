package outcome_test

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/afterward/afterward/internal/outcome"
)

// rules mirror the shipped instrument definitions (the measure package is
// the source of truth; app wires it in).
var rules = map[string]outcome.Rule{
	"phq9": {Min: 0, Max: 27, MCID: 5, RemissionBelow: 5},
	"gad7": {Min: 0, Max: 21, MCID: 4, RemissionBelow: 5},
	"pcl5": {Min: 0, Max: 80, MCID: 10, RemissionBelow: 33},
}

type rReference struct {
	N              int        `json:"n"`
	LostToFollowUp int        `json:"lost_to_follow_up"`
	Table          [4]int     `json:"table"`
	OddsRatio      float64    `json:"odds_ratio"`
	CI95           [2]float64 `json:"ci95"`
	PFisher        float64    `json:"p_fisher"`
	Separated      bool       `json:"separated"`
	GLM            *struct {
		Coef [3]float64 `json:"coef"`
		SE   [3]float64 `json:"se"`
	} `json:"glm"`
}

// near reports agreement to 1e-6, relative for numbers above 1.
func near(got, want float64) bool {
	return math.Abs(got-want) <= 1e-6*math.Max(1, math.Abs(want))
}

func readFixture(t *testing.T, name string) []outcome.Row {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name+".csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := outcome.ReadCSV(f, rules)
	if err != nil {
		t.Fatalf("ReadCSV(%s): %v", name, err)
	}
	return rows
}

// TestAgainstR compares every figure with scripts/r/outcomes_reference.R.
func TestAgainstR(t *testing.T) {
	for _, name := range []string{"balanced", "small", "zero_cells", "large"} {
		data, err := os.ReadFile(filepath.Join("testdata", name+".reference.json"))
		if err != nil {
			t.Fatal(err)
		}
		var refs map[string]rReference
		if err := json.Unmarshal(data, &refs); err != nil {
			t.Fatalf("%s reference: %v", name, err)
		}
		reports := outcome.Analyze(readFixture(t, name), rules)
		if len(reports) != len(refs) {
			t.Errorf("%s: %d instruments, want %d", name, len(reports), len(refs))
		}
		for _, rep := range reports {
			t.Run(name+"/"+rep.Instrument, func(t *testing.T) {
				compareReport(t, rep, refs[rep.Instrument])
			})
		}
	}
}

func compareReport(t *testing.T, rep outcome.Report, want rReference) {
	tb := rep.Table
	if got := [4]int{tb.HighYes, tb.HighNo, tb.LowYes, tb.LowNo}; got != want.Table || rep.N != want.N || rep.LostToFollowUp != want.LostToFollowUp {
		t.Errorf("table %v n %d lost %d, want %v n %d lost %d", got, rep.N, rep.LostToFollowUp, want.Table, want.N, want.LostToFollowUp)
	}
	or := rep.OddsRatio
	if !near(or.OR, want.OddsRatio) || !near(or.Lo, want.CI95[0]) || !near(or.Hi, want.CI95[1]) {
		t.Errorf("OR %v [%v, %v], want %v %v", or.OR, or.Lo, or.Hi, want.OddsRatio, want.CI95)
	}
	if !near(rep.PFisher, want.PFisher) {
		t.Errorf("p_fisher = %v, want %v", rep.PFisher, want.PFisher)
	}
	if want.GLM == nil {
		if rep.AdjustedErr == nil {
			t.Errorf("adjusted fit reported (OR %v) where R saw separation", rep.Adjusted.OR)
		}
		return
	}
	if rep.AdjustedErr != nil {
		t.Fatalf("adjusted fit error %v, want R's coefficients %v", rep.AdjustedErr, want.GLM.Coef)
	}
	for i := range 3 {
		if !near(rep.Adjusted.Coef[i], want.GLM.Coef[i]) || !near(rep.Adjusted.SE[i], want.GLM.SE[i]) {
			t.Errorf("coef[%d] = %v (se %v), want %v (se %v)", i, rep.Adjusted.Coef[i], rep.Adjusted.SE[i], want.GLM.Coef[i], want.GLM.SE[i])
		}
	}
	if wantOR := math.Exp(want.GLM.Coef[1]); !near(rep.Adjusted.OR, wantOR) {
		t.Errorf("adjusted OR = %v, want %v", rep.Adjusted.OR, wantOR)
	}
}

func TestFisherExactKnownTables(t *testing.T) {
	tests := []struct {
		name string
		t    outcome.Table
		want float64
	}{
		// Fisher's tea-tasting table: p = 34/70 (R: 0.4857).
		{"tea tasting", outcome.Table{HighYes: 3, HighNo: 1, LowYes: 1, LowNo: 3}, 34.0 / 70},
		// Only one table fits the margins.
		{"degenerate margins", outcome.Table{HighYes: 5, HighNo: 0, LowYes: 0, LowNo: 0}, 1},
		{"all zero", outcome.Table{}, 1},
		// Extreme table: p = 2/C(10,5) = 2/252.
		{"perfect split", outcome.Table{HighYes: 5, HighNo: 0, LowYes: 0, LowNo: 5}, 2.0 / 252},
		// Symmetric table: every table is at most as likely, p = 1.
		{"null table", outcome.Table{HighYes: 2, HighNo: 2, LowYes: 2, LowNo: 2}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := outcome.FisherExact(tt.t); !near(got, tt.want) {
				t.Errorf("FisherExact(%+v) = %v, want %v", tt.t, got, tt.want)
			}
		})
	}
}

func TestWoolfCorrection(t *testing.T) {
	tests := []struct {
		name          string
		t             outcome.Table
		wantOR        float64
		wantCorrected bool
	}{
		{"no zero cell", outcome.Table{HighYes: 10, HighNo: 5, LowYes: 4, LowNo: 8}, 4, false},
		{"zero cell", outcome.Table{HighYes: 3, HighNo: 0, LowYes: 1, LowNo: 2}, (3.5 * 2.5) / (0.5 * 1.5), true},
		{"empty group", outcome.Table{HighYes: 3, HighNo: 1}, (3.5 * 0.5) / (1.5 * 0.5), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := outcome.WoolfOddsRatio(tt.t)
			if !near(got.OR, tt.wantOR) || got.Corrected != tt.wantCorrected {
				t.Errorf("OR %v corrected %v, want %v %v", got.OR, got.Corrected, tt.wantOR, tt.wantCorrected)
			}
			if !(got.Lo < got.OR && got.OR < got.Hi) || math.IsInf(got.Hi, 0) {
				t.Errorf("CI [%v, %v] does not bracket OR %v finitely", got.Lo, got.Hi, got.OR)
			}
		})
	}
}

func TestRiskDifference(t *testing.T) {
	if got, ok := outcome.RiskDifference(outcome.Table{HighYes: 3, HighNo: 1, LowYes: 1, LowNo: 3}); !ok || !near(got, 0.5) {
		t.Errorf("RiskDifference = %v, %v; want 0.5, true", got, ok)
	}
	if _, ok := outcome.RiskDifference(outcome.Table{HighYes: 3, HighNo: 1}); ok {
		t.Error("RiskDifference with an empty group ok, want not ok")
	}
}

func TestFitLogisticReasons(t *testing.T) {
	tests := []struct {
		name     string
		y, high  []bool
		baseline []float64
		want     error
	}{
		{"no outcome variation", []bool{true, true, true}, []bool{true, false, true}, []float64{1, 2, 3}, outcome.ErrNoOutcomeVariation},
		{"empty dose group", []bool{true, false, true}, []bool{true, true, true}, []float64{1, 2, 3}, outcome.ErrEmptyGroup},
		{"dose separates", []bool{true, true, false, false}, []bool{true, true, false, false}, []float64{1, 2, 3, 4}, outcome.ErrSeparation},
		{"baseline separates", []bool{false, false, false, true, true, true}, []bool{true, false, true, false, true, false}, []float64{1, 2, 3, 4, 5, 6}, outcome.ErrSeparation},
		{"constant baseline", []bool{true, false, true, false, true, false}, []bool{true, true, true, false, false, false}, []float64{5, 5, 5, 5, 5, 5}, outcome.ErrSingular},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if fit, err := outcome.FitLogistic(tt.y, tt.high, tt.baseline); !errors.Is(err, tt.want) {
				t.Errorf("FitLogistic = %+v, %v; want %v", fit, err, tt.want)
			}
		})
	}
}

func TestRates(t *testing.T) {
	phq := rules["phq9"]
	row := func(b, m float64, followed bool) outcome.Row {
		return outcome.Row{Instrument: "phq9", Baseline: b, Month12: m, FollowedUp: followed}
	}
	tests := []struct {
		name                string
		r                   outcome.Row
		responded, remitted bool
	}{
		{"exactly half", row(20, 10, true), true, false},
		{"just under half", row(20, 10.5, true), false, false},
		{"remission boundary 5", row(20, 5, true), true, false},
		{"remission 4", row(20, 4, true), true, true},
		{"baseline 0 cannot respond", row(0, 0, true), false, true},
		{"lost to follow-up", row(20, 0, false), false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := outcome.Responded(tt.r); got != tt.responded {
				t.Errorf("Responded = %v, want %v", got, tt.responded)
			}
			if got := outcome.Remitted(tt.r, phq); got != tt.remitted {
				t.Errorf("Remitted = %v, want %v", got, tt.remitted)
			}
		})
	}
	rates := outcome.ResponseRemission([]outcome.Row{row(20, 10, true), row(20, 4, true), row(20, 19, true), row(20, 0, false)}, phq)
	want := outcome.Rates{N: 3, Responders: 2, Remitters: 1, ResponseRate: 2.0 / 3, RemissionRate: 1.0 / 3}
	if rates != want {
		t.Errorf("ResponseRemission = %+v, want %+v", rates, want)
	}
	if got := outcome.ResponseRemission(nil, phq); got != (outcome.Rates{}) {
		t.Errorf("ResponseRemission(nil) = %+v, want zero", got)
	}
}

func TestMaintainedAndDose(t *testing.T) {
	tests := []struct {
		name       string
		r          outcome.Row
		maintained bool
		high       bool
	}{
		{"drop equals MCID", outcome.Row{Sessions90: 8, Baseline: 15, Month12: 10, FollowedUp: true}, true, true},
		{"drop one short", outcome.Row{Sessions90: 7, Baseline: 15, Month12: 11, FollowedUp: true}, false, false},
		{"lost", outcome.Row{Sessions90: 12, Baseline: 15}, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := outcome.Maintained(tt.r, rules["phq9"]); got != tt.maintained {
				t.Errorf("Maintained = %v, want %v", got, tt.maintained)
			}
			if got := tt.r.HighDose(); got != tt.high {
				t.Errorf("HighDose = %v, want %v", got, tt.high)
			}
		})
	}
	if !outcome.Hidden(9) || outcome.Hidden(10) {
		t.Errorf("Hidden(9), Hidden(10) = %v, %v; want true, false", outcome.Hidden(9), outcome.Hidden(10))
	}
}
