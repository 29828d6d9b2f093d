package message

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/attachment"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/safety"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// Service is messaging's use cases.
type Service struct {
	db      *store.DB
	policy  *policy.Policy
	vault   *vault.Vault
	files   *attachment.Files
	scan    RiskScanner
	now     func() time.Time
	notices *notify.Notices
}

// Deps are the service's collaborators, all given at construction.
type Deps struct {
	DB     *store.DB
	Policy *policy.Policy
	Vault  *vault.Vault
	Files  *attachment.Files // attachments; nil: none
	Scan   RiskScanner
	Now    func() time.Time
	// Notices tells the other party by email that a message is waiting (no
	// text); nil: no emails.
	Notices *notify.Notices
}

// NewService wires messaging.
func NewService(d Deps) *Service {
	return &Service{db: d.DB, policy: d.Policy, vault: d.Vault, files: d.Files, scan: d.Scan, now: d.Now, notices: d.Notices}
}

func (s *Service) authorize(ctx context.Context, actor policy.Actor, clientID int64, act policy.Action, id int64, fn func(tx *store.Tx) error) error {
	return s.policy.Do(ctx, actor, policy.Access{ClientID: clientID, Category: policy.Messages, Action: act, ResourceType: "message", ResourceID: id}, fn)
}

// party: only the client and their assigned coach are in a thread (the
// policy rules out everyone else's clients; this rules out admins and
// clinicians, who are not parties to the conversation).
func party(actor policy.Actor, clientID int64) error {
	if (actor.Role == account.Client && actor.UserID == clientID) || actor.Role == account.Coach {
		return nil
	}
	return errs.NotFoundf("conversation not found")
}

