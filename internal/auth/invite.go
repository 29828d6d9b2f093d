package auth

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/ratelimit"
	"github.com/afterward/afterward/internal/store"
)

// Invite sends a single-use invitation link valid for InvitationTTL. A new
// invitation replaces the inviter's own open one. When the address already
// has an account, or an open invitation from someone else, nothing is sent
// but the invitation is recorded all the same (a decoy), so neither the
// answer nor the inviter's list tells who has an account.
func (s *Service) Invite(ctx context.Context, inviter account.User, n NewInvitation) error {
	if len(InvitableRoles(inviter.Role)) == 0 {
		return errs.E(errs.Forbidden, "your role cannot invite anyone")
	}
	if err := n.Validate(); err != nil {
		return err
	}
	if !CanInvite(inviter.Role, n.Role) {
		return errs.Validation{"role": fmt.Sprintf("a %s cannot invite a %s", inviter.Role, n.Role)}.Err()
	}
	_, err := s.deps.Accounts.FindByEmail(ctx, n.Email)
	if err != nil && !errs.Is(err, errs.NotFound) {
		return err
	}
	hasAccount := err == nil
	p, err := s.deps.Practices.Get(ctx, inviter.PracticeID)
	if err != nil {
		return err
	}
	now := s.now()
	return s.inTx(ctx, func(tx *store.Tx) error {
		if err := ratelimit.Take(ctx, tx, invitationLimit(inviter.Role), strconv.FormatInt(inviter.ID, 10), now); err != nil {
			return err
		}
		// A new invitation replaces only the inviter's own open one;
		// someone else's (another role, another practice) stays, and the
		// answer is the same quiet success.
		if _, err := tx.Exec(ctx, `UPDATE invitations SET revoked_at = ? WHERE email = ? AND invited_by = ? AND accepted_at IS NULL AND revoked_at IS NULL`,
			now, n.Email, inviter.ID); err != nil {
			return errs.Wrap(err, "replacing invitation")
		}
		open, err := openInvitation(ctx, tx, n.Email, now)
		if err != nil {
			return err
		}
		decoy := hasAccount || open
		token, hash := account.NewToken()
		id, err := store.InsertID(ctx, tx, `INSERT INTO invitations (practice_id, token_hash, email, name, role, invited_by, created_at, expires_at, decoy)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			inviter.PracticeID, hash, n.Email, n.Name, string(n.Role), inviter.ID, now, now.Add(InvitationTTL), decoy)
		if err != nil {
			return errs.Wrap(err, "saving invitation")
		}
		if err := s.auditInvitationCreated(ctx, tx, inviter.ID, id, string(n.Role)); err != nil {
			return err
		}
		if decoy {
			return nil // recorded, never sent: its token exists nowhere else
		}
		return notify.Queue(ctx, s.deps.Queue, tx, notify.Email{
			To: n.Email, Subject: fmt.Sprintf("%s invited you to %s on Afterward", inviter.Name, p.Name),
			Text:      invitationText(n, inviter.Name, p.Name, s.link("/invite/"+token)),
			DedupeKey: fmt.Sprintf("invitation:%d", id),
		}, now)
	})
}

// openInvitation reports whether the address has an invitation that can
// still be accepted. Expired ones are closed first: one open invitation
// per address is a unique index, and an expired one must not block a new.
func openInvitation(ctx context.Context, tx *store.Tx, email string, now time.Time) (bool, error) {
	if _, err := tx.Exec(ctx, `UPDATE invitations SET revoked_at = ? WHERE email = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at <= ?`,
		now, email, now); err != nil {
		return false, errs.Wrap(err, "closing expired invitations")
	}
	var n int
	err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM invitations WHERE email = ? AND accepted_at IS NULL AND revoked_at IS NULL AND decoy = ?`, email, false).Scan(&n)
	return n > 0, errs.Wrap(err, "checking open invitations")
}

// invitationLimit: a client invites their own clinician or two; staff
// invite their practice.
func invitationLimit(r account.Role) ratelimit.Limit {
	if r == account.Client {
		return ratelimit.Limit{Name: "invitation_client", Max: 5, Per: 24 * time.Hour, Message: "you have sent several invitations today"}
	}
	return ratelimit.Limit{Name: "invitation_staff", Max: 50, Per: 24 * time.Hour, Message: "you have sent many invitations today"}
}

func invitationText(n NewInvitation, inviter, practiceName, url string) string {
	greeting := "Hello"
	if n.Name != "" {
		greeting += " " + n.Name
	}
	return fmt.Sprintf("%s,\n\n%s has invited you to join %s on Afterward as a %s.\n\n"+
		"To accept, open this link within 7 days and choose your password:\n\n%s\n\n"+
		"The link works once. If you were not expecting this, you can ignore this email.\n\n— Afterward\n",
		greeting, inviter, practiceName, n.Role, url)
}

// InvitationByToken returns an open invitation for its recipient.
func (s *Service) InvitationByToken(ctx context.Context, token string) (Invitation, error) {
	var inv Invitation
	var role string
	err := s.db.Reader().QueryRow(ctx, `SELECT i.email, i.name, i.role, u.name, i.expires_at
		FROM invitations i JOIN users u ON u.id = i.invited_by
		WHERE i.token_hash = ? AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > ?`,
		account.HashToken(token), s.now()).Scan(&inv.Email, &inv.Name, &role, &inv.InviterName, &inv.ExpiresAt)
	if err == sql.ErrNoRows {
		return Invitation{}, ErrInviteClosed
	}
	inv.Role = account.Role(role)
	return inv, errs.Wrap(err, "reading invitation")
}

type claimedInvitation struct {
	ID, PracticeID, InviterID int64
	Email                     string
	Role                      account.Role
}

// AcceptInvitation creates the invitee's account (and, for a client, their
// care record with the inviting coach, at intake). Staff go on to set up
// two-step sign-in (StepEnrol); clients are signed in.
func (s *Service) AcceptInvitation(ctx context.Context, token string, a Acceptance, m Meta) (SignInResult, error) {
	var res SignInResult
	now := s.now()
	err := s.inTx(ctx, func(tx *store.Tx) error {
		inv, err := claimInvitation(ctx, tx, token, now)
		if err != nil {
			return err
		}
		u, err := s.deps.Accounts.Create(ctx, tx, account.NewUser{PracticeID: inv.PracticeID, Email: inv.Email,
			Name: a.Name, Role: inv.Role, Password: a.Password, TimeZone: a.TimeZone})
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE invitations SET user_id = ? WHERE id = ?`, u.ID, inv.ID); err != nil {
			return errs.Wrap(err, "recording accepted invitation")
		}
		var inviterRole string
		if err := tx.QueryRow(ctx, `SELECT role FROM users WHERE id = ?`, inv.InviterID).Scan(&inviterRole); err != nil {
			return errs.Wrap(err, "reading inviter")
		}
		if u.Role == account.Clinician && inviterRole == string(account.Client) {
			// Anyone can claim to be a clinician: one a client invited is
			// offered only to that client until an admin verifies them.
			if _, err := tx.Exec(ctx, `UPDATE users SET verified_at = NULL WHERE id = ?`, u.ID); err != nil {
				return errs.Wrap(err, "recording an unverified clinician")
			}
		}
		if u.Role == account.Client {
			// A referring clinician (or an admin, for the public referral
			// link) invites too; only a coach becomes the client's coach.
			coachID := inv.InviterID
			if inviterRole != string(account.Coach) {
				coachID = 0
			}
			if err := s.deps.Practices.AddClient(ctx, tx, practice.NewClient{UserID: u.ID, PracticeID: inv.PracticeID,
				CoachID: coachID, Stage: practice.StageIntake}); err != nil {
				return err
			}
		}
		if err := s.auditInvitationAccepted(ctx, tx, inv.ID, u.ID, string(u.Role)); err != nil {
			return err
		}
		res, err = s.afterFirstFactor(ctx, tx, u, "invitation", m)
		return err
	})
	return res, err
}

// claimInvitation marks an open invitation accepted; the UPDATE is the
// check, so one link cannot create two accounts. user_id briefly holds the
// inviter (the table requires an account on an accepted invitation) until
// the caller records the new account in the same transaction.
func claimInvitation(ctx context.Context, tx *store.Tx, token string, now time.Time) (claimedInvitation, error) {
	var inv claimedInvitation
	var role string
	err := tx.QueryRow(ctx, `UPDATE invitations SET accepted_at = ?, user_id = invited_by
		WHERE token_hash = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?
		RETURNING id, practice_id, invited_by, email, role`,
		now, account.HashToken(token), now).Scan(&inv.ID, &inv.PracticeID, &inv.InviterID, &inv.Email, &role)
	if err == sql.ErrNoRows {
		return claimedInvitation{}, ErrInviteClosed
	}
	inv.Role = account.Role(role)
	return inv, errs.Wrap(err, "accepting invitation")
}

// SentInvitation is one invitation on the inviter's list.
type SentInvitation struct {
	Email, Name string
	Role        account.Role
	Status      string // open, accepted, expired, replaced
	CreatedAt   time.Time
}

// SentBy lists the invitations a person sent, newest first.
func (s *Service) SentBy(ctx context.Context, inviter account.User) ([]SentInvitation, error) {
	rows, err := s.db.Reader().Query(ctx, `SELECT email, name, role, created_at, expires_at, accepted_at, revoked_at
		FROM invitations WHERE invited_by = ? ORDER BY created_at DESC, id DESC LIMIT 100`, inviter.ID)
	if err != nil {
		return nil, errs.Wrap(err, "listing invitations")
	}
	defer rows.Close()
	now := s.now()
	var out []SentInvitation
	for rows.Next() {
		var si SentInvitation
		var role string
		var expires time.Time
		var accepted, revoked sql.NullTime
		if err := rows.Scan(&si.Email, &si.Name, &role, &si.CreatedAt, &expires, &accepted, &revoked); err != nil {
			return nil, errs.Wrap(err, "reading invitations")
		}
		si.Role = account.Role(role)
		switch {
		case accepted.Valid:
			si.Status = "accepted"
		case revoked.Valid:
			si.Status = "replaced"
		case !expires.After(now):
			si.Status = "expired"
		default:
			si.Status = "open"
		}
		out = append(out, si)
	}
	return out, errs.Wrap(rows.Err(), "reading invitations")
}
