package web

import (
	"net/http"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/policy"
)

// actionCheck checks an action off (or on again) and returns to the page
// the form came from.
func (s *Server) actionCheck(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	done := r.PostFormValue("done") == "1"
	if err := s.Coaching.Plans.CheckAction(r.Context(), policy.ActorOf(sess.User), id, done); err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/dashboard#progress", http.StatusSeeOther)
}
