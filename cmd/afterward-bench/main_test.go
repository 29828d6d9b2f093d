package main

import (
	"io"
	"strings"
	"testing"
)

func TestParseFlags(t *testing.T) {
	tests := []struct {
		name, args, wantErr string // wantErr "" = valid
	}{
		{"valid", "-scenario client-journal -duration 10s -connections 32", ""},
		{"postgres", "-scenario fhir-export -engine postgres", ""},
		{"table only", "-table results.jsonl", ""},
		{"no scenario", "-duration 10s", "-scenario is required"},
		{"unknown scenario", "-scenario home", `-scenario "home" is unknown`},
		{"unknown engine", "-scenario client-journal -engine mysql", `-engine "mysql" is unknown`},
		{"short duration", "-scenario client-journal -duration 10ms", "-duration 10ms is out of range"},
		{"bad duration", "-scenario client-journal -duration ten", "invalid value"},
		{"no connections", "-scenario client-journal -connections 0", "-connections 0 is out of range"},
		{"unknown flag", "-scenario client-journal -rate 5", "flag provided but not defined: -rate"},
		{"memory limit", "-scenario directory-search -memory-limit 140", ""},
		{"Go's own memory limit", "-scenario directory-search -memory-limit 0", ""},
		{"negative memory limit", "-scenario directory-search -memory-limit -1", "-memory-limit -1 is out of range"},
		{"stray argument", "-scenario client-journal now", `unexpected argument "now"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseFlags(strings.Fields(tc.args), io.Discard)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Errorf("got %v, want no error", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Errorf("got %v, want an error containing %q", err, tc.wantErr)
			case err != nil && strings.Contains(err.Error(), "\n"):
				t.Errorf("got a multi-line error %q, want one line", err)
			}
		})
	}
}
