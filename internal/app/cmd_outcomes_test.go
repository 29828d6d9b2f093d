package app_test

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeCSV(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "outcomes.csv")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

type groupJSON struct {
	N          int `json:"n"`
	Maintained int `json:"maintained"`
}

type instrumentJSON struct {
	N              *int       `json:"n"`
	LostToFollowUp *int       `json:"lost_to_follow_up"`
	HighDose       *groupJSON `json:"high_dose"`
	LowDose        *groupJSON `json:"low_dose"`
	OddsRatio      *float64   `json:"odds_ratio"`
	CI95           []float64  `json:"ci95"`
	PFisher        *float64   `json:"p_fisher"`
	RiskDifference *float64   `json:"risk_difference"`
	Adjusted       struct {
		OddsRatio *float64  `json:"odds_ratio"`
		CI95      []float64 `json:"ci95"`
		Reason    *string   `json:"reason"`
	} `json:"adjusted"`
}

func TestOutcomesAnalyze(t *testing.T) {
	// phq9: high dose 3 of 4 maintained (drop >= 5), low dose 1 of 3; one
	// client lost. gad7: one row. Fisher p for [[3,1],[1,2]] is 0.4857…:
	// tables with margins 4/3 and 4/3 have probabilities 4/35, 18/35, 12/35,
	// 1/35 for 1..4 high-dose maintained; observed 12/35, so p = (4+12+1)/35.
	csv := "\xEF\xBB\xBFclient_id,sessions_90d,instrument,baseline,month12,notes\r\n" +
		"a,8,phq9,20,15,x\r\n" +
		"b,12,phq9,18,10,\r\n" +
		"c,9,phq9,10,5,\r\n" +
		"d,8,phq9,10,6,\r\n" +
		"e,7,phq9,22,12,\r\n" +
		"f,0,phq9,15,14,\r\n" +
		"g,\"3\",phq9,9,9,\r\n" +
		"h,10,phq9,27,,\r\n" +
		"i,2,gad7,12,3,\r\n\r\n"
	code, stdout, stderr := run(t, "", nil, "outcomes", "analyze", writeCSV(t, csv))
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d stderr %q", code, stderr)
	}
	if !strings.HasSuffix(stdout, "\n") {
		t.Error("stdout has no trailing newline")
	}
	var got struct {
		Instruments map[string]instrumentJSON `json:"instruments"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("stdout %q: %v", stdout, err)
	}
	if len(got.Instruments) != 2 {
		t.Errorf("instruments = %v, want gad7 and phq9 only", got.Instruments)
	}
	phq := got.Instruments["phq9"]
	if *phq.N != 7 || *phq.LostToFollowUp != 1 || *phq.HighDose != (groupJSON{4, 3}) || *phq.LowDose != (groupJSON{3, 1}) {
		t.Errorf("phq9 counts n %d lost %d high %+v low %+v; want 7 1 {4 3} {3 1}", *phq.N, *phq.LostToFollowUp, *phq.HighDose, *phq.LowDose)
	}
	if want := (3.0 * 2) / (1 * 1); math.Abs(*phq.OddsRatio-want) > 1e-12 {
		t.Errorf("odds_ratio = %v, want %v", *phq.OddsRatio, want)
	}
	se := math.Sqrt(1.0/3 + 1 + 1 + 1.0/2)
	wantCI := []float64{6 * math.Exp(-1.959963984540054*se), 6 * math.Exp(1.959963984540054*se)}
	if len(phq.CI95) != 2 || math.Abs(phq.CI95[0]-wantCI[0]) > 1e-9 || math.Abs(phq.CI95[1]-wantCI[1]) > 1e-9 {
		t.Errorf("ci95 = %v, want %v", phq.CI95, wantCI)
	}
	if want := 17.0 / 35; math.Abs(*phq.PFisher-want) > 1e-12 {
		t.Errorf("p_fisher = %v, want %v", *phq.PFisher, want)
	}
	gad := got.Instruments["gad7"]
	if *gad.N != 1 || *gad.HighDose != (groupJSON{0, 0}) || *gad.LowDose != (groupJSON{1, 1}) {
		t.Errorf("gad7 = %+v, want n 1, empty high dose, low 1 of 1", gad)
	}
	if gad.RiskDifference != nil || gad.Adjusted.OddsRatio != nil || gad.Adjusted.Reason == nil {
		t.Errorf("gad7 risk difference %v adjusted %+v; want null, null with a reason", gad.RiskDifference, gad.Adjusted)
	}
	if *gad.PFisher != 1 || *gad.OddsRatio <= 0 || len(gad.CI95) != 2 {
		t.Errorf("gad7 p %v OR %v CI %v; want 1 and a corrected finite OR", *gad.PFisher, *gad.OddsRatio, gad.CI95)
	}
}

func TestOutcomesAnalyzeHeaderOnly(t *testing.T) {
	code, stdout, _ := run(t, "", nil, "outcomes", "analyze", writeCSV(t, "client_id,sessions_90d,instrument,baseline,month12\n"))
	if code != 0 || stdout != "{\"instruments\":{}}\n" {
		t.Errorf("exit %d stdout %q; want 0 and no instruments", code, stdout)
	}
}

func TestOutcomesAnalyzeErrors(t *testing.T) {
	const header = "client_id,sessions_90d,instrument,baseline,month12\n"
	tests := []struct {
		name string
		args []string
		csv  string
		want string
	}{
		{"no sub-verb", []string{"outcomes"}, "", "usage: afterward outcomes analyze FILE.csv"},
		{"unknown sub-verb", []string{"outcomes", "plot", "x.csv"}, "", "usage"},
		{"missing file argument", []string{"outcomes", "analyze"}, "", "usage"},
		{"extra argument", []string{"outcomes", "analyze", "a.csv", "b.csv"}, "", "usage"},
		{"file not found", []string{"outcomes", "analyze", "/nonexistent/outcomes.csv"}, "", "cannot open /nonexistent/outcomes.csv: no such file"},
		{"missing column", nil, "client_id,sessions_90d,instrument,baseline\n", "row 1, column month12: missing from the header"},
		{"non-numeric baseline", nil, header + "a,1,phq9,3,2\nb,1,phq9,abc,2\n", `row 3, column baseline: "abc" is not a number`},
		{"non-numeric sessions", nil, header + "a,many,phq9,3,2\n", `row 2, column sessions_90d: "many" is not a whole number`},
		{"negative sessions", nil, header + "a,-2,phq9,3,2\n", "row 2, column sessions_90d: -2 is negative"},
		{"unknown instrument", nil, header + "a,1,who5,3,2\n", `row 2, column instrument: unknown instrument "who5"`},
		{"score out of range", nil, header + "a,1,gad7,22,2\n", "row 2, column baseline: 22 is outside"},
		{"empty file", nil, "", "row 1: the file is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := tt.args
			if args == nil {
				args = []string{"outcomes", "analyze", writeCSV(t, tt.csv)}
			}
			code, stdout, stderr := run(t, "", nil, args...)
			checkUsageError(t, code, stdout, stderr, tt.want)
		})
	}
}
