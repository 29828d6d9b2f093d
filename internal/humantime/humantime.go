// Package humantime is the one way times are written for people: pages,
// charts, PDFs and emails all say "Fri 4 Dec, 14:00 CET" in the reader's
// own time zone, so a chart and the table beside it never disagree about
// the day.
package humantime

import (
	"time"

	tzcache "github.com/afterward/afterward/internal/tz"
)

// In returns the location for a time-zone name, UTC when it is unknown.
func In(tz string) *time.Location {
	loc, err := tzcache.Load(tz) // time.LoadLocation reads the zone file each call
	if err != nil || tz == "" {
		return time.UTC
	}
	return loc
}

// When is a moment: weekday, day, month, time and zone ("Fri 4 Dec, 14:00
// CET"), with the year when it is not the year of now.
func When(t time.Time, loc *time.Location, now time.Time) string {
	var buf [40]byte
	return string(AppendWhen(buf[:0], t, loc, now))
}

// AppendWhen appends When to b: a label that goes on with more text is
// built in one allocation.
func AppendWhen(b []byte, t time.Time, loc *time.Location, now time.Time) []byte {
	t = t.In(loc)
	if t.Year() != now.In(loc).Year() {
		return t.AppendFormat(b, "Mon 2 Jan 2006, 15:04 MST")
	}
	return t.AppendFormat(b, "Mon 2 Jan, 15:04 MST")
}

// Record is a moment on a document kept as evidence (a signed agreement):
// always with the year and to the second ("Fri 4 Dec 2026, 14:00:05 CET").
func Record(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("Mon 2 Jan 2006, 15:04:05 MST")
}

// Day is a day: weekday, day, month and year ("Fri 4 Dec 2026").
func Day(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("Mon 2 Jan 2006")
}

// Short is a day on a chart axis ("4 Dec").
func Short(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("2 Jan")
}
