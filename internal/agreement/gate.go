package agreement

import (
	"context"
	"errors"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// SignPath is where a client reads and signs the agreement.
const SignPath = "/agreement"

// ErrUnsigned marks the refusal for a client who has not signed the
// current agreement, so a page can take them to sign it and back.
var ErrUnsigned = errors.New("the current coaching agreement is not signed")

// Gate is the booking rule: a session is booked only for a client who has
// signed their practice's current agreement. The schedule service calls it
// inside its booking transaction.
type Gate struct{}

// CheckSigned returns the refusal, saying what to do and where, when the
// client has not signed the current version; byClient words it for the
// client, otherwise for the staff booking on their behalf.
func (Gate) CheckSigned(ctx context.Context, q store.Querier, clientID int64, byClient bool) error {
	var n int
	err := q.QueryRow(ctx, `SELECT COUNT(*) FROM agreement_signatures s
		JOIN clients c ON c.user_id = s.client_id
		WHERE s.client_id = ? AND s.version_id = (SELECT MAX(v.id) FROM agreement_versions v WHERE v.practice_id = c.practice_id)`,
		clientID).Scan(&n)
	if err != nil {
		return errs.Wrap(err, "checking the coaching agreement")
	}
	if n > 0 {
		return nil
	}
	msg := "This client has not signed the practice's current coaching agreement; ask them to sign it at " + SignPath + " (after signing in) before booking."
	if byClient {
		msg = "Before booking, read and sign your practice's current coaching agreement at " + SignPath + "."
	}
	return &errs.Error{Kind: errs.Conflict, Err: ErrUnsigned, Msg: msg}
}
