package auth

import (
	"context"
	"database/sql"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// Account statuses on the admin's Accounts page.
const (
	StatusActive      = "active"
	StatusUnverified  = "unverified" // a clinician a client invited
	StatusDeactivated = "deactivated"
)

// AccountRow is one account as the practice admin oversees it.
type AccountRow struct {
	ID          int64
	Name, Email string
	Role        account.Role
	Status      string
	InvitedBy   string // the inviter's name; "" for accounts made otherwise
	InviterRole account.Role
	LastSignIn  *time.Time
	TwoStep     bool
	Clients     int // clients still assigned (coaches): reassign them when offboarding
}

// Accounts lists every account of the admin's practice, staff first.
func (s *Service) Accounts(ctx context.Context, admin account.User) ([]AccountRow, error) {
	if admin.Role != account.Admin {
		return nil, errs.E(errs.Forbidden, "only the practice admin oversees accounts")
	}
	// Only a clinician waits for verification (others made without it,
	// such as generated directory coaches, are not "unverified").
	rows, err := s.db.Reader().Query(ctx, `SELECT u.id, u.name, u.email, u.role, u.role = 'clinician' AND u.verified_at IS NULL, u.disabled_at IS NOT NULL,
			COALESCE(inv.name, ''), COALESCE(inv.role, ''), u.last_signin_at,
			EXISTS (SELECT 1 FROM totp_credentials t WHERE t.user_id = u.id AND t.confirmed_at IS NOT NULL),
			(SELECT COUNT(*) FROM clients c WHERE c.coach_id = u.id)
		FROM users u
		LEFT JOIN invitations i ON i.user_id = u.id AND i.accepted_at IS NOT NULL
		LEFT JOIN users inv ON inv.id = i.invited_by
		WHERE u.practice_id = ?
		ORDER BY CASE u.role WHEN 'admin' THEN 0 WHEN 'coach' THEN 1 WHEN 'clinician' THEN 2 ELSE 3 END, u.name, u.id`, admin.PracticeID)
	if err != nil {
		return nil, errs.Wrap(err, "listing accounts")
	}
	defer rows.Close()
	var out []AccountRow
	for rows.Next() {
		var r AccountRow
		var role, inviterRole string
		var unverified, disabled bool
		var last sql.NullTime
		if err := rows.Scan(&r.ID, &r.Name, &r.Email, &role, &unverified, &disabled, &r.InvitedBy, &inviterRole, &last, &r.TwoStep, &r.Clients); err != nil {
			return nil, errs.Wrap(err, "reading accounts")
		}
		r.Role, r.InviterRole = account.Role(role), account.Role(inviterRole)
		r.Status = StatusActive
		switch {
		case disabled:
			r.Status = StatusDeactivated
		case unverified:
			r.Status = StatusUnverified
		}
		if last.Valid {
			t := last.Time.UTC()
			r.LastSignIn = &t
		}
		out = append(out, r)
	}
	return out, errs.Wrap(rows.Err(), "reading accounts")
}

// VerifyAccount marks an account the practice has checked (a clinician a
// client invited): from now on every client of the practice may share
// with them.
func (s *Service) VerifyAccount(ctx context.Context, admin account.User, id int64, m Meta) error {
	return s.manageAccount(ctx, admin, id, func(tx *store.Tx, now time.Time) error {
		res, err := tx.Exec(ctx, `UPDATE users SET verified_at = ? WHERE id = ? AND role = 'clinician' AND verified_at IS NULL AND disabled_at IS NULL`, now, id)
		if err != nil {
			return errs.Wrap(err, "verifying account")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.E(errs.Conflict, "this account is already verified or deactivated")
		}
		return s.event(ctx, tx, m, admin.ID, "account_verified", "account", id, audit.OutcomeOK, "")
	})
}

// DeactivateAccount ends an account at once, in one transaction: it can
// no longer sign in, its sessions end, its pending sign-in links and
// resets stop working, and the invitations it sent (or that are waiting
// for its address) are revoked. Its records stay: a coach's clients keep
// their history and wait to be reassigned.
func (s *Service) DeactivateAccount(ctx context.Context, admin account.User, id int64, m Meta) error {
	if id == admin.ID {
		return errs.E(errs.Conflict, "you cannot deactivate your own account; ask another admin")
	}
	return s.manageAccount(ctx, admin, id, func(tx *store.Tx, now time.Time) error {
		res, err := tx.Exec(ctx, `UPDATE users SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL`, now, id)
		if err != nil {
			return errs.Wrap(err, "deactivating account")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.E(errs.Conflict, "this account is already deactivated")
		}
		ends := []struct {
			query string
			args  []any
		}{
			{`DELETE FROM auth_sessions WHERE user_id = ?`, []any{id}},
			{`UPDATE auth_tokens SET used_at = ? WHERE user_id = ? AND used_at IS NULL`, []any{now, id}},
			{`UPDATE invitations SET revoked_at = ? WHERE accepted_at IS NULL AND revoked_at IS NULL
				AND (invited_by = ? OR email = (SELECT email FROM users WHERE id = ?))`, []any{now, id, id}},
		}
		for _, e := range ends {
			if _, err := tx.Exec(ctx, e.query, e.args...); err != nil {
				return errs.Wrap(err, "ending the account's access")
			}
		}
		return s.event(ctx, tx, m, admin.ID, "account_deactivated", "account", id, audit.OutcomeOK, "")
	})
}

// manageAccount runs an admin's change to an account of their practice;
// another practice's account is "not found".
func (s *Service) manageAccount(ctx context.Context, admin account.User, id int64, change func(tx *store.Tx, now time.Time) error) error {
	if admin.Role != account.Admin {
		return errs.E(errs.Forbidden, "only the practice admin manages accounts")
	}
	return s.inTx(ctx, func(tx *store.Tx) error {
		var practiceID int64
		err := tx.QueryRow(ctx, `SELECT practice_id FROM users WHERE id = ?`, id).Scan(&practiceID)
		if err != nil || practiceID != admin.PracticeID {
			return errs.NotFoundf("account not found")
		}
		return change(tx, s.now())
	})
}
