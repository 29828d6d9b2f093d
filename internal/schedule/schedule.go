// Package schedule books integration sessions: coaches' weekly availability
// and days off in their own time zone, appointments that clients book,
// reschedule and cancel within the practice's notice policy, group
// integration circles, reminder emails through the job queue, and private
// calendar feeds.
//
// Double booking is impossible by construction: every live appointment owns
// one row per 15-minute slot for its coach and for its client in
// appointment_slots, whose primary key is (owner, slot). Two overlapping
// sessions — 60 or 90 minutes, from any number of servers — need a common
// row, and the database lets only one transaction have it.
package schedule

import (
	"net/url"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/dates"
	"github.com/afterward/afterward/internal/errs"
)

// SlotSize is the granularity of bookings: starts fall on quarter hours, so
// time zones with :30 and :45 offsets still get whole local hours.
const SlotSize = 15 * time.Minute

// Format is how a session is held.
type Format string

const (
	Video    Format = "video"     // in the coach's video room
	InPerson Format = "in_person" // at an address
)

// Status is where an appointment is.
type Status string

const (
	Booked    Status = "booked"
	Held      Status = "held"
	Cancelled Status = "cancelled"
	NoShow    Status = "no_show"
)

// Label is the status in plain words.
func (s Status) Label() string {
	switch s {
	case Booked:
		return "Booked"
	case Held:
		return "Held"
	case Cancelled:
		return "Cancelled"
	case NoShow:
		return "No-show"
	}
	return string(s)
}

// Appointment is one integration session.
type Appointment struct {
	ID         int64
	UID        string // stable calendar UID
	PracticeID int64
	CoachID    int64
	CoachName  string
	ClientID   int64
	ClientName string
	Start      time.Time
	Minutes    int
	Format     Format
	Location   string // room URL or address
	Status     Status
	LateCancel bool // cancelled by the client inside the notice window
	Sequence   int  // bumped on every change, for calendar subscribers
	UpdatedAt  time.Time
	// SessionType is the regulated type; Coaching for ordinary sessions.
	SessionType SessionType
}

// End is when the session ends.
func (a Appointment) End() time.Time { return a.Start.Add(time.Duration(a.Minutes) * time.Minute) }

// Live reports whether the appointment still holds its time.
func (a Appointment) Live() bool { return a.Status == Booked }

// Booking is a request for a session.
type Booking struct {
	ClientID int64
	Start    time.Time
	Minutes  int
	Format   Format
	Address  string // in person: where; empty uses the coach's address
	// SessionType is the regulated type, under a regulated programme.
	SessionType SessionType
}

// Validate checks the fields that need no database; now bounds the start
// (dates.Near).
func (b *Booking) Validate(now time.Time) error {
	v := errs.Validation{}
	b.Start = b.Start.UTC()
	v.Check(!b.Start.IsZero(), "start", "choose a start time")
	v.Check(b.Start.IsZero() || dates.Near(b.Start, now), "start", dates.NearMessage)
	v.Check(b.Start.Truncate(SlotSize).Equal(b.Start), "start", "start on the hour or a quarter past, half past or quarter to")
	v.Check(b.Minutes == 60 || b.Minutes == 90, "minutes", "choose 60 or 90 minutes")
	v.Check(b.Format == Video || b.Format == InPerson, "format", "choose video or in person")
	b.Address = strings.TrimSpace(b.Address)
	v.Check(len(b.Address) <= 300, "address", "use at most 300 characters")
	return v.Err()
}

// Window is a weekly stretch of availability in the coach's time zone.
type Window struct {
	Weekday    time.Weekday
	Start, End int // minutes after local midnight, End exclusive
}

// Contains reports whether local times [from, to) on one day fit the window.
func (w Window) Contains(day time.Weekday, from, to int) bool {
	return w.Weekday == day && from >= w.Start && to <= w.End
}

// ValidateWindows checks a week of windows.
func ValidateWindows(ws []Window) error {
	v := errs.Validation{}
	for _, w := range ws {
		v.Check(w.Weekday >= time.Sunday && w.Weekday <= time.Saturday, "weekday", "choose a day of the week")
		v.Check(w.Start >= 0 && w.End <= 24*60 && w.End > w.Start, "hours", "end after it starts, within the day")
		v.Check(w.Start%15 == 0 && w.End%15 == 0, "hours", "use whole quarter hours")
	}
	return v.Err()
}

// Place is where a coach meets clients.
type Place struct {
	RoomURL string
	Address string
}

// Validate checks a coach's meeting place.
func (p *Place) Validate() error {
	v := errs.Validation{}
	p.RoomURL, p.Address = strings.TrimSpace(p.RoomURL), strings.TrimSpace(p.Address)
	if p.RoomURL != "" {
		u, err := url.Parse(p.RoomURL)
		v.Check(err == nil && u.Scheme == "https" && u.Host != "", "room_url", "enter the https:// address of your video room")
	}
	v.Check(len(p.Address) <= 300, "address", "use at most 300 characters")
	return v.Err()
}

// NoticePolicy is a practice's rules for booking and cancelling. The fees
// for late cancellations and missed sessions are not here: billing's
// settings hold them (billing.Terms), one setting that billing charges and
// the pages state.
type NoticePolicy struct {
	MinBooking   time.Duration // clients book at least this far ahead
	CancelNotice time.Duration // later cancellations are late (billing's fee applies)
}

// DefaultNoticePolicy applies when a practice has set none: short booking
// notice, because the first session is due within 72 hours.
var DefaultNoticePolicy = NoticePolicy{MinBooking: 2 * time.Hour, CancelNotice: 24 * time.Hour}
