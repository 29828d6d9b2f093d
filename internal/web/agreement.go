package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/agreement"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/humantime"
)

// agreementPage is the coaching agreement: for the client, to read and
// sign (or their signed copy); for staff, a client's signatures.
type agreementPage struct {
	Status        agreement.Status
	ClientID      int64
	ClientName    string
	IsClient      bool
	Lines         []string // the text to sign, line by line
	Name          string   // what the client typed
	Fields        map[string]string
	Error, Notice string
	Next          string // where signing returns to (a local path), or ""
	TZ            string // the viewer's time zone, for the "when" formatter
}

func (s *Server) agreementShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	if err := clientOnly(sess); err != nil {
		s.renderError(w, r, err)
		return
	}
	page := agreementPage{Fields: map[string]string{}, Next: localPath(r.URL.Query().Get("next"))}
	if r.URL.Query().Get("done") == "signed" {
		page.Notice = "Signed. You can book sessions now, and download your copy below."
	}
	if page.Next != "" {
		page.Notice = "Before a coach is asked, please read and sign the coaching agreement: sessions can be booked only once it is signed. After signing you return to where you were."
	}
	s.renderAgreement(w, r, sess, sess.User.ID, http.StatusOK, page)
}

func (s *Server) renderAgreement(w http.ResponseWriter, r *http.Request, sess account.Session, clientID int64, status int, page agreementPage) {
	st, err := s.Coaching.Agreements.Status(r.Context(), actor(sess), clientID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page.Status, page.ClientID, page.IsClient, page.TZ = st, clientID, sess.User.Role == account.Client, sess.User.TimeZone
	page.Lines = linesOf(st.Current.Text)
	render(s, w, r, status, "agreement", "Coaching agreement", page)
}

// agreementSign records the client's signature of the version and text
// they were shown (the form carries its number and hash).
func (s *Server) agreementSign(w http.ResponseWriter, r *http.Request, sess account.Session) {
	if err := clientOnly(sess); err != nil {
		s.renderError(w, r, err)
		return
	}
	page := agreementPage{Name: r.PostFormValue("name"), Fields: map[string]string{}, Next: localPath(r.PostFormValue("next"))}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	if strings.TrimSpace(page.Name) == "" {
		page.Fields["name"] = "type your full name to sign"
	} else {
		_, err := s.Coaching.Agreements.Sign(r.Context(), actor(sess), version, page.Name, r.PostFormValue("hash"))
		if err == nil && page.Next != "" {
			http.Redirect(w, r, page.Next, http.StatusSeeOther)
			return
		}
		if err == nil {
			http.Redirect(w, r, "/agreement?done=signed", http.StatusSeeOther)
			return
		}
		if !s.formError(err, &page.Fields, &page.Error) {
			s.renderError(w, r, err)
			return
		}
	}
	s.renderAgreement(w, r, sess, sess.User.ID, http.StatusUnprocessableEntity, page)
}

// clientAgreement shows staff a client's signatures.
func (s *Server) clientAgreement(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, err := httpx.PathID(r, "client")
	if err != nil || sess.User.Role == account.Client {
		s.renderError(w, r, errs.NotFoundf("not found"))
		return
	}
	s.renderAgreement(w, r, sess, id, http.StatusOK, agreementPage{Fields: map[string]string{}})
}

// agreementPDF downloads a signed agreement for its client or practice.
func (s *Server) agreementPDF(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	g, err := s.Coaching.Agreements.Signed(r.Context(), actor(sess), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	b, err := agreement.PDF(g, humantime.In(sess.User.TimeZone))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="coaching-agreement-v`+strconv.Itoa(g.Version)+`.pdf"`)
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	_, _ = w.Write(b)
}

// agreementSettingsPage is the admin's editor for the practice's text.
type agreementSettingsPage struct {
	Current       agreement.Document
	Lines         []string // the current text as clients read it
	Body          string
	Fields        map[string]string
	Error, Notice string
}

func (s *Server) agreementSettingsShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	page := agreementSettingsPage{Fields: map[string]string{}}
	if r.URL.Query().Get("done") == "saved" {
		page.Notice = "Saved as a new version. Clients sign it before their next booking."
	}
	s.renderAgreementSettings(w, r, sess, http.StatusOK, page)
}

func (s *Server) renderAgreementSettings(w http.ResponseWriter, r *http.Request, sess account.Session, status int, page agreementSettingsPage) {
	cur, err := s.Coaching.Agreements.Current(r.Context(), sess.User.PracticeID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page.Current, page.Lines = cur, linesOf(cur.Text)
	if page.Body == "" {
		page.Body = cur.Body
	}
	render(s, w, r, status, "agreement_settings", "Coaching agreement", page)
}

// agreementSettingsSave saves the admin's text as a new version (the route
// is adminOnly; the service checks again).
func (s *Server) agreementSettingsSave(w http.ResponseWriter, r *http.Request, sess account.Session) {
	page := agreementSettingsPage{Body: r.PostFormValue("body"), Fields: map[string]string{}}
	_, err := s.Coaching.Agreements.Edit(r.Context(), actor(sess), page.Body)
	if err == nil {
		http.Redirect(w, r, "/settings/agreement?done=saved", http.StatusSeeOther)
		return
	}
	if !s.formError(err, &page.Fields, &page.Error) {
		s.renderError(w, r, err)
		return
	}
	s.renderAgreementSettings(w, r, sess, http.StatusUnprocessableEntity, page)
}

// linesOf splits a document into its non-empty lines, one paragraph each.
func linesOf(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// localPath is p when it is one of the pages a client is sent back to
// after signing, else "": never another site.
func localPath(p string) string {
	if p == "/intake/result" || (strings.HasPrefix(p, "/coaches/") && !strings.ContainsAny(p[len("/coaches/"):], "/?#\\")) {
		return p
	}
	return ""
}
