package app_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

var testNow = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

type triageOutput struct {
	Disposition            string   `json:"disposition"`
	Reasons                []string `json:"reasons"`
	FirstSessionDue        string   `json:"first_session_due"`
	LateStart              bool     `json:"late_start"`
	NeedsClinicianReferral bool     `json:"needs_clinician_referral"`
}

func TestTriageCommand(t *testing.T) {
	tests := []struct {
		name  string
		stdin string
		want  triageOutput
	}{
		{"coaching, submitted at the 72h mark",
			`{"submitted_at":"2026-03-04T20:00:00Z","experience":{"date":"2026-03-01T20:00:00Z","substance":"psilocybin","context":"legal_service"},"cssrs":{}}`,
			triageOutput{"coaching", []string{}, "2026-03-04T20:00:00Z", false, false}},
		{"late by one second",
			`{"submitted_at":"2026-03-04T20:00:01Z","experience":{"date":"2026-03-01T20:00:00Z","substance":"psilocybin","context":"legal_service"},"cssrs":{}}`,
			triageOutput{"coaching", []string{}, "2026-03-04T20:00:00Z", true, false}},
		{"submitted_at defaults to now",
			`{"experience":{"date":"2026-03-01T20:00:00Z","substance":"mdma","context":"clinical_trial"},"cssrs":{}}`,
			triageOutput{"coaching", []string{}, "2026-03-04T20:00:00Z", true, false}},
		{"offset converted to UTC",
			`{"submitted_at":"2026-03-09T23:00:00+02:00","experience":{"date":"2026-03-09T01:30:00+02:00","substance":"ayahuasca","context":"ceremonial"},"cssrs":{}}`,
			triageOutput{"coaching", []string{}, "2026-03-11T23:30:00Z", false, false}},
		{"emergency",
			`{"experience":{"date":"2026-03-09T20:00:00Z","substance":"lsd","context":"personal"},"cssrs":{"q1":true,"q2":true,"q4":true},"current":{"has_therapist":true}}`,
			triageOutput{"emergency", []string{"cssrs_intent"}, "2026-03-12T20:00:00Z", false, true}},
		{"refer clinical",
			`{"experience":{"date":"2026-03-09T20:00:00Z","substance":"ketamine","context":"unintentional"},"cssrs":{},"phq9":[3,3,3,3,3,3,2,0,0]}`,
			triageOutput{"refer_clinical", []string{"unintentional_experience", "phq9_severe"}, "2026-03-12T20:00:00Z", false, true}},
		{"coaching with clinician without a therapist",
			`{"experience":{"date":"2026-03-09T20:00:00Z","substance":"dmt","context":"personal"},"cssrs":{},"gad7":[2,2,2,2,2,0,0]}`,
			triageOutput{"coaching_with_clinician", []string{"gad7_moderate"}, "2026-03-12T20:00:00Z", false, true}},
		{"coaching with clinician with a therapist",
			`{"experience":{"date":"2026-03-09T20:00:00Z","substance":"dmt","context":"personal"},"cssrs":{},"current":{"has_therapist":true},"pcl5":[2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,1,0,0,0]}`,
			triageOutput{"coaching_with_clinician", []string{"pcl5_probable_ptsd"}, "2026-03-12T20:00:00Z", false, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, tt.stdin, nil, "triage")
			if code != 0 || stderr != "" {
				t.Fatalf("exit %d, stderr %q; want 0 and no stderr", code, stderr)
			}
			if !strings.HasSuffix(stdout, "}\n") || strings.Count(stdout, "\n") != 1 {
				t.Errorf("stdout %q, want one JSON line ending in a newline", stdout)
			}
			var got triageOutput
			dec := json.NewDecoder(strings.NewReader(stdout))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&got); err != nil {
				t.Fatalf("stdout %q: %v", stdout, err)
			}
			if got.Disposition != tt.want.Disposition || got.FirstSessionDue != tt.want.FirstSessionDue ||
				got.LateStart != tt.want.LateStart || got.NeedsClinicianReferral != tt.want.NeedsClinicianReferral ||
				strings.Join(got.Reasons, ",") != strings.Join(tt.want.Reasons, ",") || got.Reasons == nil {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestTriageCommandEmptyReasonsIsAList(t *testing.T) {
	_, stdout, _ := run(t, `{"experience":{"date":"2026-03-09T20:00:00Z","substance":"other","context":"personal"},"cssrs":{}}`, nil, "triage")
	if !strings.Contains(stdout, `"reasons":[]`) {
		t.Errorf("stdout %q, want \"reasons\":[]", stdout)
	}
}

func TestTriageCommandRejects(t *testing.T) {
	tests := []struct {
		name, stdin string
		args        []string
		wantStderr  string // prefix of the single stderr line
	}{
		{"empty input", "", nil, "afterward: intake: "},
		{"trailing garbage", `{"experience":{"date":"2026-03-09T20:00:00Z","substance":"lsd","context":"personal"},"cssrs":{}} {}`, nil, "afterward: intake: "},
		{"missing cssrs", `{"experience":{"date":"2026-03-09T20:00:00Z","substance":"lsd","context":"personal"}}`, nil, "afterward: cssrs: "},
		{"phq9 out of range", `{"experience":{"date":"2026-03-09T20:00:00Z","substance":"lsd","context":"personal"},"cssrs":{},"phq9":[0,0,0,4,0,0,0,0,0]}`, nil, "afterward: phq9[3]: "},
		{"date after now", `{"experience":{"date":"2026-03-10T12:00:01Z","substance":"lsd","context":"personal"},"cssrs":{}}`, nil, "afterward: experience.date: "},
		{"unknown value", `{"experience":{"date":"2026-03-09T20:00:00Z","substance":"lsd","context":"personal"},"history":{"psychosis":"yes"},"cssrs":{}}`, nil, "afterward: history.psychosis: "},
		{"string for bool", `{"experience":{"date":"2026-03-09T20:00:00Z","substance":"lsd","context":"personal"},"cssrs":{"q4":"true"}}`, nil, "afterward: cssrs.q4: "},
		{"arguments", `{}`, []string{"--json"}, "afterward: triage takes no arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, tt.stdin, nil, append([]string{"triage"}, tt.args...)...)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if stdout != "" {
				t.Errorf("stdout %q, want nothing", stdout)
			}
			if !strings.HasPrefix(stderr, tt.wantStderr) || strings.Count(stderr, "\n") != 1 || !strings.HasSuffix(stderr, "\n") {
				t.Errorf("stderr %q, want one line starting with %q", stderr, tt.wantStderr)
			}
		})
	}
}
