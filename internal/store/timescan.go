package store

import (
	"fmt"
	"time"
)

// Long lists read their timestamps through TimeText into a Time: on
// SQLite the driver (modernc.org/sqlite) turns every TIMESTAMP column into
// a time.Time by first trying time.Time.String()'s layout, which never
// matches what we store and allocates an error each time, then the stored
// layout with time.Parse — a quarter of the coach roster's 200-row read
// (issue 17's profile). Read as text, the stored layout is parsed here in
// one pass; anything else still goes through time.Parse.

// TimeText is the select-list expression that reads timestamp column col
// for a Time: on SQLite the column as plain text (an expression has no
// declared type, so the driver leaves it alone), on PostgreSQL the column
// itself (the driver decodes its binary form cheaply). Use it in the
// select list only; compare and sort on the column.
func TimeText(d Dialect, col string) string {
	if d == SQLite {
		return "CAST(" + col + " AS TEXT)"
	}
	return col
}

// Time scans a nullable timestamp read through TimeText, in UTC.
type Time struct {
	Time  time.Time
	Valid bool // false for NULL
}

// Scan accepts NULL, a time.Time (PostgreSQL) or SQLite's stored text.
func (t *Time) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*t = Time{}
		return nil
	case time.Time:
		*t = Time{Time: x.UTC(), Valid: true}
		return nil
	case string:
		return t.parse(x)
	case []byte:
		return t.parse(string(x))
	}
	return fmt.Errorf("store: cannot scan %T into a time", v)
}

// Ptr is the time, or nil for NULL (the domain types' optional times).
func (t Time) Ptr() *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time
	return &u
}

func (t *Time) parse(s string) error {
	if v, ok := parseStoredTime(s); ok {
		*t = Time{Time: v, Valid: true}
		return nil
	}
	for _, layout := range storedLayouts {
		if v, err := time.Parse(layout, s); err == nil {
			*t = Time{Time: v.UTC(), Valid: true}
			return nil
		}
	}
	return fmt.Errorf("store: %q is not a stored time", s)
}

// storedLayouts are the text forms SQLite may hold (the driver's
// _time_format=sqlite layout, and the ones it also reads), for what
// parseStoredTime does not take.
var storedLayouts = []string{
	"2006-01-02 15:04:05.999999999-07:00",
	"2006-01-02T15:04:05.999999999-07:00",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02T15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04",
	"2006-01-02T15:04",
	"2006-01-02",
}

// parseStoredTime reads "YYYY-MM-DD HH:MM:SS[.fraction]±HH:MM" (or a final
// "Z"), the layout the driver writes, without allocating. ok is false for
// anything else, which the caller hands to time.Parse.
func parseStoredTime(s string) (time.Time, bool) {
	if len(s) < 20 || s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':' {
		return time.Time{}, false
	}
	year, ok1 := digits(s[0:4])
	month, ok2 := digits(s[5:7])
	day, ok3 := digits(s[8:10])
	hour, ok4 := digits(s[11:13])
	minute, ok5 := digits(s[14:16])
	sec, ok6 := digits(s[17:19])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || month < 1 || month > 12 || day < 1 || day > daysIn(month, year) ||
		hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false
	}
	rest, nsec := s[19:], 0
	if rest[0] == '.' {
		n := 1
		for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
			n++
		}
		if n == 1 || n > 10 {
			return time.Time{}, false
		}
		f, _ := digits(rest[1:n])
		for i := n; i < 10; i++ {
			f *= 10
		}
		nsec, rest = f, rest[n:]
	}
	offset := 0
	switch {
	case rest == "Z":
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':':
		oh, okh := digits(rest[1:3])
		om, okm := digits(rest[4:6])
		if !okh || !okm || oh > 23 || om > 59 {
			return time.Time{}, false
		}
		offset = (oh*60 + om) * 60
		if rest[0] == '-' {
			offset = -offset
		}
	default:
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, nsec, time.UTC)
	return t.Add(-time.Duration(offset) * time.Second), true
}

// digits is the decimal value of s, all of whose bytes must be digits.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// daysIn is the number of days of month in year (time.Parse refuses
// 2026-02-30; so must the fast path).
func daysIn(month, year int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
