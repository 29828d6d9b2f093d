package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/app"
)

type vetOutput struct {
	Flags []struct {
		Category string `json:"category"`
		Excerpt  string `json:"excerpt"`
	} `json:"flags"`
}

// runVet runs "afterward vet-profile args..." with stdin and returns the
// exit status, stdout and stderr.
func runVet(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := app.Main(context.Background(), append([]string{"vet-profile"}, args...), app.Env{
		Stdin:  strings.NewReader(stdin),
		Stdout: &stdout,
		Stderr: &stderr,
		Getenv: func(string) string { return "" },
	})
	return code, stdout.String(), stderr.String()
}

func TestVetProfile(t *testing.T) {
	tests := []struct {
		name         string
		stdin        string
		wantCategory []string
		wantExcerpt  []string
	}{
		{"empty input", "", []string{}, []string{}},
		{"clean with disclaimers", "I support your integration after a ceremony. I do not provide substances. Coaching is not therapy.", []string{}, []string{}},
		{"fallback pair", "I keep a steady stock of dried cubensis.", []string{"substance_provision"}, []string{"I keep a steady stock of dried cubensis."}},
		{"fallback respects a disclaimer", "I do not supply, sell or help anyone obtain psilocybin.", []string{}, []string{}},
		{
			name:         "flags in order of appearance",
			stdin:        "Hi, I'm Lena.  I treat PTSD.\nYou will leave healed! I don't diagnose.",
			wantCategory: []string{"clinical_claim", "outcome_guarantee"},
			wantExcerpt:  []string{"I treat PTSD.", "You will leave healed!"},
		},
		{
			name:         "two categories in one sentence",
			stdin:        "I serve ayahuasca and stay with each participant throughout the night.",
			wantCategory: []string{"substance_provision", "in_session_guidance"},
			wantExcerpt: []string{
				"I serve ayahuasca and stay with each participant throughout the night.",
				"I serve ayahuasca and stay with each participant throughout the night.",
			},
		},
		{
			name:         "licensed clinician describing their practice is clean",
			stdin:        "As a licensed clinical psychologist I provide therapy for PTSD. I guarantee confidentiality. I won't tell you where to find substances.",
			wantCategory: []string{},
			wantExcerpt:  []string{},
		},
		{
			name:         "the same claim from a coach is flagged, with the sentence that decided",
			stdin:        "Integration coach, not licensed. My therapy cures PTSD.",
			wantCategory: []string{"outcome_guarantee", "clinical_claim"},
			wantExcerpt:  []string{"My therapy cures PTSD.", "My therapy cures PTSD."},
		},
		{
			name:         "euphemistic sourcing and serving under the influence",
			stdin:        "I grow my own and I'm happy to share.\nJoin my light-dose evening circle.",
			wantCategory: []string{"substance_provision", "in_session_guidance"},
			wantExcerpt:  []string{"I grow my own and I'm happy to share.", "Join my light-dose evening circle."},
		},
		{
			name:         "html characters are kept as written",
			stdin:        "<p>I sell microdose capsules & more</p>",
			wantCategory: []string{"substance_provision"},
			wantExcerpt:  []string{"<p>I sell microdose capsules & more</p>"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runVet(t, tt.stdin)
			if code != 0 || stderr != "" {
				t.Fatalf("exit %d, stderr %q; want 0 and nothing", code, stderr)
			}
			if !strings.HasSuffix(stdout, "}\n") {
				t.Errorf("stdout %q does not end with a newline after the JSON", stdout)
			}
			var out vetOutput
			if err := json.Unmarshal([]byte(stdout), &out); err != nil {
				t.Fatalf("stdout %q: %v", stdout, err)
			}
			if out.Flags == nil {
				t.Fatalf("stdout %q: flags is null or missing, want a list", stdout)
			}
			gotCat, gotExc := []string{}, []string{}
			for _, f := range out.Flags {
				gotCat = append(gotCat, f.Category)
				gotExc = append(gotExc, f.Excerpt)
			}
			if !slices.Equal(gotCat, tt.wantCategory) {
				t.Errorf("categories = %v, want %v", gotCat, tt.wantCategory)
			}
			if !slices.Equal(gotExc, tt.wantExcerpt) {
				t.Errorf("excerpts = %q, want %q", gotExc, tt.wantExcerpt)
			}
		})
	}
}

func TestVetProfileBadInput(t *testing.T) {
	tests := []struct {
		name  string
		stdin string
		args  []string
	}{
		{"invalid UTF-8", "I treat \xff PTSD.", nil},
		{"truncated UTF-8", "Zo\xc3", nil},
		{"unexpected argument", "I treat PTSD.", []string{"extra"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runVet(t, tt.stdin, tt.args...)
			if code != 2 {
				t.Errorf("exit = %d, want 2", code)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want nothing", stdout)
			}
			if !strings.HasPrefix(stderr, "afterward: ") || strings.Count(stderr, "\n") != 1 || !strings.HasSuffix(stderr, "\n") {
				t.Errorf("stderr = %q, want one line starting with \"afterward: \"", stderr)
			}
		})
	}
}

// TestVetProfileLargeInput screens about 1 MB of profile text end to end.
func TestVetProfileLargeInput(t *testing.T) {
	unit := "I support your integration after a ceremony. I treat PTSD.\n"
	repeats := (1 << 20) / len(unit)
	code, stdout, stderr := runVet(t, strings.Repeat(unit, repeats))
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q; want 0 and nothing", code, stderr)
	}
	var out vetOutput
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	if got, want := len(out.Flags), repeats; got != want {
		t.Errorf("flags = %d, want %d (one per repeated clinical sentence)", got, want)
	}
}
