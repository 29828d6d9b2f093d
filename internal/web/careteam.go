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

type careTeamPage struct {
	Consents   []consentRow
	Recipients []recipientOption
	Categories []categoryOption
	Form       careteam.Grant
	Fields     map[string]string
}

type consentRow struct {
	ID                      int64
	Recipient, Purpose      string
	Categories              []string
	Since, Until, RevokedAt string
	Active                  bool
}

type recipientOption struct {
	ID       int64
	Name     string
	Selected bool
}

type categoryOption struct {
	Value, Label string
	Checked      bool
}

func (s *Server) careTeamShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	s.renderCareTeam(w, r, sess, http.StatusOK, careteam.Grant{}, nil)
}

func (s *Server) consentCreate(w http.ResponseWriter, r *http.Request, sess account.Session) {
	g := careteam.Grant{Purpose: r.PostFormValue("purpose"), EndsOn: r.PostFormValue("ends_on")}
	g.RecipientID, _ = strconv.ParseInt(r.PostFormValue("recipient"), 10, 64)
	_ = r.ParseForm()
	for _, c := range r.PostForm["categories"] {
		g.Categories = append(g.Categories, policy.Category(c))
	}
	_, err := s.Clinicians.CareTeam.Grant(r.Context(), policy.ActorOf(sess.User), sess.User.TimeZone, g)
	if fields := fieldsOf(err); fields != nil {
		s.renderCareTeam(w, r, sess, http.StatusUnprocessableEntity, g, fields)
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/care-team", http.StatusSeeOther)
}

func (s *Server) consentRevoke(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, err := httpx.PathID(r, "consent")
	if err != nil {
		s.renderError(w, r, errs.NotFoundf("consent not found"))
		return
	}
	if err := s.Clinicians.CareTeam.Revoke(r.Context(), policy.ActorOf(sess.User), id); err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/care-team", http.StatusSeeOther)
}

func (s *Server) renderCareTeam(w http.ResponseWriter, r *http.Request, sess account.Session, status int, g careteam.Grant, fields map[string]string) {
	a := policy.ActorOf(sess.User)
	consents, err := s.Clinicians.CareTeam.ClientConsents(r.Context(), a)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	recipients, err := s.Clinicians.CareTeam.Recipients(r.Context(), a)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	tz, now := sess.User.TimeZone, s.Now()
	page := careTeamPage{Form: g, Fields: fields}
	for _, c := range consents {
		row := consentRow{ID: c.ID, Recipient: c.RecipientName, Purpose: c.Purpose, Since: formatDate(c.StartsAt, tz), Active: c.Active(now)}
		for _, cat := range c.Categories {
			row.Categories = append(row.Categories, careteam.CategoryLabels[cat])
		}
		if c.EndsAt != nil {
			row.Until = formatDate(c.EndsAt.Add(-1), tz)
		}
		if c.RevokedAt != nil {
			row.RevokedAt = formatDate(*c.RevokedAt, tz)
		}
		page.Consents = append(page.Consents, row)
	}
	for _, rc := range recipients {
		name := rc.Name
		if rc.Unverified {
			name += " (invited by you; not yet verified by the practice)"
		}
		page.Recipients = append(page.Recipients, recipientOption{rc.ID, name, rc.ID == g.RecipientID})
	}
	chosen := map[policy.Category]bool{}
	for _, c := range g.Categories {
		chosen[c] = true
	}
	for _, c := range policy.Shareable {
		page.Categories = append(page.Categories, categoryOption{string(c), careteam.CategoryLabels[c], chosen[c]})
	}
	render(s, w, r, status, "careteam", "Your care team", page)
}

type clinicianDashboardPage struct {
	Clients []sharedClientRow
}

type sharedClientRow struct {
	ID         int64
	Name       string
	Categories []string
	Until      string
}

func (s *Server) clinicianDashboard(w http.ResponseWriter, r *http.Request, u account.User) {
	consents, err := s.Clinicians.CareTeam.SharedWithMe(r.Context(), policy.ActorOf(u))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page := clinicianDashboardPage{}
	for _, c := range consents {
		row := sharedClientRow{ID: c.ClientID, Name: c.ClientName, Until: "until revoked"}
		for _, cat := range c.Categories {
			row.Categories = append(row.Categories, careteam.CategoryLabels[cat])
		}
		if c.EndsAt != nil {
			row.Until = "until " + formatDate(c.EndsAt.Add(-1), u.TimeZone)
		}
		page.Clients = append(page.Clients, row)
	}
	render(s, w, r, http.StatusOK, "dashboard_clinician", "Care team", page)
}

type sharedRecordPage struct {
	ClientID      int64
	Me            int64 // the clinician, for the thread with the coach
	Name, Purpose string
	Until         string
	Sections      []sharedSection
}

type sharedSection struct {
	Label  string
	Items  []sharedItem
	Charts []chartView // the scores section's charts
}

type sharedItem struct {
	When, Title, Detail string
	SummaryID           int64 // links an approved summary's PDF
}

func (s *Server) sharedRecordShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, err := httpx.PathID(r, "client")
	if err != nil {
		s.renderError(w, r, errs.NotFoundf("not found"))
		return
	}
	v, err := s.Clinicians.CareTeam.ClinicianView(r.Context(), policy.ActorOf(sess.User), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page := sharedRecordPage{ClientID: id, Me: sess.User.ID, Name: v.ClientName, Purpose: v.Purpose}
	if v.Until != nil {
		page.Until = formatDate(v.Until.Add(-1), sess.User.TimeZone)
	}
	for _, sec := range v.Sections {
		ps := sharedSection{Label: sec.Label}
		if sec.Category == policy.Scores {
			// The charts the shared category promises, read through the
			// same consent (audited as a scores read).
			series, err := s.Measures.Questionnaires.History(r.Context(), policy.ActorOf(sess.User), id)
			if err != nil {
				s.renderError(w, r, err)
				return
			}
			for _, sr := range series {
				ps.Charts = append(ps.Charts, chartOf(sr, sess.User.TimeZone))
			}
		}
		for _, it := range sec.Items {
			detail := it.Detail
			if it.ClosedAt != nil {
				detail += " " + formatDate(*it.ClosedAt, sess.User.TimeZone)
			}
			ps.Items = append(ps.Items, sharedItem{formatTime(it.When, sess.User.TimeZone), it.Title, detail, it.SummaryID})
		}
		page.Sections = append(page.Sections, ps)
	}
	render(s, w, r, http.StatusOK, "careteam_record", v.ClientName, page)
}
