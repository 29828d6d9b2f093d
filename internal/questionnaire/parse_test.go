package questionnaire_test

import (
	"testing"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/measure"
	"github.com/afterward/afterward/internal/questionnaire"
)

func def(t testing.TB, id string) *measure.Definition {
	t.Helper()
	reg, err := measure.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	d, _ := reg.Lookup(id)
	return d
}

func TestParseAnswers(t *testing.T) {
	tests := []struct {
		name       string
		instrument string
		form       map[string]string
		wantFields []string
		want9      int
	}{
		{"phq9 complete", "phq9", form(9, "3"), nil, 3},
		{"phq9 lowest", "phq9", form(9, "0"), nil, 0},
		{"phq9 above range", "phq9", merge(form(9, "0"), "item9", "4"), []string{"item9"}, 0},
		{"phq9 below range", "phq9", merge(form(9, "0"), "item1", "-1"), []string{"item1"}, 0},
		{"phq9 not a number", "phq9", merge(form(9, "0"), "item2", "often"), []string{"item2"}, 0},
		{"phq9 empty answer", "phq9", merge(form(9, "0"), "item3", ""), []string{"item3"}, 0},
		{"phq9 nothing answered", "phq9", map[string]string{}, []string{"item1", "item5", "item9"}, 0},
		{"who5 top of range", "who5", form(5, "5"), nil, 0},
		{"cssrs no to 2 skips 3-5", "cssrs", map[string]string{"item1": "1", "item2": "0", "item6": "0"}, nil, 0},
		{"cssrs yes to 2 needs 3-5", "cssrs", map[string]string{"item1": "1", "item2": "1", "item6": "0"}, []string{"item3", "item4", "item5"}, 0},
		{"cssrs yes to 6 needs the 3-month question", "cssrs", map[string]string{"item1": "0", "item2": "0", "item6": "1"}, []string{"item7"}, 0},
		{"cssrs answer 2 is not yes/no", "cssrs", map[string]string{"item1": "2", "item2": "0", "item6": "0"}, []string{"item1"}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			answers, err := questionnaire.ParseAnswers(def(t, tc.instrument), tc.form)
			if len(tc.wantFields) == 0 {
				if err != nil {
					t.Fatalf("err = %v, want none", err)
				}
				if tc.instrument == "phq9" && answers[8] != tc.want9 {
					t.Errorf("item 9 = %d, want %d", answers[8], tc.want9)
				}
				return
			}
			e, ok := err.(*errs.Error)
			if !ok || e.Kind != errs.Invalid {
				t.Fatalf("err = %v, want a validation error", err)
			}
			for _, f := range tc.wantFields {
				if e.Fields[f] == "" {
					t.Errorf("fields %v lack %s", e.Fields, f)
				}
			}
		})
	}
}

func merge(f map[string]string, k, v string) map[string]string {
	f[k] = v
	return f
}

// FuzzParseAnswers: any form either parses into in-range answers or is a
// validation error; never a panic.
func FuzzParseAnswers(f *testing.F) {
	f.Add("phq9", "1", "3", "")
	f.Add("cssrs", "0", "1", "1")
	f.Add("gad7", "x", "-7", "99999999999999999999")
	f.Add("who5", "5", "", "0")
	f.Fuzz(func(t *testing.T, id, a, b, c string) {
		d := def(t, "phq9")
		if other := def(t, id); other != nil {
			d = other
		}
		fm := map[string]string{"item1": a, "item2": b, "item3": c, "item4": a, "item5": b, "item6": c, "item7": a, "item8": b, "item9": c}
		answers, err := questionnaire.ParseAnswers(d, fm)
		if err != nil {
			if !errs.Is(err, errs.Invalid) {
				t.Fatalf("err kind %v, want invalid", errs.KindOf(err))
			}
			return
		}
		for i, v := range answers {
			if v < d.AnswerRange.Min || v > d.AnswerRange.Max {
				t.Fatalf("answer %d = %d outside %v", i+1, v, d.AnswerRange)
			}
		}
	})
}
