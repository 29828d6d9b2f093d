package web

import (
	"net/http"
	"strconv"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/careteam"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/humantime"
	"github.com/afterward/afterward/internal/policy"
)

type summariesPage struct {
	Summaries []summaryRow
}

type summaryRow struct {
	ID                         int64
	Title, Body, Coach, Status string
	Written                    string
	Pending                    bool
}

// summariesIndex: the client's summaries from their coach, to approve or
// decline; nothing leaves the practice before they approve.
func (s *Server) summariesIndex(w http.ResponseWriter, r *http.Request, sess account.Session) {
	a := policy.ActorOf(sess.User)
	if a.Role != account.Client {
		s.renderError(w, r, errs.NotFoundf("not found"))
		return
	}
	list, err := s.Clinicians.CareTeam.ClientSummaries(r.Context(), a, a.UserID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	var page summariesPage
	for _, x := range list {
		page.Summaries = append(page.Summaries, summaryRow{x.ID, x.Title, x.Body, x.CoachName, string(x.Status),
			formatDate(x.CreatedAt, sess.User.TimeZone), x.Status == careteam.SummaryPending})
	}
	render(s, w, r, http.StatusOK, "summaries", "Summaries for your clinicians", page)
}

func (s *Server) summaryDecide(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		s.renderError(w, r, errs.NotFoundf("summary not found"))
		return
	}
	err = s.Clinicians.CareTeam.DecideSummary(r.Context(), policy.ActorOf(sess.User), id, r.PostFormValue("decision") == "approve")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/summaries", http.StatusSeeOther)
}

type summaryFormPage struct {
	ClientID    int64
	Client      string
	Title, Body string
	Fields      map[string]string
}

func (s *Server) summaryNew(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, _ := strconv.ParseInt(r.FormValue("client"), 10, 64)
	opts, err := s.Clinicians.CareTeam.ReferralOptions(r.Context(), policy.ActorOf(sess.User), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	render(s, w, r, http.StatusOK, "summary_form", "Write a summary", summaryFormPage{ClientID: id, Client: opts.ClientName})
}

func (s *Server) summaryCreate(w http.ResponseWriter, r *http.Request, sess account.Session) {
	n := careteam.NewSummary{Title: r.PostFormValue("title"), Body: r.PostFormValue("body")}
	n.ClientID, _ = strconv.ParseInt(r.PostFormValue("client"), 10, 64)
	_, err := s.Clinicians.CareTeam.WriteSummary(r.Context(), policy.ActorOf(sess.User), n)
	if fields := fieldsOf(err); fields != nil {
		render(s, w, r, http.StatusUnprocessableEntity, "summary_form", "Write a summary", summaryFormPage{ClientID: n.ClientID, Title: n.Title, Body: n.Body, Fields: fields})
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/referrals/new?client="+strconv.FormatInt(n.ClientID, 10), http.StatusSeeOther)
}

// sharedSummaryPDF: an approved summary as a PDF, for a clinician the
// client shares summaries with (audited; 404 otherwise).
func (s *Server) sharedSummaryPDF(w http.ResponseWriter, r *http.Request, sess account.Session) {
	client, err1 := httpx.PathID(r, "client")
	id, err2 := httpx.PathID(r, "id")
	if err1 != nil || err2 != nil {
		s.renderError(w, r, errs.NotFoundf("not found"))
		return
	}
	x, err := s.Clinicians.CareTeam.SharedSummary(r.Context(), policy.ActorOf(sess.User), client, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	pdf, err := careteam.SummaryPDF(x, humantime.In(sess.User.TimeZone))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="summary-`+strconv.FormatInt(id, 10)+`.pdf"`)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(pdf)
}
