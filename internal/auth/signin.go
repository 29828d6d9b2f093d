package auth

import (
	"context"
	"fmt"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/store"
)

// SignIn is the password step. It always hashes (unknown address, locked
// account or wrong password alike) and fails with ErrSignIn for all three;
// ErrTooMany when the client address is locked. On success the person is
// signed in (StepDone), asked for a code (StepTOTP) or, for staff without
// TOTP, sent to set it up (StepEnrol) before any session exists.
func (s *Service) SignIn(ctx context.Context, email, password string, m Meta) (SignInResult, error) {
	email = account.NormalizeEmail(email)
	now := s.now()
	if locked, err := lockedUntil(ctx, s.db.Reader(), scopeAddress, m.ClientIP, now); err != nil || locked {
		return SignInResult{}, firstErr(err, ErrTooMany)
	}
	accountLocked, err := lockedUntil(ctx, s.db.Reader(), scopeAccount, attemptKey(email, m.ClientIP), now)
	if err != nil {
		return SignInResult{}, err
	}
	u, authErr := s.deps.Accounts.Authenticate(ctx, email, password) // hashes even when locked: same timing
	if authErr != nil && !errs.Is(authErr, errs.Unauthorized) {
		return SignInResult{}, authErr
	}
	if authErr != nil || accountLocked {
		if !accountLocked {
			if err := s.failed(ctx, email, "password", m); err != nil {
				return SignInResult{}, err
			}
		}
		return SignInResult{}, ErrSignIn
	}
	var res SignInResult
	err = s.inTx(ctx, func(tx *store.Tx) error {
		if err := clearThrottle(ctx, tx, scopeAccount, attemptKey(email, m.ClientIP)); err != nil {
			return err
		}
		res, err = s.afterFirstFactor(ctx, tx, u, "password", m)
		return err
	})
	return res, err
}

// afterFirstFactor decides the next step once the password (or an email
// link) has been accepted.
func (s *Service) afterFirstFactor(ctx context.Context, tx *store.Tx, u account.User, method string, m Meta) (SignInResult, error) {
	cred, ok, err := loadCredential(ctx, tx, u.ID, false)
	if err != nil {
		return SignInResult{}, err
	}
	res := SignInResult{User: u}
	switch {
	case ok && cred.Confirmed:
		res.Step = StepTOTP
	case u.Role.Staff():
		res.Step = StepEnrol
	default:
		res.Step = StepDone
		if res.Session, err = s.deps.Accounts.StartSessionTx(ctx, tx, u, m.ClientIP, m.UserAgent); err != nil {
			return SignInResult{}, err
		}
		return res, s.auditSignIn(ctx, tx, u.ID, method, m)
	}
	res.Pending, err = issueToken(ctx, tx, purposePending, u.ID, s.now(), PendingTTL)
	return res, err
}

// failed counts a failed attempt against the address typed and the client
// address, in its own transaction (the caller's error must not roll it
// back), and emails the owner when their account has just been locked.
func (s *Service) failed(ctx context.Context, email, step string, m Meta) error {
	now := s.now()
	owner, lookupErr := s.deps.Accounts.FindByEmail(ctx, email)
	return s.inTx(ctx, func(tx *store.Tx) error {
		if err := s.auditSignInFailed(ctx, tx, owner.ID, accountKey(email), step, m); err != nil {
			return err
		}
		if locked, err := recordFailure(ctx, tx, scopeAddress, m.ClientIP, now); err != nil {
			return err
		} else if locked {
			if err := s.auditLockout(ctx, tx, scopeAddress, m.ClientIP, m); err != nil {
				return err
			}
		}
		locked, err := recordFailure(ctx, tx, scopeAccount, attemptKey(email, m.ClientIP), now)
		if err != nil || !locked {
			return err
		}
		if err := s.auditLockout(ctx, tx, scopeAccount, accountKey(email), m); err != nil {
			return err
		}
		if lookupErr != nil {
			return nil // nobody to tell
		}
		return notify.Queue(ctx, s.deps.Queue, tx, notify.Email{
			To:        owner.Email,
			Subject:   "Sign-in to your Afterward account is paused",
			Text:      lockoutText(s.link("/reset")),
			DedupeKey: fmt.Sprintf("auth-lockout:%d:%d", owner.ID, now.Unix()),
		}, now)
	})
}

