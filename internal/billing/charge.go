package billing

import (
	"context"
	"strconv"
	"strings"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

func itoa(n int) string { return strconv.Itoa(n) }

// sessionPrice is what a session costs this client: the coach's fee less
// any sliding-scale discount. It fails when the admin has set no fee for
// this coach and length, rather than billing a made-up amount.
func sessionPrice(ctx context.Context, q store.Querier, sb SessionBilled) (list, price int64, tier Tier, err error) {
	list, ok, err := feeFor(ctx, q, sb.CoachID, sb.LengthMinutes)
	if err != nil {
		return 0, 0, Tier{}, err
	}
	if !ok {
		return 0, 0, Tier{}, errs.E(errs.Conflict, "no fee is set for this coach and a %d-minute session; the practice admin sets fees on the billing page", sb.LengthMinutes)
	}
	tier, onScale, err := tierOf(ctx, q, sb.ClientID)
	if err != nil || !onScale {
		return list, list, Tier{}, err
	}
	return list, Discounted(list, tier.DiscountBP), tier, nil
}

func (sb SessionBilled) validate() error {
	v := errs.Validation{}
	v.Check(sb.ClientID > 0, "client_id", "choose a client")
	v.Check(sb.CoachID > 0, "coach_id", "choose a coach")
	v.Check(sb.LengthMinutes >= 15 && sb.LengthMinutes <= 240, "length_minutes", "enter a length between 15 and 240 minutes")
	v.Check(!sb.HeldAt.IsZero(), "held_at", "enter when the session was held")
	return v.Err()
}

// BillSession bills a held session inside the caller's transaction (the
// scheduling code calls it when a session is marked held). The line is the
// coach's fee less any sliding-scale discount, or 0 when a package covers
// it; with per-session invoicing the invoice is issued in the same
// transaction. A session is billed at most once (a Conflict otherwise).
func (s *Service) BillSession(ctx context.Context, tx *store.Tx, sb SessionBilled) (Line, error) {
	if err := sb.validate(); err != nil {
		return Line{}, err
	}
	c, st, err := s.chargeContext(ctx, tx, sb.ClientID, sb.CoachID)
	if err != nil {
		return Line{}, err
	}
	list, price, tier, err := sessionPrice(ctx, tx, sb)
	if err != nil {
		return Line{}, err
	}
	l := Line{ClientID: sb.ClientID, CoachID: sb.CoachID, SourceKind: SourceSession, SourceID: sb.SessionID,
		Description: sessionDescription(sb.LengthMinutes), OccurredAt: sb.HeldAt.UTC(), ListAmount: list, Amount: price,
		Currency: st.Currency, TierID: tier.ID}
	if tier.ID != 0 {
		l.Description += ", sliding scale " + FormatPercent(tier.DiscountBP) + " off"
	}
	pkg, covered, err := usablePackage(ctx, tx, sb.ClientID, sb.HeldAt)
	if err != nil {
		return Line{}, err
	}
	if covered {
		if err := usePackageSession(ctx, tx, pkg.ID); err != nil {
			return Line{}, err
		}
		l.Amount, l.TierID, l.PackageID = 0, 0, pkg.ID
		l.Description = sessionDescription(sb.LengthMinutes) + ", " + pkg.Name + " session " + itoa(pkg.SessionsUsed+1) + " of " + itoa(pkg.SessionsTotal)
	}
	return s.addCharge(ctx, tx, c, st, l)
}

// ChargeLateCancellation charges the practice's late-cancellation fee for
// a session cancelled too late (a percentage of its price to this client).
func (s *Service) ChargeLateCancellation(ctx context.Context, tx *store.Tx, sb SessionBilled) (Line, error) {
	return s.chargePolicyFee(ctx, tx, sb, "Late cancellation fee", func(st Settings) int { return st.LateCancelBP })
}

// ChargeNoShow charges the practice's no-show fee for a missed session.
func (s *Service) ChargeNoShow(ctx context.Context, tx *store.Tx, sb SessionBilled) (Line, error) {
	return s.chargePolicyFee(ctx, tx, sb, "Missed session fee", func(st Settings) int { return st.NoShowBP })
}

func (s *Service) chargePolicyFee(ctx context.Context, tx *store.Tx, sb SessionBilled, label string, rate func(Settings) int) (Line, error) {
	if err := sb.validate(); err != nil {
		return Line{}, err
	}
	c, st, err := s.chargeContext(ctx, tx, sb.ClientID, sb.CoachID)
	if err != nil {
		return Line{}, err
	}
	_, price, _, err := sessionPrice(ctx, tx, sb)
	if err != nil {
		return Line{}, err
	}
	fee := Percent(price, rate(st))
	l := Line{ClientID: sb.ClientID, CoachID: sb.CoachID, SourceKind: SourceFee, SourceID: sb.SessionID,
		Description: label + " (" + itoa(sb.LengthMinutes) + "-min session, " + FormatPercent(rate(st)) + ")",
		OccurredAt:  sb.HeldAt.UTC(), ListAmount: fee, Amount: fee, Currency: st.Currency}
	return s.addCharge(ctx, tx, c, st, l)
}

// ChargeCircle charges a seat at a group integration circle at the
// practice's circle fee (the sliding scale applies).
func (s *Service) ChargeCircle(ctx context.Context, tx *store.Tx, ca CircleAttended) (Line, error) {
	if ca.ClientID <= 0 || ca.HeldAt.IsZero() {
		return Line{}, &errs.Error{Kind: errs.Invalid, Msg: "please correct the highlighted fields", Fields: map[string]string{"client_id": "choose a client and the circle's date"}}
	}
	c, st, err := s.chargeContext(ctx, tx, ca.ClientID, ca.CoachID)
	if err != nil {
		return Line{}, err
	}
	l := Line{ClientID: ca.ClientID, CoachID: ca.CoachID, SourceKind: SourceCircle, SourceID: ca.CircleID,
		Description: "Integration circle", OccurredAt: ca.HeldAt.UTC(), ListAmount: st.CircleFee, Amount: st.CircleFee, Currency: st.Currency}
	tier, onScale, err := tierOf(ctx, tx, ca.ClientID)
	if err != nil {
		return Line{}, err
	}
	if onScale {
		l.Amount, l.TierID = Discounted(st.CircleFee, tier.DiscountBP), tier.ID
		l.Description += ", sliding scale " + FormatPercent(tier.DiscountBP) + " off"
	}
	return s.addCharge(ctx, tx, c, st, l)
}

// chargeContext loads the client and settings and checks the coach belongs
// to the client's practice.
func (s *Service) chargeContext(ctx context.Context, tx *store.Tx, clientID, coachID int64) (clientInfo, Settings, error) {
	c, err := loadClient(ctx, tx, clientID)
	if err != nil {
		return c, Settings{}, err
	}
	if coachID != 0 {
		if _, err := coachInPractice(ctx, tx, coachID, c.practiceID); err != nil {
			return c, Settings{}, err
		}
	}
	st, err := loadSettings(ctx, tx, c.practiceID)
	return c, st, err
}

// addCharge stores the line and, with per-session invoicing, issues its
// invoice in the same transaction.
func (s *Service) addCharge(ctx context.Context, tx *store.Tx, c clientInfo, st Settings, l Line) (Line, error) {
	l, err := insertLine(ctx, tx, c.practiceID, l, s.now())
	if err != nil || st.Invoicing != PerSession {
		return l, err
	}
	inv, err := s.issueInvoice(ctx, tx, st, l.ClientID, l.CoachID, []Line{l})
	l.InvoiceID = inv.ID
	return l, err
}

// MarkSessionHeld is the coach's "this session was held" action (until
// scheduling calls BillSession itself): the coach must be the client's
// coach, and bills in their own name.
func (s *Service) MarkSessionHeld(ctx context.Context, a policy.Actor, sb SessionBilled) (Line, error) {
	if a.Role != account.Coach && a.Role != account.Admin {
		return Line{}, errs.E(errs.Forbidden, "only coaches record sessions")
	}
	if a.Role == account.Coach {
		sb.CoachID = a.UserID
	}
	var l Line
	err := s.inTx(ctx, func(tx *store.Tx) error {
		if err := s.decide(ctx, tx, a, sb.ClientID, policy.Attendance, policy.Write); err != nil {
			return err
		}
		var err error
		l, err = s.BillSession(ctx, tx, sb)
		return err
	})
	return l, err
}

// WaiveFee waives a late-cancellation or no-show fee with a reason. A fee
// not yet invoiced is simply never invoiced; an invoiced one is cancelled by
// a credit note for its amount (issued invoices are never edited).
func (s *Service) WaiveFee(ctx context.Context, a policy.Actor, lineID int64, reason string) (Line, error) {
	if err := requireAdmin(a); err != nil {
		return Line{}, err
	}
	reason = strings.TrimSpace(reason)
	var l Line
	err := s.inTx(ctx, func(tx *store.Tx) error {
		lines, err := listLines(ctx, tx, `id = ? AND practice_id = ?`, lineID, a.PracticeID)
		if err != nil {
			return err
		}
		if len(lines) == 0 || lines[0].SourceKind != SourceFee {
			return errs.NotFoundf("fee not found")
		}
		l = lines[0]
		if err := s.authorize(ctx, tx, a, l.ClientID, policy.Write); err != nil {
			return err
		}
		if reason == "" || len(reason) > 500 {
			return &errs.Error{Kind: errs.Invalid, Msg: "please correct the highlighted fields", Fields: map[string]string{"reason": "say why the fee is waived (at most 500 characters)"}}
		}
		if l.Waived {
			return errs.E(errs.Conflict, "this fee is already waived")
		}
		if _, err := tx.Exec(ctx, `UPDATE billing_lines SET waived_at = ?, waive_reason = ? WHERE id = ?`, s.now(), reason, l.ID); err != nil {
			return errs.Wrap(err, "waiving fee")
		}
		l.Waived, l.WaiveReason = true, reason
		if l.InvoiceID == 0 || l.Amount == 0 {
			return nil
		}
		_, err = s.creditNote(ctx, tx, a, l.InvoiceID, l.Amount, "Fee waived: "+reason)
		return err
	})
	return l, err
}
