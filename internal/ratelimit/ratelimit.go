// Package ratelimit bounds how often one key (an account, a client
// address, a practice) may do something, counted in fixed windows in the
// database so every server shares the count. It guards actions that send
// email or store files for someone who may be an attacker: invitations,
// public referrals, uploads.
package ratelimit

import (
	"context"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// Limit is at most Max actions per key in each window of Per.
type Limit struct {
	Name    string // the action, e.g. "invitation"
	Max     int
	Per     time.Duration
	Message string // shown when refused, e.g. "you have sent many invitations today"
}

// Take counts one action by key inside tx and refuses it (errs.TooMany)
// when the key has used up its window. A refusal rolls the caller's
// transaction back, count included, so a refused key stays at the limit.
func Take(ctx context.Context, tx *store.Tx, l Limit, key string, now time.Time) error {
	cutoff := now.Add(-l.Per)
	var hits int
	err := tx.QueryRow(ctx, `INSERT INTO rate_limits (name, key, window_start, hits) VALUES (?, ?, ?, 1)
		ON CONFLICT (name, key) DO UPDATE SET
			hits = CASE WHEN rate_limits.window_start <= ? THEN 1 ELSE rate_limits.hits + 1 END,
			window_start = CASE WHEN rate_limits.window_start <= ? THEN ? ELSE rate_limits.window_start END
		RETURNING hits`, l.Name, key, now, cutoff, cutoff, now).Scan(&hits)
	if err != nil {
		return errs.Wrap(err, "counting "+l.Name)
	}
	if hits > l.Max {
		return errs.E(errs.TooMany, "%s; please try again later", l.Message)
	}
	return nil
}
