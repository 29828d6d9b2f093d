package message

import (
	"context"
	"database/sql"
	"strconv"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/store"
)

// tell emails the other party about m, in m's transaction. Only the first
// unread message of a run is announced: someone who has not yet read the
// last one does not need another email for the next.
func (s *Service) tell(ctx context.Context, tx *store.Tx, m Message) error {
	if s.notices == nil {
		return nil
	}
	to, path := m.ClientID, "/messages"
	if m.FromClient {
		var coach sql.NullInt64
		if err := tx.QueryRow(ctx, `SELECT coach_id FROM clients WHERE user_id = ?`, m.ClientID).Scan(&coach); err != nil {
			return errs.Wrap(err, "finding the coach to tell")
		}
		if !coach.Valid {
			return nil
		}
		to, path = coach.Int64, "/inbox/"+strconv.FormatInt(m.ClientID, 10)
	}
	var earlier int
	err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM messages WHERE client_id = ? AND sender_id = ? AND read_at IS NULL AND id < ?`,
		m.ClientID, m.SenderID, m.ID).Scan(&earlier)
	if err != nil || earlier > 0 {
		return errs.Wrap(err, "checking unread messages")
	}
	return s.notices.Tell(ctx, tx, notify.Notice{UserID: to, Kind: notify.NewMessage, Event: "message:" + strconv.FormatInt(m.ID, 10), Path: path}, m.At)
}
