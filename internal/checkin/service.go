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

// Deps are the service's collaborators, all given at construction.
type Deps struct {
	Policy *policy.Policy
	Vault  *vault.Vault
	Scan   RiskScanner
	Now    func() time.Time
}

// NewService wires check-ins.
func NewService(d Deps) *Service {
	return &Service{policy: d.Policy, vault: d.Vault, scan: d.Scan, now: d.Now}
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
	acc := policy.Access{ClientID: clientID, Category: cat, Action: act, ResourceType: "checkin", ResourceID: id}
	if act == policy.Read {
		return s.policy.View(ctx, actor, acc, fn) // reads write nothing: a snapshot, audited by group commit
	}
	return s.policy.Do(ctx, actor, acc, fn)
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
		if err := s.signals(ctx, tx, &c); err != nil {
			return err
		}
		if in.Note != "" {
			if err := s.vault.SealInto(ctx, tx, clientID, "checkins", c.ID, map[string][]byte{"note": []byte(in.Note)}); err != nil {
				return err
			}
			level, err := s.scan.ScanText(ctx, tx, clientID, "checkin", c.ID, in.Note)
			if err != nil {
				return err
			}
			c.SafetyLevel = max(c.SafetyLevel, level)
		}
		if c.SafetyLevel == safety.None {
			return nil
		}
		_, err = tx.Exec(ctx, `UPDATE checkins SET safety_level = ? WHERE id = ?`, c.SafetyLevel.String(), c.ID)
		return errs.Wrap(err, "saving check-in")
	})
	return c, err
}

// signals raises the check-in's structured signals, which need no text:
// "not safe right now" (urgent) and a run of very low mood (concern).
func (s *Service) signals(ctx context.Context, tx *store.Tx, c *CheckIn) error {
	if c.Safe == SafeNo {
		if err := s.scan.Signal(ctx, tx, c.ClientID, c.ID, NotSafe); err != nil {
			return err
		}
		c.SafetyLevel = safety.Urgent
	}
	low, err := lowMoodRun(ctx, tx, c.ClientID, c.At)
	if err != nil || !low {
		return err
	}
	if err := s.scan.Signal(ctx, tx, c.ClientID, c.ID, LowMood); err != nil {
		return err
	}
	c.SafetyLevel = max(c.SafetyLevel, safety.Concern)
	return nil
}

// lowMoodRun applies the low-mood rule (LowestMood on LowMoodDays days
// running, ending on the day of at) to the client's check-ins, in the
// client's time zone.
func lowMoodRun(ctx context.Context, tx *store.Tx, clientID int64, at time.Time) (bool, error) {
	var tz string
	if err := tx.QueryRow(ctx, `SELECT time_zone FROM users WHERE id = ?`, clientID).Scan(&tz); err != nil {
		return false, errs.Wrap(err, "reading the client's time zone")
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		loc = time.UTC
	}
	local := at.In(loc)
	first := time.Date(local.Year(), local.Month(), local.Day()-(LowMoodDays-1), 0, 0, 0, 0, loc)
	rows, err := tx.Query(ctx, `SELECT mood, created_at FROM checkins WHERE client_id = ? AND created_at >= ? AND created_at <= ?`,
		clientID, first.UTC(), at)
	if err != nil {
		return false, errs.Wrap(err, "reading recent check-ins")
	}
	defer rows.Close()
	lowest := map[string]Scale{}
	for rows.Next() {
		var mood Scale
		var when time.Time
		if err := rows.Scan(&mood, &when); err != nil {
			return false, errs.Wrap(err, "reading recent check-ins")
		}
		day := when.In(loc).Format(time.DateOnly)
		if m, ok := lowest[day]; !ok || mood < m {
			lowest[day] = mood
		}
	}
	if err := rows.Err(); err != nil {
		return false, errs.Wrap(err, "reading recent check-ins")
	}
	for i := 0; i < LowMoodDays; i++ {
		day := time.Date(local.Year(), local.Month(), local.Day()-i, 0, 0, 0, 0, loc).Format(time.DateOnly)
		if m, ok := lowest[day]; !ok || m != LowestMood {
			return false, nil
		}
	}
	return true, nil
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

// OpenInTx opens one of the client's check-ins with its note, inside a
// transaction whose caller has already authorized and audited the read
// (the safety queue opening the check-in that raised an alert).
func (s *Service) OpenInTx(ctx context.Context, tx *store.Tx, clientID, id int64) (CheckIn, error) {
	all, err := s.list(ctx, tx, clientID, time.Time{}, true)
	if err != nil {
		return CheckIn{}, err
	}
	for _, c := range all {
		if c.ID == id {
			return c, nil
		}
	}
	return CheckIn{}, errs.NotFoundf("check-in not found")
}
