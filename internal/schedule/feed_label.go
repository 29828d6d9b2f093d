package schedule

import (
	"context"
	"database/sql"
	"errors"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// ClientLabel is how a coach's calendar feed names clients.
type ClientLabel string

const (
	LabelNone     ClientLabel = "none" // the default
	LabelInitials ClientLabel = "initials"
)

func clientLabel(ctx context.Context, q store.Querier, userID int64) (ClientLabel, error) {
	var l string
	err := q.QueryRow(ctx, `SELECT client_label FROM calendar_prefs WHERE user_id = ?`, userID).Scan(&l)
	if errors.Is(err, sql.ErrNoRows) {
		return LabelNone, nil
	}
	return ClientLabel(l), errs.Wrap(err, "reading calendar settings")
}

// FeedLabel is the coach's choice (LabelNone until they choose).
func (s *Service) FeedLabel(ctx context.Context, actor policy.Actor) (ClientLabel, error) {
	return clientLabel(ctx, s.reader(), actor.UserID)
}

// SetFeedLabel saves how the coach's feed names clients.
func (s *Service) SetFeedLabel(ctx context.Context, actor policy.Actor, l ClientLabel) error {
	if actor.Role != account.Coach {
		return errs.E(errs.Forbidden, "only coaches' calendars name clients")
	}
	if l != LabelNone && l != LabelInitials {
		return errs.Validation{"client_label": "choose no names or initials"}.Err()
	}
	return s.inTx(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO calendar_prefs (user_id, client_label, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (user_id) DO UPDATE SET client_label = excluded.client_label, updated_at = excluded.updated_at`,
			actor.UserID, string(l), s.now().UTC())
		return errs.Wrap(err, "saving calendar settings")
	})
}
