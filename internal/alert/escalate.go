package alert

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/crisis"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/store"
)

// pending is an open urgent alert nobody has acknowledged or escalated.
type pending struct {
	id, practiceID, clientID int64
	created                  time.Time
	timeZone                 string
}

// Escalate escalates every urgent alert left unacknowledged for longer
// than its practice's acknowledgement time, counted in the practice's
// office hours (crisis.Settings), to the practice's admins: the alert is
// marked escalated (the admin's queue shows it first) and each admin gets
// an email without content. Each alert is escalated exactly once, even
// when several servers run this at the same time: the update that marks
// it only succeeds for the first. It returns how many it escalated; the
// periodic job runs it every minute.
func (s *Service) Escalate(ctx context.Context) (int, error) {
	list, err := pendingAlerts(ctx, s.db.Reader())
	if err != nil {
		return 0, err
	}
	now := s.now().UTC()
	settings := map[int64]crisis.Settings{}
	n := 0
	for _, p := range list {
		set, ok := settings[p.practiceID]
		if !ok {
			if set, err = crisis.Load(ctx, s.db.Reader(), p.practiceID); err != nil {
				return n, err
			}
			settings[p.practiceID] = set
		}
		loc, err := time.LoadLocation(p.timeZone)
		if err != nil {
			loc = time.UTC
		}
		if set.Office.Elapsed(p.created, now, loc) < set.AckWithin {
			continue
		}
		done, err := s.escalate(ctx, p, set.AckWithin, now)
		if err != nil {
			return n, err
		}
		if done {
			n++
		}
	}
	return n, nil
}

func pendingAlerts(ctx context.Context, q store.Querier) ([]pending, error) {
	rows, err := q.Query(ctx, `SELECT sa.id, sa.practice_id, sa.client_id, sa.created_at, p.time_zone
		FROM safety_alerts sa JOIN practices p ON p.id = sa.practice_id
		WHERE sa.level = 'urgent' AND sa.closed_at IS NULL AND sa.acknowledged_at IS NULL AND sa.escalated_at IS NULL
		ORDER BY sa.id`)
	if err != nil {
		return nil, errs.Wrap(err, "finding unacknowledged alerts")
	}
	defer rows.Close()
	var out []pending
	for rows.Next() {
		var p pending
		if err := rows.Scan(&p.id, &p.practiceID, &p.clientID, &p.created, &p.timeZone); err != nil {
			return nil, errs.Wrap(err, "reading unacknowledged alerts")
		}
		out = append(out, p)
	}
	return out, errs.Wrap(rows.Err(), "reading unacknowledged alerts")
}

// escalate marks one alert escalated and emails the admins, in one
// transaction; false when another run got there first or it was
// acknowledged meanwhile.
func (s *Service) escalate(ctx context.Context, p pending, after time.Duration, now time.Time) (bool, error) {
	done := false
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		var err error
		done, err = s.escalateIn(ctx, tx, p, after, now)
		return err
	})
	return done, err
}

func (s *Service) escalateIn(ctx context.Context, tx *store.Tx, p pending, after time.Duration, now time.Time) (bool, error) {
	res, err := tx.Exec(ctx, `UPDATE safety_alerts SET escalated_at = ?
		WHERE id = ? AND escalated_at IS NULL AND acknowledged_at IS NULL AND closed_at IS NULL`, now, p.id)
	if err != nil {
		return false, errs.Wrap(err, "escalating safety alert")
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, errs.Wrap(err, "escalating safety alert")
	}
	if err := audit.Append(ctx, tx, audit.Stamp(ctx, audit.Event{At: now, ActorRole: "system", Action: "safety_alert_escalated",
		ResourceType: "safety_alert", ResourceID: strconv.FormatInt(p.id, 10), ClientID: p.clientID, Outcome: audit.OutcomeOK,
		Detail: fmt.Sprintf("unacknowledged_for=%s_office_time", after)})); err != nil {
		return false, errs.Wrap(err, "auditing escalation")
	}
	return true, s.emailAdmins(ctx, tx, p, after)
}

// EscalateInTx escalates one open urgent alert now, whatever its age, for
// trusted system callers only (the demo seed).
func (s *Service) EscalateInTx(ctx context.Context, tx *store.Tx, id int64) error {
	p := pending{id: id}
	err := tx.QueryRow(ctx, `SELECT practice_id, client_id, created_at FROM safety_alerts WHERE id = ?`, id).Scan(&p.practiceID, &p.clientID, &p.created)
	if err != nil {
		return store.NotFound(err, "safety alert")
	}
	set, err := crisis.Load(ctx, tx, p.practiceID)
	if err != nil {
		return err
	}
	done, err := s.escalateIn(ctx, tx, p, set.AckWithin, s.now().UTC())
	if err == nil && !done {
		err = errs.E(errs.Conflict, "this alert is closed, acknowledged or escalated already")
	}
	return err
}

// WithClock is the service on another clock, for the demo seed to raise
// alerts in the past.
func (s *Service) WithClock(now func() time.Time) *Service {
	c := *s
	c.now = now
	return &c
}

func (s *Service) emailAdmins(ctx context.Context, tx *store.Tx, p pending, after time.Duration) error {
	admins, err := practiceAdmins(ctx, tx, p.practiceID)
	if err != nil {
		return err
	}
	for _, r := range admins {
		e := notify.Email{To: r.email, Subject: "Afterward: an URGENT safety alert has not been acknowledged",
			Text: fmt.Sprintf("An urgent safety alert for a client of your practice has waited more than %d minutes of office hours "+
				"without anyone acknowledging it.\n\nPlease make sure someone reaches the client now. Open the safety queue here (sign-in needed): %s/safety\n\n"+
				"For privacy this email contains no details about the client.\n", int(after/time.Minute), s.baseURL),
			DedupeKey: "safety-escalation:" + strconv.FormatInt(p.id, 10) + ":" + strconv.FormatInt(r.id, 10)}
		if err := notify.Queue(ctx, s.queue, tx, e, time.Time{}); err != nil {
			return errs.Wrap(err, "queueing escalation email")
		}
	}
	return nil
}

func practiceAdmins(ctx context.Context, q store.Querier, practiceID int64) ([]recipient, error) {
	rows, err := q.Query(ctx, `SELECT id, email FROM users WHERE practice_id = ? AND role = 'admin' AND disabled_at IS NULL ORDER BY id`, practiceID)
	if err != nil {
		return nil, errs.Wrap(err, "finding practice admins")
	}
	defer rows.Close()
	var out []recipient
	for rows.Next() {
		var r recipient
		if err := rows.Scan(&r.id, &r.email); err != nil {
			return nil, errs.Wrap(err, "reading practice admins")
		}
		out = append(out, r)
	}
	return out, errs.Wrap(rows.Err(), "reading practice admins")
}
