package web

import (
	"net/http"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/practice"
)

// programmePage is the admin's choice of regulated programme.
type programmePage struct {
	Current    practice.Programme
	Programmes []practice.Programme
	Fields     map[string]string
	Error      string
	Notice     string
}

func (s *Server) programmeShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	page := programmePage{Fields: map[string]string{}}
	if r.URL.Query().Get("done") == "saved" {
		page.Notice = "Saved. Bookings follow this programme's rules from now on."
	}
	s.renderProgramme(w, r, sess, http.StatusOK, page)
}

func (s *Server) renderProgramme(w http.ResponseWriter, r *http.Request, sess account.Session, status int, page programmePage) {
	cur, err := s.People.Practices.Programme(r.Context(), actor(sess))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page.Current, page.Programmes = cur, practice.Programmes
	render(s, w, r, status, "programme", "Regulated programme", page)
}

// programmeSave switches the practice's programme (the route is
// adminOnly; the service checks again).
func (s *Server) programmeSave(w http.ResponseWriter, r *http.Request, sess account.Session) {
	err := s.People.Practices.SetProgramme(r.Context(), actor(sess), practice.Programme(r.PostFormValue("programme")))
	if err == nil {
		http.Redirect(w, r, "/settings/programme?done=saved", http.StatusSeeOther)
		return
	}
	page := programmePage{Fields: map[string]string{}}
	if !s.formError(err, &page.Fields, &page.Error) {
		s.renderError(w, r, err)
		return
	}
	s.renderProgramme(w, r, sess, http.StatusUnprocessableEntity, page)
}
