package web

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/crisis"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/humantime"
)

// Meta is what the layout needs on every page.
type Meta struct {
	Title  string
	Path   string
	User   *account.User
	Nav    []NavItem
	Crisis crisis.Region
	// NotSafe shows the "I'm not safe right now" button (signed-in
	// clients, on every page).
	NotSafe bool
	// What the layout shows of the above, written by layout_html.go.
	Head, NavMain, NavMore, CrisisLine template.HTML
}

// NavItem is one link in the header.
type NavItem struct {
	Label, Href string
	Current     bool
	More        bool // under the "More" menu
	Count       int  // unread messages, shown beside Messages and Inbox
}

// view is the data every template gets: the layout's Meta plus the page's
// own typed model, whose fields the page template reads directly.
type view[T any] struct {
	Meta Meta
	Page T
}

// parseTemplates parses the layout with each page at start-up, so a broken
// template stops the server from starting rather than failing a request.
func parseTemplates(funcs template.FuncMap) (map[string]*template.Template, error) {
	layout, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html")
	if err != nil {
		return nil, err
	}
	// Files named _*.html hold partials shared by several pages.
	if partials, _ := fs.Glob(templateFS, "templates/_*.html"); len(partials) > 0 {
		if layout, err = layout.ParseFS(templateFS, partials...); err != nil {
			return nil, err
		}
	}
	pages, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	out := map[string]*template.Template{}
	for _, path := range pages {
		name := strings.TrimSuffix(strings.TrimPrefix(path, "templates/"), ".html")
		if name == "layout" || strings.HasPrefix(name, "_") {
			continue
		}
		t, err := template.Must(layout.Clone()).ParseFS(templateFS, path)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		out[name] = t
	}
	return out, nil
}

// render writes page with its model, inside the layout.
func render[T any](s *Server, w http.ResponseWriter, r *http.Request, status int, page, title string, model T) {
	t, ok := s.templates[page]
	if !ok {
		s.log.Error("missing template", "page", page, "request_id", httpx.RequestID(r.Context()))
		http.Error(w, "page not found", http.StatusInternalServerError)
		return
	}
	buf := pageBuffers.Get().(*bytes.Buffer)
	defer putPageBuffer(buf)
	data := view[T]{Meta: s.meta(r, title), Page: model}
	if err := t.ExecuteTemplate(buf, "layout", data); err != nil {
		s.log.Error("rendering page", "page", page, "err", err, "request_id", httpx.RequestID(r.Context()))
		if page != "error" { // the error page in the layout, so the crisis resources stay
			render(s, w, r, http.StatusInternalServerError, "error", "Something went wrong", errorPage{Heading: "Something went wrong",
				Message: "We could not show this page. Please try again in a moment.", RequestID: httpx.RequestID(r.Context())})
			return
		}
		http.Error(w, "Something went wrong on our side.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// pageBuffers keeps the buffers pages are rendered into: a fresh one grew
// by doubling to each page's size (the coach dashboard's ~60 KB: nine
// copies and allocations per view, which the collector then scanned).
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledPage: a buffer grown past this (a rare very long page) is left
// to the collector rather than kept for every later small page.
const maxPooledPage = 256 << 10

func putPageBuffer(b *bytes.Buffer) {
	if b.Cap() > maxPooledPage {
		return
	}
	b.Reset()
	pageBuffers.Put(b)
}

func (s *Server) meta(r *http.Request, title string) Meta {
	m := Meta{Title: title, Path: r.URL.Path, Crisis: crisis.For(s.region)}
	if sess, ok := httpx.SessionFrom(r.Context()); ok {
		u := sess.User
		m.User = &u
		m.Nav = s.withUnread(r, u, navFor(u.Role, r.URL.Path))
		m.Crisis = s.regionFor(r, u.PracticeID)
		m.NotSafe = u.Role == account.Client
	}
	s.layoutParts(&m)
	return m
}

// layoutParts writes what the layout shows of m's navigation and crisis
// lines.
func (s *Server) layoutParts(m *Meta) {
	m.Head, m.NavMain, m.NavMore, m.CrisisLine = s.head, navHTML(m.Nav, false), navHTML(m.Nav, true), crisisHTML(m.Crisis)
}

type errorPage struct {
	Heading, Message, RequestID string
}

// renderError is the one place an error becomes an HTML response.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, err error) {
	reqID := httpx.RequestID(r.Context())
	if errs.Gone(r.Context(), err) {
		s.log.Info("client went away", "request_id", reqID)
		return
	}
	kind := errs.KindOf(err)
	status, heading, msg := http.StatusInternalServerError, "Something went wrong", "We could not complete that. Please try again in a moment."
	switch kind {
	case errs.Invalid:
		status, heading, msg = http.StatusBadRequest, "Please check what you entered", safeMessage(err)
	case errs.Unauthorized:
		http.Redirect(w, r, "/signin", http.StatusSeeOther)
		return
	case errs.Forbidden:
		status, heading, msg = http.StatusForbidden, "Not available to you", safeMessage(err)
	case errs.NotFound:
		status, heading, msg = http.StatusNotFound, "Not found", "There is nothing here, or it is not shared with you."
	case errs.Conflict:
		status, heading, msg = http.StatusConflict, "That could not be done", safeMessage(err)
	case errs.Unavailable:
		s.log.Warn("a service we depend on is unavailable", "request_id", reqID, "err", err)
		status, heading, msg = http.StatusServiceUnavailable, "Not reachable right now", safeMessage(err)
	case errs.TooMany:
		status, heading, msg = http.StatusTooManyRequests, "Please wait a while", safeMessage(err)
	default:
		s.log.Error("request failed", "request_id", reqID, "err", err)
	}
	render(s, w, r, status, "error", heading, errorPage{heading, msg, reqID})
}

func safeMessage(err error) string {
	var e *errs.Error
	if errors.As(err, &e) {
		return e.Msg
	}
	return "Something went wrong."
}

// formatDate shows t's calendar date in the viewer's time zone.
func formatDate(t time.Time, tz string) string { return humantime.Day(t, humantime.In(tz)) }

// dayAsIs shows t's calendar date in the location t already carries: the
// handler has put it on the viewer's calendar (see localAccount).
func dayAsIs(t time.Time) string { return humantime.Day(t, t.Location()) }

// formatTime shows t in the viewer's time zone, e.g. "Tue 3 Mar, 14:00 CET"
// (humantime is the one formatter for people).
func formatTime(t time.Time, tz string) string {
	return humantime.When(t, humantime.In(tz), time.Now())
}

// dueDay writes a calendar date ("2026-12-03") as people read it ("Thu 3
// Dec"); a value that is not a date is shown as it is.
func dueDay(d string) string {
	t, err := time.ParseInLocation(time.DateOnly, d, time.UTC)
	if err != nil {
		return d
	}
	return t.Format("Mon 2 Jan")
}
