package httpx

import (
	"context"
	"net/http"

	"github.com/afterward/afterward/internal/account"
)

// SessionCookie is the name of the sign-in cookie over plain http (local
// use and tests).
const SessionCookie = "afterward_session"

// SecureSessionCookie is its name over https: the __Host- prefix makes
// browsers accept it only with Secure, Path=/ and no Domain, so a page on
// another subdomain (or over http) cannot plant a session of its choosing.
const SecureSessionCookie = "__Host-" + SessionCookie

// SessionCookieName is the sign-in cookie's name for the deployment.
func SessionCookieName(secure bool) string {
	if secure {
		return SecureSessionCookie
	}
	return SessionCookie
}

// SessionToken is the sign-in cookie's value, "" when there is none.
func SessionToken(r *http.Request, secure bool) string {
	if c, err := r.Cookie(SessionCookieName(secure)); err == nil {
		return c.Value
	}
	return ""
}

// SessionLookup finds the session for a cookie token.
type SessionLookup interface {
	SessionByToken(ctx context.Context, token string) (account.Session, error)
}

// LoadSession puts the signed-in session, if the cookie names a live one,
// on the request context. It never rejects a request: routes decide.
// Over https only the __Host- cookie counts.
func LoadSession(sessions SessionLookup, secure bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if token := SessionToken(r, secure); token != "" {
			if s, err := sessions.SessionByToken(r.Context(), token); err == nil {
				r = r.WithContext(WithSession(r.Context(), s))
			}
		}
		next.ServeHTTP(w, r)
	})
}

// SetSessionCookie writes the sign-in cookie.
func SetSessionCookie(w http.ResponseWriter, token string, secure bool) {
	http.SetCookie(w, &http.Cookie{
		Name: SessionCookieName(secure), Value: token, Path: "/",
		HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode,
	})
}

// ClearSessionCookie removes the sign-in cookie.
func ClearSessionCookie(w http.ResponseWriter, secure bool) {
	http.SetCookie(w, &http.Cookie{
		Name: SessionCookieName(secure), Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode,
	})
}
