package adverse

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// Raiser raises the safety alert for a severe reaction in tx and returns
// its id; the app passes the alert service in.
type Raiser func(ctx context.Context, tx *store.Tx, clientID, reactionID int64, s Severity) (int64, error)

// Service is the adverse-reaction use cases.
type Service struct {
	db     *store.DB
	policy *policy.Policy
	vault  *vault.Vault
	raise  Raiser
	now    func() time.Time
}

// Deps are the service's collaborators, all given at construction.
type Deps struct {
	DB     *store.DB
	Policy *policy.Policy
	Vault  *vault.Vault
	Raise  Raiser // nil: a severe reaction raises no alert
	Now    func() time.Time
}

// NewService returns the adverse-reaction service.
func NewService(d Deps) *Service {
	return &Service{db: d.DB, policy: d.Policy, vault: d.Vault, raise: d.Raise, now: d.Now}
}

// Record logs a reaction for the client, written by their coach, and
// raises a safety alert when it is severe or life-threatening, in one
// audited transaction.
func (s *Service) Record(ctx context.Context, a policy.Actor, clientID int64, r Report) (Reaction, error) {
	var out Reaction
	acc := policy.Access{ClientID: clientID, Category: policy.Adverse, Action: policy.Write, ResourceType: "adverse_reaction"}
	err := s.policy.Do(ctx, a, acc, func(tx *store.Tx) error {
		// Checked once authorized, so a stranger learns nothing.
		if a.Role != account.Coach {
			return errs.E(errs.Forbidden, "the client's coach logs adverse reactions")
		}
		if err := r.Validate(s.now()); err != nil {
			return err
		}
		var exp sql.NullTime
		if err := tx.QueryRow(ctx, `SELECT experience_at FROM clients WHERE user_id = ?`, clientID).Scan(&exp); err != nil {
			return store.NotFound(err, "client")
		}
		now := s.now().UTC()
		id, err := store.InsertID(ctx, tx, `INSERT INTO adverse_reactions (client_id, experience_at, occurred_at, severity, sealed, recorded_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, clientID, exp, r.OccurredAt.UTC(), string(r.Severity), []byte{}, a.UserID, now, now)
		if err != nil {
			return errs.Wrap(err, "saving the adverse reaction")
		}
		if err := s.seal(ctx, tx, clientID, id, r); err != nil {
			return err
		}
		out = Reaction{ID: id, ClientID: clientID, CreatedAt: now, Report: r}
		if exp.Valid {
			out.ExperienceAt = &exp.Time
		}
		if !r.Severity.RaisesAlert() || s.raise == nil {
			return nil
		}
		if out.AlertID, err = s.raise(ctx, tx, clientID, id, r.Severity); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE adverse_reactions SET alert_id = ? WHERE id = ?`, out.AlertID, id)
		return errs.Wrap(err, "linking the safety alert")
	})
	return out, err
}

// sealedText is what a reaction keeps under the client's key.
type sealedText struct {
	What     string `json:"what"`
	Response string `json:"response"`
	FollowUp string `json:"follow_up"`
}

func aadOf(id int64) vault.AAD {
	return vault.AAD{Table: "adverse_reactions", RecordID: id, Field: "sealed"}
}

func (s *Service) seal(ctx context.Context, tx *store.Tx, clientID, id int64, r Report) error {
	plain, err := json.Marshal(sealedText{What: r.What, Response: r.Response, FollowUp: r.FollowUp})
	if err != nil {
		return errs.Wrap(err, "encoding the adverse reaction")
	}
	sealed, err := s.vault.Seal(ctx, tx, clientID, aadOf(id), plain)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `UPDATE adverse_reactions SET sealed = ? WHERE id = ?`, sealed, id)
	return errs.Wrap(err, "sealing the adverse reaction")
}

// List returns the client's reactions, newest first, with their text, for
// their coach (or an admin under break-glass): an audited read.
func (s *Service) List(ctx context.Context, a policy.Actor, clientID int64) ([]Reaction, error) {
	if a.Role == account.Client || a.Role == account.Clinician {
		return nil, policy.ErrNotFound
	}
	var out []Reaction
	acc := policy.Access{ClientID: clientID, Category: policy.Adverse, Action: policy.Read, ResourceType: "adverse_reaction"}
	err := s.policy.Do(ctx, a, acc, func(tx *store.Tx) error {
		var err error
		out, err = s.list(ctx, tx, clientID, 0)
		return err
	})
	return out, err
}

// OpenForAlert opens the reaction that raised a safety alert, inside the
// transaction in which the alert service authorized and audited the read
// of the alert's source.
func (s *Service) OpenForAlert(ctx context.Context, tx *store.Tx, clientID, id int64) (Reaction, error) {
	rs, err := s.list(ctx, tx, clientID, id)
	if err != nil {
		return Reaction{}, err
	}
	if len(rs) == 0 {
		return Reaction{}, errs.NotFoundf("adverse reaction not found")
	}
	return rs[0], nil
}

func (s *Service) list(ctx context.Context, tx *store.Tx, clientID, onlyID int64) ([]Reaction, error) {
	rows, err := tx.Query(ctx, `SELECT r.id, r.experience_at, r.occurred_at, r.severity, r.sealed, COALESCE(r.alert_id, 0), u.name, r.created_at
		FROM adverse_reactions r JOIN users u ON u.id = r.recorded_by
		WHERE r.client_id = ? AND (? = 0 OR r.id = ?) ORDER BY r.occurred_at DESC, r.id DESC`, clientID, onlyID, onlyID)
	if err != nil {
		return nil, errs.Wrap(err, "listing adverse reactions")
	}
	type row struct {
		r      Reaction
		sealed []byte
	}
	var raw []row
	for rows.Next() {
		x := row{r: Reaction{ClientID: clientID}}
		var exp sql.NullTime
		var sev string
		if err := rows.Scan(&x.r.ID, &exp, &x.r.OccurredAt, &sev, &x.sealed, &x.r.AlertID, &x.r.RecordedBy, &x.r.CreatedAt); err != nil {
			rows.Close()
			return nil, errs.Wrap(err, "reading adverse reactions")
		}
		x.r.Severity = Severity(sev)
		if exp.Valid {
			x.r.ExperienceAt = &exp.Time
		}
		raw = append(raw, x)
	}
	err = rows.Err()
	if cerr := rows.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, errs.Wrap(err, "reading adverse reactions")
	}
	out := make([]Reaction, 0, len(raw))
	for _, x := range raw {
		plain, err := s.vault.Open(ctx, tx, clientID, aadOf(x.r.ID), x.sealed)
		if err != nil {
			return nil, err
		}
		var t sealedText
		if err := json.Unmarshal(plain, &t); err != nil {
			return nil, errs.Wrap(err, "decoding an adverse reaction")
		}
		x.r.What, x.r.Response, x.r.FollowUp = t.What, t.Response, t.FollowUp
		out = append(out, x.r)
	}
	return out, nil
}
