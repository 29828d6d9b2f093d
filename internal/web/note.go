package web

import (
	"net/http"
	"strconv"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/note"
	"github.com/afterward/afterward/internal/policy"
)

type notePage struct {
	SessionID    int64
	Session      appointmentRow
	ClientID     int64
	Sections     note.Sections
	Locked       bool
	Signed       string
	Versions     []noteVersionRow
	Addenda      []addendumRow // the client's, beside the note
	Reason       string
	Fields       map[string]string
	Error        string
	Notice       string
	ReferralHref string
	Templates    []note.Template // offered while the note is empty
	Template     int64           // the chosen one
	Prompts      note.Sections   // its prompts, as placeholders
}

type noteVersionRow struct {
	Number                int
	Kind, Author, At, Why string
}

func (s *Server) noteEdit(w http.ResponseWriter, r *http.Request, sess account.Session) {
	s.renderNote(w, r, sess, http.StatusOK, notePage{Notice: noticeOf(r)}, false)
}

func (s *Server) renderNote(w http.ResponseWriter, r *http.Request, sess account.Session, status int, page notePage, keepInput bool) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	actor := policy.ActorOf(sess.User)
	a, err := s.Coaching.Schedule.Get(r.Context(), actor, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	n, err := s.Coaching.Notes.Get(r.Context(), actor, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page.SessionID, page.Session, page.ClientID, page.Locked = id, sessionRowOf(a, sess.User), a.ClientID, n.Locked
	page.ReferralHref = "/referrals/new?client=" + strconv.FormatInt(a.ClientID, 10)
	if !keepInput {
		page.Sections = n.Current
	}
	if n.SignedAt != nil {
		page.Signed = formatTime(*n.SignedAt, sess.User.TimeZone)
	}
	if len(n.Versions) == 0 {
		if err := s.noteTemplates(r, sess, &page); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	for i := len(n.Versions) - 1; i >= 0; i-- {
		v := n.Versions[i]
		page.Versions = append(page.Versions, noteVersionRow{Number: v.Number, Kind: string(v.Kind), Author: v.Author,
			At: formatTime(v.CreatedAt, sess.User.TimeZone), Why: v.Reason})
	}
	for _, a := range n.Addenda {
		page.Addenda = append(page.Addenda, addendumRow{Author: a.Author, At: formatTime(a.CreatedAt, sess.User.TimeZone), Text: a.Text})
	}
	render(s, w, r, status, "note_edit", "Session note", page)
}

// noteSave saves a draft, signs off or amends, by the button pressed.
func (s *Server) noteSave(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	body := note.Sections{Processing: r.PostFormValue("processing"), Patterns: r.PostFormValue("patterns"),
		Implementing: r.PostFormValue("implementing"), Creative: r.PostFormValue("creative"),
		Free: r.PostFormValue("free"), Private: r.PostFormValue("private")}
	actor := policy.ActorOf(sess.User)
	done := "saved"
	switch r.PostFormValue("action") {
	case "sign":
		err = signConfirmed(r)
		if err == nil {
			_, err = s.Coaching.Notes.SignOff(r.Context(), actor, id, body)
		}
		done = "signed"
	case "amend":
		_, err = s.Coaching.Notes.Amend(r.Context(), actor, id, body, r.PostFormValue("reason"))
	default:
		_, err = s.Coaching.Notes.Save(r.Context(), actor, id, body)
	}
	if err != nil {
		page := notePage{Sections: body, Reason: r.PostFormValue("reason"), Fields: map[string]string{}}
		if !s.formError(err, &page.Fields, &page.Error) {
			s.renderError(w, r, err)
			return
		}
		s.renderNote(w, r, sess, http.StatusUnprocessableEntity, page, true)
		return
	}
	http.Redirect(w, r, "/sessions/"+r.PathValue("id")+"/note?done="+done, http.StatusSeeOther)
}

// signConfirmed: signing locks the note for good, so the coach ticks a
// box to say they mean it.
func signConfirmed(r *http.Request) error {
	if r.PostFormValue("confirm_sign") != "1" {
		return errs.Validation{"confirm_sign": "tick the box to confirm: a signed note is locked and can only be amended"}.Err()
	}
	return nil
}

// noteTemplates offers the practice's templates and applies the chosen
// one's prompts as placeholders.
func (s *Server) noteTemplates(r *http.Request, sess account.Session, page *notePage) error {
	ts, err := s.Coaching.Notes.Templates(r.Context(), policy.ActorOf(sess.User))
	if err != nil {
		return err
	}
	page.Templates = ts
	chosen, _ := strconv.ParseInt(r.URL.Query().Get("template"), 10, 64)
	for _, t := range ts {
		if t.ID == chosen {
			page.Template, page.Prompts = t.ID, t.Sections
		}
	}
	return nil
}
