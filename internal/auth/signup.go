package auth

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/store"
)

// Sign-up: a stranger gives a name, an address and a time zone and agrees
// to the terms; the address gets a link, and following it creates the
// client account, signs them in and starts the intake. No password is
// needed (sign-in links keep working; one can be set later through
// "reset password"). Like the link and reset requests, the request only
// queues a job, for every well-formed address: an address that already has
// an account is sent a sign-in link instead, and the answer is the same.

// SignUpTTL is how long a sign-up link works.
const SignUpTTL = time.Hour

// Sign-up throttling uses the sign-in throttle (its table, limits and
// growing lockouts) under keys of its own, so sign-ups never lock sign-in:
// every request counts against the address typed and the network.
const (
	SignUpsPerAddress = AccountFailures // per FailureWindow
	SignUpsPerNetwork = AddressFailures // per FailureWindow
)

// signUpKeys are the throttle keys a sign-up request counts against.
func signUpKeys(email string, m Meta) [][2]string {
	return [][2]string{{scopeAddress, "signup:" + m.ClientIP}, {scopeAccount, accountKey("signup:" + email)}}
}

// ErrSignUpClosed is the answer when the practice takes clients by
// invitation only.
var ErrSignUpClosed = errs.E(errs.Forbidden, "this practice welcomes new clients by invitation; ask a coach, your clinician or the practice for one")

// ErrTooManySignUps is the answer once a throttle is reached.
var ErrTooManySignUps = errs.E(errs.Forbidden, "too many sign-up requests for this address or from your network; please wait a while and try again")

// NewSignUp is what the sign-up form sends.
type NewSignUp struct {
	Name, Email, TimeZone string
	AgreeTerms            bool // the terms of use and privacy notice
	AgreeNotTherapy       bool // coaching is not therapy or emergency care
	CoachID               int64
	PracticeID            int64 // the practice to join (the coach's, when one was chosen)
}

// Validate normalises and checks the form, naming each field.
func (n *NewSignUp) Validate() error {
	v := errs.Validation{}
	n.Name, n.Email, n.TimeZone = strings.TrimSpace(n.Name), account.NormalizeEmail(n.Email), strings.TrimSpace(n.TimeZone)
	v.Check(n.Name != "", "name", "enter the name you would like us to use")
	v.Check(len(n.Name) <= 200, "name", "use at most 200 characters")
	v.Check(validEmail(n.Email), "email", "enter an email address like name@example.org")
	_, err := time.LoadLocation(n.TimeZone)
	v.Check(n.TimeZone != "" && n.TimeZone != "Local" && err == nil && len(n.TimeZone) <= 64, "time_zone", "choose your time zone from the list")
	v.Check(n.AgreeTerms, "agree_terms", "please read and agree to the terms to continue")
	v.Check(n.AgreeNotTherapy, "agree_not_therapy", "please confirm you understand coaching is not therapy or emergency care")
	return v.Err()
}

// SignUpArgs is the job that sends the sign-up (or sign-in) link.
type SignUpArgs struct {
	PracticeID int64     `json:"practice_id"`
	CoachID    int64     `json:"coach_id,omitempty"`
	Name       string    `json:"name"`
	Email      string    `json:"email"`
	TimeZone   string    `json:"time_zone"`
	AgreedAt   time.Time `json:"agreed_at"`
}

func (SignUpArgs) Kind() string { return "auth_signup" }

// SignUpWorker sends the link for a SignUpArgs job.
type SignUpWorker struct {
	river.WorkerDefaults[SignUpArgs]
	Auth *Service
}

func (w *SignUpWorker) Work(ctx context.Context, job *river.Job[SignUpArgs]) error {
	return w.Auth.deliverSignUp(ctx, job.Args)
}

// SignUpOpen reports whether a practice takes sign-ups without invitation.
func (s *Service) SignUpOpen(ctx context.Context, practiceID int64) (bool, error) {
	p, err := s.deps.Practices.Get(ctx, practiceID)
	return err == nil && p.SignUp == practice.SignUpOpen, err
}

