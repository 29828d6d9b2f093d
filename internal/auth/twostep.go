package auth

import (
	"context"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// PendingEnrolment is the TOTP set-up a staff member sees right after their
// password step. Reloading shows the same secret until it is confirmed.
func (s *Service) PendingEnrolment(ctx context.Context, pending string) (Enrolment, error) {
	u, err := s.pendingUser(ctx, pending)
	if err != nil {
		return Enrolment{}, err
	}
	return s.StartEnrolment(ctx, u)
}

// CompleteEnrolment confirms the first code of a pending enrolment, turns
// two-step sign-in on, hands out recovery codes (shown once) and signs in.
func (s *Service) CompleteEnrolment(ctx context.Context, pending, code string, m Meta) (SignInResult, error) {
	u, err := s.pendingUser(ctx, pending)
	if err != nil {
		return SignInResult{}, err
	}
	res := SignInResult{Step: StepDone, User: u}
	err = s.inTx(ctx, func(tx *store.Tx) error {
		if res.RecoveryCodes, err = s.confirm(ctx, tx, u, code); err != nil {
			return err
		}
		if _, err := consumeToken(ctx, tx, purposePending, pending, s.now()); err != nil {
			return ErrStepExpired
		}
		if res.Session, err = s.deps.Accounts.StartSessionTx(ctx, tx, u, m.ClientIP, m.UserAgent); err != nil {
			return err
		}
		return s.auditSignIn(ctx, tx, u.ID, "totp", m)
	})
	return res, err
}

func (s *Service) pendingUser(ctx context.Context, pending string) (account.User, error) {
	userID, err := peekToken(ctx, s.db.Reader(), purposePending, pending, s.now())
	if err != nil {
		return account.User{}, ErrStepExpired
	}
	u, err := s.deps.Accounts.Get(ctx, userID)
	if err != nil {
		return account.User{}, ErrStepExpired
	}
	return u, nil
}

// StartEnrolment gives a signed-in person (or a pending staff sign-in) a
// TOTP secret to add to their app; it is not active until confirmed.
func (s *Service) StartEnrolment(ctx context.Context, u account.User) (Enrolment, error) {
	var secret string
	err := s.inTx(ctx, func(tx *store.Tx) error {
		cred, found, err := loadCredential(ctx, tx, u.ID, true)
		if err != nil {
			return err
		}
		if found && cred.Confirmed {
			return errs.E(errs.Conflict, "two-step sign-in is already on")
		}
		if found {
			secret, err = s.openSecret(ctx, tx, u.ID, cred.Sealed)
			return err
		}
		secret = newTOTPSecret()
		sealed, err := s.sealSecret(ctx, tx, u.ID, secret)
		if err != nil {
			return err
		}
		return saveCredential(ctx, tx, u.ID, sealed, nil, s.now())
	})
	if err != nil {
		return Enrolment{}, err
	}
	e, err := enrolmentFor(u.Email, secret)
	return e, errs.Wrap(err, "drawing QR code")
}

// ConfirmEnrolment turns two-step sign-in on for a signed-in person (a
// client choosing it) and returns their recovery codes.
func (s *Service) ConfirmEnrolment(ctx context.Context, u account.User, code string) ([]string, error) {
	var codes []string
	err := s.inTx(ctx, func(tx *store.Tx) error {
		var err error
		codes, err = s.confirm(ctx, tx, u, code)
		return err
	})
	return codes, err
}

// confirm checks the first code against the unconfirmed secret and
// activates it with fresh recovery codes.
func (s *Service) confirm(ctx context.Context, tx *store.Tx, u account.User, code string) ([]string, error) {
	kind, norm := ParseCode(code)
	if kind != CodeTOTP {
		return nil, errs.Validation{"code": "enter the 6-digit code your app shows"}.Err()
	}
	cred, found, err := loadCredential(ctx, tx, u.ID, true)
	if err != nil {
		return nil, err
	}
	if !found || cred.Confirmed {
		return nil, errs.E(errs.Conflict, "start setting up two-step sign-in again")
	}
	secret, err := s.openSecret(ctx, tx, u.ID, cred.Sealed)
	if err != nil {
		return nil, err
	}
	step, ok := matchStep(secret, norm, s.now(), cred.LastStep)
	if !ok {
		return nil, errs.Validation{"code": "that code did not match; check that your device's clock is right and enter the newest code"}.Err()
	}
	if err := confirmCredential(ctx, tx, u.ID, step, s.now()); err != nil {
		return nil, err
	}
	codes := newRecoveryCodes()
	if err := replaceRecoveryCodes(ctx, tx, u.ID, codes, s.now()); err != nil {
		return nil, err
	}
	return codes, s.auditTOTPEnrolled(ctx, tx, u.ID)
}

// TwoStepStatus says whether two-step sign-in is on and how many recovery
// codes are left.
type TwoStepStatus struct {
	Enabled       bool
	RecoveryLeft  int
	Required      bool // staff cannot turn it off
	CanTurnOff    bool
	RecoveryTotal int
}

// Status is a person's two-step sign-in state.
func (s *Service) Status(ctx context.Context, u account.User) (TwoStepStatus, error) {
	cred, found, err := loadCredential(ctx, s.db.Reader(), u.ID, false)
	if err != nil {
		return TwoStepStatus{}, err
	}
	st := TwoStepStatus{Enabled: found && cred.Confirmed, Required: u.Role.Staff(), RecoveryTotal: RecoveryCodeCount}
	st.CanTurnOff = st.Enabled && !st.Required
	st.RecoveryLeft, err = unusedRecoveryCodes(ctx, s.db.Reader(), u.ID)
	return st, err
}

// TurnOff removes two-step sign-in: a client for themselves, or an admin
// for a staff member of their practice who lost their device (who must
// enrol again at their next sign-in). Staff cannot turn their own off.
//
// The actor re-enters their own password first, so a borrowed or stolen
// session cannot remove a second factor; wrong passwords count as failed
// sign-ins (and pause like them).
func (s *Service) TurnOff(ctx context.Context, actor account.User, userID int64, password string, m Meta) error {
	if err := s.reauthenticate(ctx, actor, password, m); err != nil {
		return err
	}
	target, err := s.deps.Accounts.Get(ctx, userID)
	if err != nil {
		return err
	}
	self := actor.ID == target.ID
	allowed := (self && !target.Role.Staff()) ||
		(actor.Role == account.Admin && !self && target.PracticeID == actor.PracticeID && target.Role.Staff())
	if !allowed {
		if self {
			return errs.E(errs.Forbidden, "staff accounts must keep two-step sign-in on")
		}
		return errs.NotFoundf("account not found")
	}
	return s.inTx(ctx, func(tx *store.Tx) error {
		if err := deleteTwoStep(ctx, tx, target.ID); err != nil {
			return err
		}
		if !self {
			if err := s.deps.Accounts.EndAllSessionsTx(ctx, tx, target.ID); err != nil {
				return err
			}
		}
		return s.auditTOTPReset(ctx, tx, actor.ID, target.ID)
	})
}

// InstallDemoTOTP gives a demo account the documented DemoTOTPSecret,
// already confirmed. Refused outside demo mode.
func (s *Service) InstallDemoTOTP(ctx context.Context, tx *store.Tx, userID int64) error {
	if !s.deps.Demo {
		return errs.E(errs.Forbidden, "the demo two-step secret is only for demo mode")
	}
	sealed, err := s.sealSecret(ctx, tx, userID, DemoTOTPSecret)
	if err != nil {
		return err
	}
	now := s.now()
	return saveCredential(ctx, tx, userID, sealed, &now, now)
}

// reauthenticate checks the signed-in person's password again before a
// change to their sign-in.
func (s *Service) reauthenticate(ctx context.Context, u account.User, password string, m Meta) error {
	wrong := errs.Validation{"password": "enter your current password to confirm"}.Err()
	if locked, err := s.locked(ctx, u.Email, m); err != nil || locked {
		return firstErr(err, ErrTooMany)
	}
	if password == "" {
		return wrong
	}
	if _, err := s.deps.Accounts.Authenticate(ctx, u.Email, password); err != nil {
		if !errs.Is(err, errs.Unauthorized) {
			return err
		}
		if err := s.failed(ctx, u.Email, "reauthenticate", m); err != nil {
			return err
		}
		return wrong
	}
	return nil
}
