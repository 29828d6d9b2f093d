package api

import (
	"errors"
	"net/http"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/schedule"
)

// sessionJSON is one session as the API shows it.
type sessionJSON struct {
	ID         int64     `json:"id"`
	Start      time.Time `json:"start"`
	Minutes    int       `json:"minutes"`
	Format     string    `json:"format"`
	Location   string    `json:"location"`
	Status     string    `json:"status"`
	LateCancel bool      `json:"late_cancel"`
	CoachID    int64     `json:"coach_id"`
	CoachName  string    `json:"coach_name"`
	ClientID   int64     `json:"client_id"`
	ClientName string    `json:"client_name"`
}

func sessionOf(a schedule.Appointment) sessionJSON {
	return sessionJSON{ID: a.ID, Start: a.Start.UTC(), Minutes: a.Minutes, Format: string(a.Format), Location: a.Location,
		Status: string(a.Status), LateCancel: a.LateCancel, CoachID: a.CoachID, CoachName: a.CoachName, ClientID: a.ClientID, ClientName: a.ClientName}
}

// sessionWindow is how far the list looks by default.
const sessionWindow = 90 * 24 * time.Hour

// sessionsList lists the caller's own sessions (as coach or as client)
// starting in [from, to), cancelled ones included.
func (s *Server) sessionsList(w http.ResponseWriter, r *http.Request, sess account.Session) {
	now := s.Now().UTC()
	bad := map[string]string{}
	from, to := queryTime(r, "from", now, bad), queryTime(r, "to", now.Add(sessionWindow), bad)
	if len(bad) == 0 && !to.After(from) {
		bad["to"] = "end after from"
	}
	if len(bad) > 0 {
		writeError(s.Log, w, r, &errs.Error{Kind: errs.Invalid, Msg: "please correct the highlighted fields", Fields: bad})
		return
	}
	list, err := s.Schedule.Upcoming(r.Context(), policy.ActorOf(sess.User), from, to)
	if err != nil {
		writeError(s.Log, w, r, err)
		return
	}
	out := struct {
		Sessions []sessionJSON `json:"sessions"`
	}{Sessions: []sessionJSON{}}
	for _, a := range list {
		if a.Start.Before(from) {
			continue // Upcoming also returns sessions still running at from
		}
		out.Sessions = append(out.Sessions, sessionOf(a))
	}
	writeJSON(w, http.StatusOK, out)
}

func queryTime(r *http.Request, name string, def time.Time, bad map[string]string) time.Time {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		bad[name] = "use an RFC 3339 time such as 2026-03-02T17:00:00Z"
	}
	return t.UTC()
}

// bookingRequest books a session; a client books for themself.
type bookingRequest struct {
	ClientID int64  `json:"client_id"`
	Start    string `json:"start"`
	Minutes  int    `json:"minutes"`
	Format   string `json:"format"`
	Address  string `json:"address"`
}

// sessionCreate books a session with the client's coach. The schedule
// authorizes before it validates, so a stranger's client answers 404.
func (s *Server) sessionCreate(w http.ResponseWriter, r *http.Request, sess account.Session) {
	var req bookingRequest
	if err := decodeStrict(r, &req); err != nil {
		writeProblem(w, Problem{Type: "https://afterward.dev/problems/malformed", Title: "Bad Request", Status: http.StatusBadRequest,
			Detail: err.Error(), Instance: r.URL.Path, RequestID: httpx.RequestID(r.Context())})
		return
	}
	if req.ClientID == 0 && sess.User.Role == account.Client {
		req.ClientID = sess.User.ID
	}
	if req.ClientID <= 0 {
		// The shape of the request, like malformed JSON: no record is
		// named, so nothing is revealed before authorization.
		writeError(s.Log, w, r, errs.Validation{"client_id": "choose a client"}.Err())
		return
	}
	b := schedule.Booking{ClientID: req.ClientID, Minutes: req.Minutes, Format: schedule.Format(req.Format), Address: req.Address}
	start, startErr := time.Parse(time.RFC3339, req.Start)
	if startErr == nil {
		b.Start = start
	}
	// An unreadable start books the zero time, which the schedule refuses
	// (after authorizing) with its own field message.
	a, err := s.Schedule.Book(r.Context(), policy.ActorOf(sess.User), b)
	if err != nil {
		var e *errs.Error
		if startErr != nil && errs.KindOf(err) == errs.Invalid && errors.As(err, &e) && e.Fields != nil {
			e.Fields["start"] = "use an RFC 3339 time such as 2026-03-02T17:00:00Z"
		}
		writeError(s.Log, w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, sessionOf(a))
}
