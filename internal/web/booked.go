package web

import (
	"net/http"
	"strconv"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/policy"
)

// sessionParam carries a just-booked appointment's id to the page that
// says it was booked.
func sessionParam(appointmentID int64) string {
	if appointmentID == 0 {
		return ""
	}
	return "&session=" + strconv.FormatInt(appointmentID, 10)
}

// bookedNotice says a first session is booked only when the appointment
// named by ?session= exists, is live and the viewer may see it: a page
// never claims a booking that the schedule does not hold.
func (s *Server) bookedNotice(r *http.Request, u account.User) string {
	id, err := strconv.ParseInt(r.URL.Query().Get("session"), 10, 64)
	if err != nil {
		return ""
	}
	a, err := s.Coaching.Schedule.Get(r.Context(), policy.ActorOf(u), id)
	if err != nil || !a.Live() {
		return ""
	}
	return "The first session with " + a.ClientName + " is booked for " + formatTime(a.Start, u.TimeZone) +
		" (" + strconv.Itoa(a.Minutes) + " min); both of you were sent a confirmation with a calendar invitation."
}
