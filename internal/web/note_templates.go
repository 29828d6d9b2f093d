package web

import (
	"net/http"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/note"
	"github.com/afterward/afterward/internal/policy"
)

// The practice's session-note templates, kept by the admin.

type noteTemplatesPage struct {
	Templates []note.Template
	Form      note.Template
	Fields    map[string]string
	Saved     bool
}

func (s *Server) noteTemplatesShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	s.noteTemplatesPage(w, r, sess, http.StatusOK, noteTemplatesPage{Saved: r.URL.Query().Get("saved") == "1"})
}

func (s *Server) noteTemplatesPage(w http.ResponseWriter, r *http.Request, sess account.Session, status int, page noteTemplatesPage) {
	ts, err := s.Coaching.Notes.Templates(r.Context(), policy.ActorOf(sess.User))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page.Templates = ts
	render(s, w, r, status, "note_templates", "Note templates", page)
}

func (s *Server) noteTemplateCreate(w http.ResponseWriter, r *http.Request, sess account.Session) {
	t := note.Template{Name: r.PostFormValue("name"), Sections: note.Sections{Processing: r.PostFormValue("processing"),
		Patterns: r.PostFormValue("patterns"), Implementing: r.PostFormValue("implementing"), Creative: r.PostFormValue("creative"),
		Free: r.PostFormValue("free")}}
	_, err := s.Coaching.Notes.AddTemplate(r.Context(), policy.ActorOf(sess.User), t)
	if f := fieldsOf(err); f != nil {
		s.noteTemplatesPage(w, r, sess, http.StatusUnprocessableEntity, noteTemplatesPage{Form: t, Fields: f})
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/settings/note-templates?saved=1", http.StatusSeeOther)
}
