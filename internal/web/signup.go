package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/auth"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/intake"
	"github.com/afterward/afterward/internal/practice"
)

// signupPage is the sign-up form, or (Closed) the plain explanation that
// the practice takes clients by invitation.
type signupPage struct {
	Practice              string
	Closed                bool
	CoachID               string
	CoachName             string
	Name, Email, TimeZone string
	AgreeTerms, AgreeCare bool
	Zones                 []intake.Option
	Fields                map[string]string
	Error                 string
}

// signupTarget is the practice a sign-up joins, and the coach it started
// from: the coach's practice when ?coach= names a published coach,
// otherwise the deployment's first practice.
func (s *Server) signupTarget(r *http.Request, coachParam string) (practice.Practice, signupPage, error) {
	page := signupPage{Fields: map[string]string{}}
	practiceID := int64(0)
	if id, err := strconv.ParseInt(coachParam, 10, 64); err == nil && id > 0 {
		if p, err := s.Coaching.Coaches.Public(r.Context(), id); err == nil {
			page.CoachID, page.CoachName, practiceID = coachParam, p.Name, p.PracticeID
		}
	}
	var p practice.Practice
	var err error
	if practiceID != 0 {
		p, err = s.People.Practices.Get(r.Context(), practiceID)
	} else {
		p, err = s.People.Practices.Home(r.Context())
	}
	page.Practice, page.Closed = p.Name, p.SignUp != practice.SignUpOpen
	return p, page, err
}

func (s *Server) signupShow(w http.ResponseWriter, r *http.Request) {
	if _, ok := httpx.SessionFrom(r.Context()); ok {
		http.Redirect(w, r, "/dashboard", http.StatusSeeOther)
		return
	}
	_, page, err := s.signupTarget(r, r.URL.Query().Get("coach"))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page.Zones = timeZoneOptions("")
	render(s, w, r, http.StatusOK, "signup", "Sign up", page)
}

func (s *Server) signupCreate(w http.ResponseWriter, r *http.Request) {
	v := readForm(w, r)
	p, page, err := s.signupTarget(r, v.Get("coach"))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page.Name, page.Email, page.TimeZone = strings.TrimSpace(v.Get("name")), strings.TrimSpace(v.Get("email")), strings.TrimSpace(v.Get("time_zone"))
	page.AgreeTerms, page.AgreeCare = v.Get("agree_terms") == "yes", v.Get("agree_not_therapy") == "yes"
	coachID, _ := strconv.ParseInt(page.CoachID, 10, 64)
	err = s.People.Auth.SignUp(r.Context(), auth.NewSignUp{Name: page.Name, Email: page.Email, TimeZone: page.TimeZone, AgreeTerms: page.AgreeTerms,
		AgreeNotTherapy: page.AgreeCare, CoachID: coachID, PracticeID: p.ID}, requestMeta(r))
	switch {
	case err == nil:
		render(s, w, r, http.StatusOK, "auth_message", "Check your email", messagePage{Heading: "Check your email",
			Message:  "We have sent a link to " + account.NormalizeEmail(page.Email) + ". Open it on this device within an hour to finish signing up; it may take a minute to arrive, so check your spam folder too. If the address already has an account, the email has a sign-in link instead.",
			LinkHref: "/crisis", LinkText: "Crisis resources, while you wait"})
		return
	case err == auth.ErrSignUpClosed:
		page.Closed = true
	case err == auth.ErrTooManySignUps:
		page.Error = auth.ErrTooManySignUps.Msg
	case errs.Is(err, errs.Invalid):
		page.Fields = fieldsOf(err)
	default:
		s.renderError(w, r, err)
		return
	}
	page.Zones = timeZoneOptions(page.TimeZone)
	status := http.StatusUnprocessableEntity
	if page.Error != "" {
		status = http.StatusTooManyRequests
	}
	render(s, w, r, status, "signup", "Sign up", page)
}

// signupLinkShow asks for one click before the link is used, so mail
// scanners that fetch links do not spend it.
func (s *Server) signupLinkShow(w http.ResponseWriter, r *http.Request) {
	render(s, w, r, http.StatusOK, "signup_link", "Finish signing up", linkConfirmPage{Action: "/signup/" + r.PathValue("token")})
}

// signupLinkUse creates the account, signs the person in and opens the
// intake.
func (s *Server) signupLinkUse(w http.ResponseWriter, r *http.Request) {
	res, err := s.People.Auth.CompleteSignUp(r.Context(), r.PathValue("token"), requestMeta(r))
	switch {
	case err == auth.ErrLinkInvalid:
		render(s, w, r, http.StatusNotFound, "auth_message", "Link expired", messagePage{Heading: "That link no longer works",
			Message:  "Sign-up links work once, for an hour. If you already finished signing up, sign in with a link instead; otherwise sign up again.",
			LinkHref: "/signin/link", LinkText: "Email me a sign-in link"})
		return
	case err != nil:
		s.renderError(w, r, err)
		return
	case res.Step == auth.StepDone:
		s.clearPending(w)
		httpx.SetSessionCookie(w, res.Session, s.Settings.SecureCookies)
		http.Redirect(w, r, "/intake", http.StatusSeeOther)
		return
	}
	s.continueSignIn(w, r, res)
}

// intakeEntry starts a signed-in person's intake; a visitor who is not
// signed in learns what the intake is and how to begin.
func (s *Server) intakeEntry(w http.ResponseWriter, r *http.Request) {
	if sess, ok := httpx.SessionFrom(r.Context()); ok {
		s.intakeStart(w, r, sess)
		return
	}
	_, page, err := s.signupTarget(r, "")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	render(s, w, r, http.StatusOK, "intake_welcome", "Start your intake", page)
}

// signupSettingsPage is the admin's "who may sign up" setting.
type signupSettingsPage struct {
	Mode   string
	Notice string
	Fields map[string]string
}

func (s *Server) signupSettingsShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	p, err := s.People.Practices.Get(r.Context(), sess.User.PracticeID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page := signupSettingsPage{Mode: string(p.SignUp), Fields: map[string]string{}}
	if r.URL.Query().Get("done") == "saved" {
		page.Notice = "Saved."
	}
	render(s, w, r, http.StatusOK, "signup_settings", "Who may sign up", page)
}

func (s *Server) signupSettingsSave(w http.ResponseWriter, r *http.Request, sess account.Session) {
	mode := readForm(w, r).Get("signup_mode")
	err := s.People.Auth.SetSignUpMode(r.Context(), sess.User, practice.SignUpMode(mode))
	if errs.Is(err, errs.Invalid) {
		render(s, w, r, http.StatusUnprocessableEntity, "signup_settings", "Who may sign up", signupSettingsPage{Mode: mode, Fields: fieldsOf(err)})
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/settings/signup?done=saved", http.StatusSeeOther)
}
