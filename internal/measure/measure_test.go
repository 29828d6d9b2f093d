package measure_test

import (
	"errors"
	"math"
	"reflect"
	"strconv"
	"testing"

	"github.com/afterward/afterward/internal/measure"
)

func mustBuiltin(t testing.TB) *measure.Registry {
	t.Helper()
	reg, err := measure.Builtin()
	if err != nil {
		t.Fatalf("Builtin: %v", err)
	}
	return reg
}

func mustDef(t testing.TB, reg *measure.Registry, id string) *measure.Definition {
	t.Helper()
	def, ok := reg.Lookup(id)
	if !ok {
		t.Fatalf("Lookup(%q): not found", id)
	}
	return def
}

// answersSumming spreads total over n items of at most hi each, filling from
// the first item.
func answersSumming(n, hi, total int) []int {
	a := make([]int, n)
	for i := range a {
		v := min(hi, total)
		a[i] = v
		total -= v
	}
	return a
}

func TestBuiltinIDs(t *testing.T) {
	got := mustBuiltin(t).IDs()
	want := []string{"ceq", "cssrs", "ebi", "gad7", "life_changes", "meq30", "pcl5", "phq9", "pis_eis", "pis_ies", "who5"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("IDs() = %v, want %v", got, want)
	}
}

func TestBuiltinMetadata(t *testing.T) {
	reg := mustBuiltin(t)
	for _, id := range reg.IDs() {
		def := mustDef(t, reg, id)
		if def.RequiresLicence == def.Enabled {
			t.Errorf("%s: requires_licence %v but enabled %v", id, def.RequiresLicence, def.Enabled)
		}
		if def.RequiresLicence && len(def.Items) != 0 {
			t.Errorf("%s: licence-gated instrument ships item wording", id)
		}
	}
	loinc := map[string]measure.LOINC{
		"phq9":  {Panel: "44249-1", Total: "44261-6"},
		"gad7":  {Panel: "69737-5", Total: "70274-6"},
		"cssrs": {Risk: "93374-7"},
	}
	for id, want := range loinc {
		if got := mustDef(t, reg, id).LOINC; got != want {
			t.Errorf("%s LOINC = %+v, want %+v", id, got, want)
		}
	}
	if mustDef(t, reg, "cssrs").CopyrightNotice == "" {
		t.Error("cssrs has no copyright notice")
	}
}

func TestScoreBands(t *testing.T) {
	reg := mustBuiltin(t)
	tests := []struct {
		id           string
		items, hi    int
		total        int
		wantSeverity string
	}{
		{"phq9", 9, 3, 0, "minimal"}, {"phq9", 9, 3, 4, "minimal"},
		{"phq9", 9, 3, 5, "mild"}, {"phq9", 9, 3, 9, "mild"},
		{"phq9", 9, 3, 10, "moderate"}, {"phq9", 9, 3, 14, "moderate"},
		{"phq9", 9, 3, 15, "moderately_severe"}, {"phq9", 9, 3, 19, "moderately_severe"},
		{"phq9", 9, 3, 20, "severe"}, {"phq9", 9, 3, 27, "severe"},
		{"gad7", 7, 3, 0, "minimal"}, {"gad7", 7, 3, 4, "minimal"},
		{"gad7", 7, 3, 5, "mild"}, {"gad7", 7, 3, 9, "mild"},
		{"gad7", 7, 3, 10, "moderate"}, {"gad7", 7, 3, 14, "moderate"},
		{"gad7", 7, 3, 15, "severe"}, {"gad7", 7, 3, 21, "severe"},
		{"pcl5", 20, 4, 0, "below_threshold"}, {"pcl5", 20, 4, 32, "below_threshold"},
		{"pcl5", 20, 4, 33, "probable_ptsd"}, {"pcl5", 20, 4, 80, "probable_ptsd"},
		{"who5", 5, 5, 0, "poor_wellbeing"}, {"who5", 5, 5, 12, "poor_wellbeing"},
		{"who5", 5, 5, 13, "adequate_wellbeing"}, {"who5", 5, 5, 25, "adequate_wellbeing"},
	}
	for _, tt := range tests {
		t.Run(tt.id+"_"+strconv.Itoa(tt.total), func(t *testing.T) {
			res, err := measure.Score(mustDef(t, reg, tt.id), answersSumming(tt.items, tt.hi, tt.total))
			if err != nil {
				t.Fatalf("Score: %v", err)
			}
			if res.Total != tt.total || res.Severity != tt.wantSeverity {
				t.Errorf("got total %d severity %q, want %d %q", res.Total, res.Severity, tt.total, tt.wantSeverity)
			}
			if res.Flags == nil {
				t.Error("Flags is nil, want a non-nil slice")
			}
		})
	}
}

