package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/afterward/afterward/internal/account"
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

type signinPage struct {
	Email  string
	Error  string
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
	email, password := strings.TrimSpace(r.PostFormValue("email")), r.PostFormValue("password")
	page := signinPage{Email: email, Fields: map[string]string{}}
	if email == "" {
		page.Fields["email"] = "enter your email address"
	}
	if password == "" {
		page.Fields["password"] = "enter your password"
	}
	if len(page.Fields) > 0 {
		render(s, w, r, http.StatusUnprocessableEntity, "signin", "Sign in", page)
		return
	}
	u, err := s.Accounts.Authenticate(r.Context(), email, password)
	if err != nil {
		if !errs.Is(err, errs.Unauthorized) {
			s.renderError(w, r, err)
			return
		}
		page.Error = account.ErrSignIn.Msg
		render(s, w, r, http.StatusUnauthorized, "signin", "Sign in", page)
		return
	}
	token, err := s.Accounts.StartSession(r.Context(), u, httpx.ClientIP(r), r.UserAgent())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	httpx.SetSessionCookie(w, token, s.SecureCookies)
	http.Redirect(w, r, "/dashboard", http.StatusSeeOther)
}

func (s *Server) signout(w http.ResponseWriter, r *http.Request, _ account.Session) {
	if c, err := r.Cookie(httpx.SessionCookie); err == nil {
		if err := s.Accounts.EndSession(r.Context(), c.Value); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	httpx.ClearSessionCookie(w, s.SecureCookies)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func signedInUser(r *http.Request) (account.User, bool) {
	sess, ok := httpx.SessionFrom(r.Context())
	return sess.User, ok
}

// asError finds the taxonomy error in err, for its per-field problems.
func asError(err error, target **errs.Error) bool { return errors.As(err, target) }
