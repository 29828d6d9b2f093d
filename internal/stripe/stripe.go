// Package stripe is a small client for the two Stripe Checkout calls
// Afterward makes — create a Checkout Session for an invoice, and retrieve
// it when the client returns — over plain net/http with form-encoded
// requests, as Stripe's REST API expects. It implements billing.CardCheckout.
// Tests run it against stripe-mock, Stripe's offline mock server.
package stripe

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/billing"
	"github.com/afterward/afterward/internal/errs"
)

// DefaultAPIURL is Stripe's API.
const DefaultAPIURL = "https://api.stripe.com"

// Client calls the Stripe API at base (DefaultAPIURL, or stripe-mock in
// tests).
type Client struct {
	base string
	http *http.Client
}

// New returns a client for the API at base ("" means DefaultAPIURL).
func New(base string) *Client {
	if base == "" {
		base = DefaultAPIURL
	}
	return &Client{base: strings.TrimRight(base, "/"), http: &http.Client{Timeout: 20 * time.Second}}
}

// session is the part of a Checkout Session Afterward reads.
type session struct {
	ID                string `json:"id"`
	URL               string `json:"url"`
	PaymentStatus     string `json:"payment_status"`
	ClientReferenceID string `json:"client_reference_id"`
	AmountTotal       int64  `json:"amount_total"`
	Currency          string `json:"currency"`
}

func (s session) checkout() billing.CheckoutSession {
	return billing.CheckoutSession{ID: s.ID, URL: s.URL, Paid: s.PaymentStatus == "paid", Reference: s.ClientReferenceID,
		AmountTotal: s.AmountTotal, Currency: strings.ToUpper(s.Currency)}
}

// CreateSession starts a one-off card payment for an invoice.
func (c *Client) CreateSession(ctx context.Context, key string, r billing.CheckoutRequest) (billing.CheckoutSession, error) {
	form := url.Values{
		"mode":                                          {"payment"},
		"success_url":                                   {r.SuccessURL},
		"cancel_url":                                    {r.CancelURL},
		"client_reference_id":                           {r.Reference},
		"metadata[invoice_id]":                          {r.Reference},
		"line_items[0][quantity]":                       {"1"},
		"line_items[0][price_data][currency]":           {strings.ToLower(r.Currency)},
		"line_items[0][price_data][unit_amount]":        {strconv.FormatInt(r.Amount, 10)},
		"line_items[0][price_data][product_data][name]": {r.Description},
	}
	if r.Email != "" {
		form.Set("customer_email", r.Email)
	}
	var s session
	err := c.call(ctx, key, http.MethodPost, "/v1/checkout/sessions", form, &s)
	return s.checkout(), err
}

// GetSession retrieves a Checkout Session.
func (c *Client) GetSession(ctx context.Context, key, id string) (billing.CheckoutSession, error) {
	var s session
	err := c.call(ctx, key, http.MethodGet, "/v1/checkout/sessions/"+url.PathEscape(id), nil, &s)
	return s.checkout(), err
}

type apiError struct {
	Error struct {
		Type    string `json:"type"`
		Message string `json:"message"`
	} `json:"error"`
}

func (c *Client) call(ctx context.Context, key, method, path string, form url.Values, out any) error {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return err
	}
	req.SetBasicAuth(key, "")
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return err // the caller went away
		}
		return &errs.Error{Kind: errs.Unavailable, Msg: "card payments cannot be reached right now; please try again in a few minutes",
			Err: fmt.Errorf("stripe: %s %s: %w", method, path, err)}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("stripe: reading response: %w", err)
	}
	if resp.StatusCode >= 300 {
		var e apiError
		_ = json.Unmarshal(data, &e)
		cause := fmt.Errorf("stripe: %s %s: %d %s: %s", method, path, resp.StatusCode, e.Error.Type, e.Error.Message)
		if resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests {
			return &errs.Error{Kind: errs.Unavailable, Msg: "card payments are not available right now; please try again in a few minutes", Err: cause}
		}
		return cause
	}
	return json.Unmarshal(data, out)
}