// SecondFactor finishes a sign-in with a TOTP or recovery code. A wrong or
// replayed code counts as a failed attempt; the pending sign-in stays
// usable until it expires.
func (s *Service) SecondFactor(ctx context.Context, pending, code string, m Meta) (SignInResult, error) {
	now := s.now()
	userID, err := peekToken(ctx, s.db.Reader(), purposePending, pending, now)
	if err != nil {
		return SignInResult{}, ErrStepExpired
	}
	u, err := s.deps.Accounts.Get(ctx, userID)
	if err != nil {
		return SignInResult{}, ErrStepExpired
	}
	if locked, err := s.locked(ctx, u.Email, m); err != nil || locked {
		return SignInResult{}, firstErr(err, errBadCode())
	}
	kind, norm := ParseCode(code)
	if kind == CodeInvalid {
		return SignInResult{}, errs.Validation{"code": "enter the 6-digit code from your app, or a 10-character recovery code"}.Err()
	}
	var res SignInResult
	ok := false
	err = s.inTx(ctx, func(tx *store.Tx) error {
		var method string
		if method, ok, err = s.checkCode(ctx, tx, u.ID, kind, norm); err != nil || !ok {
			return err
		}
		if _, err := consumeToken(ctx, tx, purposePending, pending, now); err != nil {
			return ErrStepExpired
		}
		res = SignInResult{Step: StepDone, User: u}
		if res.Session, err = s.deps.Accounts.StartSessionTx(ctx, tx, u, m.ClientIP, m.UserAgent); err != nil {
			return err
		}
		return s.auditSignIn(ctx, tx, u.ID, method, m)
	})
	if err == nil && !ok {
		if err := s.failed(ctx, u.Email, "second_factor", m); err != nil {
			return SignInResult{}, err
		}
		return SignInResult{}, errBadCode()
	}
	return res, err
}

// checkCode verifies a code against a confirmed credential, recording the
// time step (so it cannot be replayed) or spending the recovery code.
func (s *Service) checkCode(ctx context.Context, tx *store.Tx, userID int64, kind CodeKind, norm string) (string, bool, error) {
	if kind == CodeRecovery {
		ok, err := useRecoveryCode(ctx, tx, userID, norm, s.now())
		return "recovery_code", ok, err
	}
	cred, found, err := loadCredential(ctx, tx, userID, true)
	if err != nil || !found || !cred.Confirmed {
		return "", false, err
	}
	secret, err := s.openSecret(ctx, tx, userID, cred.Sealed)
	if err != nil {
		return "", false, err
	}
	step, ok := matchStep(secret, norm, s.now(), cred.LastStep)
	if !ok {
		return "", false, nil
	}
	return "totp", true, confirmCredential(ctx, tx, userID, step, s.now())
}

// locked reports whether either throttle refuses this attempt.
func (s *Service) locked(ctx context.Context, email string, m Meta) (bool, error) {
	now := s.now()
	for _, k := range [][2]string{{scopeAddress, m.ClientIP}, {scopeAccount, attemptKey(email, m.ClientIP)}} {
		if locked, err := lockedUntil(ctx, s.db.Reader(), k[0], k[1], now); err != nil || locked {
			return locked, err
		}
	}
	return false, nil
}

// SignOutEverywhere ends every session of the signed-in person.
func (s *Service) SignOutEverywhere(ctx context.Context, u account.User) error {
	return s.inTx(ctx, func(tx *store.Tx) error {
		if err := s.deps.Accounts.EndAllSessionsTx(ctx, tx, u.ID); err != nil {
			return err
		}
		return s.auditSessionsEnded(ctx, tx, u.ID)
	})
}

func firstErr(err, otherwise error) error {
	if err != nil {
		return err
	}
	return otherwise
}
