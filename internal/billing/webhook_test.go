package billing_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/billing"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/stripe"
)

// sign makes the Stripe-Signature header Stripe sends with a webhook.
func sign(payload []byte, secret string, at time.Time) string {
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "%d.", at.Unix())
	mac.Write(payload)
	return fmt.Sprintf("t=%d,v1=%s", at.Unix(), hex.EncodeToString(mac.Sum(nil)))
}

// TestCardWebhookRecordsThePayment: a session created on stripe-mock is
// reported paid by a signed checkout.session.completed event; the payment
// is recorded once, although Stripe delivers the event twice, and without
// the client ever returning to the site.
func TestCardWebhookRecordsThePayment(t *testing.T) {
	mock := apptest.StartStripeMock(t)
	const secret = "whsec_test_riverbend"
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		f := newPractice(t, db, 1, 1, 15000)
		l := f.bill(t, 0, 1, t0)
		sess, err := stripe.New(mock).CreateSession(ctx, "sk_test_123", billing.CheckoutRequest{Reference: strconv.FormatInt(l.InvoiceID, 10),
			Description: "Invoice", Amount: 15000, Currency: "USD", SuccessURL: "https://x/ok", CancelURL: "https://x/no"})
		mustNil(t, err)
		now := time.Now()
		payload := []byte(fmt.Sprintf(`{"id":"evt_1","type":"checkout.session.completed","data":{"object":{"id":%q,"payment_status":"paid","client_reference_id":%q,"amount_total":15000,"currency":"usd"}}}`,
			sess.ID, sess.Reference))

		for _, tc := range []struct {
			name, header string
			want         errs.Kind
		}{
			{"wrong secret", sign(payload, "whsec_other", now), errs.Forbidden},
			{"replayed after ten minutes", sign(payload, secret, now.Add(-10*time.Minute)), errs.Forbidden},
			{"no signature", "", errs.Invalid},
		} {
			if _, err := stripe.VerifyEvent(payload, tc.header, secret, now); !errs.Is(err, tc.want) {
				t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
			}
		}
		ev, err := stripe.VerifyEvent(payload, sign(payload, secret, now), secret, now)
		mustNil(t, err)
		if _, err := f.svc.RecordCardWebhook(ctx, f.admin.PracticeID+1000, ev); !errs.Is(err, errs.NotFound) {
			t.Errorf("event sent to another practice's endpoint: %v, want not found", err)
		}
		for i, want := range []bool{true, false} { // Stripe retries deliveries
			got, err := f.svc.RecordCardWebhook(ctx, f.admin.PracticeID, ev)
			if err != nil || got != want {
				t.Fatalf("delivery %d: recorded %v, %v; want %v", i+1, got, err, want)
			}
		}
		v, err := f.svc.Invoice(ctx, f.admin, l.InvoiceID)
		mustNil(t, err)
		if len(v.Payments) != 1 || v.Payments[0].Reference != sess.ID || v.Status != billing.StatusPaid {
			t.Errorf("payments %+v status %q, want one payment for %s and paid", v.Payments, v.Status, sess.ID)
		}
	})
}

// TestStripeKeysAreSealed: the Stripe secret key and webhook signing
// secret never reach the database in plaintext; a key stored in plaintext
// by an older version is sealed by SealStoredKeys and still works.
func TestStripeKeysAreSealed(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		f := newPractice(t, db, 1, 1, 15000)
		st, err := f.svc.Settings(ctx, f.admin)
		mustNil(t, err)
		st.StripeSecretKey, st.StripeWebhookSecret = "sk_test_canary_4242", "whsec_canary_4242"
		mustNil(t, f.svc.SaveSettings(ctx, f.admin, st))
		if n := countCanary(t, db); n != 0 {
			t.Errorf("%d rows hold a Stripe secret in plaintext after saving", n)
		}
		st.StripeSecretKey, st.StripeWebhookSecret = "", "" // empty fields keep the saved keys
		mustNil(t, f.svc.SaveSettings(ctx, f.admin, st))
		got, err := f.svc.Settings(ctx, f.admin)
		mustNil(t, err)
		if got.StripeSecretKey != "sk_test_canary_4242" || got.StripeWebhookSecret != "whsec_canary_4242" {
			t.Errorf("keys after a save with empty fields = %q, %q; want both kept", got.StripeSecretKey, got.StripeWebhookSecret)
		}

		// An older version's plaintext key.
		mustNil(t, db.InTx(ctx, func(tx *store.Tx) error {
			_, err := tx.Exec(ctx, `UPDATE billing_settings SET stripe_secret_key = 'sk_test_canary_legacy', stripe_secret_sealed = NULL WHERE practice_id = ?`, f.admin.PracticeID)
			return err
		}))
		if n, err := f.svc.SealStoredKeys(ctx); err != nil || n != 1 {
			t.Fatalf("SealStoredKeys = %d, %v; want 1 practice", n, err)
		}
		if n := countCanary(t, db); n != 0 {
			t.Errorf("%d rows hold a Stripe secret in plaintext after SealStoredKeys", n)
		}
		got, err = f.svc.Settings(ctx, f.admin)
		mustNil(t, err)
		if got.StripeSecretKey != "sk_test_canary_legacy" {
			t.Errorf("legacy key after sealing = %q", got.StripeSecretKey)
		}
	})
}

func countCanary(t *testing.T, db *store.DB) int {
	t.Helper()
	var n int
	err := db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM billing_settings WHERE stripe_secret_key LIKE '%canary%'
		OR CAST(stripe_secret_sealed AS TEXT) LIKE '%canary%' OR CAST(stripe_webhook_sealed AS TEXT) LIKE '%canary%'`).Scan(&n)
	mustNil(t, err)
	return n
}
