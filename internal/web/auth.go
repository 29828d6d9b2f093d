package web

import (
	"errors"
	"net/http"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/auth"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/httpx"
)

// requireSignIn sends people who are not signed in to the sign-in page.
func (s *Server) requireSignIn(h func(http.ResponseWriter, *http.Request, account.Session)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sess, ok := httpx.SessionFrom(r.Context())
		if !ok {
			http.Redirect(w, r, "/signin", http.StatusSeeOther)
			return
		}
		h(w, r, sess)
	})
}

// refusals are the route gate's answers on pages: sign in first, or
// "not available to your account" for a role the page is not for. The gate
// answers before any record is looked up, so the answer says nothing about
// whether a record exists.
func (s *Server) refusals() httpx.Refusals {
	return httpx.Refusals{
		SignIn: func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/signin", http.StatusSeeOther) },
		WrongRole: func(w http.ResponseWriter, r *http.Request) {
			s.renderError(w, r, errs.E(errs.Forbidden, "this page is not available to your account"))
		},
	}
}

type signinPage struct {
	Email  string
	Error  string
	Notice string
	Fields map[string]string
}

func (s *Server) signinShow(w http.ResponseWriter, r *http.Request) {
	if _, ok := httpx.SessionFrom(r.Context()); ok {
		http.Redirect(w, r, "/dashboard", http.StatusSeeOther)
		return
	}
	render(s, w, r, http.StatusOK, "signin", "Sign in", signinPage{})
}

func (s *Server) signinCreate(w http.ResponseWriter, r *http.Request) {
	form, fields := parseSigninForm(readForm(w, r))
	page := signinPage{Email: form.Email, Fields: fields}
	if len(fields) > 0 {
		render(s, w, r, http.StatusUnprocessableEntity, "signin", "Sign in", page)
		return
	}
	res, err := s.People.Auth.SignIn(r.Context(), form.Email, form.Password, requestMeta(r))
	switch {
	case err == auth.ErrTooMany:
		page.Error = auth.ErrTooMany.Msg
		render(s, w, r, http.StatusTooManyRequests, "signin", "Sign in", page)
		return
	case errs.Is(err, errs.Unauthorized):
		page.Error = auth.ErrSignIn.Msg
		render(s, w, r, http.StatusUnauthorized, "signin", "Sign in", page)
		return
	case err != nil:
		s.renderError(w, r, err)
		return
	}
	s.continueSignIn(w, r, res)
}

func (s *Server) signout(w http.ResponseWriter, r *http.Request, _ account.Session) {
	if token := httpx.SessionToken(r, s.Settings.SecureCookies); token != "" {
		if err := s.People.Accounts.EndSession(r.Context(), token); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	httpx.ClearSessionCookie(w, s.Settings.SecureCookies)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func signedInUser(r *http.Request) (account.User, bool) {
	sess, ok := httpx.SessionFrom(r.Context())
	return sess.User, ok
}

// asError finds the taxonomy error in err, for its per-field problems.
func asError(err error, target **errs.Error) bool { return errors.As(err, target) }
