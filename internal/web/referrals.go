package web

import (
	"net/http"
	"strconv"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/careteam"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/policy"
)

type referralsPage struct {
	Coach bool
	In    []referralInRow
	Out   []referralOutRow
}

type referralInRow struct{ Name, Urgency, Since, Status string }

type referralOutRow struct {
	ID                                       int64
	Client, Partner, Urgency, Status, Source string
	Summary, Since                           string
	Open                                     bool
}

// referralsIndex: a coach's referrals out (open first); a clinician's
// referrals in, with progress only where the client consented.
func (s *Server) referralsIndex(w http.ResponseWriter, r *http.Request, sess account.Session) {
	a, tz := policy.ActorOf(sess.User), sess.User.TimeZone
	page := referralsPage{Coach: a.Role == account.Coach}
	switch a.Role {
	case account.Coach:
		list, err := s.Clinicians.CareTeam.ReferralsOut(r.Context(), a)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		for _, x := range list {
			page.Out = append(page.Out, referralOutRow{x.ID, x.ClientName, x.Partner, x.Urgency, x.Status, careteam.ReferralSources[x.Source],
				x.SummaryTitle, formatDate(x.CreatedAt, tz), x.Status == "open"})
		}
	case account.Clinician:
		list, err := s.Clinicians.CareTeam.ReferralsIn(r.Context(), a)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		for _, x := range list {
			page.In = append(page.In, referralInRow{x.Name, x.Urgency, formatDate(x.CreatedAt, tz), x.Status})
		}
	default:
		s.renderError(w, r, errs.NotFoundf("not found"))
		return
	}
	render(s, w, r, http.StatusOK, "referrals", "Referrals", page)
}

type referralFormPage struct {
	Action    string
	Public    bool
	Out       bool
	ClientID  int64
	Client    string
	Source    string
	Partners  []careteam.Recipient
	Summaries []careteam.Recipient
	Urgencies []string
	Form      map[string]string
	Fields    map[string]string
}

func formValues(r *http.Request, names ...string) map[string]string {
	out := map[string]string{}
	for _, n := range names {
		out[n] = r.FormValue(n)
	}
	return out
}

// referralNew: with ?client=ID a coach's referral out (from the safety
// queue, an intake result or a session note); without, a clinician's
// referral in.
func (s *Server) referralNew(w http.ResponseWriter, r *http.Request, sess account.Session) {
	s.renderReferralForm(w, r, sess, http.StatusOK, map[string]string{"source": r.URL.Query().Get("from")}, nil)
}

func (s *Server) renderReferralForm(w http.ResponseWriter, r *http.Request, sess account.Session, status int, form, fields map[string]string) {
	a := policy.ActorOf(sess.User)
	page := referralFormPage{Action: "/referrals", Urgencies: careteam.Urgencies, Form: form, Fields: fields, Source: form["source"]}
	if raw := r.FormValue("client"); raw != "" {
		id, _ := strconv.ParseInt(raw, 10, 64)
		opts, err := s.Clinicians.CareTeam.ReferralOptions(r.Context(), a, id)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		page.Out, page.ClientID, page.Client, page.Partners, page.Summaries = true, id, opts.ClientName, opts.Partners, opts.Summaries
	} else if a.Role == account.Coach {
		http.Redirect(w, r, "/referrals", http.StatusSeeOther)
		return
	} else if a.Role != account.Clinician {
		s.renderError(w, r, errs.NotFoundf("not found"))
		return
	}
	render(s, w, r, status, "referral_form", "Refer", page)
}

var referralFields = []string{"name", "email", "experience_on", "reason", "urgency", "referrer_name", "referrer_email", "partner", "summary", "source"}

func (s *Server) referralCreate(w http.ResponseWriter, r *http.Request, sess account.Session) {
	a := policy.ActorOf(sess.User)
	form := formValues(r, referralFields...)
	var err error
	if raw := r.PostFormValue("client"); raw != "" {
		n := careteam.NewReferralOut{Reason: form["reason"], Urgency: form["urgency"], Source: form["source"]}
		n.ClientID, _ = strconv.ParseInt(raw, 10, 64)
		n.PartnerID, _ = strconv.ParseInt(form["partner"], 10, 64)
		n.SummaryID, _ = strconv.ParseInt(form["summary"], 10, 64)
		_, err = s.Clinicians.CareTeam.ReferOut(r.Context(), a, n)
	} else {
		_, err = s.Clinicians.CareTeam.ReferIn(r.Context(), a, careteam.NewReferralIn{Name: form["name"], Email: form["email"],
			ExperienceOn: form["experience_on"], Reason: form["reason"], Urgency: form["urgency"]})
	}
	if fields := fieldsOf(err); fields != nil {
		s.renderReferralForm(w, r, sess, http.StatusUnprocessableEntity, form, fields)
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/referrals", http.StatusSeeOther)
}

func (s *Server) referralStatus(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		s.renderError(w, r, errs.NotFoundf("referral not found"))
		return
	}
	if err := s.Clinicians.CareTeam.SetReferralStatus(r.Context(), policy.ActorOf(sess.User), id, r.PostFormValue("status")); err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/referrals", http.StatusSeeOther)
}

// referPublicShow is the practice's public referral link, for referrers
// without an account (a dietitian, a GP).
func (s *Server) referPublicShow(w http.ResponseWriter, r *http.Request) {
	render(s, w, r, http.StatusOK, "referral_form", "Refer someone", referralFormPage{Action: r.URL.Path, Public: true, Urgencies: careteam.Urgencies, Form: map[string]string{}})
}

func (s *Server) referPublicCreate(w http.ResponseWriter, r *http.Request) {
	form := formValues(r, referralFields...)
	_, err := s.Clinicians.CareTeam.ReferInPublic(r.Context(), r.PathValue("slug"), careteam.NewReferralIn{Name: form["name"], Email: form["email"],
		ExperienceOn: form["experience_on"], Reason: form["reason"], Urgency: form["urgency"], ReferrerName: form["referrer_name"], ReferrerEmail: form["referrer_email"]})
	if fields := fieldsOf(err); fields != nil {
		render(s, w, r, http.StatusUnprocessableEntity, "referral_form", "Refer someone",
			referralFormPage{Action: r.URL.Path, Public: true, Urgencies: careteam.Urgencies, Form: form, Fields: fields})
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	render(s, w, r, http.StatusOK, "referral_form", "Referral sent", referralFormPage{Public: true, Form: map[string]string{"sent": "yes"}})
}
