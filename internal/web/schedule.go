package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/schedule"
)

// appointmentRow is one session as a list shows it, in the viewer's time zone.
type appointmentRow struct {
	ID                          int64
	When, With, Format, Status  string
	Live, Cancelled, LateCancel bool
}

func sessionRowOf(a schedule.Appointment, viewer account.User) appointmentRow {
	with := a.CoachName
	if viewer.ID == a.CoachID {
		with = a.ClientName
	}
	format := "Video"
	if a.Format == schedule.InPerson {
		format = "In person"
	}
	if a.SessionType != schedule.Coaching {
		format += " · " + a.SessionType.Label()
	}
	return appointmentRow{ID: a.ID, When: formatTime(a.Start, viewer.TimeZone) + " · " + strconv.Itoa(a.Minutes) + " min", With: with,
		Format: format, Status: a.Status.Label(), Live: a.Live(), Cancelled: a.Status == schedule.Cancelled, LateCancel: a.LateCancel}
}

// timeOption is one open start time for a select.
type timeOption struct {
	Value, Label string
	Selected     bool
}

type sessionsPage struct {
	IsClient   bool
	Upcoming   []appointmentRow
	Past       []appointmentRow
	Days       []slotDay // open start times, by day
	Terms      bookingTerms
	Minutes    string
	Format     string
	Fields     map[string]string
	Error      string
	TimeZone   string
	NoCoachYet bool
	Hold       holdView
	// AgreementDue: the client has not signed the current coaching
	// agreement, so the page links to it (booking is refused until then).
	AgreementDue bool
	// SessionTypes are offered when the practice works under a regulated
	// programme; SessionType is the one chosen.
	SessionTypes []schedule.SessionType
	SessionType  string
}

func (s *Server) sessionsList(w http.ResponseWriter, r *http.Request, sess account.Session) {
	s.renderSessions(w, r, sess, http.StatusOK, sessionsPage{Minutes: "60", Format: "video"})
}

func (s *Server) renderSessions(w http.ResponseWriter, r *http.Request, sess account.Session, status int, page sessionsPage) {
	u, actor, now := sess.User, policy.ActorOf(sess.User), s.Now()
	all, err := s.Coaching.Schedule.Upcoming(r.Context(), actor, now.AddDate(0, 0, -60), now.AddDate(0, 3, 0))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	for _, a := range all {
		if a.End().After(now) {
			page.Upcoming = append(page.Upcoming, sessionRowOf(a, u))
		} else {
			page.Past = append([]appointmentRow{sessionRowOf(a, u)}, page.Past...)
		}
	}
	page.IsClient, page.TimeZone = u.Role == account.Client, u.TimeZone
	if page.Hold, err = s.holdOf(r, u); err != nil {
		s.renderError(w, r, err)
		return
	}
	if page.IsClient {
		st, err := s.Coaching.Agreements.Status(r.Context(), actor, u.ID)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		page.AgreementDue = st.Signed == nil
		prog, err := s.People.Practices.Programme(r.Context(), actor)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		if prog.Regulated() {
			page.SessionTypes = schedule.SessionTypes
		}
	}
	if page.IsClient && !page.Hold.On {
		times, err := s.Coaching.Schedule.OpenTimes(r.Context(), actor, u.ID, 14, 60)
		switch {
		case errs.Is(err, errs.Conflict):
			page.NoCoachYet = true
		case err != nil:
			s.renderError(w, r, err)
			return
		}
		page.Days = slotDays(times, u.TimeZone, r.PostFormValue("start"))
		if page.Terms, err = s.termsFor(r, u); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	render(s, w, r, status, "schedule_sessions", "Sessions", page)
}

// sessionCreate books a session for the signed-in client.
func (s *Server) sessionCreate(w http.ResponseWriter, r *http.Request, sess account.Session) {
	if sess.User.Role == account.Clinician {
		s.renderError(w, r, errs.E(errs.Forbidden, "clinicians do not book coaching sessions"))
		return
	}
	page := sessionsPage{Minutes: r.PostFormValue("minutes"), Format: r.PostFormValue("format"), SessionType: r.PostFormValue("session_type"), Fields: map[string]string{}}
	start, err := time.Parse(time.RFC3339, r.PostFormValue("start"))
	if err != nil {
		page.Fields["start"] = "choose one of the open times"
	}
	minutes, _ := strconv.Atoi(page.Minutes)
	if len(page.Fields) > 0 {
		s.renderSessions(w, r, sess, http.StatusUnprocessableEntity, page)
		return
	}
	a, err := s.Coaching.Schedule.Book(r.Context(), policy.ActorOf(sess.User), schedule.Booking{ClientID: sess.User.ID, Start: start,
		Minutes: minutes, Format: schedule.Format(page.Format), Address: r.PostFormValue("address"), SessionType: schedule.SessionType(page.SessionType)})
	if err != nil {
		if !s.formError(err, &page.Fields, &page.Error) {
			s.renderError(w, r, err)
			return
		}
		s.renderSessions(w, r, sess, http.StatusUnprocessableEntity, page)
		return
	}
	http.Redirect(w, r, "/sessions/"+strconv.FormatInt(a.ID, 10)+"?done=booked", http.StatusSeeOther)
}

// formError turns an invalid or conflicting request into messages for the
// form; it reports false for other errors.
func (s *Server) formError(err error, fields *map[string]string, msg *string) bool {
	var e *errs.Error
	switch errs.KindOf(err) {
	case errs.Invalid:
		if errors.As(err, &e) {
			for k, v := range e.Fields {
				(*fields)[k] = v
			}
		}
		return true
	case errs.Conflict:
		*msg = safeMessage(err)
		return true
	}
	return false
}

type sessionPage struct {
	ID                         int64
	Row                        appointmentRow
	Location                   string
	IsVideo, IsCoach, Past     bool
	CanMarkAttendance, CanMove bool
	CanChange                  bool // may move or cancel (not a clinician)
	Days                       []slotDay
	TimeZone                   string
	Fields                     map[string]string
	Error, Notice              string
	CancelNotice, PolicyNote   string
}

func (s *Server) sessionShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	s.renderSession(w, r, sess, http.StatusOK, sessionPage{Notice: noticeOf(r)})
}

