package web

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/schedule"
)

// availabilityPage is the coach's booking setup: one stretch per weekday,
// days off and the meeting place.
type availabilityPage struct {
	Days               []dayRow
	DaysOff            []string
	RoomURL, Address   string
	DayOff, DayOffNote string
	Fields             map[string]string
	Error, Notice      string
}

// dayRow is one weekday of the form; empty From and To mean "not working".
type dayRow struct {
	Key, Name, From, To string
}

var weekdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

func dayKey(d time.Weekday) string { return strings.ToLower(d.String()[:3]) }

func (s *Server) availabilityShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	page := availabilityPage{Fields: map[string]string{}}
	if r.URL.Query().Get("done") == "saved" {
		page.Notice = "Saved. Clients see the new open times when they book."
	}
	s.renderAvailability(w, r, sess, http.StatusOK, page, nil)
}

// renderAvailability fills the page from the coach's setup, keeping the
// posted form (posted != nil) for the section that failed.
func (s *Server) renderAvailability(w http.ResponseWriter, r *http.Request, sess account.Session, status int, page availabilityPage, posted *availabilityPage) {
	setup, err := s.Coaching.Schedule.SetupOf(r.Context(), policy.ActorOf(sess.User))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page.Days = daysOf(setup.Windows)
	page.DaysOff, page.RoomURL, page.Address = setup.DaysOff, setup.Place.RoomURL, setup.Place.Address
	if posted != nil {
		switch r.PostFormValue("action") {
		case "week":
			page.Days = posted.Days
		case "dayoff":
			page.DayOff, page.DayOffNote = posted.DayOff, posted.DayOffNote
		case "place":
			page.RoomURL, page.Address = posted.RoomURL, posted.Address
		}
	}
	render(s, w, r, status, "availability", "Availability", page)
}

func daysOf(ws []schedule.Window) []dayRow {
	rows := make([]dayRow, len(weekdays))
	for i, d := range weekdays {
		rows[i] = dayRow{Key: dayKey(d), Name: d.String()}
		for _, win := range ws {
			if win.Weekday == d {
				rows[i].From, rows[i].To = clock(win.Start), clock(win.End)
				break
			}
		}
	}
	return rows
}

func clock(minute int) string { return fmt.Sprintf("%02d:%02d", minute/60, minute%60) }

// parseClock reads "09:30" (or "24:00" for the end of the day) as minutes.
func parseClock(v string) (int, bool) {
	var h, m int
	if n, err := fmt.Sscanf(strings.TrimSpace(v), "%d:%d", &h, &m); err != nil || n != 2 || h < 0 || h > 24 || m < 0 || m > 59 {
		return 0, false
	}
	return h*60 + m, true
}

// availabilitySave saves one section of the page, by the button pressed.
func (s *Server) availabilitySave(w http.ResponseWriter, r *http.Request, sess account.Session) {
	actor := policy.ActorOf(sess.User)
	posted := &availabilityPage{DayOff: r.PostFormValue("day"), DayOffNote: r.PostFormValue("note"),
		RoomURL: r.PostFormValue("room_url"), Address: r.PostFormValue("address")}
	page := availabilityPage{Fields: map[string]string{}}
	var err error
	switch r.PostFormValue("action") {
	case "week":
		var ws []schedule.Window
		ws, posted.Days = weekFromForm(r, page.Fields)
		if len(page.Fields) > 0 {
			s.renderAvailability(w, r, sess, http.StatusUnprocessableEntity, page, posted)
			return
		}
		err = s.Coaching.Schedule.SetAvailability(r.Context(), actor, ws)
	case "dayoff":
		err = s.Coaching.Schedule.AddDayOff(r.Context(), actor, strings.TrimSpace(posted.DayOff), strings.TrimSpace(posted.DayOffNote))
	case "place":
		err = s.Coaching.Schedule.SetPlace(r.Context(), actor, schedule.Place{RoomURL: posted.RoomURL, Address: posted.Address})
	default:
		page.Error = "Choose what to save."
		s.renderAvailability(w, r, sess, http.StatusUnprocessableEntity, page, nil)
		return
	}
	if err != nil {
		if !s.formError(err, &page.Fields, &page.Error) {
			s.renderError(w, r, err)
			return
		}
		s.renderAvailability(w, r, sess, http.StatusUnprocessableEntity, page, posted)
		return
	}
	http.Redirect(w, r, "/settings/availability?done=saved", http.StatusSeeOther)
}

// weekFromForm reads the from_/to_ pair of every weekday; a day with both
// empty is not worked.
func weekFromForm(r *http.Request, fields map[string]string) ([]schedule.Window, []dayRow) {
	var ws []schedule.Window
	rows := make([]dayRow, len(weekdays))
	for i, d := range weekdays {
		k := dayKey(d)
		row := dayRow{Key: k, Name: d.String(), From: strings.TrimSpace(r.PostFormValue("from_" + k)), To: strings.TrimSpace(r.PostFormValue("to_" + k))}
		rows[i] = row
		if row.From == "" && row.To == "" {
			continue
		}
		from, okFrom := parseClock(row.From)
		to, okTo := parseClock(row.To)
		if !okFrom || !okTo || to <= from || to > 24*60 || from%15 != 0 || to%15 != 0 {
			fields["day_"+k] = "enter both times in quarter hours, like 09:00 to 17:00, ending after the start"
			continue
		}
		ws = append(ws, schedule.Window{Weekday: d, Start: from, End: to})
	}
	return ws, rows
}