// SignUp checks the form and the practice's setting, counts the request
// against both throttles and queues the email.
func (s *Service) SignUp(ctx context.Context, n NewSignUp, m Meta) error {
	if err := n.Validate(); err != nil {
		return err
	}
	open, err := s.SignUpOpen(ctx, n.PracticeID)
	if err != nil {
		return err
	}
	if !open {
		return ErrSignUpClosed
	}
	now := s.now()
	throttled := false
	err = s.inTx(ctx, func(tx *store.Tx) error {
		for _, k := range signUpKeys(n.Email, m) {
			locked, err := lockedUntil(ctx, tx, k[0], k[1], now)
			if err != nil {
				return err
			}
			if throttled = throttled || locked; throttled {
				return nil
			}
		}
		for _, k := range signUpKeys(n.Email, m) {
			if _, err := recordFailure(ctx, tx, k[0], k[1], now); err != nil {
				return err
			}
		}
		return s.deps.Queue.Enqueue(ctx, tx, SignUpArgs{PracticeID: n.PracticeID, CoachID: n.CoachID, Name: n.Name, Email: n.Email,
			TimeZone: n.TimeZone, AgreedAt: now}, &river.InsertOpts{MaxAttempts: 5})
	})
	if err == nil && throttled {
		return ErrTooManySignUps
	}
	return err
}

// deliverSignUp sends a sign-up link to a new address, or a sign-in link
// (or, for staff, a note to use their password) to a known one.
func (s *Service) deliverSignUp(ctx context.Context, a SignUpArgs) error {
	u, err := s.deps.Accounts.FindByEmail(ctx, a.Email)
	switch {
	case err == nil && u.Role == account.Client:
		return s.deliverLink(ctx, purposeLink, a.Email)
	case err == nil:
		return s.queueEmail(ctx, notify.Email{To: u.Email, Subject: "You already have an Afterward account",
			Text:      fmt.Sprintf("Hello %s,\n\nSomeone (probably you) asked to sign up with this address, but it already has an account. Sign in with your password and code:\n\n%s\n\nIf this was not you, you can ignore this email; nothing has changed.\n\n— Afterward\n", u.Name, s.link("/signin")),
			DedupeKey: fmt.Sprintf("signup-known:%d:%d", u.ID, s.now().Unix())})
	case !errs.Is(err, errs.NotFound):
		return err
	}
	now := s.now()
	return s.inTx(ctx, func(tx *store.Tx) error {
		token, hash := account.NewToken()
		var coach any
		if a.CoachID != 0 {
			coach = a.CoachID
		}
		id, err := store.InsertID(ctx, tx, `INSERT INTO signups (practice_id, token_hash, email, name, time_zone, coach_id, agreed_at, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, a.PracticeID, hash, a.Email, a.Name, a.TimeZone, coach, a.AgreedAt, now, now.Add(SignUpTTL))
		if err != nil {
			return errs.Wrap(err, "saving sign-up")
		}
		return notify.Queue(ctx, s.deps.Queue, tx, notify.Email{To: a.Email, Subject: "Finish signing up to Afterward",
			Text: fmt.Sprintf("Hello %s,\n\nThank you for signing up. Use this link within %d minutes to confirm your address; it signs you in and opens your intake:\n\n%s\n\n"+
				"The link works once. You do not need a password: you can always sign in with a link we email you, and set a password later if you like.\n\n"+
				"If you did not ask for this, you can ignore this email; no account is created.\n\n— Afterward\n",
				a.Name, int(SignUpTTL.Minutes()), s.link("/signup/"+token)),
			DedupeKey: fmt.Sprintf("signup:%d", id)}, now)
	})
}

func (s *Service) queueEmail(ctx context.Context, e notify.Email) error {
	return s.inTx(ctx, func(tx *store.Tx) error { return notify.Queue(ctx, s.deps.Queue, tx, e, s.now()) })
}

// pendingSignUp is a claimed sign-up row.
type pendingSignUp struct {
	ID, PracticeID, CoachID int64
	Email, Name, TimeZone   string
}

// CompleteSignUp uses a sign-up link: it creates the client account (with
// a random password nobody knows: links sign them in), their care record
// at intake, and signs them in. An address that gained an account in the
// meantime is simply signed in.
func (s *Service) CompleteSignUp(ctx context.Context, token string, m Meta) (SignInResult, error) {
	var res SignInResult
	now := s.now()
	err := s.inTx(ctx, func(tx *store.Tx) error {
		su, err := claimSignUp(ctx, tx, token, now)
		if err != nil {
			return err
		}
		u, err := s.deps.Accounts.FindByEmail(ctx, su.Email)
		if errs.Is(err, errs.NotFound) {
			u, err = s.createSignedUp(ctx, tx, su, now)
		}
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE signups SET user_id = ? WHERE id = ?`, u.ID, su.ID); err != nil {
			return errs.Wrap(err, "recording sign-up")
		}
		if _, err := tx.Exec(ctx, `UPDATE signups SET used_at = ? WHERE email = ? AND used_at IS NULL`, now, su.Email); err != nil {
			return errs.Wrap(err, "retiring other sign-up links")
		}
		res, err = s.afterFirstFactor(ctx, tx, u, "signup_link", m)
		return err
	})
	return res, err
}

