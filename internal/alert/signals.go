package alert

import (
	"context"
	"database/sql"
	"errors"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/crisis"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/safety"
	"github.com/afterward/afterward/internal/store"
)

// SourceNotSafeButton is the source of alerts raised by the "I'm not safe
// right now" button, which has no record of its own.
const SourceNotSafeButton = "not_safe_button"

// NotSafe raises an urgent alert for a client who pressed "I'm not safe
// right now": no text, no scan, no judgement in between. The coach and the
// admins are emailed (without content) through the job queue. Pressing it
// again while the alert is open does not raise a second one.
func (s *Service) NotSafe(ctx context.Context, a policy.Actor) (int64, error) {
	if a.Role != account.Client {
		return 0, errs.E(errs.Forbidden, "this button is for clients")
	}
	var id int64
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		var err error
		id, err = s.Raise(ctx, tx, a.UserID, Source{Kind: SourceNotSafeButton}, safety.Urgent, ReasonClientNotSafe)
		return err
	})
	return id, err
}

// ClientHelp is the crisis help a client sees after something they wrote
// or answered raised an alert: their practice's lines, ordered for the
// kinds of risk of the latest alert raised on src (none found: the order
// for no kind), and that alert's level (None without one). Only the client
// themself asks; staff read alerts in the queue.
func (s *Service) ClientHelp(ctx context.Context, a policy.Actor, src Source) (crisis.Help, []safety.Kind, safety.Level, error) {
	if a.Role != account.Client {
		return crisis.Help{}, nil, safety.None, errs.NotFoundf("not found")
	}
	q := s.db.Reader()
	practiceID, err := practice.OfClient(ctx, q, a.UserID)
	if err != nil {
		return crisis.Help{}, nil, safety.None, err
	}
	region, err := crisis.RegionOf(ctx, q, practiceID)
	if err != nil {
		return crisis.Help{}, nil, safety.None, err
	}
	var id int64
	var stored, levelName string
	var sealed []byte
	err = q.QueryRow(ctx, `SELECT id, kinds, kinds_sealed, level FROM safety_alerts WHERE client_id = ? AND source_kind = ? AND source_id = ?
		ORDER BY created_at DESC, id DESC LIMIT 1`, a.UserID, src.Kind, src.ID).Scan(&id, &stored, &sealed, &levelName)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return crisis.Help{}, nil, safety.None, errs.Wrap(err, "reading the alert's kinds")
	}
	if stored, err = s.vault.OpenerFor(ctx, q, a.UserID).Text(kindsAAD(id), stored, sealed); err != nil {
		return crisis.Help{}, nil, safety.None, err
	}
	level, _ := safety.ParseLevel(levelName)
	kinds := crisis.ParseKinds(stored)
	return crisis.HelpFor(region, kinds), kinds, level, nil
}

// Acknowledge records that a coach (or admin) has seen an urgent alert and
// is acting on it, which stops it from escalating. Acknowledging twice
// keeps the first time.
func (s *Service) Acknowledge(ctx context.Context, a policy.Actor, id int64) error {
	if err := followsUp(a); err != nil {
		return err
	}
	clientID, err := alertClient(ctx, s.db.Reader(), id)
	if err != nil {
		return err
	}
	return s.policy.Do(ctx, a, policy.Access{ClientID: clientID, Category: policy.SafetyAlerts, Action: policy.Write, ResourceType: "safety_alert", ResourceID: id, Detail: "acknowledge"},
		func(tx *store.Tx) error {
			_, err := tx.Exec(ctx, `UPDATE safety_alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL`,
				s.now().UTC(), a.UserID, id)
			return errs.Wrap(err, "acknowledging safety alert")
		})
}

// followsUp refuses people who do not follow up alerts: the policy lets a
// client read and write their own record, and a clinician read what was
// shared, but acknowledging, closing and opening an alert's source are the
// practice's work.
func followsUp(a policy.Actor) error {
	if a.Role != account.Coach && a.Role != account.Admin {
		return errs.E(errs.Forbidden, "coaches follow up on safety alerts")
	}
	return nil
}

// hasOpen reports whether the client has an open alert for reason, from
// any source (found by the reason's digest: the code itself is sealed).
func (s *Service) hasOpen(ctx context.Context, tx *store.Tx, clientID int64, reason string) (bool, error) {
	digest, err := s.reasonDigest(ctx, tx, clientID, reason)
	if err != nil {
		return false, err
	}
	var n int
	err = tx.QueryRow(ctx, `SELECT COUNT(*) FROM safety_alerts WHERE client_id = ? AND reason_digest = ? AND closed_at IS NULL`, clientID, digest).Scan(&n)
	return n > 0, errs.Wrap(err, "checking open alerts")
}

// RaiseOnce is Raise unless the client already has an open alert for the
// same reason from any source: for signals that repeat day after day, such
// as a run of low mood scores, which the coach needs to hear about once.
func (s *Service) RaiseOnce(ctx context.Context, tx *store.Tx, clientID int64, src Source, level safety.Level, reason string) (int64, error) {
	open, err := s.hasOpen(ctx, tx, clientID, reason)
	if err != nil || open {
		return 0, err
	}
	return s.Raise(ctx, tx, clientID, src, level, reason)
}
