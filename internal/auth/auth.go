// Package auth is how people get into Afterward and prove who they are
// beyond a password: two-step sign-in with TOTP (RFC 6238) and one-time
// recovery codes, required for staff and optional for clients; single-use
// email sign-in links for clients; password resets; invitations (an admin
// invites coaches and clinicians, a coach invites clients, a client invites
// their own clinician); and brute-force throttling shared by every server.
//
// Every token and code is random, single use, short lived and stored only
// as a SHA-256 digest; the TOTP secret is sealed before it reaches the
// database. No response says whether an account exists or is locked: the
// owner learns that by email. Requests that send email are queued for every
// well-formed address, known or not, so they take the same time.
package auth

import (
	"net/mail"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
)

// Lifetimes of the single-use tokens.
const (
	PendingTTL    = 5 * time.Minute    // password accepted, second step outstanding
	SignInLinkTTL = 15 * time.Minute   // "email me a sign-in link"
	ResetTTL      = 30 * time.Minute   // password reset link
	InvitationTTL = 7 * 24 * time.Hour // invitation link
)

// Throttling: after AccountFailures failed attempts on one address within
// FailureWindow, sign-in to it is refused for FirstLockout, doubling with
// each further lockout up to MaxLockout; a client address (IP) gets the same
// treatment after AddressFailures. A successful sign-in or a password reset
// clears an account's lockouts.
const (
	AccountFailures = 5
	AddressFailures = 50
	FailureWindow   = 15 * time.Minute
	FirstLockout    = 15 * time.Minute
	MaxLockout      = 24 * time.Hour
)

// RecoveryCodeCount is how many recovery codes enrolment hands out.
const RecoveryCodeCount = 10

// DemoTOTPSecret is the TOTP secret of every demo staff account (base32).
// It is accepted only when the service runs in demo mode.
const DemoTOTPSecret = "RIVERBENDDEMOTOTPSECRETAFTERWARD"

// Errors whose messages are shown as they are. ErrSignIn is the one message
// for a failed password step, whether the account exists, is locked or the
// password is wrong.
var (
	ErrSignIn       = account.ErrSignIn
	ErrTooMany      = errs.E(errs.Forbidden, "too many sign-in attempts from your network; please wait a while and try again")
	ErrStepExpired  = errs.E(errs.Unauthorized, "that sign-in took too long or was already used; please start again")
	ErrLinkInvalid  = errs.E(errs.NotFound, "that link has expired or was already used; ask for a new one")
	ErrInviteClosed = errs.E(errs.NotFound, "that invitation has expired or was already used; ask for a new one")
)

// errBadCode is a wrong or replayed second-factor code.
func errBadCode() error {
	return errs.Validation{"code": "that code did not work; enter the newest 6-digit code from your app, or a recovery code"}.Err()
}

// Meta is where a request comes from, for sessions, throttling and audit.
type Meta struct {
	ClientIP  string
	UserAgent string
}

// Step is what the person must do next after a sign-in step.
type Step string

const (
	StepDone  Step = "done"  // signed in: Session is the cookie token
	StepTOTP  Step = "totp"  // enter a TOTP or recovery code (Pending token)
	StepEnrol Step = "enrol" // staff without TOTP: set it up now (Pending token)
)

// SignInResult is the outcome of a successful sign-in step.
type SignInResult struct {
	Step          Step
	User          account.User
	Session       string   // StepDone
	Pending       string   // StepTOTP, StepEnrol
	RecoveryCodes []string // just enrolled: show once
}

// Enrolment is a TOTP secret waiting for its first code.
type Enrolment struct {
	Secret string // base32, for typing into an app
	URL    string // otpauth:// URL, for the QR code
	PNG    []byte // the QR code
}

// NewInvitation is what an inviter fills in.
type NewInvitation struct {
	Email string
	Name  string
	Role  account.Role
}

// Validate normalises and checks an invitation.
func (n *NewInvitation) Validate() error {
	v := errs.Validation{}
	n.Email = account.NormalizeEmail(n.Email)
	n.Name = strings.TrimSpace(n.Name)
	v.Check(validEmail(n.Email), "email", "enter an email address like name@example.org")
	v.Check(len(n.Name) <= 200, "name", "use at most 200 characters")
	v.Check(n.Role == account.Coach || n.Role == account.Client || n.Role == account.Clinician, "role", "choose coach, client or clinician")
	return v.Err()
}

// CanInvite reports whether an inviter's role may invite a role: admins
// invite coaches and clinicians, coaches invite clients, clients invite
// their own clinician.
func CanInvite(inviter, invitee account.Role) bool {
	switch inviter {
	case account.Admin:
		return invitee == account.Coach || invitee == account.Clinician
	case account.Coach:
		return invitee == account.Client
	case account.Client:
		return invitee == account.Clinician
	}
	return false
}

// InvitableRoles lists what a role may invite, in a stable order.
func InvitableRoles(inviter account.Role) []account.Role {
	var out []account.Role
	for _, r := range []account.Role{account.Coach, account.Client, account.Clinician} {
		if CanInvite(inviter, r) {
			out = append(out, r)
		}
	}
	return out
}

// Invitation is an open invitation as its recipient sees it.
type Invitation struct {
	Email       string
	Name        string
	Role        account.Role
	InviterName string
	ExpiresAt   time.Time
}

// Acceptance is what the invitee fills in.
type Acceptance struct {
	Name     string
	Password string
	TimeZone string
}

func validEmail(email string) bool {
	addr, err := mail.ParseAddress(email)
	return err == nil && addr.Address == email && len(email) <= 254
}

// ValidEmail reports whether email (already normalised) is an address we
// can send to.
func ValidEmail(email string) bool { return validEmail(account.NormalizeEmail(email)) }
