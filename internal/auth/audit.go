package auth

import (
	"context"
	"strconv"

	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/store"
)

// Audit hooks: one per event kind, each called inside the transaction of
// the change it records, so the change fails if its event cannot be
// written. They never receive passwords, codes, tokens or secrets: only
// ids and the method.

func (s *Service) event(ctx context.Context, tx *store.Tx, m Meta, actorID int64, action, resource string, resourceID int64, outcome, detail string) error {
	ev := audit.Event{At: s.now(), ActorID: actorID, Action: action, ResourceType: resource, Outcome: outcome,
		Detail: detail, ClientIP: m.ClientIP}
	if resourceID != 0 {
		ev.ResourceID = strconv.FormatInt(resourceID, 10)
	}
	if actorID != 0 {
		_ = tx.QueryRow(ctx, `SELECT role FROM users WHERE id = ?`, actorID).Scan(&ev.ActorRole)
		// A client's own sign-ins appear in their access history.
		if ev.ActorRole == "client" {
			ev.ClientID = actorID
		}
	}
	err := audit.Append(ctx, tx, audit.Stamp(ctx, ev))
	return err
}

// auditSignIn records a completed sign-in (method: password, totp,
// recovery_code, email_link, invitation).
func (s *Service) auditSignIn(ctx context.Context, tx *store.Tx, userID int64, method string, m Meta) error {
	return s.event(ctx, tx, m, userID, audit.ActionSignIn, "account", userID, audit.OutcomeOK, "method="+method)
}

// auditSignInFailed records a failed sign-in step; userID is 0 when the
// address has no account (a digest of the address identifies it).
func (s *Service) auditSignInFailed(ctx context.Context, tx *store.Tx, userID int64, addressDigest, step string, m Meta) error {
	detail := "step=" + step
	if userID == 0 && len(addressDigest) >= 12 {
		detail += " address=" + addressDigest[:12]
	}
	return s.event(ctx, tx, m, userID, audit.ActionSignInFailed, "account", userID, audit.OutcomeFailed, detail)
}

// auditLockout records that an account or a client address was locked.
func (s *Service) auditLockout(ctx context.Context, tx *store.Tx, scope, key string, m Meta) error {
	if len(key) > 12 {
		key = key[:12]
	}
	return s.event(ctx, tx, m, 0, "sign_in_locked", scope, 0, audit.OutcomeDenied, "key="+key)
}

// auditInvitationCreated records who invited whom, with which role.
func (s *Service) auditInvitationCreated(ctx context.Context, tx *store.Tx, inviterID, invitationID int64, role string) error {
	return s.event(ctx, tx, Meta{}, inviterID, "invitation_created", "invitation", invitationID, audit.OutcomeOK, "role="+role)
}

// auditInvitationAccepted records a new account created from an invitation
// (a permission change: a role is granted).
func (s *Service) auditInvitationAccepted(ctx context.Context, tx *store.Tx, invitationID, userID int64, role string) error {
	return s.event(ctx, tx, Meta{}, userID, audit.ActionPermissionChange, "invitation", invitationID, audit.OutcomeOK, "accepted role="+role)
}

// auditTOTPEnrolled records that an account turned on two-step sign-in.
func (s *Service) auditTOTPEnrolled(ctx context.Context, tx *store.Tx, userID int64) error {
	return s.event(ctx, tx, Meta{}, userID, audit.ActionPermissionChange, "account", userID, audit.OutcomeOK, "two_step=on")
}

// auditTOTPReset records two-step sign-in removed: by its owner (a client)
// or by an admin for a staff member who lost their device.
func (s *Service) auditTOTPReset(ctx context.Context, tx *store.Tx, actorID, userID int64) error {
	return s.event(ctx, tx, Meta{}, actorID, audit.ActionPermissionChange, "account", userID, audit.OutcomeOK, "two_step=off")
}

// auditPasswordReset records a password changed through a reset link.
func (s *Service) auditPasswordReset(ctx context.Context, tx *store.Tx, userID int64) error {
	return s.event(ctx, tx, Meta{}, userID, audit.ActionPermissionChange, "account", userID, audit.OutcomeOK, "password=reset")
}

// auditSessionsEnded records "sign out everywhere".
func (s *Service) auditSessionsEnded(ctx context.Context, tx *store.Tx, userID int64) error {
	return s.event(ctx, tx, Meta{}, userID, audit.ActionSignOut, "account", userID, audit.OutcomeOK, "everywhere")
}
