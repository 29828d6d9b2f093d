package web

import (
	"net/http"
	"strconv"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/httpx"
)

// The coach's inbox: every conversation with unread counts, newest first,
// and the open one beside the list with a reply form.

type inboxThread struct {
	ClientID     int64
	Name, LastAt string
	Unread       int
	LastFromMe   bool
	Href         string
	Current      bool
}

type inboxPage struct {
	Threads []inboxThread
	Open    *messagesPage // the conversation being read, if any
	Chart   string        // the open client's chart
}

func (s *Server) inboxShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	s.inboxPage(w, r, sess, 0, http.StatusOK, messagesPage{})
}

func (s *Server) inboxThreadShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	clientID, err := coachPathID(r, sess)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.inboxPage(w, r, sess, clientID, http.StatusOK, messagesPage{})
}

// inboxReply sends from the inbox and comes back to the same conversation.
func (s *Server) inboxReply(w http.ResponseWriter, r *http.Request, sess account.Session) {
	clientID, err := coachPathID(r, sess)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.send(w, r, sess, clientID, "/inbox/"+strconv.FormatInt(clientID, 10), s.inboxPage)
}

func (s *Server) inboxPage(w http.ResponseWriter, r *http.Request, sess account.Session, open int64, status int, thread messagesPage) {
	page, err := s.inbox(r, sess, open, thread)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	title := "Inbox"
	if page.Open != nil {
		title = "Messages with " + page.Open.With
	}
	render(s, w, r, status, "inbox", title, page)
}

func (s *Server) inbox(r *http.Request, sess account.Session, open int64, thread messagesPage) (inboxPage, error) {
	var page inboxPage
	if open != 0 {
		// The thread first: it marks the client's messages read, so the
		// list below shows the counts after this visit.
		t, err := s.thread(r, sess, open, thread)
		if err != nil {
			return page, err
		}
		page.Open, page.Chart = &t, "/clients/"+strconv.FormatInt(open, 10)
	}
	threads, err := s.ClientSpace.Messages.Inbox(r.Context(), actor(sess))
	if err != nil {
		return page, err
	}
	for _, t := range threads {
		id := strconv.FormatInt(t.ClientID, 10)
		page.Threads = append(page.Threads, inboxThread{ClientID: t.ClientID, Name: t.ClientName, LastAt: formatTime(t.LastAt, sess.User.TimeZone),
			Unread: t.Unread, LastFromMe: t.LastFromMe, Href: "/inbox/" + id + "#latest", Current: t.ClientID == open})
	}
	return page, nil
}

// coachPathID is the {client} of a coach-only page; anyone else gets 404
// (clients have their own /messages).
func coachPathID(r *http.Request, sess account.Session) (int64, error) {
	if sess.User.Role != account.Coach {
		return 0, errNotFound
	}
	return httpx.PathID(r, "client")
}
