package calendar_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/calendar"
)

// summaryOf writes a feed with one event and returns its SUMMARY value,
// unfolded and unescaped.
func summaryOf(t *testing.T, summary string) (string, []byte) {
	t.Helper()
	start := time.Date(2026, 5, 4, 17, 0, 0, 0, time.UTC)
	var buf bytes.Buffer
	err := calendar.Write(&buf, calendar.Feed{TimeZone: "Europe/Rome", Events: []calendar.Event{
		{UID: "x@afterward", Start: start, End: start.Add(time.Hour), Summary: summary},
	}}, start)
	if err != nil {
		t.Fatal(err)
	}
	unfolded := strings.ReplaceAll(buf.String(), "\r\n ", "")
	for _, line := range strings.Split(unfolded, "\r\n") {
		if v, ok := strings.CutPrefix(line, "SUMMARY:"); ok {
			return unescape(v), buf.Bytes()
		}
	}
	t.Fatal("no SUMMARY")
	return "", nil
}

func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func TestFoldingAndEscaping(t *testing.T) {
	tests := []struct{ name, summary, want string }{
		{"short", "Session", "Session"},
		{"exactly at the fold", strings.Repeat("a", 67), strings.Repeat("a", 67)},
		{"long ascii", strings.Repeat("integration ", 20), strings.Repeat("integration ", 20)},
		{"multibyte at the fold", strings.Repeat("é", 60), strings.Repeat("é", 60)},
		{"emoji", strings.Repeat("🌿", 30), strings.Repeat("🌿", 30)},
		{"special characters", "a;b,c\\d\ne", "a;b,c\\d\ne"},
		{"carriage return becomes newline", "a\r\nb\rc", "a\nb\nc"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, raw := summaryOf(t, tc.summary)
			checkLines(t, raw)
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func FuzzSummary(f *testing.F) {
	for _, s := range []string{"", "Session", strings.Repeat("é", 60), "a;b,c\\d", "🌿🌿 x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = strings.ToValidUTF8(s, "?") // feeds are written from valid UTF-8 text
		got, raw := summaryOf(t, s)
		checkLines(t, raw)
		want := strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s)
		if got != want {
			t.Errorf("round trip: got %q, want %q", got, want)
		}
	})
}
