package policy

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// ErrNotFound is the one answer for records the actor may not see.
var ErrNotFound = errs.NotFoundf("not found")

// subject is what the policy needs to know about a client.
type subject struct {
	practiceID int64
	coachID    int64
}

func loadSubject(ctx context.Context, q store.Querier, clientID int64) (subject, error) {
	var s subject
	var coach sql.NullInt64
	err := q.QueryRow(ctx, `SELECT practice_id, coach_id FROM clients WHERE user_id = ?`, clientID).Scan(&s.practiceID, &coach)
	if errors.Is(err, sql.ErrNoRows) {
		return s, ErrNotFound
	}
	s.coachID = coach.Int64
	return s, errs.Wrap(err, "loading client for policy")
}

// loadSubjects is loadSubject for several clients in one query (a list's
// decisions: one query per client was a round trip each on PostgreSQL).
// Clients that do not exist are absent from the map.
func loadSubjects(ctx context.Context, q store.Querier, clientIDs []int64) (map[int64]subject, error) {
	out := make(map[int64]subject, len(clientIDs))
	const chunk = 500 // under every engine's limit on parameters
	for start := 0; start < len(clientIDs); start += chunk {
		ids := clientIDs[start:min(start+chunk, len(clientIDs))]
		args := make([]any, len(ids))
		for i, id := range ids {
			args[i] = id
		}
		rows, err := q.Query(ctx, `SELECT user_id, practice_id, coach_id FROM clients WHERE user_id IN (`+
			strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ")+`)`, args...)
		if err != nil {
			return nil, errs.Wrap(err, "loading clients for policy")
		}
		for rows.Next() {
			var id int64
			var s subject
			var coach sql.NullInt64
			if err := rows.Scan(&id, &s.practiceID, &coach); err != nil {
				rows.Close()
				return nil, errs.Wrap(err, "loading clients for policy")
			}
			s.coachID = coach.Int64
			out[id] = s
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, errs.Wrap(err, "loading clients for policy")
		}
	}
	return out, nil
}

// Decide reports whether actor may do action on the client's data of the
// given category at now. It returns nil, ErrNotFound (not theirs, or no
// such client), or Forbidden (their own record, but not this action).
// Callers should use Authorize, which also writes the audit event.
func Decide(ctx context.Context, q store.Querier, a Actor, clientID int64, c Category, act Action, now time.Time) error {
	s, err := loadSubject(ctx, q, clientID)
	if err != nil {
		return err
	}
	return decideFor(ctx, q, a, clientID, s, c, act, now)
}

// decideFor is Decide with the client's subject already loaded.
func decideFor(ctx context.Context, q store.Querier, a Actor, clientID int64, s subject, c Category, act Action, now time.Time) error {
	if s.practiceID != a.PracticeID && a.Role != account.Clinician {
		return ErrNotFound
	}
	switch a.Role {
	case account.Client:
		if a.UserID != clientID {
			return ErrNotFound
		}
		return nil
	case account.Coach:
		if s.coachID != a.UserID {
			return ErrNotFound
		}
		if c == Billing && act == Write {
			return errs.E(errs.Forbidden, "billing is managed by the practice admin")
		}
		return nil
	case account.Admin:
		if !c.Clinical() {
			return nil
		}
		ok, err := breakGlassActive(ctx, q, a.UserID, clientID, now)
		if err != nil {
			return err
		}
		if ok && act == Read {
			return nil
		}
		return errs.E(errs.Forbidden, "clinical content needs break-glass access with a written reason")
	case account.Clinician:
		if act != Read {
			return ErrNotFound
		}
		ok, err := consentActive(ctx, q, a.UserID, clientID, c, now)
		if err != nil {
			return err
		}
		if !ok {
			return ErrNotFound
		}
		return nil
	}
	return ErrNotFound
}

func breakGlassActive(ctx context.Context, q store.Querier, adminID, clientID int64, now time.Time) (bool, error) {
	var n int
	err := q.QueryRow(ctx, `SELECT COUNT(*) FROM break_glass WHERE admin_id = ? AND client_id = ? AND starts_at <= ? AND expires_at > ? AND ended_at IS NULL`,
		adminID, clientID, now, now).Scan(&n)
	return n > 0, errs.Wrap(err, "checking break-glass")
}

func consentActive(ctx context.Context, q store.Querier, recipientID, clientID int64, c Category, now time.Time) (bool, error) {
	var n int
	err := q.QueryRow(ctx, `SELECT COUNT(*) FROM consent_categories cc JOIN consents k ON k.id = cc.consent_id
		WHERE k.recipient_id = ? AND k.client_id = ? AND cc.category = ? AND k.starts_at <= ?
		AND (k.ends_at IS NULL OR k.ends_at > ?) AND k.revoked_at IS NULL`,
		recipientID, clientID, string(c), now, now).Scan(&n)
	return n > 0, errs.Wrap(err, "checking consent")
}
