package calendar

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

const (
	utcStamp   = "20060102T150405Z"
	localStamp = "20060102T150405"
	maxOctets  = 75
)

// Write serializes f. now is DTSTAMP (when the feed was generated).
func Write(w io.Writer, f Feed, now time.Time) error {
	loc, err := location(f.TimeZone)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	lw := &lineWriter{w: bw}
	lw.line("BEGIN:VCALENDAR")
	lw.line("VERSION:2.0")
	lw.line("PRODID:" + ProdID)
	lw.line("CALSCALE:GREGORIAN")
	lw.line("METHOD:PUBLISH")
	if f.Name != "" {
		lw.line("X-WR-CALNAME:" + escapeText(f.Name))
	}
	lw.line("X-WR-TIMEZONE:" + loc.String())
	from, to := span(f.Events, now)
	writeTimeZone(lw, loc, from, to)
	for _, e := range f.Events {
		writeEvent(lw, e, loc, now)
	}
	lw.line("END:VCALENDAR")
	if lw.err != nil {
		return lw.err
	}
	return bw.Flush()
}

func location(name string) (*time.Location, error) {
	if name == "" {
		return time.UTC, nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("calendar: unknown time zone %q", name)
	}
	return loc, nil
}

// span is the range the VTIMEZONE must cover: every event, with a year's
// margin so recurring subscribers never fall outside it.
func span(events []Event, now time.Time) (time.Time, time.Time) {
	from, to := now, now
	for _, e := range events {
		if e.Start.Before(from) {
			from = e.Start
		}
		if e.End.After(to) {
			to = e.End
		}
	}
	return from.AddDate(-1, 0, 0), to.AddDate(1, 0, 0)
}

func writeEvent(lw *lineWriter, e Event, loc *time.Location, now time.Time) {
	tzid := loc.String()
	status := e.Status
	if status == "" {
		status = Confirmed
	}
	lw.line("BEGIN:VEVENT")
	lw.line("UID:" + escapeText(e.UID))
	lw.line("DTSTAMP:" + now.UTC().Format(utcStamp))
	lw.line("DTSTART;TZID=" + tzid + ":" + e.Start.In(loc).Format(localStamp))
	lw.line("DTEND;TZID=" + tzid + ":" + e.End.In(loc).Format(localStamp))
	lw.line(fmt.Sprintf("SEQUENCE:%d", e.Sequence))
	lw.line("STATUS:" + string(status))
	lw.line("SUMMARY:" + escapeText(e.Summary))
	if e.Description != "" {
		lw.line("DESCRIPTION:" + escapeText(e.Description))
	}
	if e.Location != "" {
		lw.line("LOCATION:" + escapeText(e.Location))
	}
	if e.URL != "" {
		lw.line("URL:" + e.URL)
	}
	if !e.Updated.IsZero() {
		lw.line("LAST-MODIFIED:" + e.Updated.UTC().Format(utcStamp))
	}
	lw.line("TRANSP:OPAQUE")
	lw.line("END:VEVENT")
}

// escapeText escapes a TEXT value (RFC 5545 §3.3.11).
func escapeText(s string) string {
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)
	return r.Replace(s)
}

// lineWriter writes content lines with CRLF, folded at 75 octets (§3.1).
type lineWriter struct {
	w   *bufio.Writer
	err error
}

func (lw *lineWriter) line(s string) {
	if lw.err != nil {
		return
	}
	_, lw.err = lw.w.WriteString(fold(s))
}

// fold splits s into lines of at most 75 octets, never inside a UTF-8
// sequence; continuation lines start with one space, which counts.
func fold(s string) string {
	var b strings.Builder
	limit := maxOctets
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = maxOctets - 1
	}
	b.WriteString(s)
	b.WriteString("\r\n")
	return b.String()
}
