package auth

import (
	"context"
	"time"

	"github.com/afterward/afterward/internal/store"
)

// Internals the black-box tests (package auth_test, which must be external
// because apptest imports app, which imports auth) reach through.

const (
	PurposeLink       = purposeLink
	PurposeReset      = purposeReset
	MaxLinksPerWindow = maxLinksPerWindow
)

var TOTPOpts = totpOpts

// DeliverLink runs the email-request job's work directly.
func (s *Service) DeliverLink(ctx context.Context, purpose, email string) error {
	return s.deliverLink(ctx, purpose, email)
}

// Failed records a failed attempt without paying for argon2.
func (s *Service) Failed(ctx context.Context, email string, m Meta) error {
	return s.failed(ctx, email, "password", m)
}

// AccountLocked reports whether sign-in to an address from a client
// address is locked at now.
func AccountLocked(ctx context.Context, db *store.DB, email, clientIP string, now time.Time) bool {
	locked, _ := lockedUntil(ctx, db.Reader(), scopeAccount, attemptKey(email, clientIP), now)
	return locked
}

// DeliverSignUp runs the sign-up job's work directly.
func (s *Service) DeliverSignUp(ctx context.Context, a SignUpArgs) error {
	return s.deliverSignUp(ctx, a)
}
