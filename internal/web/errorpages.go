package web

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/afterward/afterward/internal/httpx"
)

// The pages below are the error answers that do not come from a handler:
// a path or method no route knows, a form refused as cross-site or stale,
// and a panic. Each uses the layout, so the crisis resources are on every
// page a person can land on.

// notFound is the page for a path no route knows.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	render(s, w, r, http.StatusNotFound, "error", "Page not found", errorPage{Heading: "Page not found",
		Message: "There is no page at this address. It may have moved, or the link may be mistyped.", RequestID: httpx.RequestID(r.Context())})
}

// methodNotAllowed is the page for a known path asked with the wrong
// method (for example a form's address opened as a link).
func (s *Server) methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	render(s, w, r, http.StatusMethodNotAllowed, "error", "This page cannot do that", errorPage{Heading: "This page cannot do that",
		Message:   "This address is for sending a form, not for opening as a page. Go back to the page with the form and try again.",
		RequestID: httpx.RequestID(r.Context())})
}

// CrossOriginDenied is the page for a form refused by the cross-origin
// check: it came from another site, or from a page so old the browser no
// longer says where it came from.
func (s *Server) CrossOriginDenied(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		http.Error(w, "cross-origin request refused", http.StatusForbidden)
		return
	}
	render(s, w, r, http.StatusForbidden, "error", "That form could not be sent", errorPage{Heading: "That form could not be sent",
		Message:   "For your safety we only accept forms sent from this site's own pages. Go back, reload the page and send it again; nothing has been changed.",
		RequestID: httpx.RequestID(r.Context())})
}

// ErrorPages wraps the router: when no route matches, the router's plain
// "404 page not found" or "405 method not allowed" becomes a page in the
// layout (the JSON API under /api/ keeps its own problem answers). A panic
// in any page becomes the layout's "something went wrong" page.
func (s *Server) ErrorPages(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer s.recoverPage(w, r)
		if _, pattern := mux.Handler(r); pattern != "" || strings.HasPrefix(r.URL.Path, "/api/") {
			mux.ServeHTTP(w, r)
			return
		}
		mux.ServeHTTP(&unmatchedWriter{ResponseWriter: w, r: r, s: s}, r)
	})
}

// recoverPage turns a panic into the error page (when nothing has been
// written yet) and logs it with the request id, never the panic's data.
func (s *Server) recoverPage(w http.ResponseWriter, r *http.Request) {
	p := recover()
	if p == nil {
		return
	}
	if p == http.ErrAbortHandler {
		panic(p)
	}
	s.log.Error("panic serving page", "request_id", httpx.RequestID(r.Context()), "path", r.URL.Path, "panic", fmt.Sprint(p))
	render(s, w, r, http.StatusInternalServerError, "error", "Something went wrong", errorPage{Heading: "Something went wrong",
		Message: "We could not complete that. Please try again in a moment.", RequestID: httpx.RequestID(r.Context())})
}

// unmatchedWriter replaces the router's plain-text 404 and 405 answers
// with pages; anything else (a redirect to the canonical path) passes.
type unmatchedWriter struct {
	http.ResponseWriter
	r        *http.Request
	s        *Server
	replaced bool
}

func (u *unmatchedWriter) WriteHeader(code int) {
	switch code {
	case http.StatusNotFound:
		u.replaced = true
		u.s.notFound(u.ResponseWriter, u.r)
	case http.StatusMethodNotAllowed:
		u.replaced = true
		u.s.methodNotAllowed(u.ResponseWriter, u.r)
	default:
		u.ResponseWriter.WriteHeader(code)
	}
}

func (u *unmatchedWriter) Write(b []byte) (int, error) {
	if u.replaced {
		return len(b), nil // the router's plain text: the page is already written
	}
	return u.ResponseWriter.Write(b)
}
