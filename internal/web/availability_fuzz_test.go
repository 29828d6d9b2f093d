package web

import "testing"

// FuzzParseClock: any accepted time is within the day and prints back as
// itself (HH:MM), so the week form round-trips.
func FuzzParseClock(f *testing.F) {
	for _, seed := range []string{"09:00", "24:00", "00:15", "9:5", "25:00", "-1:00", "12:60", "", "ab:cd", " 17:30 "} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, v string) {
		m, ok := parseClock(v)
		if !ok {
			return
		}
		if m < 0 || m > 24*60+59 {
			t.Fatalf("parseClock(%q) = %d, outside the day", v, m)
		}
		if back, ok2 := parseClock(clock(m)); !ok2 || back != m {
			t.Fatalf("round trip of %q: %d → %q → %d (%v)", v, m, clock(m), back, ok2)
		}
	})
}

// FuzzPlanInput: the plan form never panics and reports a field for every
// value it cannot read.
func FuzzPlanInput(f *testing.F) {
	f.Add("2026-01-10", "weekly", "8", "60", "3, 6, 12")
	f.Add("", "", "", "", "")
	f.Add("soon", "daily", "-1", "x", "a,,3")
	f.Fuzz(func(t *testing.T, exp, cadence, sessions, minutes, months string) {
		in, bad := planInput(planPage{Experience: exp, Cadence: cadence, Sessions: sessions, Minutes: minutes, Fups: months})
		if _, flagged := bad["planned_sessions"]; !flagged && in.PlannedSessions <= 0 {
			t.Fatalf("sessions %q read as %d without a field error", sessions, in.PlannedSessions)
		}
		if _, flagged := bad["session_minutes"]; !flagged && in.SessionMinutes <= 0 {
			t.Fatalf("minutes %q read as %d without a field error", minutes, in.SessionMinutes)
		}
	})
}
