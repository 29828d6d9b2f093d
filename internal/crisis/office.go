package crisis

import (
	"time"

	"github.com/afterward/afterward/internal/errs"
)

// OfficeHours are when the practice watches its safety queue: the same
// opening hours on each listed weekday, in the practice's time zone. An
// urgent alert's time to acknowledge is counted only inside them, because
// outside them nobody is expected to be watching (every client-facing page
// says so and links to crisis lines that answer at any hour).
//
// The coaches' own free-text office hours (message settings) are for
// clients to read; these are the practice's, as a rule the server can
// count.
type OfficeHours struct {
	Days       [7]bool // indexed by time.Weekday
	Start, End int     // minutes after midnight, Start < End
}

// DefaultOfficeHours are Monday to Friday, 9:00 to 17:00.
var DefaultOfficeHours = OfficeHours{Days: [7]bool{time.Monday: true, time.Tuesday: true, time.Wednesday: true,
	time.Thursday: true, time.Friday: true}, Start: 9 * 60, End: 17 * 60}

// Validate names each wrong field.
func (o OfficeHours) Validate() error {
	v := errs.Validation{}
	any := false
	for _, d := range o.Days {
		any = any || d
	}
	v.Check(any, "office_days", "choose at least one day")
	v.Check(o.Start >= 0 && o.Start < 24*60, "office_start", "enter a time such as 09:00")
	v.Check(o.End > 0 && o.End <= 24*60, "office_end", "enter a time such as 17:00")
	v.Check(o.Start < o.End, "office_end", "the day must end after it starts")
	return v.Err()
}

// Elapsed is how much of the time between from and to falls inside office
// hours, in loc.
func (o OfficeHours) Elapsed(from, to time.Time, loc *time.Location) time.Duration {
	if !to.After(from) {
		return 0
	}
	from, to = from.In(loc), to.In(loc)
	var total time.Duration
	day := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, loc)
	for !day.After(to) {
		if o.Days[day.Weekday()] {
			// time.Date normalises minutes past 59, and stays right on
			// days when the clocks change.
			open := time.Date(day.Year(), day.Month(), day.Day(), 0, o.Start, 0, 0, loc)
			shut := time.Date(day.Year(), day.Month(), day.Day(), 0, o.End, 0, 0, loc)
			total += overlap(from, to, open, shut)
		}
		day = time.Date(day.Year(), day.Month(), day.Day()+1, 0, 0, 0, 0, loc)
	}
	return total
}

func overlap(a1, a2, b1, b2 time.Time) time.Duration {
	start, end := a1, a2
	if b1.After(start) {
		start = b1
	}
	if b2.Before(end) {
		end = b2
	}
	if !end.After(start) {
		return 0
	}
	return end.Sub(start)
}
