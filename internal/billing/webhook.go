package billing

import (
	"context"
	"strconv"

	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// WebhookEvent is an event from the card processor whose signature the
// processor's package has verified.
type WebhookEvent struct {
	ID, Type string
	Session  *CheckoutSession // set for checkout session events
}

// paidEvents are the checkout events after which money has arrived: a card
// payment completes at once; bank debits and the like succeed later.
var paidEvents = map[string]bool{"checkout.session.completed": true, "checkout.session.async_payment_succeeded": true}

// HandleCardWebhook verifies a webhook the card processor sent to the
// practice's endpoint, with the practice's signing secret, and records the
// payment it reports (RecordCardWebhook). A bad or missing signature is
// Forbidden, and nothing is read from the body before it is verified.
func (s *Service) HandleCardWebhook(ctx context.Context, practiceID int64, payload []byte, signature string) (bool, error) {
	if s.checkout == nil {
		return false, errs.NotFoundf("this server takes no card payments")
	}
	st, err := s.settings(ctx, s.reader(), practiceID)
	if err != nil {
		return false, err
	}
	if st.StripeWebhookSecret == "" {
		return false, errs.NotFoundf("this practice receives no card payment webhooks")
	}
	ev, err := s.checkout.VerifyEvent(payload, signature, st.StripeWebhookSecret, s.now())
	if err != nil {
		return false, err
	}
	return s.RecordCardWebhook(ctx, practiceID, ev)
}

// RecordCardWebhook records the payment a verified processor event reports
// for one of the practice's invoices, so a payment is recorded even when the
// client never comes back to the site. It is idempotent (Stripe retries and
// the return page may already have recorded it) and audited as the
// processor acting, with no person. It reports whether the event recorded
// a payment.
func (s *Service) RecordCardWebhook(ctx context.Context, practiceID int64, ev WebhookEvent) (bool, error) {
	if !paidEvents[ev.Type] || ev.Session == nil || !ev.Session.Paid {
		return false, nil // nothing to record: acknowledged, so Stripe stops retrying
	}
	invoiceID, err := strconv.ParseInt(ev.Session.Reference, 10, 64)
	if err != nil || invoiceID <= 0 {
		return false, nil // not a session Afterward created
	}
	recorded := false
	err = s.inTx(ctx, func(tx *store.Tx) error {
		inv, err := getInvoice(ctx, tx, invoiceID)
		if err != nil || inv.PracticeID != practiceID {
			return errs.NotFoundf("invoice not found")
		}
		var before int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM payments WHERE reference = ?`, ev.Session.ID).Scan(&before); err != nil {
			return errs.Wrap(err, "checking card payment")
		}
		if err := s.recordCardSession(ctx, tx, inv, *ev.Session); err != nil {
			return err
		}
		recorded = before == 0
		err = audit.Append(ctx, tx, audit.Stamp(ctx, audit.Event{At: s.now(), ActorRole: "system", Action: audit.ActionWrite,
			ResourceType: "payment", ResourceID: strconv.FormatInt(inv.ID, 10), ClientID: inv.ClientID, Outcome: audit.OutcomeOK,
			Detail: "channel=stripe_webhook"}))
		return errs.Wrap(err, "writing audit event")
	})
	return recorded, err
}
