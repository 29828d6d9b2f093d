// Package calendar writes iCalendar feeds (RFC 5545) that ordinary calendar
// programs subscribe to: one VCALENDAR with a VTIMEZONE for the reader's
// time zone, events with stable UIDs, SEQUENCE bumped on every change and
// STATUS:CANCELLED for cancelled sessions. It is a small serializer of our
// own (CRLF line endings, lines folded at 75 octets without splitting a
// UTF-8 character); tests parse its output with an independent parser.
//
// Times are given as UTC instants and written as local times with a TZID,
// so a subscriber sees the session at the right wall-clock time on both
// sides of a daylight-saving change.
package calendar

import (
	"time"
)

// Status of an event.
type Status string

const (
	Confirmed Status = "CONFIRMED"
	Cancelled Status = "CANCELLED"
)

// Event is one calendar entry.
type Event struct {
	UID         string // stable across changes, e.g. "appointment-42@riverbend"
	Sequence    int    // bumped on every change that subscribers should see
	Start, End  time.Time
	Summary     string
	Description string
	Location    string
	URL         string
	Status      Status
	Updated     time.Time // LAST-MODIFIED
}

// Feed is one person's calendar.
type Feed struct {
	Name     string // X-WR-CALNAME, e.g. "Afterward · Jonah Reyes"
	TimeZone string // IANA name the times are written in; "" means UTC
	Events   []Event
}

// ProdID names the program that wrote the feed.
const ProdID = "-//Afterward//Integration coaching//EN"
