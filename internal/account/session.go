package account

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// Session time-outs. Staff sessions are short (ASVS 3.3); clients, who may
// come back to a half-written journal entry in a fragile moment, get longer.
const (
	StaffIdle        = 30 * time.Minute
	StaffAbsolute    = 12 * time.Hour
	ClientIdle       = 24 * time.Hour
	ClientAbsolute   = 30 * 24 * time.Hour
	sessionTokenSize = 32
)

// Session is a signed-in browser.
type Session struct {
	User      User
	CreatedAt time.Time
}

func timeouts(r Role) (idle, absolute time.Duration) {
	if r.Staff() {
		return StaffIdle, StaffAbsolute
	}
	return ClientIdle, ClientAbsolute
}

// NewToken returns a random URL-safe token and its SHA-256 hex digest, which
// is all the database keeps.
func NewToken() (token, hash string) {
	b := make([]byte, sessionTokenSize)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token)
}

// HashToken is the stored form of a bearer token.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// StartSession signs u in and returns the cookie token.
func (s *Service) StartSession(ctx context.Context, u User, clientIP, userAgent string) (string, error) {
	var token string
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		var err error
		token, err = s.StartSessionTx(ctx, tx, u, clientIP, userAgent)
		return err
	})
	return token, err
}

// StartSessionTx signs u in inside tx, so a sign-in step (a consumed code or
// link) and the session it creates commit together.
func (s *Service) StartSessionTx(ctx context.Context, tx *store.Tx, u User, clientIP, userAgent string) (string, error) {
	token, hash := NewToken()
	now := s.now()
	idle, absolute := timeouts(u.Role)
	_, err := tx.Exec(ctx,
		`INSERT INTO auth_sessions (token_hash, user_id, created_at, last_seen_at, idle_expires_at, absolute_expires_at, client_ip, user_agent)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		hash, u.ID, now, now, now.Add(idle), now.Add(absolute), clientIP, truncate(userAgent, 300))
	if err != nil {
		return "", errs.Wrap(err, "starting session")
	}
	if _, err := tx.Exec(ctx, `UPDATE users SET last_signin_at = ? WHERE id = ?`, now, u.ID); err != nil {
		return "", errs.Wrap(err, "recording sign-in")
	}
	return token, nil
}

// SessionByToken returns the session for a cookie token and slides its idle
// expiry. Expired or unknown tokens are Unauthorized.
func (s *Service) SessionByToken(ctx context.Context, token string) (Session, error) {
	if token == "" {
		return Session{}, errs.E(errs.Unauthorized, "please sign in")
	}
	hash := HashToken(token)
	now := s.now()
	var sess Session
	var created, lastSeenAt, idleAt, absAt store.Time
	u, err := scanUser(s.db.Reader().QueryRow(ctx, sessionByToken[s.db.Dialect], hash), &created, &lastSeenAt, &idleAt, &absAt)
	idleExp, absExp, lastSeen := idleAt.Time, absAt.Time, lastSeenAt.Time
	if err != nil || !idleAt.Valid || !absAt.Valid || now.After(idleExp) || now.After(absExp) {
		return Session{}, errs.E(errs.Unauthorized, "your session has ended; please sign in again")
	}
	sess.User, sess.CreatedAt = u, created.Time
	// Touch at most once a minute: a write per request would serialise
	// every page view on SQLite's single writer.
	if now.Sub(lastSeen) > time.Minute {
		idle, _ := timeouts(u.Role)
		err = s.db.InTx(ctx, func(tx *store.Tx) error {
			_, err := tx.Exec(ctx, `UPDATE auth_sessions SET last_seen_at = ?, idle_expires_at = ? WHERE token_hash = ?`,
				now, minTime(now.Add(idle), absExp), hash)
			return err
		})
		if err != nil {
			return Session{}, errs.Wrap(err, "refreshing session")
		}
	}
	return sess, nil
}

// EndSession signs one browser out.
func (s *Service) EndSession(ctx context.Context, token string) error {
	return s.db.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, `DELETE FROM auth_sessions WHERE token_hash = ?`, HashToken(token))
		return err
	})
}

// EndAllSessions signs a person out everywhere.
func (s *Service) EndAllSessions(ctx context.Context, userID int64) error {
	return s.db.InTx(ctx, func(tx *store.Tx) error { return s.EndAllSessionsTx(ctx, tx, userID) })
}

// EndAllSessionsTx signs a person out everywhere inside tx (a password
// reset does it in the same transaction as the new password).
func (s *Service) EndAllSessionsTx(ctx context.Context, tx *store.Tx, userID int64) error {
	_, err := tx.Exec(ctx, `DELETE FROM auth_sessions WHERE user_id = ?`, userID)
	return errs.Wrap(err, "ending sessions")
}

// SessionInfo describes one live session for the settings page.
type SessionInfo struct {
	CreatedAt, LastSeenAt time.Time
	ClientIP, UserAgent   string
	Current               bool // the browser asking
}

// Sessions lists a person's live sessions, most recently used first;
// currentToken marks the asking browser's own.
func (s *Service) Sessions(ctx context.Context, userID int64, currentToken string) ([]SessionInfo, error) {
	now := s.now()
	rows, err := s.db.Reader().Query(ctx,
		`SELECT token_hash, created_at, last_seen_at, client_ip, user_agent FROM auth_sessions
		 WHERE user_id = ? AND idle_expires_at > ? AND absolute_expires_at > ? ORDER BY last_seen_at DESC`, userID, now, now)
	if err != nil {
		return nil, errs.Wrap(err, "listing sessions")
	}
	defer rows.Close()
	current := HashToken(currentToken)
	var out []SessionInfo
	for rows.Next() {
		var si SessionInfo
		var hash string
		if err := rows.Scan(&hash, &si.CreatedAt, &si.LastSeenAt, &si.ClientIP, &si.UserAgent); err != nil {
			return nil, errs.Wrap(err, "reading sessions")
		}
		si.Current = hash == current
		out = append(out, si)
	}
	return out, errs.Wrap(rows.Err(), "reading sessions")
}

// ExpireSessions deletes sessions past either time-out; it runs as a
// periodic job.
func (s *Service) ExpireSessions(ctx context.Context) (int64, error) {
	var n int64
	now := s.now()
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		res, err := tx.Exec(ctx, `DELETE FROM auth_sessions WHERE idle_expires_at < ? OR absolute_expires_at < ?`, now, now)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

// sessionByToken reads a live session and its account, per engine (built
// once: the statement cache keys on the text). Every page view runs it, so
// the session's timestamps are read as text (store.TimeText), sparing the
// SQLite driver's failing first parse of each.
var sessionByToken = func() map[store.Dialect]string {
	out := map[store.Dialect]string{}
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		out[d] = `SELECT u.id, u.practice_id, u.email, u.name, u.role, u.time_zone, u.created_at, ` +
			store.TimeText(d, "s.created_at") + `, ` + store.TimeText(d, "s.last_seen_at") + `, ` +
			store.TimeText(d, "s.idle_expires_at") + `, ` + store.TimeText(d, "s.absolute_expires_at") + `
		 FROM auth_sessions s JOIN users u ON u.id = s.user_id
		 WHERE s.token_hash = ? AND u.disabled_at IS NULL`
	}
	return out
}()
