// Package privacy gives clients control over their record and makes every
// exceptional access visible: the access history (who read or changed what,
// and when, from the audit trail), the export of all their data, erasure
// with a cancellable grace period (crypto-shredding through the vault), and
// admins' break-glass access, which needs a written reason, expires, is
// audited and is shown to the client.
package privacy

import (
	"context"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// AccessEntry is one line of a client's access history.
type AccessEntry struct {
	At        time.Time
	ActorName string // "You", a person's name, or "Afterward" for the system
	ActorRole string
	Action    string
	Resource  string
	Outcome   string
}

// BreakGlass is an admin's time-limited access to a client's clinical
// content.
type BreakGlass struct {
	ID        int64
	AdminID   int64
	AdminName string
	ClientID  int64
	Reason    string
	StartsAt  time.Time
	ExpiresAt time.Time

	sealed []byte // the reason, sealed under the client's key
}

// BreakGlassRequest is the admin's form.
type BreakGlassRequest struct {
	ClientID int64
	Reason   string
	Minutes  int
}

// Allowed break-glass durations: long enough to handle a safety concern,
// short enough that access does not linger.
var BreakGlassMinutes = []int{15, 30, 60}

// MinReasonLength makes the written reason a real sentence.
const MinReasonLength = 20

// Validate checks the request.
func (r *BreakGlassRequest) Validate() error {
	v := errs.Validation{}
	r.Reason = strings.TrimSpace(r.Reason)
	v.Check(r.ClientID > 0, "client", "choose a client")
	v.Check(len([]rune(r.Reason)) >= MinReasonLength, "reason", "write why you need access (at least 20 characters); the client will see it")
	v.Check(len(r.Reason) <= 1000, "reason", "use at most 1000 characters")
	ok := false
	for _, m := range BreakGlassMinutes {
		ok = ok || m == r.Minutes
	}
	v.Check(ok, "minutes", "choose 15, 30 or 60 minutes")
	return v.Err()
}

// Exporter contributes one section to a client's data export. Each domain
// registers one; the export runs them all in one audited transaction.
type Exporter interface {
	ExportSection() string
	Export(ctx context.Context, tx *store.Tx, clientID int64) (any, error)
}