func TestScoreFlagsPercentClusters(t *testing.T) {
	reg := mustBuiltin(t)
	pct := func(n int) *int { return &n }
	tests := []struct {
		name         string
		id           string
		answers      []int
		wantFlags    []string
		wantPercent  *int
		wantClusters map[string]int
	}{
		{"phq9 item 9 zero", "phq9", []int{3, 3, 3, 3, 3, 3, 3, 3, 0}, []string{}, nil, nil},
		{"phq9 item 9 one", "phq9", []int{0, 0, 0, 0, 0, 0, 0, 0, 1}, []string{"item9_positive"}, nil, nil},
		{"phq9 item 9 three", "phq9", []int{0, 0, 0, 0, 0, 0, 0, 0, 3}, []string{"item9_positive"}, nil, nil},
		{"who5 raw 7 screens", "who5", []int{2, 2, 2, 1, 0}, []string{"depression_screen"}, pct(28), nil},
		{"who5 raw 8 does not", "who5", []int{2, 2, 2, 1, 1}, []string{}, pct(32), nil},
		{"who5 raw 0", "who5", []int{0, 0, 0, 0, 0}, []string{"depression_screen"}, pct(0), nil},
		{"who5 raw 25", "who5", []int{5, 5, 5, 5, 5}, []string{}, pct(100), nil},
		{"pcl5 clusters", "pcl5", []int{1, 1, 1, 1, 1, 2, 2, 3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 0},
			[]string{}, nil, map[string]int{"B": 5, "C": 4, "D": 21, "E": 20}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := measure.Score(mustDef(t, reg, tt.id), tt.answers)
			if err != nil {
				t.Fatalf("Score: %v", err)
			}
			if !reflect.DeepEqual(res.Flags, tt.wantFlags) {
				t.Errorf("flags = %v, want %v", res.Flags, tt.wantFlags)
			}
			if !reflect.DeepEqual(res.Percent, tt.wantPercent) {
				t.Errorf("percent = %v, want %v", res.Percent, tt.wantPercent)
			}
			if !reflect.DeepEqual(res.Clusters, tt.wantClusters) {
				t.Errorf("clusters = %v, want %v", res.Clusters, tt.wantClusters)
			}
		})
	}
}

func TestScoreErrors(t *testing.T) {
	reg := mustBuiltin(t)
	tests := []struct {
		name    string
		id      string
		answers []int
	}{
		{"too few", "phq9", []int{0, 0, 0, 0, 0, 0, 0, 0}},
		{"too many", "gad7", []int{0, 0, 0, 0, 0, 0, 0, 0}},
		{"empty", "who5", []int{}},
		{"above range", "phq9", []int{0, 0, 0, 0, 0, 0, 0, 0, 4}},
		{"pcl5 nineteen items", "pcl5", make([]int, 19)},
		{"negative", "who5", []int{0, 0, -1, 0, 0}},
		{"who5 six", "who5", []int{6, 0, 0, 0, 0}},
		{"not summed", "life_changes", []int{0, 0, 0, 0, 0}},
		{"cssrs not summed", "cssrs", []int{0, 0, 0, 0, 0, 0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if res, err := measure.Score(mustDef(t, reg, tt.id), tt.answers); err == nil {
				t.Errorf("Score(%v) = %+v, want an error", tt.answers, res)
			}
		})
	}
}

func TestScoreDisabledUntilEnabled(t *testing.T) {
	reg := mustBuiltin(t)
	def := mustDef(t, reg, "meq30")
	if _, err := measure.Score(def, make([]int, 30)); !errors.Is(err, measure.ErrDisabled) {
		t.Fatalf("Score(disabled) error = %v, want ErrDisabled", err)
	}
	if err := reg.Enable("meq30"); err != nil {
		t.Fatalf("Enable: %v", err)
	}
	if _, err := measure.Score(mustDef(t, reg, "meq30"), make([]int, 30)); errors.Is(err, measure.ErrDisabled) {
		t.Errorf("after Enable, error = %v, want not ErrDisabled", err)
	}
	if !errors.Is(func() error { _, err := measure.Score(def, make([]int, 30)); return err }(), measure.ErrDisabled) {
		t.Error("a definition looked up before Enable changed under its holder")
	}
	if err := reg.Enable("nope"); err == nil {
		t.Error("Enable(unknown) = nil, want an error")
	}
}

