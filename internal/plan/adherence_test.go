package plan_test

import (
	"testing"
	"time"

	"github.com/afterward/afterward/internal/plan"
)

var exp = time.Date(2026, 1, 10, 18, 0, 0, 0, time.UTC)

func weekly(n int, firstAfter time.Duration, status string) []plan.Session {
	var out []plan.Session
	for i := range n {
		out = append(out, plan.Session{Start: exp.Add(firstAfter + time.Duration(i)*7*24*time.Hour), Status: status})
	}
	return out
}

func TestCompute(t *testing.T) {
	h := time.Hour
	tests := []struct {
		name      string
		cadence   plan.Cadence
		sessions  []plan.Session
		wantHours float64 // -1: no first session
		within72  bool
		early     int
		marker    bool
		cancelled int
		noShows   int
		gaps      int
	}{
		{"nothing yet", plan.Weekly, nil, -1, false, 0, false, 0, 0, 0},
		{"only booked", plan.Weekly, []plan.Session{{Start: exp.Add(30 * h), Status: "booked"}}, -1, false, 0, false, 0, 0, 0},
		{"first at exactly 72 hours", plan.Weekly, weekly(1, 72*h, "held"), 72, true, 1, false, 0, 0, 0},
		{"first a minute late", plan.Weekly, weekly(1, 72*h+time.Minute, "held"), 72 + 1.0/60, false, 1, false, 0, 0, 0},
		{"eight weekly sessions meet the marker", plan.Weekly, weekly(8, 48*h, "held"), 48, true, 8, true, 0, 0, 0},
		{"seven do not", plan.Weekly, weekly(7, 48*h, "held"), 48, true, 7, false, 0, 0, 0},
		{"session after 90 days is not early", plan.Weekly, []plan.Session{{Start: exp.Add(90 * 24 * h), Status: "held"}}, 90 * 24, false, 0, false, 0, 0, 0},
		{"biweekly has no gaps at 14 days", plan.Biweekly, []plan.Session{{Start: exp.Add(48 * h), Status: "held"}, {Start: exp.Add(48*h + 14*24*h), Status: "held"}}, 48, true, 2, false, 0, 0, 0},
		{"weekly gap of 14 days", plan.Weekly, []plan.Session{{Start: exp.Add(48 * h), Status: "held"}, {Start: exp.Add(48*h + 14*24*h), Status: "held"}}, 48, true, 2, false, 0, 0, 1},
		{"weekly moved by a day is no gap", plan.Weekly, []plan.Session{{Start: exp.Add(48 * h), Status: "held"}, {Start: exp.Add(48*h + 8*24*h), Status: "held"}}, 48, true, 2, false, 0, 0, 0},
		{"cancellations and no-shows", plan.Weekly, []plan.Session{{Start: exp.Add(24 * h), Status: "cancelled"}, {Start: exp.Add(50 * h), Status: "no_show"}, {Start: exp.Add(80 * h), Status: "held"}}, 80, false, 1, false, 1, 1, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := plan.Compute(exp, tc.cadence, tc.sessions)
			if tc.wantHours < 0 && got.HoursToFirst != nil {
				t.Errorf("hours to first = %v, want none", *got.HoursToFirst)
			}
			if tc.wantHours >= 0 && (got.HoursToFirst == nil || abs(*got.HoursToFirst-tc.wantHours) > 1e-9) {
				t.Errorf("hours to first = %v, want %v", got.HoursToFirst, tc.wantHours)
			}
			if got.FirstWithin72h != tc.within72 || got.HeldEarly != tc.early || got.MarkerMet != tc.marker ||
				got.Cancellations != tc.cancelled || got.NoShows != tc.noShows || got.Gaps != tc.gaps {
				t.Errorf("got %+v, want within72=%v early=%d marker=%v cancelled=%d noShows=%d gaps=%d",
					got, tc.within72, tc.early, tc.marker, tc.cancelled, tc.noShows, tc.gaps)
			}
		})
	}
}

func TestSummarize(t *testing.T) {
	now := exp.Add(100 * 24 * time.Hour)
	clients := []plan.ClientFigures{
		{Adherence: plan.Compute(exp, plan.Weekly, weekly(8, 24*time.Hour, "held")), Experience: exp},
		{Adherence: plan.Compute(exp, plan.Weekly, weekly(3, 96*time.Hour, "held")), Experience: exp},
		{Adherence: plan.Compute(exp, plan.Weekly, weekly(2, 48*time.Hour, "held")), Experience: now.Add(-10 * 24 * time.Hour)},
		{Adherence: plan.Compute(exp, plan.Weekly, nil), Experience: now},
	}
	got := plan.Summarize(clients, now)
	if got.Clients != 4 || got.WithFirstSession != 3 || got.FirstWithin72h != 2 || got.PastEarlyPeriod != 2 || got.MarkerMet != 1 {
		t.Errorf("got %+v", got)
	}
	if got.MedianHoursToFirst == nil || *got.MedianHoursToFirst != 48 {
		t.Errorf("median = %v, want 48", got.MedianHoursToFirst)
	}
	if got.ShareWithin72h == nil || abs(*got.ShareWithin72h-2.0/3) > 1e-9 {
		t.Errorf("share within 72 h = %v, want 2/3", got.ShareWithin72h)
	}
	if empty := plan.Summarize(nil, now); empty.MedianHoursToFirst != nil || empty.ShareWithin72h != nil {
		t.Errorf("no clients: got %+v, want no median or share", empty)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
