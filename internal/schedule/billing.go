package schedule

import (
	"context"

	"github.com/afterward/afterward/internal/billing"
	"github.com/afterward/afterward/internal/store"
)

// FeeBiller is the Biller that charges through billing: a session marked
// held is billed, a late cancellation or a no-show charged, in scheduling's
// transaction. Sessions whose coach has no fee for their length are not
// charged (the practice does not bill through Afterward, or not that length).
type FeeBiller struct{ Billing *billing.Service }

// charge runs fn when a fee is set for the session.
func (f FeeBiller) charge(ctx context.Context, tx *store.Tx, a Appointment,
	fn func(*billing.Service, billing.SessionBilled) (billing.Line, error)) error {
	ok, err := billing.HasFee(ctx, tx, a.CoachID, a.Minutes)
	if err != nil || !ok {
		return err
	}
	_, err = fn(f.Billing.Within(tx), billing.SessionBilled{ClientID: a.ClientID, CoachID: a.CoachID, SessionID: a.ID, HeldAt: a.Start, LengthMinutes: a.Minutes})
	return err
}

// BillSession bills a session held.
func (f FeeBiller) BillSession(ctx context.Context, tx *store.Tx, a Appointment) error {
	return f.charge(ctx, tx, a, func(b *billing.Service, s billing.SessionBilled) (billing.Line, error) {
		return b.BillSession(ctx, tx, s)
	})
}

// ChargeLateCancellation charges the practice's late-cancellation fee.
func (f FeeBiller) ChargeLateCancellation(ctx context.Context, tx *store.Tx, a Appointment) error {
	return f.charge(ctx, tx, a, func(b *billing.Service, s billing.SessionBilled) (billing.Line, error) {
		return b.ChargeLateCancellation(ctx, tx, s)
	})
}

// ChargeNoShow charges the practice's no-show fee.
func (f FeeBiller) ChargeNoShow(ctx context.Context, tx *store.Tx, a Appointment) error {
	return f.charge(ctx, tx, a, func(b *billing.Service, s billing.SessionBilled) (billing.Line, error) {
		return b.ChargeNoShow(ctx, tx, s)
	})
}

// FeeTerms states a practice's fees and cancellation terms for the
// coaching agreement: billing's fees with this schedule's cancellation
// notice, as every booking page states them.
func (s *Service) FeeTerms(b *billing.Service) func(ctx context.Context, practiceID int64) (string, error) {
	return func(ctx context.Context, practiceID int64) (string, error) {
		p, err := noticePolicy(ctx, s.reader(), practiceID)
		if err != nil {
			return "", err
		}
		t, err := b.Terms(ctx, practiceID)
		if err != nil {
			return "", err
		}
		return t.Text(p.CancelNotice), nil
	}
}
