package web

import (
	"net/http"
	"strconv"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/journal"
)

// Editing and deleting a journal entry (the client's own).

func (s *Server) journalEdit(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, err := httpx.PathID(r, "id")
	if err == nil {
		err = clientOnly(sess)
	}
	var e journal.Entry
	if err == nil {
		e, err = s.ClientSpace.Journal.Get(r.Context(), actor(sess), sess.User.ID, id)
	}
	if err == nil && e.Status != journal.Saved {
		err = errNotFound
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	render(s, w, r, http.StatusOK, "journal_form", "Edit journal entry", journalFormPage{EditID: id, Key: e.Key, Title: e.Title, Body: e.Body, PromptText: e.PromptText})
}

func (s *Server) journalUpdate(w http.ResponseWriter, r *http.Request, sess account.Session) {
	r.Body = http.MaxBytesReader(w, r.Body, 4*journal.MaxBody+64<<10)
	id, err := httpx.PathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	in := journal.Input{Key: r.PostFormValue("key"), Title: r.PostFormValue("title"), Body: r.PostFormValue("body")}
	e, err := s.ClientSpace.Journal.Edit(r.Context(), actor(sess), sess.User.ID, id, in)
	if fields := fieldsOf(err); fields != nil {
		render(s, w, r, http.StatusUnprocessableEntity, "journal_form", "Edit journal entry", journalFormPage{EditID: id, Key: in.Key, Title: in.Title, Body: in.Body, Fields: fields})
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/journal/"+strconv.FormatInt(id, 10)+"?saved="+e.Key, http.StatusSeeOther)
}

func (s *Server) journalDelete(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	err = s.ClientSpace.Journal.Delete(r.Context(), actor(sess), sess.User.ID, id, r.PostFormValue("confirm") == "1")
	if fields := fieldsOf(err); fields != nil {
		s.entryPageWith(w, r, sess, sess.User.ID, http.StatusUnprocessableEntity, journalShowPage{DeleteError: fields["confirm"]})
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/journal?deleted=1", http.StatusSeeOther)
}
