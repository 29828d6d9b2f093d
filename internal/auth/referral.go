package auth

import (
	"context"
	"fmt"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/store"
)

// InviteReferred invites a referred person to join a practice as a client,
// in the caller's transaction (the referral and its invitation are one
// write). invitedBy is the referring clinician, or the practice's admin for
// a referral through the public link; accepting never makes the inviter
// the client's coach unless they are one. An address with an account gets
// nothing, as with Invite.
func (s *Service) InviteReferred(ctx context.Context, tx *store.Tx, practiceID, invitedBy int64, referrer, practiceName string, n NewInvitation) error {
	n.Role = account.Client
	if err := n.Validate(); err != nil {
		return err
	}
	var exists int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM users WHERE email = ?`, n.Email).Scan(&exists); err != nil || exists > 0 {
		return errs.Wrap(err, "checking address")
	}
	now := s.now()
	// An open invitation — a coach's, an admin's, for any role — is never
	// replaced by a referral (the public form is anonymous): the person
	// already has a way in, and the referral is recorded either way.
	if open, err := openInvitation(ctx, tx, n.Email, now); err != nil || open {
		return err
	}
	token, hash := account.NewToken()
	id, err := store.InsertID(ctx, tx, `INSERT INTO invitations (practice_id, token_hash, email, name, role, invited_by, created_at, expires_at)
		VALUES (?, ?, ?, ?, 'client', ?, ?, ?) RETURNING id`, practiceID, hash, n.Email, n.Name, invitedBy, now, now.Add(InvitationTTL))
	if err != nil {
		return errs.Wrap(err, "saving invitation")
	}
	if err := s.auditInvitationCreated(ctx, tx, invitedBy, id, string(account.Client)); err != nil {
		return err
	}
	return notify.Queue(ctx, s.deps.Queue, tx, notify.Email{
		// The subject carries no referrer text: on the public form it is
		// whatever a stranger typed.
		To: n.Email, Subject: fmt.Sprintf("You have been referred to %s on Afterward", practiceName),
		Text:      invitationText(n, referrer, practiceName, s.link("/invite/"+token)),
		DedupeKey: fmt.Sprintf("invitation:%d", id),
	}, now)
}
