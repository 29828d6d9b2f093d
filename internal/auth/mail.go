package auth

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/store"
)

// EmailRequestArgs is the job behind "email me a sign-in link" and "reset
// my password". The request only enqueues it, for every well-formed
// address; the worker looks the address up. So the response, and its
// timing, is the same whether or not the account exists.
type EmailRequestArgs struct {
	Purpose string `json:"purpose"` // signin_link or password_reset
	Email   string `json:"email"`
}

func (EmailRequestArgs) Kind() string { return "auth_email_request" }

// EmailRequestWorker sends the link for an EmailRequestArgs job.
type EmailRequestWorker struct {
	river.WorkerDefaults[EmailRequestArgs]
	Auth *Service
}

func (w *EmailRequestWorker) Work(ctx context.Context, job *river.Job[EmailRequestArgs]) error {
	return w.Auth.deliverLink(ctx, job.Args.Purpose, job.Args.Email)
}

// maxLinksPerWindow bounds how many links one account is sent per
// FailureWindow, so the request form cannot flood someone's inbox.
const maxLinksPerWindow = 3

// deliverLink issues and emails a link if the address belongs to an
// eligible account (sign-in links are for clients only: staff always use
// their password and code).
func (s *Service) deliverLink(ctx context.Context, purpose, email string) error {
	u, err := s.deps.Accounts.FindByEmail(ctx, email)
	if errs.Is(err, errs.NotFound) || (err == nil && purpose == purposeLink && u.Role != account.Client) {
		return nil
	}
	if err != nil {
		return err
	}
	now := s.now()
	return s.inTx(ctx, func(tx *store.Tx) error {
		n, err := recentTokens(ctx, tx, purpose, u.ID, now.Add(-FailureWindow))
		if err != nil || n >= maxLinksPerWindow {
			return err
		}
		e, err := s.linkEmail(ctx, tx, purpose, u, now)
		if err != nil {
			return err
		}
		return notify.Queue(ctx, s.deps.Queue, tx, e, now)
	})
}

func (s *Service) linkEmail(ctx context.Context, tx *store.Tx, purpose string, u account.User, now time.Time) (notify.Email, error) {
	ttl, path, subject := SignInLinkTTL, "/signin/link/", "Your Afterward sign-in link"
	if purpose == purposeReset {
		ttl, path, subject = ResetTTL, "/reset/", "Reset your Afterward password"
	}
	token, err := issueToken(ctx, tx, purpose, u.ID, now, ttl)
	if err != nil {
		return notify.Email{}, err
	}
	text := fmt.Sprintf("Hello %s,\n\nUse this link within %d minutes to %s:\n\n%s\n\n"+
		"The link works once. If you did not ask for it, you can ignore this email; nothing has changed.\n\n— Afterward\n",
		u.Name, int(ttl.Minutes()), linkAction(purpose), s.link(path+token))
	return notify.Email{To: u.Email, Subject: subject, Text: text, DedupeKey: purpose + ":" + account.HashToken(token)}, nil
}

func linkAction(purpose string) string {
	if purpose == purposeReset {
		return "choose a new password (this signs you out on every device)"
	}
	return "sign in"
}

func lockoutText(resetURL string) string {
	return "Hello,\n\nThere were several unsuccessful attempts to sign in to your Afterward account from one network, so we have paused " +
		"sign-in to it from that network for a while; you can still sign in from elsewhere. Your data is safe.\n\nIf these attempts were yours and you want to sign in now, " +
		"reset your password here (this also lifts the pause):\n\n" + resetURL + "\n\n" +
		"If they were not yours, nothing else is needed; consider choosing a longer password.\n\n— Afterward\n"
}

// RequestSignInLink queues an email sign-in link for the address. The
// answer is the same whether or not the address has an account.
func (s *Service) RequestSignInLink(ctx context.Context, email string) error {
	return s.requestLink(ctx, purposeLink, email)
}

// RequestPasswordReset queues a reset link for the address. The answer is
// the same whether or not the address has an account (or is locked).
func (s *Service) RequestPasswordReset(ctx context.Context, email string) error {
	return s.requestLink(ctx, purposeReset, email)
}

func (s *Service) requestLink(ctx context.Context, purpose, email string) error {
	email = account.NormalizeEmail(email)
	if !validEmail(email) {
		return errs.Validation{"email": "enter an email address like name@example.org"}.Err()
	}
	return s.inTx(ctx, func(tx *store.Tx) error {
		return s.deps.Queue.Enqueue(ctx, tx, EmailRequestArgs{Purpose: purpose, Email: email}, &river.InsertOpts{MaxAttempts: 5})
	})
}

// SignInWithLink uses an emailed sign-in link. A client with two-step
// sign-in on still has to enter a code.
func (s *Service) SignInWithLink(ctx context.Context, token string, m Meta) (SignInResult, error) {
	var res SignInResult
	err := s.inTx(ctx, func(tx *store.Tx) error {
		userID, err := consumeToken(ctx, tx, purposeLink, token, s.now())
		if err != nil {
			return ErrLinkInvalid
		}
		u, err := s.deps.Accounts.Get(ctx, userID)
		if err != nil {
			return ErrLinkInvalid
		}
		res, err = s.afterFirstFactor(ctx, tx, u, "email_link", m)
		return err
	})
	return res, err
}

// CheckResetToken reports whether a reset link is still usable.
func (s *Service) CheckResetToken(ctx context.Context, token string) error {
	if _, err := peekToken(ctx, s.db.Reader(), purposeReset, token, s.now()); err != nil {
		return ErrLinkInvalid
	}
	return nil
}

// ResetPassword sets a new password through a reset link: the link is used
// up, every session ends, other links stop working and any sign-in lockout
// on the account is lifted. It does not sign in: the person signs in with
// the new password (and their code).
func (s *Service) ResetPassword(ctx context.Context, token, password string) error {
	if msg := account.PasswordProblem(password); msg != "" {
		return errs.Validation{"password": msg}.Err()
	}
	now := s.now()
	return s.inTx(ctx, func(tx *store.Tx) error {
		userID, err := consumeToken(ctx, tx, purposeReset, token, now)
		if err != nil {
			return ErrLinkInvalid
		}
		u, err := s.deps.Accounts.Get(ctx, userID)
		if err != nil {
			return ErrLinkInvalid
		}
		if err := s.deps.Accounts.SetPassword(ctx, tx, u.ID, password); err != nil {
			return err
		}
		if err := s.deps.Accounts.EndAllSessionsTx(ctx, tx, u.ID); err != nil {
			return err
		}
		if err := retireTokens(ctx, tx, u.ID, now, purposeReset, purposeLink, purposePending); err != nil {
			return err
		}
		if err := clearAccount(ctx, tx, u.Email); err != nil {
			return err
		}
		return s.auditPasswordReset(ctx, tx, u.ID)
	})
}
