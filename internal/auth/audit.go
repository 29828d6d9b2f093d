package auth

import (
	"context"

	"github.com/afterward/afterward/internal/store"
)

// Audit hooks: one per event kind, each called inside the transaction of
// the change it records. internal/audit is not merged yet; the lead swaps
// each body for audit.Append(ctx, tx, audit.Event{...}). They must never
// receive passwords, codes, tokens or secrets: only ids and the method.

// auditSignIn records a completed sign-in (method: password, totp,
// recovery_code, email_link, invitation).
func auditSignIn(ctx context.Context, tx *store.Tx, userID int64, method string, m Meta) error {
	return nil
}

// auditSignInFailed records a failed sign-in step; userID is 0 when the
// address has no account (the digest of the address identifies it).
func auditSignInFailed(ctx context.Context, tx *store.Tx, userID int64, addressDigest, step string, m Meta) error {
	return nil
}

// auditLockout records that an account or a client address was locked.
func auditLockout(ctx context.Context, tx *store.Tx, scope, key string, m Meta) error {
	return nil
}

// auditInvitationCreated records who invited whom, with which role.
func auditInvitationCreated(ctx context.Context, tx *store.Tx, inviterID, invitationID int64, role string) error {
	return nil
}

// auditInvitationAccepted records a new account created from an invitation
// (a permission change: a role is granted).
func auditInvitationAccepted(ctx context.Context, tx *store.Tx, invitationID, userID int64, role string) error {
	return nil
}

// auditTOTPEnrolled records that an account turned on two-step sign-in.
func auditTOTPEnrolled(ctx context.Context, tx *store.Tx, userID int64) error {
	return nil
}

// auditTOTPReset records two-step sign-in removed: by its owner (a client)
// or by an admin for a staff member who lost their device.
func auditTOTPReset(ctx context.Context, tx *store.Tx, actorID, userID int64) error {
	return nil
}

// auditPasswordReset records a password changed through a reset link.
func auditPasswordReset(ctx context.Context, tx *store.Tx, userID int64) error {
	return nil
}

// auditSessionsEnded records "sign out everywhere".
func auditSessionsEnded(ctx context.Context, tx *store.Tx, userID int64) error {
	return nil
}