func (s *Service) createSignedUp(ctx context.Context, tx *store.Tx, su pendingSignUp, now time.Time) (account.User, error) {
	p, err := s.deps.Practices.Get(ctx, su.PracticeID)
	if err != nil {
		return account.User{}, err
	}
	if p.SignUp != practice.SignUpOpen {
		return account.User{}, ErrSignUpClosed
	}
	unknown, _ := account.NewToken()
	u, err := s.deps.Accounts.Create(ctx, tx, account.NewUser{PracticeID: su.PracticeID, Email: su.Email, Name: su.Name,
		Role: account.Client, Password: unknown, TimeZone: su.TimeZone})
	if err != nil {
		return account.User{}, err
	}
	if err := s.deps.Practices.AddClient(ctx, tx, practice.NewClient{UserID: u.ID, PracticeID: su.PracticeID, Stage: practice.StageIntake}); err != nil {
		return account.User{}, err
	}
	return u, s.event(ctx, tx, Meta{}, u.ID, "signed_up", "account", u.ID, audit.OutcomeOK, fmt.Sprintf("signup=%d", su.ID))
}

// claimSignUp marks a live sign-up used; the UPDATE is the check, so one
// link cannot create two accounts.
func claimSignUp(ctx context.Context, tx *store.Tx, token string, now time.Time) (pendingSignUp, error) {
	var su pendingSignUp
	var coach sql.NullInt64
	err := tx.QueryRow(ctx, `UPDATE signups SET used_at = ?
		WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?
		RETURNING id, practice_id, coach_id, email, name, time_zone`, now, account.HashToken(token), now).
		Scan(&su.ID, &su.PracticeID, &coach, &su.Email, &su.Name, &su.TimeZone)
	if err == sql.ErrNoRows {
		return pendingSignUp{}, ErrLinkInvalid
	}
	su.CoachID = coach.Int64
	return su, errs.Wrap(err, "using sign-up link")
}

// ChosenCoach is the coach a client started from ("Start with this
// coach"), or 0.
func (s *Service) ChosenCoach(ctx context.Context, clientID int64) (int64, error) {
	var coach sql.NullInt64
	err := s.db.Reader().QueryRow(ctx, `SELECT coach_id FROM signups WHERE user_id = ? AND coach_id IS NOT NULL ORDER BY id DESC LIMIT 1`, clientID).Scan(&coach)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	return coach.Int64, errs.Wrap(err, "reading chosen coach")
}

// SetSignUpMode is the admin's "who may sign up" setting, audited.
func (s *Service) SetSignUpMode(ctx context.Context, admin account.User, mode practice.SignUpMode) error {
	if admin.Role != account.Admin {
		return errs.E(errs.Forbidden, "the practice admin decides who may sign up")
	}
	if mode != practice.SignUpOpen && mode != practice.SignUpInvitation {
		return errs.Validation{"signup_mode": "choose open or by invitation"}.Err()
	}
	return s.inTx(ctx, func(tx *store.Tx) error {
		if err := s.deps.Practices.SetSignUp(ctx, tx, admin.PracticeID, mode); err != nil {
			return err
		}
		return s.event(ctx, tx, Meta{}, admin.ID, "practice_settings", "practice", admin.PracticeID, audit.OutcomeOK, "signup_mode="+string(mode))
	})
}
