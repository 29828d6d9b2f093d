package notify_test

import (
	"testing"
	"time"

	"github.com/afterward/afterward/internal/notify"
)

func TestSendAtQuietHours(t *testing.T) {
	at := func(s string) time.Time {
		t.Helper()
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name       string
		start, end int
		tz, now    string
		want       string
	}{
		{"no quiet hours", 0, 0, "UTC", "2026-12-05T03:00:00Z", "2026-12-05T03:00:00Z"},
		{"outside quiet hours", 22 * 60, 7 * 60, "UTC", "2026-12-05T12:00:00Z", "2026-12-05T12:00:00Z"},
		{"late evening waits for the morning", 22 * 60, 7 * 60, "UTC", "2026-12-05T23:30:00Z", "2026-12-06T07:00:00Z"},
		{"early morning waits until the end", 22 * 60, 7 * 60, "UTC", "2026-12-05T03:00:00Z", "2026-12-05T07:00:00Z"},
		{"in the person's zone", 22 * 60, 7 * 60, "America/Chicago", "2026-12-05T05:00:00Z", "2026-12-05T13:00:00Z"}, // 23:00 in Chicago → 07:00 CST
		{"daytime quiet hours", 9 * 60, 17 * 60, "Europe/Rome", "2026-12-05T10:00:00Z", "2026-12-05T16:00:00Z"},
		{"the end itself is not quiet", 22 * 60, 7 * 60, "UTC", "2026-12-05T07:00:00Z", "2026-12-05T07:00:00Z"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := notify.Prefs{QuietStart: tc.start, QuietEnd: tc.end}
			if got, want := p.SendAt(at(tc.now), tc.tz), at(tc.want); !got.Equal(want) {
				t.Errorf("SendAt = %v, want %v", got, want)
			}
		})
	}
}
