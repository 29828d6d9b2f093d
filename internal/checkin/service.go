package checkin

import (
	"context"
	"fmt"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/progress"
	"github.com/afterward/afterward/internal/safety"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// Service is the check-in use cases.
type Service struct {
	policy *policy.Policy
	vault  *vault.Vault
	scan   RiskScanner
	now    func() time.Time
}

// NewService wires check-ins.
func NewService(p *policy.Policy, v *vault.Vault, scan RiskScanner, now func() time.Time) *Service {
	return &Service{policy: p, vault: v, scan: scan, now: now}
}

// authorize: check-ins are part of the client's plan-level record (the
// client and their coach); a clinician reads them only when the client
// shared check-ins by name — consent to scores or the journal does not
// reach the lines written with a check-in.
func (s *Service) authorize(ctx context.Context, actor policy.Actor, clientID int64, act policy.Action, id int64, fn func(tx *store.Tx) error) error {
	cat := policy.Plan
	if actor.Role == account.Clinician {
		cat = policy.CheckIns
	}
	return s.policy.Do(ctx, actor, policy.Access{ClientID: clientID, Category: cat, Action: act, ResourceType: "checkin", ResourceID: id}, fn)
}

// Record stores a check-in by the client and scans its line of text.
func (s *Service) Record(ctx context.Context, actor policy.Actor, clientID int64, in Input) (CheckIn, error) {
	in.Normalize()
	if actor.Role != account.Client || actor.UserID != clientID {
		return CheckIn{}, errs.E(errs.Forbidden, "only the client checks in")
	}
	if err := in.Validate(); err != nil {
		return CheckIn{}, err
	}
	c := CheckIn{ClientID: clientID, Input: in, At: s.now().UTC().Truncate(time.Microsecond)}
	err := s.authorize(ctx, actor, clientID, policy.Write, 0, func(tx *store.Tx) error {
		var err error
		c.ID, err = store.InsertID(ctx, tx, `INSERT INTO checkins (client_id, cadence, mood, anxiety, sleep, connection, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, clientID, string(in.Cadence), in.Mood, in.Anxiety, in.Sleep, in.Connection, c.At)
		if err != nil {
			return errs.Wrap(err, "saving check-in")
		}
		if in.Note == "" {
			return nil
		}
		if err := s.vault.SealInto(ctx, tx, clientID, "checkins", c.ID, map[string][]byte{"note": []byte(in.Note)}); err != nil {
			return err
		}
		if c.SafetyLevel, err = s.scan.ScanText(ctx, tx, clientID, "checkin", c.ID, in.Note); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE checkins SET safety_level = ? WHERE id = ?`, c.SafetyLevel.String(), c.ID)
		return errs.Wrap(err, "saving check-in")
	})
	return c, err
}

// List returns the client's check-ins since a time, newest first, with
// their notes opened.
func (s *Service) List(ctx context.Context, actor policy.Actor, clientID int64, since time.Time) ([]CheckIn, error) {
	var out []CheckIn
	err := s.authorize(ctx, actor, clientID, policy.Read, 0, func(tx *store.Tx) error {
		var err error
		out, err = s.list(ctx, tx, clientID, since, true)
		return err
	})
	return out, err
}

func (s *Service) list(ctx context.Context, tx *store.Tx, clientID int64, since time.Time, open bool) ([]CheckIn, error) {
	rows, err := tx.Query(ctx, `SELECT id, cadence, mood, anxiety, sleep, connection, note, safety_level, created_at
		FROM checkins WHERE client_id = ? AND created_at >= ? ORDER BY created_at DESC, id DESC`, clientID, since)
	if err != nil {
		return nil, errs.Wrap(err, "listing check-ins")
	}
	type sealed struct {
		CheckIn
		note []byte
	}
	var rs []sealed
	for rows.Next() {
		var r sealed
		var cadence, level string
		if err := rows.Scan(&r.ID, &cadence, &r.Mood, &r.Anxiety, &r.Sleep, &r.Connection, &r.note, &level, &r.At); err != nil {
			rows.Close()
			return nil, errs.Wrap(err, "reading check-in")
		}
		r.ClientID, r.Cadence, r.At = clientID, Cadence(cadence), r.At.UTC()
		r.SafetyLevel, _ = safety.ParseLevel(level)
		rs = append(rs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, "listing check-ins")
	}
	out := make([]CheckIn, len(rs))
	for i, r := range rs {
		out[i] = r.CheckIn
		if open && len(r.note) > 0 {
			pt, err := s.vault.Open(ctx, tx, clientID, vault.AAD{Table: "checkins", RecordID: r.ID, Field: "note"}, r.note)
			if err != nil {
				return nil, err
			}
			out[i].Note = string(pt)
		}
	}
	return out, nil
}

// Timeline is the check-ins' progress.TimelineSource (scales only).
func (s *Service) Timeline(ctx context.Context, tx *store.Tx, clientID int64) ([]progress.Event, error) {
	cs, err := s.list(ctx, tx, clientID, time.Time{}, false)
	if err != nil {
		return nil, err
	}
	out := make([]progress.Event, len(cs))
	for i, c := range cs {
		out[i] = progress.Event{At: c.At, Kind: progress.CheckIn, Title: "Check-in",
			Detail: fmt.Sprintf("Mood %d of 5 · anxiety %d of 5 · sleep %d of 5 · connection %d of 5", c.Mood, c.Anxiety, c.Sleep, c.Connection),
			Link:   "/checkin"}
	}
	return out, nil
}
