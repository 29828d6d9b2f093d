package web

import (
	"net/http"
	"strconv"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/policy"
)

// safetySourcePage shows what raised an alert, opened through an audited
// read.
type safetySourcePage struct {
	Alert      alertRow
	HasText    bool
	Title      string
	Body       string
	Written    string
	Elsewhere  string // where the record is shown instead, when it has no text here
	ElseLabel  string
	NoTextNote string
}

func (s *Server) safetySource(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	a, text, err := s.Safety.Alerts.OpenSource(r.Context(), policy.ActorOf(sess.User), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page := safetySourcePage{Alert: s.alertRow(a, sess.User), HasText: s.Safety.Alerts.HasText(a.Source) && (text.Title != "" || text.Body != ""),
		Title: text.Title, Body: text.Body}
	if !text.At.IsZero() {
		page.Written = formatTime(text.At, sess.User.TimeZone)
	}
	client := strconv.FormatInt(a.ClientID, 10)
	switch a.Source.Kind {
	case "questionnaire":
		page.Elsewhere, page.ElseLabel = "/clients/"+client+"/scores", "See the client's questionnaire scores"
	case "intake":
		page.Elsewhere, page.ElseLabel = "/intakes", "See the intakes list"
	case "not_safe_button":
		page.NoTextNote = "The client pressed \u201cI\u2019m not safe right now\u201d. There is no text: please reach them now."
	}
	if !page.HasText && page.NoTextNote == "" && page.Elsewhere == "" {
		page.NoTextNote = "What raised this alert is no longer available (it may have been erased at the client's request)."
	}
	render(s, w, r, http.StatusOK, "safety_source", "What raised this alert", page)
}

func (s *Server) safetyAcknowledge(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, err := httpx.PathID(r, "id")
	if err == nil {
		err = s.Safety.Alerts.Acknowledge(r.Context(), policy.ActorOf(sess.User), id)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/safety#alert-"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}
