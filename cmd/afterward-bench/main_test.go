package main

import (
	"io"
	"os"
	"path/filepath"
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

func TestParseStat(t *testing.T) {
	tests := []struct {
		name, line string
		want       procStat
		ok         bool
	}{
		{"a backend", "4242 (postgres) S 812 812 812 0 -1 4194368 1200 0 0 0 731 122 0 0 20 0 1 0 5000 229376000 3000",
			procStat{comm: "postgres", utime: 731, stime: 122}, true},
		{"the postmaster with reaped backends", "812 (postgres) S 1 812 812 0 -1 4194560 900 0 0 0 40 12 5120 880 20 0 1 0 400 229376000 5000",
			procStat{comm: "postgres", utime: 40, stime: 12, cutime: 5120, cstime: 880}, true},
		{"a name with spaces and parentheses", "77 (tmux: server (1)) S 1 77 77 0 -1 0 0 0 0 0 5 6 7 8 20 0 1 0 1 1 1",
			procStat{comm: "tmux: server (1)", utime: 5, stime: 6, cutime: 7, cstime: 8}, true},
		{"cut short", "77 (postgres) S 1 77", procStat{}, false},
		{"no name", "77 postgres S 1 77 77 0 -1 0 0 0 0 0 5 6 7 8 20 0 1 0 1 1 1", procStat{}, false},
		{"a time that is not a number", "77 (postgres) S 1 77 77 0 -1 0 0 0 0 0 x 6 7 8 20 0 1 0 1 1 1", procStat{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := parseStat(tc.line)
			if ok != tc.ok || got != tc.want {
				t.Errorf("got %+v, %v; want %+v, %v", got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestLoopback(t *testing.T) {
	for _, tc := range []struct {
		name, url string
		want      bool
	}{
		{"IPv4 loopback", "postgres://postgres@127.0.0.1:5432/postgres", true},
		{"localhost", "postgres://postgres@localhost/postgres", true},
		{"IPv6 loopback", "postgres://postgres@[::1]:5432/postgres", true},
		{"a Unix socket", "postgres:///postgres?host=/var/run/postgresql", true},
		{"another machine", "postgres://postgres@db.internal:5432/postgres", false},
		{"another address", "postgres://postgres@10.0.0.5/postgres", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := loopback(tc.url); got != tc.want {
				t.Errorf("loopback(%q) = %v, want %v", tc.url, got, tc.want)
			}
		})
	}
}

func TestPrintTableShowsPostgreSQLsCPU(t *testing.T) {
	path := filepath.Join(t.TempDir(), "results.jsonl")
	lines := `{"scenario":"questionnaire-submit","engine":"postgres","rps":2337.2,"p50_ms":12.3,"p99_ms":33,"hello_rps":51532.5,"ratio":0.0453,"rss_mb":153.8,"cpu_us":369.7,"hello_cpu_us":37,"cpu_ratio":0.1002,"db_cpu_us":386.6}
{"scenario":"questionnaire-submit","engine":"sqlite","rps":6556,"p50_ms":4.3,"p99_ms":11.1,"hello_rps":52717.3,"ratio":0.1244,"rss_mb":164.3,"cpu_us":229.5,"hello_cpu_us":35.8,"cpu_ratio":0.1561}
`
	if err := os.WriteFile(path, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := printTable(path, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"| CPU ratio | PostgreSQL CPU µs/req |",
		"| questionnaire-submit | postgres | 2337 | 12.3 | 33.0 | 0 | 51532 | 0.0453 | 154 | 370 | 37 | 0.1002 | 387 |",
		"| questionnaire-submit | sqlite | 6556 | 4.3 | 11.1 | 0 | 52717 | 0.1244 | 164 | 230 | 36 | 0.1561 | — |",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, out.String())
		}
	}
}
