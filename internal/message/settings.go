package message

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// SettingsFor returns the messaging settings of the client's coach (what
// the client sees above the thread). A client without a coach gets the
// defaults and CoachID 0.
func (s *Service) SettingsFor(ctx context.Context, clientID int64) (Settings, error) {
	var coach sql.NullInt64
	var name sql.NullString
	err := s.db.Reader().QueryRow(ctx, `SELECT c.coach_id, u.name FROM clients c LEFT JOIN users u ON u.id = c.coach_id WHERE c.user_id = ?`, clientID).Scan(&coach, &name)
	if err != nil {
		return Settings{}, store.NotFound(err, "client")
	}
	if !coach.Valid {
		return Settings{}, nil
	}
	st, err := s.CoachSettings(ctx, coach.Int64)
	st.CoachName = name.String
	return st, err
}

// CoachSettings returns a coach's settings, defaults when none are saved.
func (s *Service) CoachSettings(ctx context.Context, coachID int64) (Settings, error) {
	st := Settings{CoachID: coachID}
	err := s.db.Reader().QueryRow(ctx, `SELECT office_hours, response_time, away, away_message FROM messaging_settings WHERE coach_id = ?`, coachID).
		Scan(&st.OfficeHours, &st.ResponseTime, &st.Away, &st.AwayMessage)
	if errors.Is(err, sql.ErrNoRows) {
		return st, nil
	}
	return st, errs.Wrap(err, "reading messaging settings")
}

// SaveSettings stores the coach's own settings.
func (s *Service) SaveSettings(ctx context.Context, actor policy.Actor, st Settings) error {
	if actor.Role != account.Coach {
		return errs.E(errs.Forbidden, "only coaches set office hours")
	}
	st.Normalize()
	if err := st.Validate(); err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *store.Tx) error {
		now := s.now().UTC().Truncate(time.Microsecond)
		_, err := tx.Exec(ctx, `INSERT INTO messaging_settings (coach_id, office_hours, response_time, away, away_message, updated_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (coach_id) DO UPDATE SET office_hours = excluded.office_hours,
			response_time = excluded.response_time, away = excluded.away, away_message = excluded.away_message, updated_at = excluded.updated_at`,
			actor.UserID, st.OfficeHours, st.ResponseTime, st.Away, st.AwayMessage, now)
		if err != nil {
			return errs.Wrap(err, "saving messaging settings")
		}
		err = audit.Append(ctx, tx, audit.Stamp(ctx, audit.Event{At: now, ActorID: actor.UserID, ActorRole: string(actor.Role),
			Action: "messaging_settings_update", ResourceType: "messaging_settings", Outcome: audit.OutcomeOK}))
		return errs.Wrap(err, "writing audit event")
	})
}
