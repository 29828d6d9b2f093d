// Package audit is Afterward's tamper-evident audit trail. Every read and
// write of sensitive data, sign-in, failed sign-in, permission change,
// export and break-glass access appends one Event in the caller's
// transaction, so when the event cannot be written the access fails too.
//
// Events form one hash chain: each stores the SHA-256 of its own columns
// (in a fixed, length-prefixed encoding) and of the previous event's hash.
// The one-row audit_head table holds the last sequence number and hash; its
// row lock serialises appenders (also across servers on PostgreSQL) and it
// is the checkpoint that makes deleting the newest events detectable.
// Verify walks the chain and names the first broken event.
//
// Events never carry clinical content: ids, an action name, an outcome and a
// short content-free detail.
package audit

import (
	"regexp"
	"time"
	"unicode/utf8"

	"github.com/afterward/afterward/internal/errs"
)

// Actions that every part of Afterward uses. Other snake_case names are
// accepted, so a domain can add its own without touching this package.
const (
	ActionRead             = "read"
	ActionWrite            = "write"
	ActionDelete           = "delete"
	ActionSignIn           = "sign_in"
	ActionSignInFailed     = "sign_in_failed"
	ActionSignOut          = "sign_out"
	ActionPermissionChange = "permission_change"
	ActionExport           = "export"
	ActionBreakGlass       = "break_glass"
	ActionErasureRequested = "erasure_requested"
	ActionErasureCancelled = "erasure_cancelled"
	ActionErased           = "erased"
)

// Outcomes of the access an event describes.
const (
	OutcomeOK     = "ok"
	OutcomeDenied = "denied"
	OutcomeFailed = "failed"
)

// Limits keep events small; Detail is a hint such as "fields=notes", never
// content.
const (
	MaxDetail = 256
	maxField  = 128
)

// Event is one entry of the trail. ID is assigned by Append. ActorID and
// ClientID are 0 when there is none (a failed sign-in of an unknown
// address; an event about no particular client).
type Event struct {
	ID           int64
	At           time.Time
	ActorID      int64
	ActorRole    string
	Action       string
	ResourceType string
	ResourceID   string
	ClientID     int64
	Outcome      string
	ClientIP     string
	RequestID    string
	Detail       string
}

var actionPattern = regexp.MustCompile(`^[a-z][a-z0-9_.]{0,63}$`)

// Validate checks an event before it is appended. Strings must be valid
// UTF-8 without NUL bytes: PostgreSQL refuses both, and the hash must be
// the same on either engine.
func (e Event) Validate() error {
	v := errs.Validation{}
	v.Check(!e.At.IsZero(), "at", "is required")
	v.Check(actionPattern.MatchString(e.Action), "action", "must be a snake_case name")
	v.Check(e.Outcome == OutcomeOK || e.Outcome == OutcomeDenied || e.Outcome == OutcomeFailed,
		"outcome", "must be ok, denied or failed")
	v.Check(e.ActorID >= 0, "actor_id", "must not be negative")
	v.Check(e.ClientID >= 0, "client_id", "must not be negative")
	for name, s := range map[string]string{
		"actor_role": e.ActorRole, "resource_type": e.ResourceType, "resource_id": e.ResourceID,
		"client_ip": e.ClientIP, "request_id": e.RequestID,
	} {
		v.Check(len(s) <= maxField && cleanText(s), name, "must be short, valid text")
	}
	v.Check(len(e.Detail) <= MaxDetail && cleanText(e.Detail), "detail", "must be short, valid text")
	return v.Err()
}

func cleanText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] == 0 {
			return false
		}
	}
	return true
}

// normalize puts the time in the form both engines store exactly: UTC,
// microseconds.
func (e Event) normalize() Event {
	e.At = e.At.UTC().Truncate(time.Microsecond)
	return e
}
