package app_test

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/app"
)

type scanOutput struct {
	Level   string `json:"level"`
	Matches []struct {
		Phrase string `json:"phrase"`
		Reason string `json:"reason"`
	} `json:"matches"`
	Kinds []string `json:"kinds"`
}

func TestSafetyScanCommand(t *testing.T) {
	tests := []struct {
		name, stdin, wantLevel string
		wantPhrases            []string
		wantKinds              []string
	}{
		{"empty stdin", "", "none", nil, nil},
		{"benign psychedelic language", "I went through ego death. My old self died and I was reborn.", "none", nil, nil},
		{"idioms", "I killed it at work and I'm dying to tell you.", "none", nil, nil},
		{"concern", "Some days I think everyone would be better off without me.", "concern", []string{"better off without me"}, []string{"suicide"}},
		{"urgent beats concern", "I feel hopeless.\nI'm going to kill myself tonight.", "urgent", []string{"I feel hopeless", "I'm going to kill myself"}, []string{"suicide", "hopelessness"}},
		{"negated", "I'm not going to kill myself, I promise.", "none", nil, nil},
		{"fallback concern", "Suicide has been on my mind a lot.", "concern", []string{"Suicide"}, []string{"suicide"}},
		{"fallback urgent", "There are forty tramadol in the drawer and tonight is the night.", "urgent", []string{"forty tramadol"}, []string{"suicide"}},
		{"fallback respects the trip frame", "In the journey I died a thousand times and came back.", "none", nil, nil},
		{"medical emergency", "Took MDMA an hour ago and my chest really hurts.", "urgent", []string{"chest really hurts"}, []string{"medical"}},
		{"past crisis", "A year ago I was suicidal. Today I planted tomatoes.", "none", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, tt.stdin, nil, "safety", "scan")
			if code != 0 || stderr != "" {
				t.Fatalf("exit %d, stderr %q; want 0 and no stderr", code, stderr)
			}
			if strings.Count(stdout, "\n") != 1 || !strings.HasSuffix(stdout, "\n") {
				t.Errorf("stdout %q, want one JSON line ending in a newline", stdout)
			}
			var got scanOutput
			dec := json.NewDecoder(strings.NewReader(stdout))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&got); err != nil {
				t.Fatalf("stdout %q: %v", stdout, err)
			}
			if got.Level != tt.wantLevel {
				t.Errorf("level = %q, want %q", got.Level, tt.wantLevel)
			}
			if got.Matches == nil {
				t.Error("matches is null, want a list")
			}
			var phrases []string
			for _, m := range got.Matches {
				phrases = append(phrases, m.Phrase)
				if !strings.Contains(tt.stdin, m.Phrase) || m.Reason == "" {
					t.Errorf("match %+v: want a phrase from the input and a reason", m)
				}
			}
			if strings.Join(phrases, "|") != strings.Join(tt.wantPhrases, "|") {
				t.Errorf("phrases = %q, want %q", phrases, tt.wantPhrases)
			}
			if got.Kinds == nil || strings.Join(got.Kinds, "|") != strings.Join(tt.wantKinds, "|") {
				t.Errorf("kinds = %q, want %q (a list, never null)", got.Kinds, tt.wantKinds)
			}
		})
	}
}

func TestSafetyCommandRejects(t *testing.T) {
	tests := []struct {
		name, stdin string
		args        []string
		wantStderr  string
	}{
		{"invalid UTF-8", "I want to \xff die", []string{"scan"}, "afterward: standard input: not valid UTF-8\n"},
		{"no sub-verb", "", nil, "afterward: usage: afterward safety scan < text\n"},
		{"unknown sub-verb", "", []string{"check"}, "afterward: usage: afterward safety scan < text\n"},
		{"extra argument", "", []string{"scan", "file.txt"}, "afterward: safety scan takes no arguments; it reads text on standard input\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, tt.stdin, nil, append([]string{"safety"}, tt.args...)...)
			if code != 2 || stdout != "" || stderr != tt.wantStderr {
				t.Errorf("exit %d, stdout %q, stderr %q; want 2, nothing, %q", code, stdout, stderr, tt.wantStderr)
			}
		})
	}
}

// TestTextCommandsRefuseUnreadableInput: a directory on standard input is
// the caller's mistake: one line and exit 2 from both text commands.
func TestTextCommandsRefuseUnreadableInput(t *testing.T) {
	for _, args := range [][]string{{"safety", "scan"}, {"vet-profile"}} {
		t.Run(args[0], func(t *testing.T) {
			dir, err := os.Open(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			defer dir.Close()
			var stdout, stderr strings.Builder
			code := app.Main(context.Background(), args, app.Env{Stdin: dir, Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }})
			checkUsageError(t, code, stdout.String(), stderr.String(), "cannot be read as text")
		})
	}
}