func TestCSSRSRisk(t *testing.T) {
	tests := []struct {
		name string
		a    measure.CSSRSAnswers
		want string
	}{
		{"all no", measure.CSSRSAnswers{}, "none"},
		{"q1", measure.CSSRSAnswers{Q1: true}, "low"},
		{"q2", measure.CSSRSAnswers{Q2: true}, "low"},
		{"q3", measure.CSSRSAnswers{Q1: true, Q2: true, Q3: true}, "moderate"},
		{"q4", measure.CSSRSAnswers{Q4: true}, "high"},
		{"q5", measure.CSSRSAnswers{Q5: true}, "high"},
		{"q6 earlier", measure.CSSRSAnswers{Q6: true}, "moderate"},
		{"q6 within 3 months", measure.CSSRSAnswers{Q6: true, Q6Within3Months: true}, "high"},
		{"within 3 months without q6", measure.CSSRSAnswers{Q6Within3Months: true}, "none"},
		{"q2 and q6 earlier", measure.CSSRSAnswers{Q2: true, Q6: true}, "moderate"},
		{"q3 and q5", measure.CSSRSAnswers{Q3: true, Q5: true}, "high"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := measure.CSSRSRisk(tt.a); got != tt.want {
				t.Errorf("CSSRSRisk(%+v) = %q, want %q", tt.a, got, tt.want)
			}
		})
	}
}

func TestRCI(t *testing.T) {
	tests := []struct {
		name              string
		x1, x2, sd, r, rc float64
	}{
		// SEdiff = sqrt(2·25·0.2) = sqrt(10).
		{"improvement", 20, 10, 5, 0.8, -10 / math.Sqrt(10)},
		{"worsening", 10, 20, 5, 0.8, 10 / math.Sqrt(10)},
		{"no change", 12, 12, 5, 0.8, 0},
		// SEdiff = sqrt(2·4·0.5) = 2.
		{"r one half", 0, 3, 2, 0.5, 1.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := measure.RCI(tt.x1, tt.x2, tt.sd, tt.r); math.Abs(got-tt.rc) > 1e-12 {
				t.Errorf("RCI = %v, want %v", got, tt.rc)
			}
		})
	}
}

func TestReliableChangeAndMCID(t *testing.T) {
	reg := mustBuiltin(t)
	phq := mustDef(t, reg, "phq9")
	got, err := measure.ReliableChange(phq, 20, 10)
	want := -10 / (math.Sqrt2 * phq.Reliability.SD * math.Sqrt(1-phq.Reliability.RetestR))
	if err != nil || math.Abs(got-want) > 1e-12 {
		t.Errorf("ReliableChange(phq9) = %v, %v; want %v", got, err, want)
	}
	if _, err := measure.ReliableChange(mustDef(t, reg, "who5"), 10, 20); !errors.Is(err, measure.ErrNoReliability) {
		t.Errorf("ReliableChange(who5) error = %v, want ErrNoReliability", err)
	}
	for id, want := range map[string]float64{"phq9": 5, "gad7": 4, "pcl5": 10} {
		if got, ok := measure.MCIDValue(mustDef(t, reg, id)); !ok || got != want {
			t.Errorf("MCIDValue(%s) = %v, %v; want %v", id, got, ok, want)
		}
	}
	if _, ok := measure.MCIDValue(mustDef(t, reg, "who5")); ok {
		t.Error("MCIDValue(who5) ok, want none recorded")
	}
}

func TestSupplyWording(t *testing.T) {
	reg := mustBuiltin(t)
	items := make([]measure.Item, 30)
	for i := range items {
		items[i].Text = "placeholder"
	}
	sum := &measure.Scoring{Method: measure.MethodSum, Total: measure.Range{Min: 0, Max: 150}}
	if err := reg.Supply(measure.Wording{ID: "phq9", Items: items[:9]}); err == nil {
		t.Error("wording accepted for an instrument that ships its own")
	}
	if err := reg.Supply(measure.Wording{ID: "meq30", Items: items[:29], Scoring: sum}); err == nil {
		t.Error("wording with 29 of 30 items accepted")
	}
	if err := reg.Supply(measure.Wording{ID: "meq30", Items: items, Scoring: &measure.Scoring{Method: measure.MethodSum, Total: measure.Range{Min: 0, Max: 3}}}); err == nil {
		t.Error("wording with an impossible total accepted")
	}
	opts := []measure.Option{{Value: 0, Label: "a"}, {Value: 1, Label: "b"}, {Value: 2, Label: "c"}, {Value: 3, Label: "d"}, {Value: 4, Label: "e"}, {Value: 5, Label: "f"}}
	bands := []measure.Band{{Label: "all", Min: 0, Max: 150}}
	if err := reg.Supply(measure.Wording{ID: "meq30", Items: items, Options: opts, Scoring: sum, Bands: bands}); err != nil {
		t.Fatal(err)
	}
	def := mustDef(t, reg, "meq30")
	if len(def.Items) != 30 || def.Enabled || def.Scoring.Method != measure.MethodSum {
		t.Fatalf("after Supply: %d items, enabled %v, method %s", len(def.Items), def.Enabled, def.Scoring.Method)
	}
}
