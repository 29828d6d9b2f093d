package web

import (
	"net/http"
	"strconv"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/alert"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/message"
	"github.com/afterward/afterward/internal/policy"
)

type messageRow struct {
	Mine   bool
	Sender string
	Body   string
	Date   string
	Read   string
	Files  []attRow
}

type messagesPage struct {
	Action   string // form action
	With     string // the other party's name
	Settings message.Settings
	Rows     []messageRow
	Body     string
	Fields   map[string]string
	Safety   *safetyNotice
	NoCoach  bool
	Back     string
}

func (s *Server) messagesShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	s.threadPage(w, r, sess, sess.User.ID, http.StatusOK, messagesPage{})
}

func (s *Server) clientMessagesShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	clientID, err := httpx.PathID(r, "client")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.threadPage(w, r, sess, clientID, http.StatusOK, messagesPage{})
}

// threadPage shows the client's conversation to either party.
func (s *Server) threadPage(w http.ResponseWriter, r *http.Request, sess account.Session, clientID int64, status int, page messagesPage) {
	page, err := s.thread(r, sess, clientID, page)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	render(s, w, r, status, "messages", "Messages", page)
}

// thread fills the conversation (marking the other party's messages read)
// for the messages page and the coach's inbox.
func (s *Server) thread(r *http.Request, sess account.Session, clientID int64, page messagesPage) (messagesPage, error) {
	thread, err := s.ClientSpace.Messages.Thread(r.Context(), actor(sess), clientID)
	if err != nil {
		return page, err
	}
	if page.Settings, err = s.ClientSpace.Messages.SettingsFor(r.Context(), clientID); err != nil {
		return page, err
	}
	page.Action, page.With, page.Back = "/messages", page.Settings.CoachName, "/dashboard"
	page.NoCoach = page.Settings.CoachID == 0
	if sess.User.ID != clientID {
		page.Action = "/inbox/" + strconv.FormatInt(clientID, 10)
		page.Back = "/clients/" + strconv.FormatInt(clientID, 10)
		c, err := s.People.Practices.Client(r.Context(), policy.ActorOf(sess.User), clientID)
		if err != nil {
			return page, err
		}
		page.With = c.Name
	}
	sent, _ := strconv.ParseInt(r.URL.Query().Get("sent"), 10, 64)
	for _, m := range thread {
		row := messageRow{Mine: m.SenderID == sess.User.ID, Sender: m.SenderName, Body: m.Body,
			Date: formatTime(m.At, sess.User.TimeZone), Files: attRows(clientID, "message", m.Attachments)}
		if row.Mine && m.ReadAt != nil {
			row.Read = "Read " + formatTime(*m.ReadAt, sess.User.TimeZone)
		} else if row.Mine {
			row.Read = "Delivered"
		}
		if m.ID == sent && row.Mine {
			page.Safety = s.notice(r, sess, m.SafetyLevel, alert.Source{Kind: "message", ID: m.ID})
		}
		page.Rows = append(page.Rows, row)
	}
	return page, nil
}

func (s *Server) messageSend(w http.ResponseWriter, r *http.Request, sess account.Session) {
	s.send(w, r, sess, sess.User.ID, "/messages", s.threadPage)
}

func (s *Server) clientMessageSend(w http.ResponseWriter, r *http.Request, sess account.Session) {
	clientID, err := httpx.PathID(r, "client")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.send(w, r, sess, clientID, "/clients/"+strconv.FormatInt(clientID, 10)+"/messages", s.threadPage)
}

// threadRenderer shows a conversation again, with a refused message kept.
type threadRenderer func(w http.ResponseWriter, r *http.Request, sess account.Session, clientID int64, status int, page messagesPage)

// send posts a message (text and an optional file) in the client's thread
// and goes back to it; a refused message is shown again by again.
func (s *Server) send(w http.ResponseWriter, r *http.Request, sess account.Session, clientID int64, back string, again threadRenderer) {
	file, err := uploaded(w, r, "file")
	body := r.PostFormValue("body")
	var m message.Message
	if err == nil {
		m, err = s.ClientSpace.Messages.Send(r.Context(), actor(sess), clientID, body, file)
	}
	if fields := fieldsOf(err); fields != nil {
		again(w, r, sess, clientID, http.StatusUnprocessableEntity, messagesPage{Body: body, Fields: fields})
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, back+"?sent="+strconv.FormatInt(m.ID, 10)+"#latest", http.StatusSeeOther)
}

type messagingSettingsPage struct {
	Settings message.Settings
	Fields   map[string]string
	Saved    bool
}

func (s *Server) messagingSettingsShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	if sess.User.Role != account.Coach {
		s.renderError(w, r, errNotFound)
		return
	}
	st, err := s.ClientSpace.Messages.CoachSettings(r.Context(), sess.User.ID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	render(s, w, r, http.StatusOK, "messaging_settings", "Office hours", messagingSettingsPage{Settings: st, Saved: r.URL.Query().Get("saved") == "1"})
}

func (s *Server) messagingSettingsSave(w http.ResponseWriter, r *http.Request, sess account.Session) {
	st := message.Settings{OfficeHours: r.PostFormValue("office_hours"), ResponseTime: r.PostFormValue("response_time"),
		Away: r.PostFormValue("away") == "1", AwayMessage: r.PostFormValue("away_message")}
	err := s.ClientSpace.Messages.SaveSettings(r.Context(), actor(sess), st)
	if fields := fieldsOf(err); fields != nil {
		render(s, w, r, http.StatusUnprocessableEntity, "messaging_settings", "Office hours", messagingSettingsPage{Settings: st, Fields: fields})
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/settings/messaging?saved=1", http.StatusSeeOther)
}
