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
)

func openAlertFor(ctx context.Context, q store.Querier, clientID int64, src Source, reason string) (int64, bool, error) {
	var id int64
	err := q.QueryRow(ctx, `SELECT id FROM safety_alerts WHERE client_id = ? AND source_kind = ? AND source_id = ? AND reason = ? AND closed_at IS NULL`,
		clientID, src.Kind, src.ID, reason).Scan(&id)
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

const alertColumns = `SELECT sa.id, sa.client_id, u.name, sa.level, sa.reason, sa.kinds, sa.source_kind, sa.source_id, sa.created_at, sa.closed_at,
	COALESCE(cb.name, ''), sa.acknowledged_at, sa.escalated_at`

const alertFrom = ` FROM safety_alerts sa JOIN clients c ON c.user_id = sa.client_id JOIN users u ON u.id = sa.client_id
	LEFT JOIN users cb ON cb.id = sa.closed_by`

func listAlerts(ctx context.Context, q store.Querier, where string, args ...any) ([]Alert, error) {
	rows, err := q.Query(ctx, alertColumns+alertFrom+` WHERE `+where+`
		ORDER BY CASE WHEN sa.closed_at IS NULL THEN 0 ELSE 1 END, CASE WHEN sa.escalated_at IS NULL THEN 1 ELSE 0 END,
		CASE sa.level WHEN 'urgent' THEN 0 ELSE 1 END, sa.created_at DESC LIMIT 200`, args...)
	if err != nil {
		return nil, errs.Wrap(err, "listing safety alerts")
	}
	defer rows.Close()
	var out []Alert
	for rows.Next() {
		a, err := scanAlert(rows.Scan)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, errs.Wrap(rows.Err(), "reading safety alerts")
}

func scanAlert(scan func(...any) error, extra ...any) (Alert, error) {
	var a Alert
	var level string
	var kinds string
	var closed, acked, escalated sql.NullTime
	dest := append([]any{&a.ID, &a.ClientID, &a.ClientName, &level, &a.Reason, &kinds, &a.Source.Kind, &a.Source.ID, &a.CreatedAt, &closed,
		&a.ClosedBy, &acked, &escalated}, extra...)
	if err := scan(dest...); err != nil {
		return a, err
	}
	a.Level, _ = safety.ParseLevel(level)
	a.Kinds = crisis.ParseKinds(kinds)
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

func getAlert(ctx context.Context, q store.Querier, id int64) (Alert, []byte, error) {
	var note []byte
	a, err := scanAlert(q.QueryRow(ctx, alertColumns+`, sa.follow_up`+alertFrom+` WHERE sa.id = ?`, id).Scan, &note)
	if err != nil {
		return a, nil, store.NotFound(err, "safety alert")
	}
	return a, note, nil
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
