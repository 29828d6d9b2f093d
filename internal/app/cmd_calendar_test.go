package app_test

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/afterward/afterward/internal/app"
	"github.com/afterward/afterward/internal/store"
)

// demoNow is two days before the US spring-forward change (8 March 2026),
// so the demo coach's sessions fall on both sides of it.
var demoNow = time.Date(2026, 3, 6, 19, 0, 0, 0, time.UTC)

func runAt(t testing.TB, now time.Time, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = app.Main(context.Background(), args, app.Env{
		Getenv: func(string) string { return "" }, Stdin: strings.NewReader(""),
		Stdout: &out, Stderr: &errOut, Now: func() time.Time { return now },
	})
	return code, out.String(), errOut.String()
}

func TestCalendarCommand(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := runAt(t, demoNow, "demo", "--no-serve", "--data-dir", dir); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	dataDir := []string{"--data-dir", dir}
	t.Run("errors", func(t *testing.T) {
		tests := []struct {
			name string
			args []string
			want string
		}{
			{"missing --user", dataDir, "--user"},
			{"empty --user", append([]string{"--user", " "}, dataDir...), "--user"},
			{"unknown email", append([]string{"--user", "ghost@example.org"}, dataDir...), "ghost@example.org"},
			{"unknown flag", append([]string{"--who", "x"}, dataDir...), "who"},
			{"extra argument", append([]string{"--user", "jonah@riverbend.example.org", "extra"}, dataDir...), "extra"},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				code, stdout, stderr := runAt(t, demoNow, append([]string{"calendar"}, tc.args...)...)
				checkUsageError(t, code, stdout, stderr, tc.want)
			})
		}
	})
	t.Run("demo coach across daylight saving", func(t *testing.T) {
		code, stdout, stderr := runAt(t, demoNow, "calendar", "--user", "Jonah@Riverbend.example.org", "--data-dir", dir)
		if code != 0 || stderr != "" {
			t.Fatalf("exit %d, stderr %q", code, stderr)
		}
		checkFeedLines(t, stdout)
		cal, err := ics.ParseCalendar(strings.NewReader(stdout))
		if err != nil {
			t.Fatalf("independent parser: %v", err)
		}
		want := appointmentStarts(t, filepath.Join(dir, "afterward.db"), "jonah@riverbend.example.org")
		dst := time.Date(2026, 3, 8, 10, 0, 0, 0, time.UTC)
		seen, before, after := 0, 0, 0
		for _, e := range cal.Events() {
			uid := e.GetProperty(ics.ComponentPropertyUniqueId).Value
			start, err := e.GetStartAt()
			if err != nil {
				t.Fatalf("%s: %v", uid, err)
			}
			w, ok := want[uid]
			if !ok {
				continue // a circle meeting
			}
			seen++
			if !start.Equal(w) {
				t.Errorf("%s starts %s, want %s", uid, start.UTC(), w)
			}
			if start.Before(dst) {
				before++
			} else {
				after++
			}
		}
		if seen != len(want) || before == 0 || after == 0 {
			t.Errorf("feed has %d of %d sessions (%d before, %d after the change); want all, on both sides", seen, len(want), before, after)
		}
	})
	t.Run("client without sessions", func(t *testing.T) {
		code, stdout, _ := runAt(t, demoNow, "calendar", "--user", "lucia@client.example.org", "--data-dir", dir)
		if code != 0 || !strings.HasPrefix(stdout, "BEGIN:VCALENDAR\r\n") || !strings.HasSuffix(stdout, "END:VCALENDAR\r\n") {
			t.Errorf("exit %d, output %.80q", code, stdout)
		}
		checkFeedLines(t, stdout)
	})
}

// appointmentStarts reads the coach's sessions straight from the database.
func appointmentStarts(t *testing.T, path, email string) map[string]time.Time {
	t.Helper()
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Reader().Query(context.Background(), `SELECT a.uid, a.starts_at FROM appointments a JOIN users u ON u.id = a.coach_id WHERE u.email = ?`, email)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]time.Time{}
	for rows.Next() {
		var uid string
		var at time.Time
		if err := rows.Scan(&uid, &at); err != nil {
			t.Fatal(err)
		}
		out[uid] = at.UTC()
	}
	if len(out) == 0 {
		t.Fatal("the demo coach has no sessions")
	}
	return out
}

func checkFeedLines(t *testing.T, feed string) {
	t.Helper()
	if !strings.HasSuffix(feed, "\r\n") {
		t.Error("feed does not end with CRLF")
	}
	for i, line := range strings.Split(strings.TrimSuffix(feed, "\r\n"), "\r\n") {
		if strings.ContainsAny(line, "\r\n") || len(line) > 75 {
			t.Errorf("line %d: %d octets or a bare line break: %q", i+1, len(line), line)
		}
	}
}
