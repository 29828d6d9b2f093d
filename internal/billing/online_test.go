package billing_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/billing"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/stripe"
)

// paidCheckout is a processor whose sessions are already paid: stripe-mock
// always answers "unpaid", so the paid path needs this stand-in.
type paidCheckout struct{ ref string }

func (p paidCheckout) CreateSession(ctx context.Context, key string, r billing.CheckoutRequest) (billing.CheckoutSession, error) {
	return billing.CheckoutSession{ID: "cs_paid", URL: "https://checkout.example/cs_paid", Reference: r.Reference}, nil
}

func (p paidCheckout) VerifyEvent(payload []byte, header, secret string, now time.Time) (billing.WebhookEvent, error) {
	return stripe.VerifyEvent(payload, header, secret, now)
}

func (p paidCheckout) GetSession(ctx context.Context, key, id string) (billing.CheckoutSession, error) {
	return billing.CheckoutSession{ID: id, Paid: true, Reference: p.ref, AmountTotal: 15000, Currency: "USD"}, nil
}

func TestOnlineCardPayments(t *testing.T) {
	mock := apptest.StartStripeMock(t)
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		f := newPractice(t, db, 1, 2, 15000)
		l := f.bill(t, 0, 1, t0)
		client, other := f.clients[0], f.clients[1]
		svc := f.service(stripe.New(mock))

		if _, err := svc.StartCardPayment(ctx, client, l.InvoiceID, "https://x/ok", "https://x/no"); !errs.Is(err, errs.Conflict) {
			t.Errorf("without a Stripe key: %v, want conflict", err)
		}
		st, err := svc.Settings(ctx, f.admin)
		mustNil(t, err)
		st.StripeSecretKey = "sk_test_123"
		mustNil(t, svc.SaveSettings(ctx, f.admin, st))
		if !svc.OnlineCards(ctx, client) {
			t.Error("OnlineCards = false with a key and a processor")
		}
		url, err := svc.StartCardPayment(ctx, client, l.InvoiceID, "https://x/ok", "https://x/no")
		if err != nil || url == "" {
			t.Fatalf("start: %q, %v", url, err)
		}
		if _, err := svc.StartCardPayment(ctx, other, l.InvoiceID, "https://x/ok", "https://x/no"); !errs.Is(err, errs.NotFound) {
			t.Errorf("another client starts a payment: %v, want not found", err)
		}
		// stripe-mock's sessions are unpaid and carry no reference to this invoice.
		if ok, err := svc.CompleteCardPayment(ctx, client, l.InvoiceID, "cs_test_unknown"); ok || !errs.Is(err, errs.NotFound) {
			t.Errorf("foreign session: %v, %v; want not recorded, not found", ok, err)
		}

		paid := f.service(paidCheckout{ref: strconv.FormatInt(l.InvoiceID, 10)})
		for i := range 2 { // the return page may be reloaded
			ok, err := paid.CompleteCardPayment(ctx, client, l.InvoiceID, "cs_paid")
			if !ok || err != nil {
				t.Fatalf("completion %d: %v, %v", i+1, ok, err)
			}
		}
		v, err := f.svc.Invoice(ctx, f.admin, l.InvoiceID)
		mustNil(t, err)
		if len(v.Payments) != 1 || v.Payments[0].Method != billing.CardOnline || v.Status != billing.StatusPaid {
			t.Errorf("payments %+v status %q, want one online card payment and paid", v.Payments, v.Status)
		}
		if _, err := f.svc.RecordPayment(ctx, f.admin, billing.NewPayment{InvoiceID: l.InvoiceID, Method: billing.CardOnline, Amount: 1}); !errs.Is(err, errs.Invalid) {
			t.Errorf("admin records an online card payment by hand: %v, want invalid", err)
		}
	})
}
