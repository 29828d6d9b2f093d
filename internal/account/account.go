// Package account manages people's accounts and their sign-in sessions:
// roles, password hashes (argon2id) and server-side sessions with idle and
// absolute time-outs.
package account

import (
	"net/mail"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/errs"
)

// Role is what an account is for. One account, one role.
type Role string

const (
	Admin     Role = "admin"     // runs the practice
	Coach     Role = "coach"     // an integration coach
	Client    Role = "client"    // a person after a psychedelic experience
	Clinician Role = "clinician" // a client's therapist, psychiatrist, physician or dietitian
)

// Valid reports whether r is one of the four roles.
func (r Role) Valid() bool {
	switch r {
	case Admin, Coach, Client, Clinician:
		return true
	}
	return false
}

// Staff roles get the short session time-outs.
func (r Role) Staff() bool { return r != Client }

// User is an account.
type User struct {
	ID         int64
	PracticeID int64
	Email      string
	Name       string
	Role       Role
	TimeZone   string
	CreatedAt  time.Time
}

// NewUser is the input for creating an account.
type NewUser struct {
	PracticeID int64
	Email      string
	Name       string
	Role       Role
	Password   string
	TimeZone   string
}

// MinPasswordLength follows NIST SP 800-63B for a memorised secret chosen
// by the person.
const MinPasswordLength = 12

// NormalizeEmail lower-cases and trims an address for storage and lookup.
func NormalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// Validate checks the fields of a new account.
func (n *NewUser) Validate() error {
	v := errs.Validation{}
	n.Email = NormalizeEmail(n.Email)
	n.Name = strings.TrimSpace(n.Name)
	addr, err := mail.ParseAddress(n.Email)
	v.Check(err == nil && addr.Address == n.Email, "email", "enter an email address like name@example.org")
	v.Check(n.Name != "", "name", "enter a name")
	v.Check(len(n.Name) <= 200, "name", "use at most 200 characters")
	v.Check(n.Role.Valid(), "role", "choose admin, coach, client or clinician")
	if msg := PasswordProblem(n.Password); msg != "" {
		v.Add("password", msg)
	}
	if n.TimeZone == "" {
		n.TimeZone = "UTC"
	}
	if _, err := time.LoadLocation(n.TimeZone); err != nil {
		v.Add("time_zone", "choose a time zone such as Europe/London")
	}
	return v.Err()
}

// PasswordProblem explains why a password is not acceptable, or returns "".
func PasswordProblem(password string) string {
	switch {
	case len([]rune(password)) < MinPasswordLength:
		return "use at least 12 characters"
	case len(password) > 1024:
		return "use at most 1024 characters"
	case IsCommonPassword(password):
		return "this password is too common; choose another"
	}
	return ""
}
