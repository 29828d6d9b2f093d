package dates_test

import (
	"testing"
	"time"

	"github.com/afterward/afterward/internal/dates"
)

func TestRanges(t *testing.T) {
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		name            string
		t               time.Time
		plausible, near bool
	}{
		{"today", now, true, true},
		{"a birth year", time.Date(1950, 3, 1, 0, 0, 0, 0, time.UTC), true, false},
		{"year 9999", time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), false, false},
		{"year 9999 in Auckland is 10000 in UTC", time.Date(9999, 12, 31, 23, 0, 0, 0, time.FixedZone("NZDT", 13*3600)), false, false},
		{"year 1", time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), false, false},
		{"next year", now.AddDate(1, 0, 0), true, true},
		{"six years ahead", now.AddDate(6, 0, 0), true, false},
	}
	for _, tc := range cases {
		if got := dates.Plausible(tc.t); got != tc.plausible {
			t.Errorf("%s: Plausible = %v, want %v", tc.name, got, tc.plausible)
		}
		if got := dates.Near(tc.t, now); got != tc.near {
			t.Errorf("%s: Near = %v, want %v", tc.name, got, tc.near)
		}
	}
}
