package coach_test

import (
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/coach"
)

func TestEarliestSlot(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	mon9to11 := []coach.Window{{Weekday: time.Monday, Start: 9 * 60, End: 11 * 60}}
	tests := []struct {
		name   string
		ws     []coach.Window
		loc    *time.Location
		from   time.Time
		busy   []coach.Interval
		want   time.Time
		wantOK bool
	}{
		{"same day window ahead", mon9to11, time.UTC, time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC), nil, time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC), true},
		{"inside window rounds to half hour", mon9to11, time.UTC, time.Date(2026, 6, 1, 9, 10, 0, 0, time.UTC), nil, time.Date(2026, 6, 1, 9, 30, 0, 0, time.UTC), true},
		{"last hour fits exactly", mon9to11, time.UTC, time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC), nil, time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC), true},
		{"too late today, next week", mon9to11, time.UTC, time.Date(2026, 6, 1, 10, 1, 0, 0, time.UTC), nil, time.Date(2026, 6, 8, 9, 0, 0, 0, time.UTC), true},
		{"busy slot skipped", mon9to11, time.UTC, time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC),
			[]coach.Interval{{time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC), time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)}}, time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC), true},
		{"coach's time zone", mon9to11, ny, time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC), nil, time.Date(2026, 6, 1, 13, 0, 0, 0, time.UTC), true},
		{"across DST change keeps wall time", []coach.Window{{Weekday: time.Sunday, Start: 9 * 60, End: 10 * 60}}, ny,
			time.Date(2026, 3, 7, 12, 0, 0, 0, time.UTC), nil, time.Date(2026, 3, 8, 13, 0, 0, 0, time.UTC), true},
		{"no windows", nil, time.UTC, time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC), nil, time.Time{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := coach.EarliestSlot(tc.ws, tc.loc, tc.from, time.Hour, tc.busy)
			if ok != tc.wantOK || !got.Equal(tc.want) {
				t.Errorf("got %v %v, want %v %v", got, ok, tc.want, tc.wantOK)
			}
		})
	}
}

func TestParseWindows(t *testing.T) {
	tests := []struct {
		name, in, want string
		wantErr        bool
	}{
		{"empty", "", "", false},
		{"two lines", "wed 09:00-12:00\nMon 14:00-18:30", "Mon 14:00-18:30\nWed 09:00-12:00", false},
		{"semicolons and full names", "Tuesday 08:00 - 09:00; friday 00:00-24:00", "Tue 08:00-09:00\nFri 00:00-24:00", false},
		{"end before start", "Mon 10:00-09:00", "", true},
		{"overlap", "Mon 09:00-11:00\nMon 10:00-12:00", "", true},
		{"bad day", "Xyz 09:00-10:00", "", true},
		{"bad minutes", "Mon 09:7-10:00", "", true},
		{"past midnight", "Mon 24:30-25:00", "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ws, err := coach.ParseWindows(tc.in)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			if got := coach.FormatWindows(ws); !tc.wantErr && got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func FuzzParseWindows(f *testing.F) {
	for _, s := range []string{"", "Mon 09:00-12:00", "tue 8:00-9:00;wed 10:00-10:30", "Sun 00:00-24:00", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ws, err := coach.ParseWindows(s)
		if err != nil {
			return
		}
		again, err := coach.ParseWindows(coach.FormatWindows(ws))
		if err != nil || coach.FormatWindows(again) != coach.FormatWindows(ws) {
			t.Errorf("round trip of %q failed: %v", s, err)
		}
		if strings.Count(coach.FormatWindows(ws), "\n")+1 != max(len(ws), 1) && len(ws) > 0 {
			t.Errorf("format lost windows")
		}
	})
}
