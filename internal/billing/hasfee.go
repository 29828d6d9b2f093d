package billing

import (
	"context"

	"github.com/afterward/afterward/internal/store"
)

// HasFee reports whether a fee is set for the coach and session length.
// Scheduling bills only then, so a practice that does not bill through
// Afterward can still record attendance.
func HasFee(ctx context.Context, q store.Querier, coachID int64, minutes int) (bool, error) {
	_, ok, err := feeFor(ctx, q, coachID, minutes)
	return ok, err
}
