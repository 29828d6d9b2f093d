package calendar_test

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"github.com/afterward/afterward/internal/calendar"
)

var generated = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// dstFeed has sessions at 10:00 local time on both sides of each 2026
// daylight-saving change of the zone.
func dstFeed(tz string, days ...time.Time) (calendar.Feed, []time.Time) {
	loc, _ := time.LoadLocation(tz)
	f := calendar.Feed{Name: "Afterward · Jonah Reyes", TimeZone: tz}
	var starts []time.Time
	for i, d := range days {
		start := time.Date(d.Year(), d.Month(), d.Day(), 10, 0, 0, 0, loc).UTC()
		starts = append(starts, start)
		f.Events = append(f.Events, calendar.Event{
			UID: "appointment-" + string(rune('a'+i)) + "@afterward", Sequence: i,
			Start: start, End: start.Add(90 * time.Minute), Summary: "Integration session, Elena M.; video",
			Location: "https://meet.example.org/jonah", Status: calendar.Confirmed, Updated: generated,
		})
	}
	f.Events[len(f.Events)-1].Status = calendar.Cancelled
	return f, starts
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestFeedParsesWithIndependentParser(t *testing.T) {
	tests := []struct {
		name string
		tz   string
		days []time.Time
		want []string // expected UTC start instants
	}{
		{"Los Angeles spring forward", "America/Los_Angeles", []time.Time{date(2026, 3, 6), date(2026, 3, 10)},
			[]string{"2026-03-06T18:00:00Z", "2026-03-10T17:00:00Z"}},
		{"Los Angeles fall back", "America/Los_Angeles", []time.Time{date(2026, 10, 30), date(2026, 11, 2)},
			[]string{"2026-10-30T17:00:00Z", "2026-11-02T18:00:00Z"}},
		{"London both changes", "Europe/London", []time.Time{date(2026, 3, 27), date(2026, 3, 30), date(2026, 10, 23), date(2026, 10, 26)},
			[]string{"2026-03-27T10:00:00Z", "2026-03-30T09:00:00Z", "2026-10-23T09:00:00Z", "2026-10-26T10:00:00Z"}},
		{"Sydney, southern hemisphere", "Australia/Sydney", []time.Time{date(2026, 4, 3), date(2026, 4, 6)},
			[]string{"2026-04-02T23:00:00Z", "2026-04-06T00:00:00Z"}},
		{"no daylight saving", "UTC", []time.Time{date(2026, 3, 6)}, []string{"2026-03-06T10:00:00Z"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			feed, starts := dstFeed(tc.tz, tc.days...)
			var buf bytes.Buffer
			if err := calendar.Write(&buf, feed, generated); err != nil {
				t.Fatal(err)
			}
			checkLines(t, buf.Bytes())
			cal, err := ics.ParseCalendar(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatalf("independent parser: %v", err)
			}
			events := cal.Events()
			if len(events) != len(tc.want) {
				t.Fatalf("got %d events, want %d", len(events), len(tc.want))
			}
			zone := observances(t, cal, tc.tz)
			for i, e := range events {
				got, err := e.GetStartAt()
				if err != nil {
					t.Fatal(err)
				}
				if want, _ := time.Parse(time.RFC3339, tc.want[i]); !got.Equal(want) || !starts[i].Equal(want) {
					t.Errorf("event %d starts %s (feed input %s), want %s", i, got.UTC(), starts[i], want)
				}
				// The VTIMEZONE alone must give the same instant.
				local := e.GetProperty(ics.ComponentPropertyDtStart).Value
				if got2 := zone.resolve(t, local); !got2.Equal(starts[i]) {
					t.Errorf("event %d: VTIMEZONE resolves %s to %s, want %s", i, local, got2, starts[i])
				}
				if got := e.GetProperty(ics.ComponentPropertyUniqueId).Value; got != feed.Events[i].UID {
					t.Errorf("UID = %q, want %q", got, feed.Events[i].UID)
				}
				if got := e.GetProperty(ics.ComponentPropertySequence).Value; got != string(rune('0'+i)) {
					t.Errorf("SEQUENCE = %q, want %d", got, i)
				}
				if got, want := e.GetProperty(ics.ComponentPropertyStatus).Value, string(feed.Events[i].Status); got != want {
					t.Errorf("STATUS = %q, want %q", got, want)
				}
			}
		})
	}
}

func TestEmptyFeedIsValid(t *testing.T) {
	var buf bytes.Buffer
	if err := calendar.Write(&buf, calendar.Feed{TimeZone: "America/New_York"}, generated); err != nil {
		t.Fatal(err)
	}
	checkLines(t, buf.Bytes())
	cal, err := ics.ParseCalendar(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(cal.Events()); got != 0 {
		t.Errorf("got %d events, want 0", got)
	}
	if got := len(cal.Timezones()); got != 1 {
		t.Errorf("got %d VTIMEZONE, want 1", got)
	}
}

func TestUnknownTimeZone(t *testing.T) {
	var buf bytes.Buffer
	if err := calendar.Write(&buf, calendar.Feed{TimeZone: "Mars/Olympus"}, generated); err == nil {
		t.Error("got no error for an unknown time zone")
	}
}

// checkLines: every line ends in CRLF and is at most 75 octets.
func checkLines(t *testing.T, b []byte) {
	t.Helper()
	if !bytes.HasSuffix(b, []byte("\r\n")) {
		t.Error("feed does not end with CRLF")
	}
	for i, line := range strings.Split(strings.TrimSuffix(string(b), "\r\n"), "\r\n") {
		if strings.ContainsAny(line, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i+1, line)
		}
		if len(line) > 75 {
			t.Errorf("line %d has %d octets, want at most 75", i+1, len(line))
		}
		if !utf8.ValidString(line) {
			t.Errorf("line %d splits a UTF-8 character", i+1)
		}
	}
}

// zone is the VTIMEZONE's observances, resolved without Go's zone database.
type zone []observance

type observance struct {
	onset  time.Time // local time before the change, as a floating time
	offset time.Duration
}

func observances(t *testing.T, cal *ics.Calendar, tzid string) zone {
	t.Helper()
	var z zone
	for _, tz := range cal.Timezones() {
		if tz.GetProperty(ics.ComponentPropertyTzid).Value != tzid {
			continue
		}
		for _, sub := range tz.SubComponents() {
			var props []ics.IANAProperty
			switch c := sub.(type) {
			case *ics.Standard:
				props = c.Properties
			case *ics.Daylight:
				props = c.Properties
			default:
				continue
			}
			var o observance
			for _, p := range props {
				switch p.IANAToken {
				case "DTSTART":
					o.onset, _ = time.Parse("20060102T150405", p.Value)
				case "TZOFFSETTO":
					o.offset = parseOffset(t, p.Value)
				}
			}
			z = append(z, o)
		}
	}
	if len(z) == 0 {
		t.Fatalf("no VTIMEZONE %s", tzid)
	}
	return z
}

// resolve turns a local DTSTART value into UTC with the latest observance
// whose onset is not after it.
func (z zone) resolve(t *testing.T, local string) time.Time {
	t.Helper()
	lt, err := time.Parse("20060102T150405", local)
	if err != nil {
		t.Fatalf("DTSTART %q: %v", local, err)
	}
	var best *observance
	for i := range z {
		if !z[i].onset.After(lt) && (best == nil || z[i].onset.After(best.onset)) {
			best = &z[i]
		}
	}
	if best == nil {
		t.Fatalf("no observance covers %s", local)
	}
	return lt.Add(-best.offset)
}

func parseOffset(t *testing.T, s string) time.Duration {
	t.Helper()
	if len(s) < 5 {
		t.Fatalf("offset %q", s)
	}
	h := time.Duration((s[1]-'0')*10+(s[2]-'0')) * time.Hour
	m := time.Duration((s[3]-'0')*10+(s[4]-'0')) * time.Minute
	if s[0] == '-' {
		return -(h + m)
	}
	return h + m
}
