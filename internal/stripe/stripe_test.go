package stripe_test

import (
	"context"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/billing"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/stripe"
)

// TestCheckoutAgainstStripeMock creates and retrieves a Checkout Session on
// stripe-mock, which checks every request against Stripe's OpenAPI spec.
func TestCheckoutAgainstStripeMock(t *testing.T) {
	c := stripe.New(apptest.StartStripeMock(t))
	ctx := context.Background()
	tests := []struct {
		name    string
		req     billing.CheckoutRequest
		wantErr bool
	}{
		{"invoice in dollars", billing.CheckoutRequest{Reference: "42", Description: "Invoice INV-000042, Riverbend", Amount: 15000, Currency: "USD",
			Email: "elena@client.example.org", SuccessURL: "https://care.example.org/billing/invoices/42/checkout?session_id={CHECKOUT_SESSION_ID}", CancelURL: "https://care.example.org/billing/invoices/42"}, false},
		{"without an email", billing.CheckoutRequest{Reference: "7", Description: "Invoice INV-000007", Amount: 1, Currency: "EUR",
			SuccessURL: "https://care.example.org/ok", CancelURL: "https://care.example.org/no"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := c.CreateSession(ctx, "sk_test_123", tc.req)
			if (err != nil) != tc.wantErr {
				t.Fatalf("create: %v, want error %v", err, tc.wantErr)
			}
			if !strings.HasPrefix(s.ID, "cs_") || !strings.HasPrefix(s.URL, "https://") {
				t.Errorf("session = %+v, want a cs_ id and a payment page URL", s)
			}
			if s.Reference != tc.req.Reference {
				t.Errorf("reference = %q, want %q", s.Reference, tc.req.Reference)
			}
			got, err := c.GetSession(ctx, "sk_test_123", s.ID)
			if err != nil {
				t.Fatalf("get: %v", err)
			}
			if got.Paid {
				t.Error("a fresh session reads as paid")
			}
		})
	}
}

// TestUnreachableAPIIsUnavailable: an outage is a clear "try again later"
// (503), not an internal error.
func TestUnreachableAPIIsUnavailable(t *testing.T) {
	c := stripe.New("http://127.0.0.1:1")
	_, err := c.GetSession(context.Background(), "sk_test_123", "cs_test_1")
	if !errs.Is(err, errs.Unavailable) {
		t.Errorf("err = %v, want an Unavailable error", err)
	}
}
