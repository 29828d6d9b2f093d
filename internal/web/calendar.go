package web

import (
	"bytes"
	"net/http"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/calendar"
	"github.com/afterward/afterward/internal/policy"
)

type calendarPage struct {
	HasFeed bool
	NewURL  string // shown once, right after it is made
	Notice  string
}

func (s *Server) calendarShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	has, err := s.Schedule.HasFeed(r.Context(), policy.ActorOf(sess.User))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page := calendarPage{HasFeed: has}
	if r.URL.Query().Get("done") == "revoked" {
		page.Notice = "Your calendar link was turned off. Calendars subscribed to it stop updating."
	}
	render(s, w, r, http.StatusOK, "calendar_settings", "Calendar", page)
}

// calendarCreate makes a new private link, replacing the old one.
func (s *Server) calendarCreate(w http.ResponseWriter, r *http.Request, sess account.Session) {
	token, err := s.Schedule.NewFeedToken(r.Context(), policy.ActorOf(sess.User))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	render(s, w, r, http.StatusOK, "calendar_settings", "Calendar", calendarPage{HasFeed: true, NewURL: s.BaseURL + "/calendar/feed/" + token + ".ics"})
}

func (s *Server) calendarRevoke(w http.ResponseWriter, r *http.Request, sess account.Session) {
	if err := s.Schedule.RevokeFeed(r.Context(), policy.ActorOf(sess.User)); err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/calendar?done=revoked", http.StatusSeeOther)
}

// calendarFeed serves a private feed to calendar programs; the token is the
// credential, so unknown and revoked links are a plain 404.
func (s *Server) calendarFeed(w http.ResponseWriter, r *http.Request) {
	token, ok := trimSuffix(r.PathValue("file"), ".ics")
	if !ok {
		http.NotFound(w, r)
		return
	}
	feed, err := s.Schedule.FeedByToken(r.Context(), token)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	var buf bytes.Buffer
	if err := calendar.Write(&buf, feed, s.Now()); err != nil {
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Cache-Control", "private, max-age=300")
	_, _ = buf.WriteTo(w)
}

func trimSuffix(s, suffix string) (string, bool) {
	if len(s) <= len(suffix) || s[len(s)-len(suffix):] != suffix {
		return "", false
	}
	return s[:len(s)-len(suffix)], true
}
