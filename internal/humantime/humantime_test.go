package humantime_test

import (
	"testing"
	"time"

	"github.com/afterward/afterward/internal/humantime"
)

func TestTheDayIsTheReadersDay(t *testing.T) {
	// 02:30 UTC on Saturday 5 December is still Friday evening in Chicago.
	at := time.Date(2026, 12, 5, 2, 30, 0, 0, time.UTC)
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	chicago := humantime.In("America/Chicago")
	tests := []struct{ name, got, want string }{
		{"when, this year", humantime.When(at, chicago, now), "Fri 4 Dec, 20:30 CST"},
		{"when, another year", humantime.When(at.AddDate(-1, 0, 0), chicago, now), "Thu 4 Dec 2025, 20:30 CST"},
		{"record, always the year and seconds", humantime.Record(at.Add(5*time.Second), chicago), "Fri 4 Dec 2026, 20:30:05 CST"},
		{"day", humantime.Day(at, chicago), "Fri 4 Dec 2026"},
		{"chart axis", humantime.Short(at, chicago), "4 Dec"},
		{"unknown zone is UTC", humantime.Short(at, humantime.In("Mars/Olympus")), "5 Dec"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s = %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}
