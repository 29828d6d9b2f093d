package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/app"
)

// run calls app.Main as the binary would and returns exit code and output.
func run(t testing.TB, stdin string, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = app.Main(context.Background(), args, app.Env{
		Getenv: func(k string) string { return env[k] },
		Stdin:  strings.NewReader(stdin),
		Stdout: &out,
		Stderr: &errOut,
		Now:    func() time.Time { return testNow },
	})
	return code, out.String(), errOut.String()
}

// checkUsageError asserts exit 2, nothing on stdout and one stderr line.
func checkUsageError(t *testing.T, code int, stdout, stderr, want string) {
	t.Helper()
	if code != 2 {
		t.Errorf("exit code = %d, want 2", code)
	}
	if stdout != "" {
		t.Errorf("stdout = %q, want nothing", stdout)
	}
	if !strings.HasPrefix(stderr, "afterward: ") || strings.Count(stderr, "\n") != 1 || !strings.HasSuffix(stderr, "\n") {
		t.Errorf("stderr = %q, want one line starting 'afterward: '", stderr)
	}
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr = %q, want it to contain %q", stderr, want)
	}
}

func TestScoreCommand(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		stdin string
		want  string // exact JSON, compared structurally
	}{
		{"phq9 moderate with item 9", []string{"score", "phq9"}, "[0,1,2,3,0,1,2,3,1]",
			`{"instrument":"phq9","total":13,"severity":"moderate","flags":["item9_positive"]}`},
		{"phq9 zero", []string{"score", "phq9"}, "[0,0,0,0,0,0,0,0,0]",
			`{"instrument":"phq9","total":0,"severity":"minimal","flags":[]}`},
		{"phq9 upper case id, spaced JSON", []string{"score", "PHQ9"}, " [ 3 , 3,3,3,3,3,3,3, 0 ]\n\n",
			`{"instrument":"phq9","total":24,"severity":"severe","flags":[]}`},
		{"gad7 boundary 15", []string{"score", "gad7"}, "[3,3,3,3,3,0,0]",
			`{"instrument":"gad7","total":15,"severity":"severe","flags":[]}`},
		{"pcl5 33 with clusters", []string{"score", "pcl5"}, "[4,4,4,4,4,2,2,1,1,1,1,1,1,1,1,1,0,0,0,0]",
			`{"instrument":"pcl5","total":33,"severity":"probable_ptsd","flags":[],"clusters":{"B":20,"C":4,"D":7,"E":2}}`},
		{"who5 raw 7", []string{"score", "who5"}, "[2,2,2,1,0]",
			`{"instrument":"who5","total":7,"severity":"poor_wellbeing","flags":["depression_screen"],"percent":28}`},
		{"who5 raw 13", []string{"score", "who5"}, "[3,3,3,2,2]",
			`{"instrument":"who5","total":13,"severity":"adequate_wellbeing","flags":[],"percent":52}`},
		{"cssrs empty object", []string{"score", "cssrs"}, "{}", `{"instrument":"cssrs","risk":"none"}`},
		{"cssrs low", []string{"score", "cssrs"}, `{"q1": true, "q2": false}`, `{"instrument":"cssrs","risk":"low"}`},
		{"cssrs q6 earlier", []string{"score", "cssrs"}, `{"q6": true, "q6_within_3_months": false}`, `{"instrument":"cssrs","risk":"moderate"}`},
		{"cssrs q6 recent", []string{"score", "cssrs"}, `{"q6": true, "q6_within_3_months": true}`, `{"instrument":"cssrs","risk":"high"}`},
		{"cssrs q4", []string{"score", "cssrs"}, `{"q1":true,"q2":true,"q3":true,"q4":true,"q5":false,"q6":false}`, `{"instrument":"cssrs","risk":"high"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, tt.stdin, nil, tt.args...)
			if code != 0 || stderr != "" {
				t.Fatalf("exit %d, stderr %q; want 0 and nothing", code, stderr)
			}
			if !strings.HasSuffix(stdout, "}\n") {
				t.Errorf("stdout %q does not end in a newline", stdout)
			}
			var got, want any
			if err := json.Unmarshal([]byte(stdout), &got); err != nil {
				t.Fatalf("stdout %q: %v", stdout, err)
			}
			_ = json.Unmarshal([]byte(tt.want), &want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %s, want %s", stdout, tt.want)
			}
		})
	}
}

func TestScoreCommandErrors(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		stdin string
		want  string
	}{
		{"missing instrument", []string{"score"}, "[]", "usage: afterward score"},
		{"extra argument", []string{"score", "phq9", "x"}, "[0,0,0,0,0,0,0,0,0]", "usage: afterward score"},
		{"unknown instrument", []string{"score", "bdi"}, "[]", `unknown instrument "bdi"`},
		{"disabled instrument", []string{"score", "meq30"}, "[]", "meq30 is disabled until licensed"},
		{"no total", []string{"score", "life_changes"}, "[0,0,0,0,0]", "life_changes has no total score"},
		{"too few answers", []string{"score", "phq9"}, "[0,0,0,0,0,0,0,0]", "phq9 needs 9 answers, got 8"},
		{"too many answers", []string{"score", "gad7"}, "[0,0,0,0,0,0,0,0]", "gad7 needs 7 answers, got 8"},
		{"value above range", []string{"score", "gad7"}, "[0,0,0,4,0,0,0]", "item 4"},
		{"negative value", []string{"score", "who5"}, "[0,0,0,0,-1]", "item 5"},
		{"fraction", []string{"score", "who5"}, "[0,0,0,0,1.5]", "item 5: answer is not an integer"},
		{"decimal integer", []string{"score", "who5"}, "[0,0,0,0,1.0]", "item 5: answer is not an integer"},
		{"string", []string{"score", "who5"}, `[0,0,"1",0,0]`, "item 3: answer is not an integer"},
		{"null item", []string{"score", "who5"}, `[0,0,null,0,0]`, "item 3: answer is not an integer"},
		{"object", []string{"score", "who5"}, `{"a":1}`, "JSON array of integers"},
		{"null", []string{"score", "who5"}, `null`, "JSON array of integers"},
		{"empty input", []string{"score", "who5"}, "", "no answers on standard input"},
		{"invalid JSON", []string{"score", "who5"}, "[0,0", "not valid JSON"},
		{"trailing content", []string{"score", "who5"}, "[0,0,0,0,0] [1]", "unexpected content after the answers"},
		{"trailing garbage", []string{"score", "who5"}, "[0,0,0,0,0]x", "unexpected content after the answers"},
		{"cssrs unknown key", []string{"score", "cssrs"}, `{"q7": true}`, `unknown key "q7"`},
		{"cssrs non-bool", []string{"score", "cssrs"}, `{"q3": 1}`, "q3 must be true or false"},
		{"cssrs null value", []string{"score", "cssrs"}, `{"q2": null}`, "q2 must be true or false"},
		{"cssrs string value", []string{"score", "cssrs"}, `{"q6_within_3_months": "yes"}`, "q6_within_3_months must be true or false"},
		{"cssrs array", []string{"score", "cssrs"}, `[true]`, "must be a JSON object"},
		{"cssrs trailing", []string{"score", "cssrs"}, `{} {}`, "unexpected content after the answers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, tt.stdin, nil, tt.args...)
			checkUsageError(t, code, stdout, stderr, tt.want)
		})
	}
}

func TestScoreExtraInstrumentsDir(t *testing.T) {
	dir := t.TempDir()
	def := `{"id": "tiny", "title": "Tiny", "source": "test", "licence": "test", "enabled": true,
	  "item_count": 2, "answer_range": {"min": 0, "max": 1},
	  "options": [{"value": 0, "label": "no"}, {"value": 1, "label": "yes"}],
	  "items": [{"text": "one"}, {"text": "two"}],
	  "scoring": {"method": "sum", "total": {"min": 0, "max": 2}},
	  "bands": [{"label": "low", "min": 0, "max": 0}, {"label": "some", "min": 1, "max": 2}]}`
	if err := os.WriteFile(filepath.Join(dir, "tiny.json"), []byte(def), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"AFTERWARD_INSTRUMENTS_DIR": dir}
	code, stdout, stderr := run(t, "[1,1]", env, "score", "tiny")
	if want := `{"instrument":"tiny","total":2,"severity":"some","flags":[]}` + "\n"; code != 0 || stdout != want {
		t.Errorf("exit %d stdout %q stderr %q; want 0 %q", code, stdout, stderr, want)
	}
	if err := os.WriteFile(filepath.Join(dir, "broken.json"), []byte(`{"id": "broken"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = run(t, "[1,1]", env, "score", "tiny")
	checkUsageError(t, code, stdout, stderr, "broken.json")
}

// FuzzScoreStdin checks that any input either scores (valid JSON, exit 0) or
// fails cleanly (exit 2, nothing on stdout, one line on stderr).
func FuzzScoreStdin(f *testing.F) {
	for _, s := range []string{"[0,1,2,3,0,1,2,3,1]", "[]", `{"q1":true}`, "[1e2]", "[0,0,0,0,0] x", "", "null", `[9999999999999999999999]`} {
		f.Add("phq9", s)
		f.Add("cssrs", s)
	}
	f.Add("who5", "[5,5,5,5,5]")
	f.Fuzz(func(t *testing.T, id, stdin string) {
		code, stdout, stderr := run(t, stdin, nil, "score", id)
		switch code {
		case 0:
			if !json.Valid([]byte(stdout)) || stderr != "" {
				t.Fatalf("exit 0 with stdout %q stderr %q", stdout, stderr)
			}
		case 2:
			if stdout != "" || strings.Count(stderr, "\n") != 1 {
				t.Fatalf("exit 2 with stdout %q stderr %q", stdout, stderr)
			}
		default:
			t.Fatalf("exit %d (stderr %q), want 0 or 2", code, stderr)
		}
	})
}

// TestOperatorInputIsBounded: configuration and input mistakes an operator
// makes are one line and exit 2, and oversized input is refused early.
func TestOperatorInputIsBounded(t *testing.T) {
	huge := "[" + strings.Repeat("1,", 40<<10) + "1]"
	tests := []struct {
		name, stdin string
		env         map[string]string
		args        []string
		want        string
	}{
		{"score reads at most 64 KiB", huge, nil, []string{"score", "phq9"}, "larger than"},
		{"a missing instruments directory", "[0,0,0,0,0]", map[string]string{"AFTERWARD_INSTRUMENTS_DIR": filepath.Join(t.TempDir(), "none")}, []string{"score", "who5"}, "not a directory"},
		{"a Stripe API that is not a URL", "", nil, []string{"serve", "--stripe-api", "not a url", "--data-dir", t.TempDir()}, "--stripe-api"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := run(t, tc.stdin, tc.env, tc.args...)
			checkUsageError(t, code, stdout, stderr, tc.want)
		})
	}
}
