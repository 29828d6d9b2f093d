package message

import (
	"context"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// Thread summary for the coach's inbox: who, when, how many unread. It
// carries no message text, so listing the inbox opens nothing sealed.
type ThreadSummary struct {
	ClientID   int64
	ClientName string
	LastAt     time.Time
	LastFromMe bool // the coach wrote the last message
	Unread     int  // the client's messages the coach has not opened
}

// Inbox lists a coach's threads (clients with at least one message), the
// newest conversation first.
func (s *Service) Inbox(ctx context.Context, actor policy.Actor) ([]ThreadSummary, error) {
	if actor.Role != account.Coach {
		return nil, errs.NotFoundf("not found")
	}
	rows, err := s.db.Reader().Query(ctx, `SELECT c.user_id, u.name, lm.created_at, lm.sender_id,
		(SELECT COUNT(*) FROM messages m WHERE m.client_id = c.user_id AND m.sender_id = c.user_id AND m.read_at IS NULL)
		FROM clients c JOIN users u ON u.id = c.user_id
		JOIN messages lm ON lm.id = (SELECT MAX(x.id) FROM messages x WHERE x.client_id = c.user_id)
		WHERE c.coach_id = ? AND u.disabled_at IS NULL
		ORDER BY lm.created_at DESC, lm.id DESC`, actor.UserID)
	if err != nil {
		return nil, errs.Wrap(err, "reading the inbox")
	}
	defer rows.Close()
	var out []ThreadSummary
	for rows.Next() {
		var t ThreadSummary
		var sender int64
		if err := rows.Scan(&t.ClientID, &t.ClientName, &t.LastAt, &sender, &t.Unread); err != nil {
			return nil, errs.Wrap(err, "reading the inbox")
		}
		t.LastAt, t.LastFromMe = t.LastAt.UTC(), sender == actor.UserID
		out = append(out, t)
	}
	return out, errs.Wrap(rows.Err(), "reading the inbox")
}

// Recent returns the last n messages of the client's thread without
// marking anything read (the client chart's glimpse; opening the thread is
// what counts as reading it). The read is authorized and audited.
func (s *Service) Recent(ctx context.Context, actor policy.Actor, clientID int64, n int) ([]Message, error) {
	if err := party(actor, clientID); err != nil {
		return nil, err
	}
	var out []Message
	err := s.authorize(ctx, actor, clientID, policy.Read, 0, func(tx *store.Tx) error {
		all, err := s.list(ctx, tx, clientID)
		if len(all) > n {
			all = all[len(all)-n:]
		}
		out = all
		return err
	})
	return out, err
}
