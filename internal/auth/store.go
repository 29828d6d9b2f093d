package auth

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// Token purposes (auth_tokens.purpose).
const (
	purposePending = "pending_signin"
	purposeLink    = "signin_link"
	purposeReset   = "password_reset"
)

// forUpdate locks the selected row on PostgreSQL; SQLite's single writer
// already serialises write transactions.
func forUpdate(q store.Querier) string {
	if q.Dialect() == store.Postgres {
		return " FOR UPDATE"
	}
	return ""
}

func issueToken(ctx context.Context, tx *store.Tx, purpose string, userID int64, now time.Time, ttl time.Duration) (string, error) {
	token, hash := account.NewToken()
	_, err := tx.Exec(ctx, `INSERT INTO auth_tokens (token_hash, purpose, user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
		hash, purpose, userID, now, now.Add(ttl))
	return token, errs.Wrap(err, "issuing token")
}

// consumeToken marks a live token used and returns its account; a token
// that is unknown, expired or already used is errs.NotFound. The UPDATE is
// the check, so two requests racing with one token cannot both win.
func consumeToken(ctx context.Context, tx *store.Tx, purpose, token string, now time.Time) (int64, error) {
	var userID int64
	err := tx.QueryRow(ctx, `UPDATE auth_tokens SET used_at = ?
		WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ? RETURNING user_id`,
		now, account.HashToken(token), purpose, now).Scan(&userID)
	return userID, store.NotFound(err, "token")
}

// peekToken checks a live token without using it up.
func peekToken(ctx context.Context, q store.Querier, purpose, token string, now time.Time) (int64, error) {
	var userID int64
	err := q.QueryRow(ctx, `SELECT user_id FROM auth_tokens
		WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?`,
		account.HashToken(token), purpose, now).Scan(&userID)
	return userID, store.NotFound(err, "token")
}

// recentTokens counts tokens of a purpose issued to an account since t
// (limits how much email one address can be sent).
func recentTokens(ctx context.Context, tx *store.Tx, purpose string, userID int64, since time.Time) (int, error) {
	var n int
	err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM auth_tokens WHERE purpose = ? AND user_id = ? AND created_at > ?`,
		purpose, userID, since).Scan(&n)
	return n, errs.Wrap(err, "counting tokens")
}

// retireTokens uses up every live token of the given purposes (after a
// password reset, older links must not work).
func retireTokens(ctx context.Context, tx *store.Tx, userID int64, now time.Time, purposes ...string) error {
	for _, p := range purposes {
		if _, err := tx.Exec(ctx, `UPDATE auth_tokens SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL`,
			now, userID, p); err != nil {
			return errs.Wrap(err, "retiring tokens")
		}
	}
	return nil
}

// credential is a TOTP row; Confirmed is false until the first code.
type credential struct {
	Sealed    []byte
	Confirmed bool
	LastStep  int64
}

func loadCredential(ctx context.Context, q store.Querier, userID int64, lock bool) (credential, bool, error) {
	var c credential
	var confirmed sql.NullTime
	query := `SELECT secret_sealed, confirmed_at, last_step FROM totp_credentials WHERE user_id = ?`
	if lock {
		query += forUpdate(q)
	}
	err := q.QueryRow(ctx, query, userID).Scan(&c.Sealed, &confirmed, &c.LastStep)
	if errors.Is(err, sql.ErrNoRows) {
		return credential{}, false, nil
	}
	if err != nil {
		return credential{}, false, errs.Wrap(err, "reading two-step credential")
	}
	c.Confirmed = confirmed.Valid
	return c, true, nil
}

func saveCredential(ctx context.Context, tx *store.Tx, userID int64, sealed []byte, confirmedAt *time.Time, now time.Time) error {
	if _, err := tx.Exec(ctx, `DELETE FROM totp_credentials WHERE user_id = ?`, userID); err != nil {
		return errs.Wrap(err, "replacing two-step credential")
	}
	_, err := tx.Exec(ctx, `INSERT INTO totp_credentials (user_id, secret_sealed, confirmed_at, last_step, created_at) VALUES (?, ?, ?, 0, ?)`,
		userID, sealed, confirmedAt, now)
	return errs.Wrap(err, "saving two-step credential")
}

func confirmCredential(ctx context.Context, tx *store.Tx, userID, step int64, now time.Time) error {
	_, err := tx.Exec(ctx, `UPDATE totp_credentials SET confirmed_at = COALESCE(confirmed_at, ?), last_step = ? WHERE user_id = ?`,
		now, step, userID)
	return errs.Wrap(err, "recording two-step code")
}

func replaceRecoveryCodes(ctx context.Context, tx *store.Tx, userID int64, codes []string, now time.Time) error {
	if _, err := tx.Exec(ctx, `DELETE FROM recovery_codes WHERE user_id = ?`, userID); err != nil {
		return errs.Wrap(err, "replacing recovery codes")
	}
	for _, c := range codes {
		_, norm := ParseCode(c)
		if _, err := tx.Exec(ctx, `INSERT INTO recovery_codes (user_id, code_hash, created_at) VALUES (?, ?, ?)`,
			userID, recoveryHash(norm), now); err != nil {
			return errs.Wrap(err, "saving recovery codes")
		}
	}
	return nil
}

// useRecoveryCode spends one unused code; false when it does not match.
func useRecoveryCode(ctx context.Context, tx *store.Tx, userID int64, normalised string, now time.Time) (bool, error) {
	res, err := tx.Exec(ctx, `UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL`,
		now, userID, recoveryHash(normalised))
	if err != nil {
		return false, errs.Wrap(err, "using recovery code")
	}
	n, err := res.RowsAffected()
	return n == 1, errs.Wrap(err, "using recovery code")
}

func deleteTwoStep(ctx context.Context, tx *store.Tx, userID int64) error {
	if _, err := tx.Exec(ctx, `DELETE FROM recovery_codes WHERE user_id = ?`, userID); err != nil {
		return errs.Wrap(err, "removing recovery codes")
	}
	_, err := tx.Exec(ctx, `DELETE FROM totp_credentials WHERE user_id = ?`, userID)
	return errs.Wrap(err, "removing two-step credential")
}

func unusedRecoveryCodes(ctx context.Context, q store.Querier, userID int64) (int, error) {
	var n int
	err := q.QueryRow(ctx, `SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL`, userID).Scan(&n)
	return n, errs.Wrap(err, "counting recovery codes")
}
