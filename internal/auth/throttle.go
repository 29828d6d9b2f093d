package auth

import (
	"context"
	"database/sql"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// Throttle scopes (auth_throttle.scope).
const (
	scopeAccount = "account"
	scopeAddress = "address"
)

// accountKey names an email address in events: its digest, so the table
// and the log hold no addresses and unknown ones look like known ones.
func accountKey(email string) string {
	return account.HashToken("throttle:" + account.NormalizeEmail(email))
}

// attemptKey is the account throttle's key: the email address's digest
// and the client address's. Failures count per (account, client address),
// so guessing from one network pauses sign-in from that network only, and
// nobody can lock a real person (staff included) out from elsewhere.
func attemptKey(email, clientIP string) string {
	return accountKey(email) + ":" + account.HashToken("address:" + clientIP)[:16]
}

// clearAccount forgets every address's failures for an email address
// (a password reset proves the person is the owner).
func clearAccount(ctx context.Context, tx *store.Tx, email string) error {
	_, err := tx.Exec(ctx, `DELETE FROM auth_throttle WHERE scope = ? AND key LIKE ?`, scopeAccount, accountKey(email)+":%")
	return errs.Wrap(err, "clearing sign-in throttle")
}

func limitFor(scope string) int {
	if scope == scopeAddress {
		return AddressFailures
	}
	return AccountFailures
}

// lockoutFor is the n-th consecutive lockout's length: FirstLockout
// doubling each time, at most MaxLockout.
func lockoutFor(n int) time.Duration {
	d := FirstLockout
	for i := 1; i < n && d < MaxLockout; i++ {
		d *= 2
	}
	return min(d, MaxLockout)
}

// lockedUntil reports whether a key is locked at now.
func lockedUntil(ctx context.Context, q store.Querier, scope, key string, now time.Time) (bool, error) {
	var until sql.NullTime
	err := q.QueryRow(ctx, `SELECT locked_until FROM auth_throttle WHERE scope = ? AND key = ?`, scope, key).Scan(&until)
	if err == sql.ErrNoRows {
		return false, nil
	}
	if err != nil {
		return false, errs.Wrap(err, "reading sign-in throttle")
	}
	return until.Valid && until.Time.After(now), nil
}

// recordFailure counts one failed attempt and reports whether it started a
// lockout.
func recordFailure(ctx context.Context, tx *store.Tx, scope, key string, now time.Time) (bool, error) {
	if _, err := tx.Exec(ctx, `INSERT INTO auth_throttle (scope, key, failures, window_start, lockouts)
		VALUES (?, ?, 0, ?, 0) ON CONFLICT (scope, key) DO NOTHING`, scope, key, now); err != nil {
		return false, errs.Wrap(err, "counting failed sign-in")
	}
	var failures, lockouts int
	var windowStart time.Time
	var until sql.NullTime
	err := tx.QueryRow(ctx, `SELECT failures, window_start, lockouts, locked_until FROM auth_throttle WHERE scope = ? AND key = ?`+forUpdate(tx),
		scope, key).Scan(&failures, &windowStart, &lockouts, &until)
	if err != nil {
		return false, errs.Wrap(err, "counting failed sign-in")
	}
	if until.Valid && until.Time.After(now) {
		return false, nil // already locked: the lockout does not grow while it lasts
	}
	if now.Sub(windowStart) > MaxLockout+FailureWindow {
		lockouts = 0 // a quiet day forgives earlier lockouts
	}
	if now.Sub(windowStart) > FailureWindow {
		failures, windowStart = 0, now
	}
	failures++
	started := false
	var lockUntil any
	if failures >= limitFor(scope) {
		lockouts++
		lockUntil, started = now.Add(lockoutFor(lockouts)), true
		failures, windowStart = 0, now
	}
	_, err = tx.Exec(ctx, `UPDATE auth_throttle SET failures = ?, window_start = ?, lockouts = ?, locked_until = ? WHERE scope = ? AND key = ?`,
		failures, windowStart, lockouts, lockUntil, scope, key)
	return started, errs.Wrap(err, "counting failed sign-in")
}

// clearThrottle forgets a key's failures and lockouts (successful sign-in,
// password reset).
func clearThrottle(ctx context.Context, tx *store.Tx, scope, key string) error {
	_, err := tx.Exec(ctx, `DELETE FROM auth_throttle WHERE scope = ? AND key = ?`, scope, key)
	return errs.Wrap(err, "clearing sign-in throttle")
}
