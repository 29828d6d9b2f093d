package store

import (
	"testing"
	"time"
)

// TestParseStoredTimeAsTimeParse holds the one-pass parser to time.Parse
// with the stored layout: same instant when both read a text, and no
// reading of a text time.Parse refuses (it then falls back to time.Parse).
func TestParseStoredTimeAsTimeParse(t *testing.T) {
	const layout = "2006-01-02 15:04:05.999999999Z07:00"
	cases := []struct{ name, text string }{
		{"whole seconds", "2026-12-04 23:00:00+00:00"},
		{"Z", "2026-12-04 23:00:00Z"},
		{"T separator", "2026-12-04T23:00:00+00:00"},
		{"one fraction digit", "2026-12-04 23:00:00.5+00:00"},
		{"nine fraction digits", "2026-12-04 23:00:00.123456789+00:00"},
		{"west", "2026-06-30 22:15:59.999-05:00"},
		{"east, half hour", "2026-03-08 02:00:00.000001+05:30"},
		{"leap day", "2028-02-29 23:59:59+00:00"},
		{"not a leap year", "2027-02-29 12:00:00+00:00"},
		{"month 13", "2026-13-01 12:00:00+00:00"},
		{"hour 24", "2026-12-01 24:00:00+00:00"},
		{"second 60", "2026-12-01 12:00:60+00:00"},
		{"empty fraction", "2026-12-01 12:00:00.+00:00"},
		{"ten fraction digits", "2026-12-01 12:00:00.1234567891+00:00"},
		{"no zone", "2026-12-01 12:00:00"},
		{"short zone", "2026-12-01 12:00:00+0000"},
		{"letters", "2026-1x-01 12:00:00+00:00"},
		{"time.Time.String", "2026-12-01 12:00:00 +0000 UTC"},
		{"trailing text", "2026-12-01 12:00:00+00:00 "},
		{"date only", "2026-12-01"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := parseStoredTime(c.text)
			want, err := time.Parse(layout, stripT(c.text))
			if !ok {
				return // falls back to time.Parse: nothing to compare
			}
			if err != nil {
				t.Fatalf("parseStoredTime read %q as %v; time.Parse refuses it: %v", c.text, got, err)
			}
			if !got.Equal(want) || got.Location() != time.UTC {
				t.Fatalf("parseStoredTime(%q) = %v, time.Parse = %v", c.text, got, want)
			}
		})
	}
	// The ones the fast path must take (the stored layout).
	for _, text := range []string{"2026-12-04 23:00:00+00:00", "2026-12-04 23:00:00.123456789-05:00", "2026-12-04T23:00:00Z"} {
		if _, ok := parseStoredTime(text); !ok {
			t.Errorf("parseStoredTime(%q) refused the stored layout", text)
		}
	}
}

// stripT lets time.Parse's single layout read the T-separated form too.
func stripT(s string) string {
	if len(s) > 10 && s[10] == 'T' {
		return s[:10] + " " + s[11:]
	}
	return s
}
