package web

import (
	"net/http"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/auth"
	"github.com/afterward/afterward/internal/contact"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/httpx"
)

type settingsPage struct {
	User     account.User
	Sessions []sessionRow
	TwoStep  auth.TwoStepStatus
	Notice   string
	// Issue 16's sections (settings_notify.go).
	Account  accountForm
	Notify   notifyForm
	Contact  *contact.Contact // clients only
	IsClient bool
	Fields   map[string]string
	Saved    string
}

type sessionRow struct {
	Device, IP, Started, LastSeen string
	Current                       bool
}

func (s *Server) settingsShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	s.settingsPage(w, r, sess, http.StatusOK, settingsPage{})
}

// settingsPage renders Settings with page's form state (after a refused
// save) or the stored values.
func (s *Server) settingsPage(w http.ResponseWriter, r *http.Request, sess account.Session, status int, page settingsPage) {
	u := sess.User
	sessions, err := s.People.Accounts.Sessions(r.Context(), u.ID, httpx.SessionToken(r, s.Settings.SecureCookies))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	st, err := s.People.Auth.Status(r.Context(), u)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page.User, page.TwoStep = u, st
	if !page.Account.Filled {
		page.Account = accountFormOf(u)
	}
	for _, si := range sessions {
		page.Sessions = append(page.Sessions, sessionRow{Device: deviceLabel(si.UserAgent), IP: si.ClientIP,
			Started: formatTime(si.CreatedAt, u.TimeZone), LastSeen: formatTime(si.LastSeenAt, u.TimeZone), Current: si.Current})
	}
	if err := s.settingsExtras(r, sess, &page); err != nil {
		s.renderError(w, r, err)
		return
	}
	render(s, w, r, status, "auth_settings", "Settings", page)
}

func (s *Server) signoutEverywhere(w http.ResponseWriter, r *http.Request, sess account.Session) {
	if err := s.People.Auth.SignOutEverywhere(r.Context(), sess.User); err != nil {
		s.renderError(w, r, err)
		return
	}
	httpx.ClearSessionCookie(w, s.Settings.SecureCookies)
	render(s, w, r, http.StatusOK, "auth_message", "Signed out everywhere", messagePage{Heading: "You are signed out everywhere",
		Message: "Every browser and device that was signed in to your account has been signed out, including this one.", LinkHref: "/signin", LinkText: "Sign in again"})
}

func (s *Server) twoStepShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	e, err := s.People.Auth.StartEnrolment(r.Context(), sess.User)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	render(s, w, r, http.StatusOK, "auth_enrol", "Set up two-step sign-in", newEnrolPage("/settings/two-step", e, false))
}

func (s *Server) twoStepCreate(w http.ResponseWriter, r *http.Request, sess account.Session) {
	form, fields := parseCodeForm(readForm(w, r))
	var codes []string
	var err error
	if len(fields) == 0 {
		codes, err = s.People.Auth.ConfirmEnrolment(r.Context(), sess.User, form.Code)
		if err != nil && !errs.Is(err, errs.Invalid) {
			s.renderError(w, r, err)
			return
		}
		fields = fieldsOf(err)
	}
	if len(fields) > 0 {
		e, err := s.People.Auth.StartEnrolment(r.Context(), sess.User)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		page := newEnrolPage("/settings/two-step", e, false)
		page.Fields = fields
		render(s, w, r, http.StatusUnprocessableEntity, "auth_enrol", "Set up two-step sign-in", page)
		return
	}
	render(s, w, r, http.StatusOK, "auth_recovery", "Your recovery codes", recoveryPage{Codes: codes, Next: "/settings"})
}

func (s *Server) twoStepOff(w http.ResponseWriter, r *http.Request, sess account.Session) {
	err := s.People.Auth.TurnOff(r.Context(), sess.User, sess.User.ID, readForm(w, r).Get("password"), requestMeta(r))
	if fields := fieldsOf(err); fields != nil {
		s.settingsPage(w, r, sess, http.StatusUnprocessableEntity, settingsPage{Fields: fields})
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/settings", http.StatusSeeOther)
}

// deviceLabel is a short, rough name for a browser from its User-Agent.
func deviceLabel(ua string) string {
	for _, k := range []struct{ needle, label string }{{"Firefox", "Firefox"}, {"Edg/", "Edge"}, {"Chrome", "Chrome"},
		{"Safari", "Safari"}, {"curl", "curl"}, {"Go-http-client", "Program"}} {
		if containsFold(ua, k.needle) {
			return k.label
		}
	}
	if ua == "" {
		return "Unknown browser"
	}
	return "Other browser"
}
