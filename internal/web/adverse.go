package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/adverse"
	"github.com/afterward/afterward/internal/httpx"
)

// adversePage is a client's adverse-reaction log with the form to add one,
// in the coach's client context.
type adversePage struct {
	ClientID      int64
	Rows          []adverseRow
	Severities    []adverse.Severity
	Form          adverseForm
	CanRecord     bool
	Fields        map[string]string
	Error, Notice string
}

type adverseRow struct {
	adverse.Reaction
	When string // in the viewer's zone
}

type adverseForm struct {
	OccurredAt, Severity, What, Response, FollowUp string
}

func (s *Server) adverseShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	page := adversePage{Fields: map[string]string{}}
	switch r.URL.Query().Get("done") {
	case "logged":
		page.Notice = "Logged."
	case "alerted":
		page.Notice = "Logged, and a safety alert was raised: it is in the safety queue."
	}
	s.renderAdverse(w, r, sess, http.StatusOK, page)
}

func (s *Server) renderAdverse(w http.ResponseWriter, r *http.Request, sess account.Session, status int, page adversePage) {
	id, err := httpx.PathID(r, "client")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	list, err := s.Safety.Adverse.List(r.Context(), actor(sess), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	for _, x := range list {
		page.Rows = append(page.Rows, adverseRow{Reaction: x, When: formatTime(x.OccurredAt, sess.User.TimeZone)})
	}
	page.ClientID, page.Severities, page.CanRecord = id, adverse.Severities, sess.User.Role == account.Coach
	render(s, w, r, status, "adverse", "Adverse reactions", page)
}

// adverseCreate logs a reaction; a severe one raises a safety alert.
func (s *Server) adverseCreate(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, err := httpx.PathID(r, "client")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := adverseForm{OccurredAt: r.PostFormValue("occurred_at"), Severity: r.PostFormValue("severity"), What: r.PostFormValue("what"),
		Response: r.PostFormValue("response"), FollowUp: r.PostFormValue("follow_up")}
	page := adversePage{Form: f, Fields: map[string]string{}}
	at, perr := time.ParseInLocation("2006-01-02T15:04", strings.TrimSpace(f.OccurredAt), location(sess.User.TimeZone))
	rep := adverse.Report{OccurredAt: at, Severity: adverse.Severity(f.Severity), What: f.What, Response: f.Response, FollowUp: f.FollowUp}
	got, err := s.Safety.Adverse.Record(r.Context(), actor(sess), id, rep)
	if err == nil && perr == nil {
		done := "logged"
		if got.AlertID != 0 {
			done = "alerted"
		}
		http.Redirect(w, r, "/clients/"+strconv.FormatInt(id, 10)+"/adverse?done="+done, http.StatusSeeOther)
		return
	}
	if err != nil && !s.formError(err, &page.Fields, &page.Error) {
		s.renderError(w, r, err)
		return
	}
	if perr != nil && f.OccurredAt != "" {
		page.Fields["occurred_at"] = "enter the date and time it happened"
	}
	s.renderAdverse(w, r, sess, http.StatusUnprocessableEntity, page)
}
