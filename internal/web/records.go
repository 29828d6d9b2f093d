package web

import (
	"net/http"
	"strconv"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/addendum"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/regulated"
)

// A client's own record: their signed session notes as signed, and their
// regulated records (the forms they signed, the session log about them),
// each with the addenda they added (note.ClientRecords and
// regulated.ClientRecords decide and audit).

type recordsPage struct {
	Records   []recordView
	Forms     []regulatedFormView
	Sessions  []regulatedSessionView
	Regulated bool // the client has regulated records, or their practice works under a programme
	Notice    string
	Error     string
	Fields    map[string]string
	For       string // the form ("note-12", "form-3", "session-5") that shows the error
	Draft     string // what the client typed there
}

type recordView struct {
	SessionID     int64
	Session, Sign string
	Coach         string
	Sections      []noteSection
	Addenda       []addendumRow
	Addendum      addendumForm
}

type noteSection struct{ Label, Text string }

type addendumRow struct{ Author, At, Text string }

// addendumForm is one record's addendum form, with its error and draft
// when it is the one that was sent.
type addendumForm struct {
	Key, Action, Error, Draft string
}

// regulatedFormView is a signed form as its client reads it.
type regulatedFormView struct {
	ID                    int64
	Title, SignedAt, Hash string
	Version               int
	Text                  string
	Addenda               []addendumRow
	Addendum              addendumForm
}

// regulatedSessionView is a logged session as its client reads it.
type regulatedSessionView struct {
	logRow
	Reaction string // the linked reaction's severity, in words
	Addendum addendumForm
}

func (s *Server) recordsShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	page := recordsPage{Fields: map[string]string{}}
	if r.URL.Query().Get("done") == "added" {
		page.Notice = "Your addendum is kept with the record, and your coach or facilitator sees it beside it."
	}
	s.renderRecords(w, r, sess, http.StatusOK, page)
}

func (s *Server) renderRecords(w http.ResponseWriter, r *http.Request, sess account.Session, status int, page recordsPage) {
	recs, err := s.Coaching.Notes.ClientRecords(r.Context(), actor(sess))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	reg, err := s.Coaching.Regulated.ClientRecords(r.Context(), actor(sess))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	tz := sess.User.TimeZone
	form := func(key, action string) addendumForm {
		f := addendumForm{Key: key, Action: action}
		if page.For == key {
			f.Error, f.Draft = page.Fields[addendum.Field], page.Draft
		}
		return f
	}
	for _, rec := range recs {
		id := strconv.FormatInt(rec.AppointmentID, 10)
		v := recordView{SessionID: rec.AppointmentID, Session: formatTime(rec.SessionStart, tz), Sign: formatTime(rec.SignedAt, tz), Coach: rec.CoachName,
			Addenda: addendumRows(rec.Addenda, tz), Addendum: form("note-"+id, "/records/"+id+"/addenda")}
		for _, sec := range []noteSection{{"The experience", rec.Sections.Processing}, {"Patterns in daily life", rec.Sections.Patterns},
			{"Putting changes into practice", rec.Sections.Implementing}, {"Creative work", rec.Sections.Creative}, {"Other notes", rec.Sections.Free}} {
			if sec.Text != "" {
				v.Sections = append(v.Sections, sec)
			}
		}
		page.Records = append(page.Records, v)
	}
	page.Regulated = reg.Programme.Regulated() || !reg.Empty()
	for _, g := range reg.Forms {
		id := strconv.FormatInt(g.ID, 10)
		page.Forms = append(page.Forms, regulatedFormView{ID: g.ID, Title: g.Title, Version: g.Version, Text: g.Text, Hash: g.Hash,
			SignedAt: formatTime(g.SignedAt, tz),
			Addenda:  addendumRows(g.Addenda, tz), Addendum: form("form-"+id, "/records/forms/"+id+"/addenda")})
	}
	loc := location(tz)
	for _, e := range reg.Sessions {
		id := strconv.FormatInt(e.ID, 10)
		row := logRow{Entry: e, Start: formatTime(e.StartedAt, tz), End: e.EndedAt.In(loc).Format("15:04"), Addenda: addendumRows(e.Addenda, tz)}
		v := regulatedSessionView{logRow: row, Addendum: form("session-"+id, "/records/sessions/"+id+"/addenda")}
		if e.CertifiedAt != nil {
			v.Certified = formatTime(*e.CertifiedAt, tz)
		}
		if e.AdverseSeverity != "" {
			v.Reaction = e.AdverseSeverity.Label()
		}
		page.Sessions = append(page.Sessions, v)
	}
	render(s, w, r, status, "records", "Your records", page)
}

func addendumRows(list []addendum.Addendum, tz string) []addendumRow {
	out := make([]addendumRow, 0, len(list))
	for _, a := range list {
		out = append(out, addendumRow{Author: a.Author, At: formatTime(a.CreatedAt, tz), Text: a.Text})
	}
	return out
}

// addendumCreate adds the client's addendum to one signed note.
func (s *Server) addendumCreate(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	text := r.PostFormValue(addendum.Field)
	_, err = s.Coaching.Notes.AddAddendum(r.Context(), actor(sess), id, text)
	s.afterAddendum(w, r, sess, "note-"+strconv.FormatInt(id, 10), "record-"+strconv.FormatInt(id, 10), text, err)
}

// regulatedAddendumCreate adds the client's addendum to one of their
// signed regulated forms or logged regulated sessions.
func (s *Server) regulatedAddendumCreate(kind regulated.RecordKind) func(http.ResponseWriter, *http.Request, account.Session) {
	return func(w http.ResponseWriter, r *http.Request, sess account.Session) {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		text := r.PostFormValue(addendum.Field)
		_, err = s.Coaching.Regulated.AddAddendum(r.Context(), actor(sess), kind, id, text)
		key := string(kind) + "-" + strconv.FormatInt(id, 10)
		s.afterAddendum(w, r, sess, key, "regulated-"+key, text, err)
	}
}

// afterAddendum redirects to the record once added, or shows the records
// page with the error beside the form that was sent (key) and the draft.
func (s *Server) afterAddendum(w http.ResponseWriter, r *http.Request, sess account.Session, key, anchor, text string, err error) {
	if err == nil {
		http.Redirect(w, r, "/records?done=added#"+anchor, http.StatusSeeOther)
		return
	}
	page := recordsPage{Fields: map[string]string{}, For: key, Draft: text}
	if !s.formError(err, &page.Fields, &page.Error) {
		s.renderError(w, r, err)
		return
	}
	s.renderRecords(w, r, sess, http.StatusUnprocessableEntity, page)
}
