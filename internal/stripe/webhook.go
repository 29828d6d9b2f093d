package stripe

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/billing"
	"github.com/afterward/afterward/internal/errs"
)

// Tolerance is how old a signed webhook may be: Stripe's own libraries use
// five minutes, which bounds replays of a captured request.
const Tolerance = 5 * time.Minute

// VerifyEvent is VerifyEvent for the billing.CardCheckout interface.
func (c *Client) VerifyEvent(payload []byte, header, secret string, now time.Time) (billing.WebhookEvent, error) {
	return VerifyEvent(payload, header, secret, now)
}

// VerifyEvent checks a webhook's Stripe-Signature header against the
// endpoint's signing secret (whsec_…) and returns the event it carries.
// The header is "t=UNIX,v1=HEX[,v1=HEX…]"; the signature is HMAC-SHA256 of
// "t.payload" under the secret (docs.stripe.com/webhooks#verify-manually).
// Only checkout sessions matter to Afterward: other events come back with
// their type and no session.
func VerifyEvent(payload []byte, header, secret string, now time.Time) (billing.WebhookEvent, error) {
	if secret == "" {
		return billing.WebhookEvent{}, errs.E(errs.Forbidden, "this practice has no webhook signing secret")
	}
	ts, sigs, err := parseSignatureHeader(header)
	if err != nil {
		return billing.WebhookEvent{}, err
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(strconv.FormatInt(ts, 10) + "."))
	mac.Write(payload)
	want := mac.Sum(nil)
	if !anyEqual(sigs, want) {
		return billing.WebhookEvent{}, errs.E(errs.Forbidden, "the webhook signature does not match")
	}
	if age := now.Sub(time.Unix(ts, 0)); age > Tolerance || age < -Tolerance {
		return billing.WebhookEvent{}, errs.E(errs.Forbidden, "the webhook is too old or from the future")
	}
	return decodeEvent(payload)
}

func parseSignatureHeader(h string) (int64, [][]byte, error) {
	var ts int64
	var sigs [][]byte
	for _, part := range strings.Split(h, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			continue
		}
		switch k {
		case "t":
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return 0, nil, errs.E(errs.Invalid, "the Stripe-Signature timestamp is not a number")
			}
			ts = n
		case "v1":
			if b, err := hex.DecodeString(v); err == nil {
				sigs = append(sigs, b)
			}
		}
	}
	if ts == 0 || len(sigs) == 0 {
		return 0, nil, errs.E(errs.Invalid, "the Stripe-Signature header is missing or has no v1 signature")
	}
	return ts, sigs, nil
}

func anyEqual(sigs [][]byte, want []byte) bool {
	ok := false
	for _, s := range sigs {
		ok = hmac.Equal(s, want) || ok // compare every one: no early exit
	}
	return ok
}

// event is the part of a Stripe event Afterward reads.
type event struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	Data struct {
		Object session `json:"object"`
	} `json:"data"`
}

func decodeEvent(payload []byte) (billing.WebhookEvent, error) {
	var e event
	if err := json.Unmarshal(payload, &e); err != nil || e.ID == "" || e.Type == "" {
		return billing.WebhookEvent{}, errs.E(errs.Invalid, "the webhook body is not a Stripe event")
	}
	out := billing.WebhookEvent{ID: e.ID, Type: e.Type}
	if strings.HasPrefix(e.Type, "checkout.session.") {
		if e.Data.Object.ID == "" {
			return billing.WebhookEvent{}, fmt.Errorf("stripe: %s event without a session: %w", e.Type, errs.E(errs.Invalid, "the event carries no checkout session"))
		}
		s := e.Data.Object.checkout()
		out.Session = &s
	}
	return out, nil
}