func (s *Server) renderSession(w http.ResponseWriter, r *http.Request, sess account.Session, status int, page sessionPage) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	actor, now := policy.ActorOf(sess.User), s.Now()
	a, err := s.Coaching.Schedule.Get(r.Context(), actor, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if r.URL.Query().Get("done") == "booked" && !a.Live() {
		page.Notice = "" // never say booked about a session that is not
	}
	page.ID, page.Row, page.Location = a.ID, sessionRowOf(a, sess.User), a.Location
	page.IsVideo, page.IsCoach, page.Past = a.Format == schedule.Video, sess.User.ID == a.CoachID, a.Start.Before(now)
	page.CanMarkAttendance = page.IsCoach && a.Live() && page.Past
	// Clinicians see shared attendance; moving and cancelling are the
	// client's and the practice's (the routes are not theirs).
	page.CanChange = sess.User.Role != account.Clinician
	if a.Live() && !page.Past && page.CanChange {
		times, err := s.Coaching.Schedule.OpenTimes(r.Context(), actor, a.ClientID, 14, a.Minutes)
		if err != nil && !errs.Is(err, errs.Conflict) {
			s.renderError(w, r, err)
			return
		}
		page.Days, page.TimeZone = slotDays(times, sess.User.TimeZone, r.PostFormValue("start")), sess.User.TimeZone
	}
	page.CanMove = page.CanChange && a.Live() && !page.Past
	if sess.User.Role == account.Client {
		p, err := s.Coaching.Schedule.Notice(r.Context(), actor)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		terms, err := s.cancellationTerms(r, sess.User.PracticeID)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		window := strconv.Itoa(int(p.CancelNotice.Hours())) + " hours"
		page.PolicyNote = "Sessions can be moved up to " + window + " before they start. " + terms
		page.CanMove = page.CanMove && a.Start.Sub(now) >= p.CancelNotice
	}
	render(s, w, r, status, "schedule_session", "Session", page)
}

func (s *Server) sessionReschedule(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page := sessionPage{Fields: map[string]string{}}
	start, err := time.Parse(time.RFC3339, r.PostFormValue("start"))
	if err == nil {
		_, err = s.Coaching.Schedule.Reschedule(r.Context(), policy.ActorOf(sess.User), id, start)
	} else {
		err = errs.Validation{"start": "choose one of the open times"}.Err()
	}
	if err != nil {
		if !s.formError(err, &page.Fields, &page.Error) {
			s.renderError(w, r, err)
			return
		}
		s.renderSession(w, r, sess, http.StatusUnprocessableEntity, page)
		return
	}
	http.Redirect(w, r, "/sessions/"+r.PathValue("id")+"?done=moved", http.StatusSeeOther)
}

func (s *Server) sessionCancel(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if _, err := s.Coaching.Schedule.Cancel(r.Context(), policy.ActorOf(sess.User), id); err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/sessions/"+r.PathValue("id")+"?done=cancelled", http.StatusSeeOther)
}

func (s *Server) sessionAttendance(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	st := schedule.Status(r.PostFormValue("status"))
	if _, err := s.Coaching.Schedule.MarkAttendance(r.Context(), policy.ActorOf(sess.User), id, st); err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/sessions/"+r.PathValue("id")+"?done=attendance", http.StatusSeeOther)
}

// noticeOf turns the ?done= marker of a redirect into a confirmation.
func noticeOf(r *http.Request) string {
	switch r.URL.Query().Get("done") {
	case "booked":
		return "Booked. Your session is confirmed; you and your coach have been emailed a confirmation with a calendar invitation, and reminders come before it starts."
	case "moved":
		return "The session was moved. Reminders and calendars follow the new time."
	case "cancelled":
		return "The session was cancelled. Its reminders will not be sent."
	case "attendance":
		return "Attendance recorded."
	case "saved":
		return "Saved."
	case "signed":
		return "Note signed off. It is now locked; later changes are added as amendments."
	}
	return ""
}

// dict builds a map for passing several values to a sub-template.
func dict(kv ...any) map[string]any {
	m := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		if k, ok := kv[i].(string); ok {
			m[k] = kv[i+1]
		}
	}
	return m
}

func formatInt(n int64) string { return strconv.FormatInt(n, 10) }
