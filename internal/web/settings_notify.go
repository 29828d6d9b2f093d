package web

import (
	"net/http"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/contact"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/notify"
)

// Settings sections added for issue 16: which emails a person gets and
// their quiet hours, and (for clients) their phone and emergency contact.

type topicRow struct {
	Value, Label string
	On           bool
}

type notifyForm struct {
	Topics               []topicRow
	QuietStart, QuietEnd string // "22:00"
	Quiet                bool
}

func notifyFormOf(p notify.Prefs) notifyForm {
	f := notifyForm{QuietStart: clock(p.QuietStart), QuietEnd: clock(p.QuietEnd), Quiet: p.Quiet()}
	if !f.Quiet {
		f.QuietStart, f.QuietEnd = "21:00", "08:00"
	}
	for _, t := range notify.Topics {
		f.Topics = append(f.Topics, topicRow{string(t.Topic), t.Label, !p.Muted[t.Topic]})
	}
	return f
}

// settingsExtras fills the notification and contact sections.
func (s *Server) settingsExtras(r *http.Request, sess account.Session, page *settingsPage) error {
	p, err := s.People.Prefs.Load(r.Context(), sess.User.ID)
	if err != nil {
		return err
	}
	if page.Notify.Topics == nil {
		page.Notify = notifyFormOf(p)
	}
	page.IsClient = sess.User.Role == account.Client
	if page.IsClient && page.Contact == nil {
		c, err := s.People.Contacts.Get(r.Context(), actor(sess), sess.User.ID)
		if err != nil {
			return err
		}
		page.Contact = &c
	}
	page.Saved = r.URL.Query().Get("saved")
	return nil
}

func (s *Server) notifySave(w http.ResponseWriter, r *http.Request, sess account.Session) {
	p := notify.Prefs{Muted: map[notify.Topic]bool{}}
	for _, t := range notify.Topics {
		if r.PostFormValue("topic_"+string(t.Topic)) != "1" {
			p.Muted[t.Topic] = true
		}
	}
	fields := errs.Validation{}
	if r.PostFormValue("quiet") == "1" {
		var ok1, ok2 bool
		p.QuietStart, ok1 = parseClock(r.PostFormValue("quiet_start"))
		p.QuietEnd, ok2 = parseClock(r.PostFormValue("quiet_end"))
		fields.Check(ok1, "quiet_start", "enter a time like 21:00")
		fields.Check(ok2, "quiet_end", "enter a time like 08:00")
		fields.Check(!ok1 || !ok2 || p.QuietStart != p.QuietEnd, "quiet_end", "choose an end different from the start")
	}
	err := fields.Err()
	if err == nil {
		err = s.People.Prefs.Save(r.Context(), sess.User.ID, p)
	}
	if f := fieldsOf(err); f != nil {
		form := notifyFormOf(p)
		form.Quiet, form.QuietStart, form.QuietEnd = r.PostFormValue("quiet") == "1", r.PostFormValue("quiet_start"), r.PostFormValue("quiet_end")
		s.settingsPage(w, r, sess, http.StatusUnprocessableEntity, settingsPage{Notify: form, Fields: f})
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/settings?saved=notifications#notifications", http.StatusSeeOther)
}

func (s *Server) contactSave(w http.ResponseWriter, r *http.Request, sess account.Session) {
	c := contact.Contact{Phone: r.PostFormValue("phone"), EmergencyName: r.PostFormValue("emergency_name"),
		EmergencyRelation: r.PostFormValue("emergency_relation"), EmergencyPhone: r.PostFormValue("emergency_phone")}
	c, err := s.People.Contacts.Save(r.Context(), actor(sess), sess.User.ID, c)
	if f := fieldsOf(err); f != nil {
		s.settingsPage(w, r, sess, http.StatusUnprocessableEntity, settingsPage{Contact: &c, Fields: f})
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/settings?saved=contact#contact", http.StatusSeeOther)
}
