package web

import (
	"net/http"
	"strconv"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/httpx"
)

// The thread between a client's coach and a clinician the client shared
// their record with (careteam.TeamThread decides who may read it).

type teamThreadPage struct {
	Action, Back, BackLabel string
	With, About             string
	Rows                    []messageRow
	Body                    string
	Fields                  map[string]string
}

func (s *Server) teamThreadShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	s.teamThreadPage(w, r, sess, http.StatusOK, teamThreadPage{})
}

func (s *Server) teamThreadSend(w http.ResponseWriter, r *http.Request, sess account.Session) {
	clientID, err1 := httpx.PathID(r, "client")
	clinicianID, err2 := httpx.PathID(r, "clinician")
	if err1 != nil || err2 != nil {
		s.renderError(w, r, errNotFound)
		return
	}
	body := r.PostFormValue("body")
	err := s.Clinicians.CareTeam.SendTeamMessage(r.Context(), actor(sess), clientID, clinicianID, body)
	if f := fieldsOf(err); f != nil {
		s.teamThreadPage(w, r, sess, http.StatusUnprocessableEntity, teamThreadPage{Body: body, Fields: f})
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, r.URL.Path+"#latest", http.StatusSeeOther)
}

func (s *Server) teamThreadPage(w http.ResponseWriter, r *http.Request, sess account.Session, status int, page teamThreadPage) {
	clientID, err1 := httpx.PathID(r, "client")
	clinicianID, err2 := httpx.PathID(r, "clinician")
	if err1 != nil || err2 != nil {
		s.renderError(w, r, errNotFound)
		return
	}
	t, err := s.Clinicians.CareTeam.TeamThread(r.Context(), actor(sess), clientID, clinicianID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	id := strconv.FormatInt(clientID, 10)
	page.Action, page.About = r.URL.Path, t.ClientName
	page.With, page.Back, page.BackLabel = t.Coach+", "+t.ClientName+"'s coach", "/care-team/clients/"+id, "Shared record"
	if sess.User.Role == account.Coach {
		page.With, page.Back, page.BackLabel = t.ClinicianName, "/clients/"+id+"#care-team", "Chart"
	}
	for _, m := range t.Messages {
		page.Rows = append(page.Rows, messageRow{Mine: m.Mine, Sender: m.SenderName, Body: m.Body, Date: formatTime(m.At, sess.User.TimeZone)})
	}
	render(s, w, r, status, "team_thread", "Messages about "+t.ClientName, page)
}
