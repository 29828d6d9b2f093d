package httpx

import (
	"context"
	"net/http"

	"github.com/afterward/afterward/internal/account"
)

// SessionCookie is the name of the sign-in cookie.
const SessionCookie = "afterward_session"

// SessionLookup finds the session for a cookie token.
type SessionLookup interface {
	SessionByToken(ctx context.Context, token string) (account.Session, error)
}

// LoadSession puts the signed-in session, if the cookie names a live one,
// on the request context. It never rejects a request: routes decide.
func LoadSession(sessions SessionLookup, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if c, err := r.Cookie(SessionCookie); err == nil && c.Value != "" {
			if s, err := sessions.SessionByToken(r.Context(), c.Value); err == nil {
				r = r.WithContext(WithSession(r.Context(), s))
			}
		}
		next.ServeHTTP(w, r)
	})
}

// SetSessionCookie writes the sign-in cookie.
func SetSessionCookie(w http.ResponseWriter, token string, secure bool) {
	http.SetCookie(w, &http.Cookie{
		Name: SessionCookie, Value: token, Path: "/",
		HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode,
	})
}

// ClearSessionCookie removes the sign-in cookie.
func ClearSessionCookie(w http.ResponseWriter, secure bool) {
	http.SetCookie(w, &http.Cookie{
		Name: SessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode,
	})
}
