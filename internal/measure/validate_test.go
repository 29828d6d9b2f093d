package measure_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/afterward/afterward/internal/measure"
)

// validDef is a small, valid summed instrument; cases break one thing each.
const validDef = `{
  "id": "tiny", "title": "Tiny", "source": "test", "licence": "test",
  "enabled": true, "requires_licence": false,
  "item_count": 2, "answer_range": {"min": 0, "max": 2},
  "options": [{"value": 0, "label": "no"}, {"value": 1, "label": "some"}, {"value": 2, "label": "lots"}],
  "items": [{"text": "one"}, {"text": "two"}],
  "scoring": {"method": "sum", "total": {"min": 0, "max": 4}},
  "bands": [{"label": "low", "min": 0, "max": 1}, {"label": "high", "min": 2, "max": 4}],
  "flags": [{"name": "second_high", "item": 2, "min": 2, "max": 2}],
  "clusters": [{"name": "A", "first": 1, "last": 2}]
}`

func TestParseValid(t *testing.T) {
	def, err := measure.Parse([]byte(validDef))
	if err != nil {
		t.Fatalf("Parse(valid) = %v", err)
	}
	res, err := measure.Score(def, []int{1, 2})
	if err != nil || res.Total != 3 || res.Severity != "high" || len(res.Flags) != 1 || res.Clusters["A"] != 3 {
		t.Errorf("Score = %+v, %v; want total 3, high, [second_high], A=3", res, err)
	}
}

