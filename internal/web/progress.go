package web

import (
	"bytes"
	"html/template"
	"net/http"
	"strconv"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/progress"
	"github.com/afterward/afterward/internal/tz"
)

var errNotFound = errs.NotFoundf("not found")

type timelineRow struct {
	Date, Title, Detail, Link, Kind string
}

type progressPage struct {
	Name  string
	Items template.HTML // timelineItemsHTML
	PDF   string
	Back  string
}

func (s *Server) progressShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	if err := clientOnly(sess); err != nil {
		s.renderError(w, r, err)
		return
	}
	events, err := s.ClientSpace.Progress.Timeline(r.Context(), actor(sess), sess.User.ID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	rows := make([]timelineRow, len(events))
	for i, e := range events {
		rows[i] = timelineRow{Date: formatTime(e.At, sess.User.TimeZone), Title: e.Title, Detail: e.Detail, Link: e.Link, Kind: string(e.Kind)}
	}
	page := progressPage{Name: sess.User.Name, Items: timelineItemsHTML(rows), PDF: "/progress.pdf"}
	render(s, w, r, http.StatusOK, "progress", "Your journey", page)
}

func (s *Server) progressPDF(w http.ResponseWriter, r *http.Request, sess account.Session) {
	if err := clientOnly(sess); err != nil {
		s.renderError(w, r, err)
		return
	}
	events, err := s.ClientSpace.Progress.Timeline(r.Context(), actor(sess), sess.User.ID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	loc, err := tz.Load(sess.User.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	var buf bytes.Buffer
	if err := progress.WritePDF(&buf, sess.User.Name, events, s.Now(), loc); err != nil {
		s.renderError(w, r, errs.Wrap(err, "making the PDF"))
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="afterward-journey.pdf"`)
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	_, _ = buf.WriteTo(w)
}

// clientSpacePage is the coach's view of one client's space: shared
// entries, the check-in trend and the way to the thread.
type clientSpacePage struct {
	ClientID int64
	Name     string
	Entries  []entryRow
	Trend    trendView
	Messages string
	Plan     string // the plan and its history
	Work     string // insights → intentions → actions
}

func (s *Server) clientSpace(w http.ResponseWriter, r *http.Request, sess account.Session) {
	clientID, err := httpx.PathID(r, "client")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	entries, err := s.ClientSpace.Journal.List(r.Context(), actor(sess), clientID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	tv, _, err := s.trend(r, sess, clientID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	c, err := s.People.Practices.Client(r.Context(), policy.ActorOf(sess.User), clientID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	base := "/clients/" + strconv.FormatInt(clientID, 10)
	render(s, w, r, http.StatusOK, "client_space", c.Name, clientSpacePage{ClientID: clientID, Name: c.Name,
		Entries: s.entryRows(entries, sess.User.TimeZone, base+"/journal/"), Trend: tv, Messages: base + "/messages", Plan: base + "/plan", Work: base + "/work"})
}

func (s *Server) clientEntryShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	clientID, err := httpx.PathID(r, "client")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.entryPage(w, r, sess, clientID, http.StatusOK, "")
}
