package notify

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// Kind is a kind of event a person may be told about by email. The words
// of each email are fixed here, so no caller can put content in them.
type Kind string

const (
	NewMessage       Kind = "new_message"
	TeamMessage      Kind = "team_message" // between a client's coach and clinician
	SessionBooked    Kind = "session_booked"
	SessionMoved     Kind = "session_moved"
	SessionCancelled Kind = "session_cancelled"
	CoachRequested   Kind = "coach_requested"
	RequestAnswered  Kind = "request_answered"
	QuestionnaireDue Kind = "questionnaire_due"
)

// Topic groups kinds for the preferences on Settings.
type Topic string

const (
	TopicMessages       Topic = "messages"
	TopicSessions       Topic = "sessions"
	TopicMatching       Topic = "matching"
	TopicQuestionnaires Topic = "questionnaires"
)

// Topics in the order Settings lists them, with their plain labels.
var Topics = []struct {
	Topic Topic
	Label string
}{
	{TopicMessages, "New messages"},
	{TopicSessions, "Sessions: new, moved or cancelled"},
	{TopicMatching, "Coach requests and their answers"},
	{TopicQuestionnaires, "Questionnaires due"},
}

type wording struct {
	topic         Topic
	subject, text string
}

var wordings = map[Kind]wording{
	NewMessage:       {TopicMessages, "You have a new message in Afterward", "You have a new message in Afterward. Sign in to read it:"},
	TeamMessage:      {TopicMessages, "A message from a care team in Afterward", "A member of a client's care team wrote to you in Afterward. Sign in to read it:"},
	SessionBooked:    {TopicSessions, "A session was booked in Afterward", "A session was booked. The attached invitation adds it to your calendar. Sign in to see it:"},
	SessionMoved:     {TopicSessions, "A session was moved in Afterward", "A session was moved to a new time. The attached update moves it in your calendar. Sign in to see it:"},
	SessionCancelled: {TopicSessions, "A session was cancelled in Afterward", "A session was cancelled. The attached update removes it from your calendar. Sign in to see your sessions:"},
	CoachRequested:   {TopicMatching, "A client would like you as their coach", "A client has asked you to be their coach. Please answer soon; the first session should be within 72 hours of their experience:"},
	RequestAnswered:  {TopicMatching, "News about your coach in Afterward", "There is news about your coach. Sign in to see what happens next:"},
	QuestionnaireDue: {TopicQuestionnaires, "A short check-in is waiting for you", "You have a short questionnaire waiting in Afterward. It takes a few minutes and helps you and your coach see how things are going:"},
}

// Notice is one event to tell one person about. Event identifies the
// event (for example "message:42"): the same person is told once per
// kind and event. Path is the page to link to; it must carry no content.
// Attachments are for a session's calendar invitation (an .ics naming no
// client), never for what anyone wrote.
type Notice struct {
	UserID      int64
	Kind        Kind
	Event       string
	Path        string
	Attachments []Attachment
}

// Notices tells people about events by content-free email, through the
// job queue, honouring each person's preferences and quiet hours.
type Notices struct {
	Queue   Enqueuer
	BaseURL string
}

// Tell queues the email for n in tx, unless the person turned the topic
// off or has no active account. During their quiet hours it is scheduled
// for when the quiet hours end.
func (ns Notices) Tell(ctx context.Context, tx *store.Tx, n Notice, now time.Time) error {
	w, ok := wordings[n.Kind]
	if !ok {
		return errs.E(errs.Internal, "unknown notice kind %q", n.Kind)
	}
	var email, tz string
	err := tx.QueryRow(ctx, `SELECT email, time_zone FROM users WHERE id = ? AND disabled_at IS NULL`, n.UserID).Scan(&email, &tz)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return errs.Wrap(err, "finding whom to tell")
	}
	p, err := LoadPrefs(ctx, tx, n.UserID)
	if err != nil || p.Muted[w.topic] {
		return err
	}
	e := Email{To: email, Subject: w.subject,
		Text: w.text + "\n\n" + ns.BaseURL + n.Path + "\n\nAfterward emails never include what was written. " +
			"If you are in crisis, do not wait for a reply: see " + ns.BaseURL + "/crisis\n\nChoose which emails you get: " + ns.BaseURL + "/settings#notifications",
		DedupeKey:   fmt.Sprintf("notice:%s:%s:%d", n.Kind, n.Event, n.UserID),
		Attachments: n.Attachments}
	return Queue(ctx, ns.Queue, tx, e, p.SendAt(now, tz))
}
