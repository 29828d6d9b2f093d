package web

import (
	"encoding/base64"
	"html/template"
	"net/http"
	"time"

	"github.com/afterward/afterward/internal/auth"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/httpx"
)

// pendingCookie carries the short-lived token of a sign-in whose second
// step is outstanding; only /signin paths see it.
const pendingCookie = "afterward_pending"

// pendingCookieName is pendingCookie, with the __Secure- prefix over
// https (its Path is /signin, so __Host- does not apply).
func (s *Server) pendingCookieName() string {
	if s.Settings.SecureCookies {
		return "__Secure-" + pendingCookie
	}
	return pendingCookie
}

func requestMeta(r *http.Request) auth.Meta {
	return auth.Meta{ClientIP: httpx.ClientIP(r), UserAgent: r.UserAgent()}
}

// continueSignIn sends a person to the step a sign-in result asks for.
func (s *Server) continueSignIn(w http.ResponseWriter, r *http.Request, res auth.SignInResult) {
	switch res.Step {
	case auth.StepDone:
		s.clearPending(w)
		httpx.SetSessionCookie(w, res.Session, s.Settings.SecureCookies)
		http.Redirect(w, r, "/dashboard", http.StatusSeeOther)
	case auth.StepTOTP:
		s.setPending(w, res.Pending)
		http.Redirect(w, r, "/signin/code", http.StatusSeeOther)
	default:
		s.setPending(w, res.Pending)
		http.Redirect(w, r, "/signin/enrol", http.StatusSeeOther)
	}
}

func (s *Server) setPending(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{Name: s.pendingCookieName(), Value: token, Path: "/signin", MaxAge: int(auth.PendingTTL / time.Second),
		HttpOnly: true, Secure: s.Settings.SecureCookies, SameSite: http.SameSiteLaxMode})
}

func (s *Server) clearPending(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: s.pendingCookieName(), Value: "", Path: "/signin", MaxAge: -1,
		HttpOnly: true, Secure: s.Settings.SecureCookies, SameSite: http.SameSiteLaxMode})
}

func (s *Server) pendingToken(r *http.Request) string {
	if c, err := r.Cookie(s.pendingCookieName()); err == nil {
		return c.Value
	}
	return ""
}

type codePage struct {
	Fields   map[string]string
	DemoHint string
}

func (s *Server) demoHint() string {
	if !s.Settings.Demo {
		return ""
	}
	return "Demo practice: staff codes come from the secret " + auth.DemoTOTPSecret + " (add it to your authenticator app, or run `afterward demo --no-serve` for the current code)."
}

func (s *Server) codeShow(w http.ResponseWriter, r *http.Request) {
	if s.pendingToken(r) == "" {
		http.Redirect(w, r, "/signin", http.StatusSeeOther)
		return
	}
	render(s, w, r, http.StatusOK, "auth_code", "Enter your code", codePage{DemoHint: s.demoHint()})
}

func (s *Server) codeCreate(w http.ResponseWriter, r *http.Request) {
	form, fields := parseCodeForm(readForm(w, r))
	page := codePage{Fields: fields, DemoHint: s.demoHint()}
	if len(fields) > 0 {
		render(s, w, r, http.StatusUnprocessableEntity, "auth_code", "Enter your code", page)
		return
	}
	res, err := s.People.Auth.SecondFactor(r.Context(), s.pendingToken(r), form.Code, requestMeta(r))
	if s.stepFailed(w, r, err, func(f map[string]string) {
		page.Fields = f
		render(s, w, r, http.StatusUnprocessableEntity, "auth_code", "Enter your code", page)
	}) {
		return
	}
	s.continueSignIn(w, r, res)
}

// stepFailed renders a failed sign-in step: field problems on the same
// page (422), an expired step back at the sign-in page.
func (s *Server) stepFailed(w http.ResponseWriter, r *http.Request, err error, invalid func(fields map[string]string)) bool {
	switch {
	case err == nil:
		return false
	case err == auth.ErrStepExpired:
		s.clearPending(w)
		render(s, w, r, http.StatusUnauthorized, "signin", "Sign in", signinPage{Error: auth.ErrStepExpired.Msg})
	case errs.Is(err, errs.Invalid) && invalid != nil:
		invalid(fieldsOf(err))
	default:
		s.renderError(w, r, err)
	}
	return true
}

type enrolPage struct {
	Action   string // where the form posts
	Secret   string
	QR       template.URL
	Fields   map[string]string
	Required bool
}

func newEnrolPage(action string, e auth.Enrolment, required bool) enrolPage {
	return enrolPage{Action: action, Secret: e.Secret, Required: required,
		QR: template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(e.PNG))}
}

func (s *Server) enrolShow(w http.ResponseWriter, r *http.Request) {
	e, err := s.People.Auth.PendingEnrolment(r.Context(), s.pendingToken(r))
	if err != nil {
		s.stepFailed(w, r, err, nil)
		return
	}
	render(s, w, r, http.StatusOK, "auth_enrol", "Set up two-step sign-in", newEnrolPage("/signin/enrol", e, true))
}

func (s *Server) enrolCreate(w http.ResponseWriter, r *http.Request) {
	form, fields := parseCodeForm(readForm(w, r))
	e, err := s.People.Auth.PendingEnrolment(r.Context(), s.pendingToken(r))
	if err != nil {
		s.stepFailed(w, r, err, nil)
		return
	}
	page := newEnrolPage("/signin/enrol", e, true)
	page.Fields = fields
	if len(fields) > 0 {
		render(s, w, r, http.StatusUnprocessableEntity, "auth_enrol", "Set up two-step sign-in", page)
		return
	}
	res, err := s.People.Auth.CompleteEnrolment(r.Context(), s.pendingToken(r), form.Code, requestMeta(r))
	if s.stepFailed(w, r, err, func(f map[string]string) {
		page.Fields = f
		render(s, w, r, http.StatusUnprocessableEntity, "auth_enrol", "Set up two-step sign-in", page)
	}) {
		return
	}
	s.clearPending(w)
	httpx.SetSessionCookie(w, res.Session, s.Settings.SecureCookies)
	render(s, w, r, http.StatusOK, "auth_recovery", "Your recovery codes", recoveryPage{Codes: res.RecoveryCodes, Next: "/dashboard"})
}

type recoveryPage struct {
	Codes []string
	Next  string
}
