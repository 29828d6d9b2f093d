package calendar

import (
	"fmt"
	"time"
)

// writeTimeZone writes a VTIMEZONE for loc covering [from, to]: one
// observance for the offset in force at from, then one per transition, each
// with its own DTSTART (no RRULE), read from Go's zone database. Explicit
// onsets are valid RFC 5545 and stay correct when a region changes its rules.
func writeTimeZone(lw *lineWriter, loc *time.Location, from, to time.Time) {
	lw.line("BEGIN:VTIMEZONE")
	lw.line("TZID:" + loc.String())
	t := from.In(loc)
	start, end := t.ZoneBounds()
	_, offset := t.Zone()
	first, before := start, offset
	if first.IsZero() {
		first = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).Add(-time.Duration(offset) * time.Second)
	} else {
		_, before = first.Add(-time.Second).In(loc).Zone()
	}
	writeObservance(lw, first.In(loc), before)
	for !end.IsZero() && end.Before(to) {
		_, before := end.Add(-time.Second).In(loc).Zone()
		at := end.In(loc)
		writeObservance(lw, at, before)
		_, end = at.ZoneBounds()
	}
	lw.line("END:VTIMEZONE")
}

// writeObservance writes the zone starting at onset; fromOffset is the UTC
// offset in seconds before it. DTSTART is the onset in local time as it was
// before the change (§3.6.5).
func writeObservance(lw *lineWriter, onset time.Time, fromOffset int) {
	name, toOffset := onset.Zone()
	kind := "STANDARD"
	if onset.IsDST() {
		kind = "DAYLIGHT"
	}
	local := onset.UTC().Add(time.Duration(fromOffset) * time.Second)
	lw.line("BEGIN:" + kind)
	lw.line("DTSTART:" + local.Format(localStamp))
	lw.line("TZOFFSETFROM:" + formatOffset(fromOffset))
	lw.line("TZOFFSETTO:" + formatOffset(toOffset))
	if name != "" {
		lw.line("TZNAME:" + escapeText(name))
	}
	lw.line("END:" + kind)
}

// formatOffset renders seconds east of UTC as ±HHMM (or ±HHMMSS).
func formatOffset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	h, m, s := sec/3600, sec%3600/60, sec%60
	if s != 0 {
		return fmt.Sprintf("%s%02d%02d%02d", sign, h, m, s)
	}
	return fmt.Sprintf("%s%02d%02d", sign, h, m)
}
