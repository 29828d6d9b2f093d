package alert

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/afterward/afterward/internal/crisis"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/safety"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

func openAlertFor(ctx context.Context, q store.Querier, clientID int64, src Source, digest string) (int64, bool, error) {
	var id int64
	err := q.QueryRow(ctx, `SELECT id FROM safety_alerts WHERE client_id = ? AND source_kind = ? AND source_id = ? AND reason_digest = ? AND closed_at IS NULL`,
		clientID, src.Kind, src.ID, digest).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return id, err == nil, errs.Wrap(err, "checking open alerts")
}

type recipient struct {
	id    int64
	email string
}

// alertRecipients are the assigned coach and the practice's admins, active
// accounts only.
func alertRecipients(ctx context.Context, q store.Querier, clientID int64) ([]recipient, error) {
	rows, err := q.Query(ctx, `SELECT u.id, u.email FROM users u JOIN clients c ON c.user_id = ?
		WHERE u.disabled_at IS NULL AND (u.id = c.coach_id OR (u.practice_id = c.practice_id AND u.role = 'admin'))
		ORDER BY u.id`, clientID)
	if err != nil {
		return nil, errs.Wrap(err, "finding alert recipients")
	}
	defer rows.Close()
	var out []recipient
	for rows.Next() {
		var r recipient
		if err := rows.Scan(&r.id, &r.email); err != nil {
			return nil, errs.Wrap(err, "reading alert recipients")
		}
		out = append(out, r)
	}
	return out, errs.Wrap(rows.Err(), "reading alert recipients")
}

const alertColumns = `SELECT sa.id, sa.client_id, u.name, sa.level, sa.reason, sa.reason_sealed, sa.kinds, sa.kinds_sealed, sa.source_kind, sa.source_id,
	sa.created_at, sa.closed_at, COALESCE(cb.name, ''), sa.acknowledged_at, sa.escalated_at`

const alertFrom = ` FROM safety_alerts sa JOIN clients c ON c.user_id = sa.client_id JOIN users u ON u.id = sa.client_id
	LEFT JOIN users cb ON cb.id = sa.closed_by`

// sealedAlert is an alert as read, its reason and kinds still sealed.
type sealedAlert struct {
	Alert
	reason, kinds             string // plaintext of rows not yet sealed at start-up
	sealedReason, sealedKinds []byte
}

func (s *Service) listAlerts(ctx context.Context, q store.Querier, where string, args ...any) ([]Alert, error) {
	rows, err := q.Query(ctx, alertColumns+alertFrom+` WHERE `+where+`
		ORDER BY CASE WHEN sa.closed_at IS NULL THEN 0 ELSE 1 END, CASE WHEN sa.escalated_at IS NULL THEN 1 ELSE 0 END,
		CASE sa.level WHEN 'urgent' THEN 0 ELSE 1 END, sa.created_at DESC LIMIT 200`, args...)
	if err != nil {
		return nil, errs.Wrap(err, "listing safety alerts")
	}
	var list []sealedAlert
	for rows.Next() {
		a, err := scanAlert(rows.Scan)
		if err != nil {
			rows.Close()
			return nil, errs.Wrap(err, "reading safety alerts")
		}
		list = append(list, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, "reading safety alerts")
	}
	return s.openAlerts(ctx, q, list)
}

// openAlerts opens the reasons and kinds of a list of alerts, reading each
// client's data key once for the whole list.
func (s *Service) openAlerts(ctx context.Context, q store.Querier, list []sealedAlert) ([]Alert, error) {
	clients := make([]int64, len(list))
	for i, a := range list {
		clients[i] = a.ClientID
	}
	open, err := s.vault.OpenersFor(ctx, q, clients)
	if err != nil {
		return nil, err
	}
	out := make([]Alert, len(list))
	for i, a := range list {
		reason, err := open.Text(a.ClientID, reasonAAD(a.ID), a.reason, a.sealedReason)
		if err != nil {
			return nil, err
		}
		kinds, err := open.Text(a.ClientID, kindsAAD(a.ID), a.kinds, a.sealedKinds)
		if err != nil {
			return nil, err
		}
		a.Reason, a.Kinds = reason, crisis.ParseKinds(kinds)
		out[i] = a.Alert
	}
	return out, nil
}

func reasonAAD(id int64) vault.AAD {
	return vault.AAD{Table: "safety_alerts", RecordID: id, Field: "reason_sealed"}
}

func kindsAAD(id int64) vault.AAD {
	return vault.AAD{Table: "safety_alerts", RecordID: id, Field: "kinds_sealed"}
}

func scanAlert(scan func(...any) error, extra ...any) (sealedAlert, error) {
	var a sealedAlert
	var level string
	var closed, acked, escalated sql.NullTime
	dest := append([]any{&a.ID, &a.ClientID, &a.ClientName, &level, &a.reason, &a.sealedReason, &a.kinds, &a.sealedKinds, &a.Source.Kind, &a.Source.ID,
		&a.CreatedAt, &closed, &a.ClosedBy, &acked, &escalated}, extra...)
	if err := scan(dest...); err != nil {
		return a, err
	}
	a.Level, _ = safety.ParseLevel(level)
	a.CreatedAt = a.CreatedAt.UTC()
	a.ClosedAt, a.AcknowledgedAt, a.EscalatedAt = timePtr(closed), timePtr(acked), timePtr(escalated)
	return a, nil
}

func timePtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

func alertClient(ctx context.Context, q store.Querier, id int64) (int64, error) {
	var clientID int64
	err := q.QueryRow(ctx, `SELECT client_id FROM safety_alerts WHERE id = ?`, id).Scan(&clientID)
	return clientID, store.NotFound(err, "safety alert")
}

func (s *Service) getAlert(ctx context.Context, q store.Querier, id int64) (Alert, []byte, error) {
	var note []byte
	a, err := scanAlert(q.QueryRow(ctx, alertColumns+`, sa.follow_up`+alertFrom+` WHERE sa.id = ?`, id).Scan, &note)
	if err != nil {
		return Alert{}, nil, store.NotFound(err, "safety alert")
	}
	opened, err := s.openAlerts(ctx, q, []sealedAlert{a})
	if err != nil {
		return Alert{}, nil, err
	}
	return opened[0], note, nil
}

func closeAlert(ctx context.Context, tx *store.Tx, id, by int64, at time.Time, sealed []byte) error {
	res, err := tx.Exec(ctx, `UPDATE safety_alerts SET closed_at = ?, closed_by = ?, follow_up = ? WHERE id = ? AND closed_at IS NULL`, at, by, sealed, id)
	if err != nil {
		return errs.Wrap(err, "closing safety alert")
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return errs.E(errs.Conflict, "this alert is already closed")
	}
	return nil
}
