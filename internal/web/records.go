package web

import (
	"github.com/afterward/afterward/internal/httpx"
	"net/http"
	"strconv"

	"github.com/afterward/afterward/internal/account"
)

// A client's own record: their signed session notes as signed, with the
// addenda they added (note.ClientRecords decides and audits).

type recordsPage struct {
	Records []recordView
	Notice  string
	Error   string
	Fields  map[string]string
	For     int64  // the session whose form shows the error
	Draft   string // what the client typed there
}

type recordView struct {
	SessionID     int64
	Session, Sign string
	Coach         string
	Sections      []noteSection
	Addenda       []addendumRow
}

type noteSection struct{ Label, Text string }

type addendumRow struct{ Author, At, Text string }

func (s *Server) recordsShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	page := recordsPage{Fields: map[string]string{}}
	if r.URL.Query().Get("done") == "added" {
		page.Notice = "Your addendum is kept with the record, and your coach sees it beside their note."
	}
	s.renderRecords(w, r, sess, http.StatusOK, page)
}

func (s *Server) renderRecords(w http.ResponseWriter, r *http.Request, sess account.Session, status int, page recordsPage) {
	recs, err := s.Notes.ClientRecords(r.Context(), actor(sess))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	tz := sess.User.TimeZone
	for _, rec := range recs {
		v := recordView{SessionID: rec.AppointmentID, Session: formatTime(rec.SessionStart, tz), Sign: formatTime(rec.SignedAt, tz), Coach: rec.CoachName}
		for _, sec := range []noteSection{{"The experience", rec.Sections.Processing}, {"Patterns in daily life", rec.Sections.Patterns},
			{"Putting changes into practice", rec.Sections.Implementing}, {"Creative work", rec.Sections.Creative}, {"Other notes", rec.Sections.Free}} {
			if sec.Text != "" {
				v.Sections = append(v.Sections, sec)
			}
		}
		for _, a := range rec.Addenda {
			v.Addenda = append(v.Addenda, addendumRow{Author: a.Author, At: formatTime(a.CreatedAt, tz), Text: a.Text})
		}
		page.Records = append(page.Records, v)
	}
	render(s, w, r, status, "records", "Your records", page)
}

// addendumCreate adds the client's addendum to one signed note.
func (s *Server) addendumCreate(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	text := r.PostFormValue("addendum")
	_, err = s.Notes.AddAddendum(r.Context(), actor(sess), id, text)
	if err == nil {
		http.Redirect(w, r, "/records?done=added#record-"+strconv.FormatInt(id, 10), http.StatusSeeOther)
		return
	}
	page := recordsPage{Fields: map[string]string{}, For: id, Draft: text}
	if !s.formError(err, &page.Fields, &page.Error) {
		s.renderError(w, r, err)
		return
	}
	s.renderRecords(w, r, sess, http.StatusUnprocessableEntity, page)
}