// Send adds a message (and optionally one file) to the client's thread.
// The level of the crisis scan is on the returned message (client senders
// only; a coach's words are not scanned).
func (s *Service) Send(ctx context.Context, actor policy.Actor, clientID int64, body string, file []byte) (Message, error) {
	body = strings.TrimSpace(strings.ReplaceAll(body, "\r\n", "\n"))
	if err := party(actor, clientID); err != nil {
		return Message{}, err
	}
	if err := validateBody(body, len(file) > 0); err != nil {
		return Message{}, err
	}
	m := Message{ClientID: clientID, SenderID: actor.UserID, FromClient: actor.UserID == clientID, Body: body,
		At: s.now().UTC().Truncate(time.Microsecond)}
	err := s.authorize(ctx, actor, clientID, policy.Write, 0, func(tx *store.Tx) error {
		var err error
		m.ID, err = store.InsertID(ctx, tx, `INSERT INTO messages (client_id, sender_id, created_at) VALUES (?, ?, ?) RETURNING id`, clientID, actor.UserID, m.At)
		if err != nil {
			return errs.Wrap(err, "sending message")
		}
		if err := s.vault.SealInto(ctx, tx, clientID, "messages", m.ID, map[string][]byte{"body": []byte(body)}); err != nil {
			return err
		}
		if len(file) > 0 {
			a, err := s.files.Store(ctx, tx, clientID, attachment.OwnerMessage, m.ID, file)
			if err != nil {
				return err
			}
			m.Attachments = append(m.Attachments, a)
		}
		if err := s.tell(ctx, tx, m); err != nil {
			return err
		}
		if !m.FromClient || body == "" {
			return nil
		}
		if m.SafetyLevel, err = s.scan.ScanText(ctx, tx, clientID, "message", m.ID, body); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE messages SET safety_level = ? WHERE id = ?`, m.SafetyLevel.String(), m.ID)
		return errs.Wrap(err, "sending message")
	})
	return m, err
}

// Thread returns the client's conversation, oldest first, and marks the
// other party's messages read (the read receipt the sender sees).
func (s *Service) Thread(ctx context.Context, actor policy.Actor, clientID int64) ([]Message, error) {
	if err := party(actor, clientID); err != nil {
		return nil, err
	}
	var out []Message
	err := s.authorize(ctx, actor, clientID, policy.Read, 0, func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, `UPDATE messages SET read_at = ? WHERE client_id = ? AND sender_id <> ? AND read_at IS NULL`,
			s.now().UTC().Truncate(time.Microsecond), clientID, actor.UserID)
		if err != nil {
			return errs.Wrap(err, "marking messages read")
		}
		out, err = s.list(ctx, tx, clientID)
		return err
	})
	return out, err
}

func (s *Service) list(ctx context.Context, tx *store.Tx, clientID int64) ([]Message, error) {
	rows, err := tx.Query(ctx, `SELECT m.id, m.sender_id, u.name, m.body, m.safety_level, m.created_at, m.read_at
		FROM messages m JOIN users u ON u.id = m.sender_id WHERE m.client_id = ? ORDER BY m.created_at, m.id`, clientID)
	if err != nil {
		return nil, errs.Wrap(err, "reading messages")
	}
	var out []Message
	var sealed [][]byte
	for rows.Next() {
		m := Message{ClientID: clientID}
		var body []byte
		var level string
		var read sql.NullTime
		if err := rows.Scan(&m.ID, &m.SenderID, &m.SenderName, &body, &level, &m.At, &read); err != nil {
			rows.Close()
			return nil, errs.Wrap(err, "reading message")
		}
		m.FromClient, m.At = m.SenderID == clientID, m.At.UTC()
		m.SafetyLevel, _ = safety.ParseLevel(level)
		if read.Valid {
			t := read.Time.UTC()
			m.ReadAt = &t
		}
		out, sealed = append(out, m), append(sealed, body)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, "reading messages")
	}
	for i := range out {
		pt, err := s.vault.Open(ctx, tx, clientID, vault.AAD{Table: "messages", RecordID: out[i].ID, Field: "body"}, sealed[i])
		if err != nil {
			return nil, err
		}
		out[i].Body = string(pt)
		if out[i].Attachments, err = attachment.ListFor(ctx, tx, clientID, attachment.OwnerMessage, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// File returns an attachment of a message in the thread, in the clear.
func (s *Service) File(ctx context.Context, actor policy.Actor, clientID, attID int64, thumb bool) (attachment.Attachment, []byte, error) {
	var a attachment.Attachment
	var data []byte
	if err := party(actor, clientID); err != nil {
		return a, nil, err
	}
	err := s.authorize(ctx, actor, clientID, policy.Read, 0, func(tx *store.Tx) error {
		var err error
		if a, err = attachment.Get(ctx, tx, clientID, attID); err != nil {
			return err
		}
		if a.OwnerKind != attachment.OwnerMessage {
			return errs.NotFoundf("attachment not found")
		}
		data, err = s.files.Open(ctx, tx, a, thumb)
		return err
	})
	return a, data, err
}

// Unread counts messages to the actor that they have not opened: for a
// client, from their coach; for a coach, from all their clients.
func (s *Service) Unread(ctx context.Context, actor policy.Actor) (int, error) {
	return s.UnreadIn(ctx, s.db.Reader(), actor)
}

// UnreadIn is Unread read through q (a page's snapshot).
func (s *Service) UnreadIn(ctx context.Context, q store.Querier, actor policy.Actor) (int, error) {
	var n int
	var err error
	switch actor.Role {
	case account.Client:
		err = q.QueryRow(ctx, `SELECT COUNT(*) FROM messages WHERE client_id = ? AND sender_id <> ? AND read_at IS NULL`,
			actor.UserID, actor.UserID).Scan(&n)
	case account.Coach:
		err = q.QueryRow(ctx, `SELECT COUNT(*) FROM messages m JOIN clients c ON c.user_id = m.client_id
			WHERE c.coach_id = ? AND m.sender_id = m.client_id AND m.read_at IS NULL`, actor.UserID).Scan(&n)
	}
	return n, errs.Wrap(err, "counting unread messages")
}

// OpenInTx opens one message of the client's thread inside a transaction
// whose caller has already authorized and audited the read (the safety
// queue opening the message that raised an alert).
func (s *Service) OpenInTx(ctx context.Context, tx *store.Tx, clientID, id int64) (Message, error) {
	all, err := s.list(ctx, tx, clientID)
	if err != nil {
		return Message{}, err
	}
	for _, m := range all {
		if m.ID == id {
			return m, nil
		}
	}
	return Message{}, errs.NotFoundf("message not found")
}
