// Package httpx holds the HTTP plumbing shared by the HTML pages and the JSON
// API: request ids, request logging, panic recovery, security headers and
// the signed-in actor on the request context. It knows nothing of pages or
// JSON shapes.
package httpx

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/audit"
)

type ctxKey int

const (
	requestIDKey ctxKey = iota
	sessionKey
)

// RequestID returns the id of the request being served.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

// WithSession stores the signed-in session on the context.
func WithSession(ctx context.Context, s account.Session) context.Context {
	return context.WithValue(ctx, sessionKey, s)
}

// WithoutSession hides the session from what runs with ctx (a page that
// must look the same to everyone, such as the cached offline page).
func WithoutSession(ctx context.Context) context.Context {
	return context.WithValue(ctx, sessionKey, nil)
}

// SessionFrom returns the signed-in session, if any.
func SessionFrom(ctx context.Context) (account.Session, bool) {
	s, ok := ctx.Value(sessionKey).(account.Session)
	return s, ok
}

// statusRecorder remembers the status for the access log.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusRecorder) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusRecorder) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

func (w *statusRecorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Logging gives every request an id (X-Request-Id), logs one line when it
// ends — method, path, status, duration, ids only — and turns a panic into a
// plain 500 with the request id, never a stack trace in the response.
func Logging(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := newRequestID()
		w.Header().Set("X-Request-Id", id)
		ctx := context.WithValue(r.Context(), requestIDKey, id)
		ctx = audit.WithRequest(ctx, audit.Request{ClientIP: ClientIP(r), RequestID: id})
		r = r.WithContext(ctx)
		rec := &statusRecorder{ResponseWriter: w}
		defer func() {
			if p := recover(); p != nil {
				log.Error("panic serving request", "request_id", id, "panic", p)
				if rec.status == 0 {
					http.Error(rec, "Something went wrong on our side. Reference: "+id, http.StatusInternalServerError)
				}
			}
			attrs := []any{"request_id", id, "method", r.Method, "path", RedactPath(r.URL.Path),
				"status", rec.status, "bytes", rec.bytes, "duration_ms", time.Since(start).Milliseconds()}
			if s, ok := SessionFrom(r.Context()); ok {
				attrs = append(attrs, "user_id", s.User.ID)
			}
			log.Info("request", attrs...)
		}()
		next.ServeHTTP(rec, r)
	})
}

// tokenPaths are the paths whose last segment is a secret: a password
// reset, an invitation, an email sign-in link, a calendar feed.
var tokenPaths = []string{"/reset/", "/invite/", "/signin/link/", "/calendar/feed/"}

// RedactPath replaces the secret in a token path, so logs (often kept
// longer and shared more widely than the database) never hold one.
func RedactPath(p string) string {
	for _, prefix := range tokenPaths {
		if strings.HasPrefix(p, prefix) && len(p) > len(prefix) {
			return prefix + "REDACTED"
		}
	}
	return p
}

func newRequestID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// SecurityHeaders sets the headers every response carries. The CSP allows
// only our own scripts and styles: no inline code anywhere.
func SecurityHeaders(https bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
			"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if https {
			h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		}
		if strings.HasPrefix(r.URL.Path, "/static/") {
			h.Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			h.Set("Cache-Control", "no-store")
		}
		next.ServeHTTP(w, r)
	})
}
