package coach

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Window is a weekly stretch of availability in the coach's time zone,
// in minutes after local midnight.
type Window struct {
	Weekday    time.Weekday
	Start, End int
}

// Interval is a booked stretch of time that no new session may overlap.
type Interval struct{ Start, End time.Time }

const (
	// MinNotice: a slot must start at least this long after now, so the
	// coach has time to see the request.
	MinNotice = 2 * time.Hour
	// slotStep: slots start on the hour or half hour inside a window.
	slotStep = 30
	// searchHorizon: how far ahead the earliest slot is looked for.
	searchHorizon = 21 * 24 * time.Hour
	// FirstSessionLength is the length of the first session booked on
	// acceptance.
	FirstSessionLength = 60 * time.Minute
)

var dayNames = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// ParseWindows reads availability written one window per line (or
// separated by ';'), like "Mon 09:00-12:00". Empty input is no
// availability.
func ParseWindows(text string) ([]Window, error) {
	var out []Window
	for _, line := range strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == ';' }) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		w, err := parseWindow(line)
		if err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, validateWindows(out)
}

func parseWindow(line string) (Window, error) {
	bad := fmt.Errorf("write each window like \"Mon 09:00-12:00\" (could not read %q)", line)
	day, span, ok := strings.Cut(line, " ")
	if !ok || len(day) < 3 {
		return Window{}, bad
	}
	wd := slices.Index(dayNames, strings.ToLower(day[:3]))
	from, to, ok := strings.Cut(strings.ReplaceAll(strings.TrimSpace(span), " ", ""), "-")
	if wd < 0 || !ok {
		return Window{}, bad
	}
	start, err1 := parseClock(from)
	end, err2 := parseClock(to)
	if err1 != nil || err2 != nil {
		return Window{}, bad
	}
	return Window{Weekday: time.Weekday(wd), Start: start, End: end}, nil
}

func parseClock(s string) (int, error) {
	h, m, ok := strings.Cut(s, ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || hh < 0 || hh > 24 || mm < 0 || mm > 59 || (hh == 24 && mm != 0) || len(m) != 2 {
		return 0, errors.New("bad time")
	}
	return hh*60 + mm, nil
}

func validateWindows(ws []Window) error {
	sorted := slices.Clone(ws)
	sortWindows(sorted)
	for i, w := range sorted {
		if w.Weekday < 0 || w.Weekday > 6 || w.Start < 0 || w.End > 24*60 || w.End <= w.Start {
			return errors.New("each window must end after it starts, within one day")
		}
		if i > 0 && sorted[i-1].Weekday == w.Weekday && sorted[i-1].End > w.Start {
			return errors.New("windows on the same day must not overlap")
		}
	}
	if len(ws) > 50 {
		return errors.New("use at most 50 windows")
	}
	return nil
}

func sortWindows(ws []Window) {
	slices.SortFunc(ws, func(a, b Window) int {
		if a.Weekday != b.Weekday {
			return int(a.Weekday) - int(b.Weekday)
		}
		return a.Start - b.Start
	})
}

// FormatWindows writes windows back in the form ParseWindows reads.
func FormatWindows(ws []Window) string {
	sorted := slices.Clone(ws)
	sortWindows(sorted)
	lines := make([]string, len(sorted))
	for i, w := range sorted {
		day := dayNames[w.Weekday]
		lines[i] = fmt.Sprintf("%s%s %02d:%02d-%02d:%02d", strings.ToUpper(day[:1]), day[1:], w.Start/60, w.Start%60, w.End/60, w.End%60)
	}
	return strings.Join(lines, "\n")
}

// EarliestSlot is the first start at or after from, on a half hour inside a
// weekly window in loc, where a session of length fits in the window and
// overlaps nothing busy. It looks three weeks ahead.
func EarliestSlot(ws []Window, loc *time.Location, from time.Time, length time.Duration, busy []Interval) (time.Time, bool) {
	sorted := slices.Clone(ws)
	sortWindows(sorted)
	local := from.In(loc)
	day := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, loc)
	for d := 0; d <= int(searchHorizon/(24*time.Hour)); d++ {
		date := day.AddDate(0, 0, d)
		for _, w := range sorted {
			if w.Weekday != date.Weekday() {
				continue
			}
			if t, ok := slotInWindow(date, w, loc, from, length, busy); ok {
				return t.UTC(), true
			}
		}
	}
	return time.Time{}, false
}

func slotInWindow(date time.Time, w Window, loc *time.Location, from time.Time, length time.Duration, busy []Interval) (time.Time, bool) {
	// time.Date per candidate keeps wall-clock times right across DST.
	end := time.Date(date.Year(), date.Month(), date.Day(), 0, w.End, 0, 0, loc)
	for m := w.Start; m < w.End; m += slotStep {
		start := time.Date(date.Year(), date.Month(), date.Day(), 0, m, 0, 0, loc)
		if start.Before(from) {
			continue
		}
		if start.Add(length).After(end) {
			return time.Time{}, false
		}
		if !overlapsAny(start, start.Add(length), busy) {
			return start, true
		}
	}
	return time.Time{}, false
}

func overlapsAny(start, end time.Time, busy []Interval) bool {
	for _, b := range busy {
		if start.Before(b.End) && b.Start.Before(end) {
			return true
		}
	}
	return false
}