func TestValidateBroken(t *testing.T) {
	tests := []struct {
		name, old, new, wantErr string
	}{
		{"gap between bands", `"min": 2, "max": 4}]`, `"min": 3, "max": 4}]`, "gap at 2..2"},
		{"overlapping bands", `"min": 2, "max": 4}]`, `"min": 1, "max": 4}]`, "overlaps"},
		{"bands stop short", `"min": 2, "max": 4}]`, `"min": 2, "max": 3}]`, "bands end at 3"},
		{"bands start late", `{"label": "low", "min": 0`, `{"label": "low", "min": 1`, "gap at 0..0"},
		{"band reversed", `"label": "low", "min": 0, "max": 1`, `"label": "low", "min": 1, "max": 0`, "above max"},
		{"duplicate band label", `"label": "high"`, `"label": "low"`, "used twice"},
		{"no bands", `"bands": [{"label": "low", "min": 0, "max": 1}, {"label": "high", "min": 2, "max": 4}],`, ``, "needs severity bands"},
		{"item count mismatch", `"item_count": 2`, `"item_count": 3`, "item_count is 3 but 2 items"},
		{"zero items", `"item_count": 2`, `"item_count": 0`, "item_count must be 1..1000"},
		{"wrong total range", `"total": {"min": 0, "max": 4}`, `"total": {"min": 0, "max": 5}`, "does not match"},
		{"option outside range", `{"value": 2, "label": "lots"}`, `{"value": 3, "label": "lots"}`, "outside answer_range"},
		{"options miss the top", `, {"value": 2, "label": "lots"}`, ``, "span 0..1"},
		{"repeated option", `{"value": 1, "label": "some"}`, `{"value": 0, "label": "some"}`, "repeat value 0"},
		{"unlabelled option", `"label": "some"`, `"label": ""`, "has no label"},
		{"item without text", `{"text": "two"}`, `{"text": ""}`, "item 2 has no text"},
		{"flag on missing item", `"item": 2, "min": 2`, `"item": 3, "min": 2`, "refers to item 3"},
		{"flag range outside answers", `"item": 2, "min": 2, "max": 2`, `"item": 2, "min": 2, "max": 5`, "outside 0..2"},
		{"cluster past the end", `"first": 1, "last": 2`, `"first": 1, "last": 3`, "outside 1..2"},
		{"unknown method", `"method": "sum"`, `"method": "mean"`, "unknown scoring method"},
		{"bad id", `"id": "tiny"`, `"id": "Tiny Thing"`, "id must be"},
		{"missing source", `"source": "test"`, `"source": ""`, "source is required"},
		{"missing licence", `"licence": "test"`, `"licence": ""`, "licence is required"},
		{"licensed but enabled", `"requires_licence": false`, `"requires_licence": true`, "must ship disabled"},
		{"no items, no note", `"items": [{"text": "one"}, {"text": "two"}],`, ``, "no wording_note"},
		{"bad reliability", `"clusters"`, `"reliability": {"sd": 0, "retest_r": 1.2, "source": ""}, "clusters"`, "reliability needs sd"},
		{"mcid without source", `"clusters"`, `"mcid": {"value": 2, "source": ""}, "clusters"`, "mcid needs"},
		{"remission outside range", `"clusters"`, `"remission_below": 9, "clusters"`, "remission_below 9"},
		{"unknown field", `"title"`, `"colour": "red", "title"`, "unknown field"},
		{"trailing content", `"A", "first": 1, "last": 2}]
}`, `"A", "first": 1, "last": 2}]
} {}`, "content after"},
		{"not JSON", `{`, `[`, "invalid definition JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			broken := strings.Replace(validDef, tt.old, tt.new, 1)
			if broken == validDef {
				t.Fatalf("test case does not change the definition (%q not found)", tt.old)
			}
			_, err := measure.Parse([]byte(broken))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Parse error = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestValidateCSSRSNeedsKeys(t *testing.T) {
	def := `{"id": "screen", "title": "S", "source": "s", "licence": "l", "enabled": true,
	  "item_count": 1, "answer_range": {"min": 0, "max": 1},
	  "options": [{"value": 0, "label": "No"}, {"value": 1, "label": "Yes"}],
	  "items": [{"key": "q1", "text": "?"}], "scoring": {"method": "cssrs_screener", "total": {"min": 0, "max": 0}}}`
	_, err := measure.Parse([]byte(def))
	if err == nil || !strings.Contains(err.Error(), `keyed "q6_within_3_months"`) {
		t.Errorf("Parse error = %v, want a missing-key error", err)
	}
}

func TestAddDir(t *testing.T) {
	tests := []struct {
		name    string
		files   fstest.MapFS
		wantErr string
	}{
		{"adds a practice instrument", fstest.MapFS{"extra/tiny.json": {Data: []byte(validDef)}}, ""},
		{"ignores other files", fstest.MapFS{"extra/readme.txt": {Data: []byte("hello")}}, ""},
		{"rejects a clash with a builtin id", fstest.MapFS{"extra/phq.json": {Data: []byte(strings.Replace(validDef, `"tiny"`, `"phq9"`, 1))}}, "already defined"},
		{"names the broken file", fstest.MapFS{"extra/bad.json": {Data: []byte(`{"id": "bad"}`)}}, "extra/bad.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg := mustBuiltin(t)
			err := reg.AddDir(tt.files, "extra")
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("AddDir = %v, want nil", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("AddDir error = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
	reg := mustBuiltin(t)
	if err := reg.AddDir(fstest.MapFS{"x/tiny.json": {Data: []byte(validDef)}}, "x"); err != nil {
		t.Fatal(err)
	}
	if _, ok := reg.Lookup("TINY"); !ok {
		t.Error("Lookup(TINY) after AddDir: not found")
	}
}

// FuzzParse checks the definition decoder never panics and that whatever it
// accepts is valid and can be scored without panicking.
func FuzzParse(f *testing.F) {
	f.Add([]byte(validDef))
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"id": "x", "bands": [{"min": 5, "max": 1}]}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		def, err := measure.Parse(data)
		if err != nil {
			return
		}
		if err := measure.Validate(def); err != nil {
			t.Fatalf("Parse accepted an invalid definition: %v", err)
		}
		answers := make([]int, def.ItemCount)
		for i := range answers {
			answers[i] = def.AnswerRange.Max
		}
		_, _ = measure.Score(def, answers)
	})
}
