package auth

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/store"
)

// A person's own account details on Settings: name, time zone, password,
// and sign-in email (changed only through a link sent to the new address).

// EmailChangeTTL is how long the confirmation link works.
const EmailChangeTTL = 24 * time.Hour

// UpdateProfile sets the person's name and time zone.
func (s *Service) UpdateProfile(ctx context.Context, u account.User, name, tz string) error {
	name, tz = strings.Join(strings.Fields(name), " "), strings.TrimSpace(tz)
	v := errs.Validation{}
	v.Check(name != "" && utf8.RuneCountInString(name) <= 100, "name", "enter your name (up to 100 characters)")
	_, err := time.LoadLocation(tz)
	v.Check(tz != "" && err == nil && len(tz) <= 64, "time_zone", "choose a time zone from the list")
	if err := v.Err(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE users SET name = ?, time_zone = ? WHERE id = ?`, name, tz, u.ID); err != nil {
			return errs.Wrap(err, "saving your details")
		}
		return s.event(ctx, tx, Meta{}, u.ID, audit.ActionWrite, "account", u.ID, audit.OutcomeOK, "fields=name,time_zone")
	})
}

// ChangePassword sets a new password after checking the current one.
func (s *Service) ChangePassword(ctx context.Context, u account.User, current, next string) error {
	if _, err := s.deps.Accounts.Authenticate(ctx, u.Email, current); err != nil {
		if errs.Is(err, errs.Internal) {
			return err
		}
		return errs.Validation{"current_password": "this is not your current password"}.Err()
	}
	return s.inTx(ctx, func(tx *store.Tx) error {
		if err := s.deps.Accounts.SetPassword(ctx, tx, u.ID, next); err != nil {
			return err
		}
		return s.event(ctx, tx, Meta{}, u.ID, audit.ActionPermissionChange, "account", u.ID, audit.OutcomeOK, "password=changed")
	})
}

// RequestEmailChange sends a confirmation link to the new address, and a
// note to the old one; nothing changes until the link is used.
func (s *Service) RequestEmailChange(ctx context.Context, u account.User, email string) error {
	email = account.NormalizeEmail(email)
	if !validEmail(email) {
		return errs.Validation{"email": "enter an email address like name@example.org"}.Err()
	}
	if email == u.Email {
		return errs.Validation{"email": "this is already your email address"}.Err()
	}
	if _, err := s.deps.Accounts.FindByEmail(ctx, email); err == nil {
		return errs.Validation{"email": "another account uses this address"}.Err()
	}
	now := s.now()
	return s.inTx(ctx, func(tx *store.Tx) error {
		token, hash := account.NewToken()
		_, err := tx.Exec(ctx, `INSERT INTO email_changes (token_hash, user_id, new_email, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
			hash, u.ID, email, now, now.Add(EmailChangeTTL))
		if err != nil {
			return errs.Wrap(err, "requesting the change")
		}
		confirm := notify.Email{To: email, Subject: "Confirm your new Afterward email address",
			Text: "Hello " + u.Name + ",\n\nUse this link within 24 hours to make this your sign-in address for Afterward:\n\n" +
				s.link("/settings/email/"+token) + "\n\nIf you did not ask for this, ignore this email; nothing changes.\n\n— Afterward\n",
			DedupeKey: "email_change:" + hash}
		notice := notify.Email{To: u.Email, Subject: "Your Afterward email address is being changed",
			Text: "Hello " + u.Name + ",\n\nSomeone signed in as you asked to change your sign-in email address. It changes only when the link sent to the new address is used.\n\n" +
				"If this was not you, reset your password now: " + s.link("/reset") + "\n\n— Afterward\n",
			DedupeKey: "email_change_notice:" + hash}
		for _, e := range []notify.Email{confirm, notice} {
			if err := notify.Queue(ctx, s.deps.Queue, tx, e, now); err != nil {
				return err
			}
		}
		return s.event(ctx, tx, Meta{}, u.ID, audit.ActionWrite, "account", u.ID, audit.OutcomeOK, "email_change=requested")
	})
}

// ConfirmEmailChange uses a confirmation link: the account's sign-in
// address becomes the new one.
func (s *Service) ConfirmEmailChange(ctx context.Context, token string) error {
	now := s.now()
	return s.inTx(ctx, func(tx *store.Tx) error {
		var userID int64
		var email string
		err := tx.QueryRow(ctx, `UPDATE email_changes SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING user_id, new_email`,
			now, account.HashToken(token), now).Scan(&userID, &email)
		if err != nil {
			return ErrLinkInvalid
		}
		_, err = tx.Exec(ctx, `UPDATE users SET email = ? WHERE id = ?`, email, userID)
		if store.IsUniqueViolation(err) {
			return errs.E(errs.Conflict, "another account took this address meanwhile; ask for a new link with another address")
		}
		if err != nil {
			return errs.Wrap(err, "changing the email address")
		}
		return s.event(ctx, tx, Meta{}, userID, audit.ActionPermissionChange, "account", userID, audit.OutcomeOK, "email=changed")
	})
}
