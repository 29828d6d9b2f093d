package web

import (
	"context"
	"net/http"

	"github.com/afterward/afterward/internal/auth"
	"github.com/afterward/afterward/internal/errs"
)

// emailPage asks for an address to send a link to (sign-in link or reset).
type emailPage struct {
	Heading, Intro, Action, Button string
	Email                          string
	Fields                         map[string]string
}

var (
	linkRequest = emailPage{Heading: "Email me a sign-in link", Action: "/signin/link", Button: "Email me a link",
		Intro: "Clients can sign in with a link instead of a password. It works once, for 15 minutes."}
	resetRequest = emailPage{Heading: "Reset your password", Action: "/reset", Button: "Email me a reset link",
		Intro: "We will email you a link to choose a new password. It works once, for 30 minutes, and signs you out everywhere."}
)

// messagePage is a short confirmation or explanation.
type messagePage struct {
	Heading, Message, LinkHref, LinkText string
}

// sentMessage is the same for every well-formed address, known or not.
var sentMessage = messagePage{Heading: "Check your email",
	Message:  "If that address belongs to an account that can use this, we have sent it a link. It may take a minute to arrive; check your spam folder too.",
	LinkHref: "/signin", LinkText: "Back to sign in"}

func (s *Server) linkRequestShow(w http.ResponseWriter, r *http.Request) {
	render(s, w, r, http.StatusOK, "auth_email", linkRequest.Heading, linkRequest)
}

func (s *Server) resetRequestShow(w http.ResponseWriter, r *http.Request) {
	render(s, w, r, http.StatusOK, "auth_email", resetRequest.Heading, resetRequest)
}

func (s *Server) linkRequestCreate(w http.ResponseWriter, r *http.Request) {
	s.emailRequest(w, r, linkRequest, s.People.Auth.RequestSignInLink)
}

func (s *Server) resetRequestCreate(w http.ResponseWriter, r *http.Request) {
	s.emailRequest(w, r, resetRequest, s.People.Auth.RequestPasswordReset)
}

func (s *Server) emailRequest(w http.ResponseWriter, r *http.Request, page emailPage, send func(ctx context.Context, email string) error) {
	form, fields := parseEmailForm(readForm(w, r))
	page.Email, page.Fields = form.Email, fields
	if len(fields) == 0 {
		if err := send(r.Context(), form.Email); err != nil {
			if !errs.Is(err, errs.Invalid) {
				s.renderError(w, r, err)
				return
			}
			page.Fields = fieldsOf(err)
		}
	}
	if len(page.Fields) > 0 {
		render(s, w, r, http.StatusUnprocessableEntity, "auth_email", page.Heading, page)
		return
	}
	render(s, w, r, http.StatusOK, "auth_message", sentMessage.Heading, sentMessage)
}

// linkConfirmPage asks for one click before a link is used, so mail
// scanners that fetch links do not spend them.
type linkConfirmPage struct{ Action string }

func (s *Server) linkShow(w http.ResponseWriter, r *http.Request) {
	render(s, w, r, http.StatusOK, "auth_link", "Sign in", linkConfirmPage{Action: "/signin/link/" + r.PathValue("token")})
}

func (s *Server) linkUse(w http.ResponseWriter, r *http.Request) {
	res, err := s.People.Auth.SignInWithLink(r.Context(), r.PathValue("token"), requestMeta(r))
	if err == auth.ErrLinkInvalid {
		render(s, w, r, http.StatusNotFound, "auth_message", "Link expired", messagePage{Heading: "That link no longer works",
			Message: auth.ErrLinkInvalid.Msg, LinkHref: "/signin/link", LinkText: "Email me a new link"})
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.continueSignIn(w, r, res)
}

type passwordPage struct {
	Action string
	Fields map[string]string
}

func (s *Server) resetShow(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	if err := s.People.Auth.CheckResetToken(r.Context(), token); err != nil {
		s.resetExpired(w, r)
		return
	}
	render(s, w, r, http.StatusOK, "auth_password", "Choose a new password", passwordPage{Action: "/reset/" + token})
}

func (s *Server) resetCreate(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	form, fields := parsePasswordForm(readForm(w, r))
	page := passwordPage{Action: "/reset/" + token, Fields: fields}
	if len(fields) == 0 {
		err := s.People.Auth.ResetPassword(r.Context(), token, form.Password)
		switch {
		case err == auth.ErrLinkInvalid:
			s.resetExpired(w, r)
			return
		case errs.Is(err, errs.Invalid):
			page.Fields = fieldsOf(err)
		case err != nil:
			s.renderError(w, r, err)
			return
		}
	}
	if len(page.Fields) > 0 {
		render(s, w, r, http.StatusUnprocessableEntity, "auth_password", "Choose a new password", page)
		return
	}
	render(s, w, r, http.StatusOK, "auth_message", "Password changed", messagePage{Heading: "Your password has been changed",
		Message: "You have been signed out on every device. Sign in with your new password.", LinkHref: "/signin", LinkText: "Sign in"})
}

func (s *Server) resetExpired(w http.ResponseWriter, r *http.Request) {
	render(s, w, r, http.StatusNotFound, "auth_message", "Link expired", messagePage{Heading: "That link no longer works",
		Message: auth.ErrLinkInvalid.Msg, LinkHref: "/reset", LinkText: "Email me a new reset link"})
}
