package billing

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// CardCheckout is what billing needs from an online card processor (Stripe
// Checkout; see internal/stripe). Declared here so billing does not import
// net/http.
type CardCheckout interface {
	CreateSession(ctx context.Context, key string, r CheckoutRequest) (CheckoutSession, error)
	GetSession(ctx context.Context, key, id string) (CheckoutSession, error)
	// VerifyEvent checks a webhook's signature header against the
	// practice's signing secret and decodes the event.
	VerifyEvent(payload []byte, header, secret string, now time.Time) (WebhookEvent, error)
}

// CheckoutRequest asks the processor for a payment page for an invoice.
type CheckoutRequest struct {
	Reference   string // the invoice id; comes back on the session
	Description string // "Invoice INV-000042, Riverbend …": no clinical content
	Amount      int64
	Currency    string
	Email       string
	SuccessURL  string
	CancelURL   string
}

// CheckoutSession is the processor's payment page and its state.
type CheckoutSession struct {
	ID          string
	URL         string
	Paid        bool
	Reference   string
	AmountTotal int64
	Currency    string
}

// OnlineCards reports whether the actor's practice takes card payments
// online (a Stripe key is configured).
func (s *Service) OnlineCards(ctx context.Context, a policy.Actor) bool {
	st, err := s.settings(ctx, s.reader(), a.PracticeID)
	return err == nil && st.StripeEnabled() && s.checkout != nil
}

// StartCardPayment opens a payment page for what is owed on an invoice and
// returns its URL. The client the invoice is for, or an admin, may start it.
func (s *Service) StartCardPayment(ctx context.Context, a policy.Actor, invoiceID int64, successURL, cancelURL string) (string, error) {
	q := s.reader()
	inv, err := getInvoice(ctx, q, invoiceID)
	if err != nil {
		return "", err
	}
	if err := s.canSee(ctx, q, a, inv); err != nil {
		return "", err
	}
	if a.Role != account.Client && a.Role != account.Admin {
		return "", errs.E(errs.Forbidden, "only the client or the practice admin can pay an invoice")
	}
	st, err := s.settings(ctx, q, inv.PracticeID)
	if err != nil {
		return "", err
	}
	if !st.StripeEnabled() || s.checkout == nil || inv.Kind != KindInvoice {
		return "", errs.E(errs.Conflict, "this practice does not take card payments online")
	}
	v, err := s.view(ctx, q, inv)
	if err != nil {
		return "", err
	}
	if v.Balance.Owed() <= 0 {
		return "", errs.E(errs.Conflict, "nothing is owed on this invoice")
	}
	var email string
	_ = q.QueryRow(ctx, `SELECT email FROM users WHERE id = ?`, inv.ClientID).Scan(&email)
	sess, err := s.checkout.CreateSession(ctx, st.StripeSecretKey, CheckoutRequest{Reference: strconv.FormatInt(inv.ID, 10),
		Description: "Invoice " + inv.DisplayNumber() + ", " + inv.PracticeName, Amount: v.Balance.Owed(), Currency: inv.Currency,
		Email: email, SuccessURL: successURL, CancelURL: cancelURL})
	if err != nil {
		return "", errs.Wrap(err, "starting card payment")
	}
	return sess.URL, nil
}

// CompleteCardPayment records an online card payment when the processor
// says the session for this invoice is paid. It is safe to call more than
// once (the return page can be reloaded): a session is recorded once. It
// reports whether the payment is recorded.
func (s *Service) CompleteCardPayment(ctx context.Context, a policy.Actor, invoiceID int64, sessionID string) (bool, error) {
	q := s.reader()
	inv, err := getInvoice(ctx, q, invoiceID)
	if err != nil {
		return false, err
	}
	if err := s.canSee(ctx, q, a, inv); err != nil {
		return false, err
	}
	sessionID = strings.TrimSpace(sessionID)
	if sessionID == "" || len(sessionID) > 255 || s.checkout == nil {
		return false, errs.E(errs.Invalid, "the card payment session is missing from the link")
	}
	st, err := s.settings(ctx, q, inv.PracticeID)
	if err != nil {
		return false, err
	}
	sess, err := s.checkout.GetSession(ctx, st.StripeSecretKey, sessionID)
	if err != nil {
		return false, errs.Wrap(err, "checking card payment")
	}
	if sess.Reference != strconv.FormatInt(inv.ID, 10) {
		return false, errs.NotFoundf("payment session not found")
	}
	if !sess.Paid {
		return false, nil
	}
	err = s.inTx(ctx, func(tx *store.Tx) error {
		if err := s.authorize(ctx, tx, a, inv.ClientID, policy.Write); err != nil {
			return err
		}
		return s.recordCardSession(ctx, tx, inv, sess)
	})
	return err == nil, err
}

// recordCardSession records a paid processor session as a payment on inv,
// once: the return page and the webhook may both report the same session.
func (s *Service) recordCardSession(ctx context.Context, tx *store.Tx, inv Invoice, sess CheckoutSession) error {
	var n int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM payments WHERE method = 'card_online' AND kind = 'payment' AND reference = ?`, sess.ID).Scan(&n); err != nil || n > 0 {
		return errs.Wrap(err, "checking card payment")
	}
	if sess.Currency != "" && sess.Currency != inv.Currency {
		return errs.E(errs.Conflict, "the card payment was in another currency; the practice admin will reconcile it")
	}
	_, err := s.recordPayment(ctx, tx, inv.PracticeID, nil, NewPayment{InvoiceID: inv.ID, Method: CardOnline, Amount: sess.AmountTotal, Reference: sess.ID})
	return err
}
