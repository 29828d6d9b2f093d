package web

import (
	"net/http"
	"strconv"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/humantime"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/privacy"
)

// retentionPage lists the practice's records past their retention period,
// each with a destruction form, and the destruction certificates issued.
type retentionPage struct {
	Years        int
	Past         []retentionRow
	Certificates []certificateView
	Fields       map[string]string
	Problem      string // a refusal (inside the retention period), in the rule's words
	Chosen       int64
	Done         string
}

type retentionRow struct {
	ClientID            int64
	Name, Rule          string
	LastActivity, Until string
}

type certificateView struct {
	privacy.Certificate
	DestroyedAt, RetentionUntil, DestroyedBy string
	Records                                  []certificateRecord
}

type certificateRecord struct {
	Table string
	Count int64
}

func (s *Server) retentionShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	s.renderRetention(w, r, sess, http.StatusOK, retentionPage{Done: r.URL.Query().Get("certificate")})
}

func (s *Server) retentionDestroy(w http.ResponseWriter, r *http.Request, sess account.Session) {
	clientID, _ := strconv.ParseInt(r.PostFormValue("client"), 10, 64)
	cert, err := s.People.Privacy.Destroy(r.Context(), policy.ActorOf(sess.User), clientID, r.PostFormValue("requested_by"), r.PostFormValue("confirm") != "")
	if fields := fieldsOf(err); fields != nil {
		s.renderRetention(w, r, sess, http.StatusUnprocessableEntity, retentionPage{Fields: fields, Chosen: clientID})
		return
	}
	if errs.Is(err, errs.Conflict) {
		s.renderRetention(w, r, sess, http.StatusConflict, retentionPage{Problem: safeMessage(err), Chosen: clientID})
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/retention?certificate="+strconv.FormatInt(cert.ID, 10)+"#certificate-"+strconv.FormatInt(cert.ID, 10), http.StatusSeeOther)
}

func (s *Server) renderRetention(w http.ResponseWriter, r *http.Request, sess account.Session, status int, page retentionPage) {
	a := policy.ActorOf(sess.User)
	past, err := s.People.Privacy.PastRetention(r.Context(), a)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	certs, err := s.People.Privacy.Certificates(r.Context(), a)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	tz := sess.User.TimeZone
	page.Years = privacy.RetentionYears
	for _, p := range past {
		rule := p.Rule()
		if rule == "" {
			rule = "the practice's own " + strconv.Itoa(privacy.RetentionYears) + "-year period (no programme)"
		}
		page.Past = append(page.Past, retentionRow{ClientID: p.ClientID, Name: p.Name, Rule: rule,
			LastActivity: formatDate(p.LastActivity, tz), Until: formatDate(p.Until, tz)})
	}
	for _, c := range certs {
		v := certificateView{Certificate: c, DestroyedAt: formatTime(c.DestroyedAt, tz), DestroyedBy: c.DestroyedByName}
		if c.DestroyedBy == 0 {
			v.DestroyedBy = "Afterward, at the end of the client's erasure grace period"
		}
		if c.RetentionUntil != nil {
			v.RetentionUntil = formatDate(*c.RetentionUntil, tz)
		}
		for _, t := range c.Tables() {
			v.Records = append(v.Records, certificateRecord{t, c.Records[t]})
		}
		page.Certificates = append(page.Certificates, v)
	}
	render(s, w, r, status, "retention", "Records past retention", page)
}

// retentionCertificatePDF downloads one destruction certificate of the
// admin's practice as a PDF.
func (s *Server) retentionCertificatePDF(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	c, err := s.People.Privacy.CertificateByID(r.Context(), policy.ActorOf(sess.User), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	b, err := privacy.CertificatePDF(c, humantime.In(sess.User.TimeZone))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="destruction-certificate-`+strconv.FormatInt(c.ID, 10)+`.pdf"`)
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	_, _ = w.Write(b)
}
