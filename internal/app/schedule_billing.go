package app

import (
	"context"

	"github.com/afterward/afterward/internal/billing"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/schedule"
	"github.com/afterward/afterward/internal/store"
)

// sessionBilling is scheduling's Biller: a session marked held is billed,
// a late cancellation or a no-show charged, in scheduling's transaction.
// Sessions whose coach has no fee for their length are not charged (the
// practice does not bill through Afterward, or not that length).
type sessionBilling struct{ b *billing.Service }

// charge runs fn when a fee is set for the session.
func (s sessionBilling) charge(ctx context.Context, tx *store.Tx, a schedule.Appointment,
	fn func(*billing.Service) (billing.Line, error)) error {
	ok, err := billing.HasFee(ctx, tx, a.CoachID, a.Minutes)
	if err != nil || !ok {
		return err
	}
	_, err = fn(s.b.Within(tx))
	return err
}

func billed(a schedule.Appointment) billing.SessionBilled {
	return billing.SessionBilled{ClientID: a.ClientID, CoachID: a.CoachID, SessionID: a.ID, HeldAt: a.Start, LengthMinutes: a.Minutes}
}

func (s sessionBilling) BillSession(ctx context.Context, tx *store.Tx, a schedule.Appointment) error {
	return s.charge(ctx, tx, a, func(b *billing.Service) (billing.Line, error) { return b.BillSession(ctx, tx, billed(a)) })
}

func (s sessionBilling) ChargeLateCancellation(ctx context.Context, tx *store.Tx, a schedule.Appointment) error {
	return s.charge(ctx, tx, a, func(b *billing.Service) (billing.Line, error) { return b.ChargeLateCancellation(ctx, tx, billed(a)) })
}

func (s sessionBilling) ChargeNoShow(ctx context.Context, tx *store.Tx, a schedule.Appointment) error {
	return s.charge(ctx, tx, a, func(b *billing.Service) (billing.Line, error) { return b.ChargeNoShow(ctx, tx, billed(a)) })
}

// feeTerms states a practice's fees and cancellation terms for the coaching
// agreement: billing's fees with the schedule's cancellation notice, as
// every booking page states them.
func (a *App) feeTerms(ctx context.Context, practiceID int64) (string, error) {
	p, err := a.Schedule.Notice(ctx, policy.Actor{PracticeID: practiceID})
	if err != nil {
		return "", err
	}
	t, err := a.Billing.Terms(ctx, practiceID)
	if err != nil {
		return "", err
	}
	return t.Text(p.CancelNotice), nil
}
