package web

import (
	"bytes"
	"net/http"
	"strings"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/calendar"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/schedule"
)

type calendarPage struct {
	Coach   bool
	Label   string // how the feed names clients: none or initials
	HasFeed bool
	NewURL  string // shown once, right after it is made
	Notice  string
}

func (s *Server) calendarShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	has, err := s.Coaching.Schedule.HasFeed(r.Context(), policy.ActorOf(sess.User))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page := calendarPage{HasFeed: has}
	if err := s.feedLabel(r, sess, &page); err != nil {
		s.renderError(w, r, err)
		return
	}
	if r.URL.Query().Get("done") == "names" {
		page.Notice = "Saved. Calendars subscribed to your link show the change at their next refresh."
	}
	if r.URL.Query().Get("done") == "revoked" {
		page.Notice = "Your calendar link was turned off. Calendars subscribed to it stop updating."
	}
	render(s, w, r, http.StatusOK, "calendar_settings", "Calendar", page)
}

// calendarCreate makes a new private link, replacing the old one.
func (s *Server) calendarCreate(w http.ResponseWriter, r *http.Request, sess account.Session) {
	token, err := s.Coaching.Schedule.NewFeedToken(r.Context(), policy.ActorOf(sess.User))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page := calendarPage{HasFeed: true, NewURL: s.Settings.BaseURL + "/calendar/feed/" + token + ".ics"}
	if err := s.feedLabel(r, sess, &page); err != nil {
		s.renderError(w, r, err)
		return
	}
	render(s, w, r, http.StatusOK, "calendar_settings", "Calendar", page)
}

func (s *Server) calendarRevoke(w http.ResponseWriter, r *http.Request, sess account.Session) {
	if err := s.Coaching.Schedule.RevokeFeed(r.Context(), policy.ActorOf(sess.User)); err != nil {
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
	feed, err := s.Coaching.Schedule.FeedByToken(r.Context(), token)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	for i := range feed.Events { // links back to our pages, with our host
		if strings.HasPrefix(feed.Events[i].URL, "/") {
			feed.Events[i].URL = s.Settings.BaseURL + feed.Events[i].URL
		}
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

func (s *Server) feedLabel(r *http.Request, sess account.Session, page *calendarPage) error {
	page.Coach = sess.User.Role == account.Coach
	if !page.Coach {
		return nil
	}
	l, err := s.Coaching.Schedule.FeedLabel(r.Context(), policy.ActorOf(sess.User))
	page.Label = string(l)
	return err
}

// calendarNames saves how a coach's feed names clients.
func (s *Server) calendarNames(w http.ResponseWriter, r *http.Request, sess account.Session) {
	err := s.Coaching.Schedule.SetFeedLabel(r.Context(), policy.ActorOf(sess.User), schedule.ClientLabel(r.PostFormValue("client_label")))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/calendar?done=names", http.StatusSeeOther)
}
