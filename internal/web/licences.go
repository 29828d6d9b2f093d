package web

import (
	"net/http"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/licence"
)

// licencesPage is the deployment's licence switch for licence-gated
// instruments.
type licencesPage struct {
	Rows          []licence.Status
	Ref           map[string]string // what the admin typed, by instrument
	Fields        map[string]string // errors by instrument id
	Error, Notice string
	TZ            string // the viewer's time zone, for the "when" formatter
}

func (s *Server) licencesShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	page := licencesPage{Fields: map[string]string{}, Ref: map[string]string{}}
	switch r.URL.Query().Get("done") {
	case "enabled":
		page.Notice = "Enabled for this deployment. Questionnaires, scores and charts can use it now."
	case "disabled":
		page.Notice = "Switched off. It is refused again until a licence is recorded."
	}
	s.renderLicences(w, r, sess, http.StatusOK, page)
}

func (s *Server) renderLicences(w http.ResponseWriter, r *http.Request, sess account.Session, status int, page licencesPage) {
	rows, err := s.Measures.Licences.List(r.Context(), actor(sess))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page.Rows, page.TZ = rows, sess.User.TimeZone
	render(s, w, r, status, "licences", "Licensed instruments", page)
}

// licenceEnable records the admin's licence reference and switches the
// instrument on (the route is adminOnly; the service checks again).
func (s *Server) licenceEnable(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, ref := r.PathValue("instrument"), r.PostFormValue("ref")
	err := s.Measures.Licences.Enable(r.Context(), actor(sess), id, ref)
	if err == nil {
		http.Redirect(w, r, "/admin/instruments?done=enabled", http.StatusSeeOther)
		return
	}
	page := licencesPage{Fields: map[string]string{}, Ref: map[string]string{id: ref}}
	fields := map[string]string{}
	if !s.formError(err, &fields, &page.Error) {
		s.renderError(w, r, err)
		return
	}
	page.Fields[id] = fields["ref"]
	s.renderLicences(w, r, sess, http.StatusUnprocessableEntity, page)
}

func (s *Server) licenceDisable(w http.ResponseWriter, r *http.Request, sess account.Session) {
	if err := s.Measures.Licences.Disable(r.Context(), actor(sess), r.PathValue("instrument")); err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/instruments?done=disabled", http.StatusSeeOther)
}
