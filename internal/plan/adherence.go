package plan

import (
	"sort"
	"time"
)

// Session is what adherence needs to know about one session.
type Session struct {
	Start  time.Time
	Status string // booked, held, cancelled, no_show
}

// FirstSessionWindow is the care model's target for the first session.
const FirstSessionWindow = 72 * time.Hour

// EarlyPeriod is the first three months, and EarlyMarker the number of
// sessions held in it that integration research uses as a marker.
const (
	EarlyPeriod = 90 * 24 * time.Hour
	EarlyMarker = 8
)

// gapTolerance lets a weekly session move by a day without counting as a
// gap: "longer than the cadence" means longer than the interval plus this.
const gapTolerance = 24 * time.Hour

// Adherence is how one client's plan is being kept.
type Adherence struct {
	HoursToFirst   *float64 // nil until a first session is held
	FirstWithin72h bool
	HeldEarly      int  // sessions held in the first 90 days
	MarkerMet      bool // EarlyMarker or more held in the first 90 days
	Held           int
	Cancellations  int
	NoShows        int
	Gaps           int // intervals between held sessions longer than the cadence
}

// Compute derives a client's adherence from their sessions.
func Compute(experience time.Time, cadence Cadence, sessions []Session) Adherence {
	var a Adherence
	var held []time.Time
	for _, s := range sessions {
		switch s.Status {
		case "held":
			held = append(held, s.Start)
		case "cancelled":
			a.Cancellations++
		case "no_show":
			a.NoShows++
		}
	}
	sort.Slice(held, func(i, j int) bool { return held[i].Before(held[j]) })
	a.Held = len(held)
	if len(held) > 0 {
		h := held[0].Sub(experience).Hours()
		a.HoursToFirst = &h
		a.FirstWithin72h = held[0].Sub(experience) <= FirstSessionWindow
	}
	for i, t := range held {
		if t.Sub(experience) < EarlyPeriod {
			a.HeldEarly++
		}
		if i > 0 && t.Sub(held[i-1]) > cadence.Interval()+gapTolerance {
			a.Gaps++
		}
	}
	a.MarkerMet = a.HeldEarly >= EarlyMarker
	return a
}

// PracticeAdherence sums adherence over clients.
type PracticeAdherence struct {
	Clients            int
	WithFirstSession   int
	MedianHoursToFirst *float64
	FirstWithin72h     int // clients whose first session was within 72 hours
	ShareWithin72h     *float64
	PastEarlyPeriod    int // clients whose first 90 days are over
	MarkerMet          int // of those, how many held 8 or more sessions
	Cancellations      int
	NoShows            int
	Gaps               int
}

// ClientFigures pairs a client's adherence with how long ago the
// experience was.
type ClientFigures struct {
	Adherence  Adherence
	Experience time.Time
}

// Summarize aggregates clients' figures at now.
func Summarize(clients []ClientFigures, now time.Time) PracticeAdherence {
	var p PracticeAdherence
	var hours []float64
	for _, c := range clients {
		a := c.Adherence
		p.Clients++
		p.Cancellations += a.Cancellations
		p.NoShows += a.NoShows
		p.Gaps += a.Gaps
		if a.HoursToFirst != nil {
			p.WithFirstSession++
			hours = append(hours, *a.HoursToFirst)
			if a.FirstWithin72h {
				p.FirstWithin72h++
			}
		}
		if now.Sub(c.Experience) >= EarlyPeriod {
			p.PastEarlyPeriod++
			if a.MarkerMet {
				p.MarkerMet++
			}
		}
	}
	if len(hours) > 0 {
		m := median(hours)
		p.MedianHoursToFirst = &m
		share := float64(p.FirstWithin72h) / float64(p.WithFirstSession)
		p.ShareWithin72h = &share
	}
	return p
}

func median(xs []float64) float64 {
	sort.Float64s(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}
