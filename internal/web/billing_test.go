package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

const (
	sofia = "sofia@client.example.org" // Jonah's client, invoices paid and refunded
	grace = "grace@client.example.org" // Priya's client, on a package
)

// TestBillingScenarios walks the billing pages as each role, on both
// engines, against the demo practice's billing.
func TestBillingScenarios(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) { runBillingScenarios(t, engine) })
	}
}

// idOf runs a query returning one id from the demo data.
func idOf(t *testing.T, db *store.DB, query string, args ...any) int64 {
	t.Helper()
	var id int64
	if err := db.Reader().QueryRow(context.Background(), query, args...).Scan(&id); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return id
}

func runBillingScenarios(t *testing.T, engine store.Dialect) {
	srv := apptest.NewServer(t, engine)
	db := srv.App.DB
	sofiaInv := idOf(t, db, `SELECT MIN(i.id) FROM invoices i JOIN users u ON u.id = i.client_id WHERE u.email = ? AND i.kind = 'invoice'`, sofia)
	graceInv := idOf(t, db, `SELECT MIN(i.id) FROM invoices i JOIN users u ON u.id = i.client_id WHERE u.email = ? AND i.kind = 'invoice'`, grace)
	sofiaPay := idOf(t, db, `SELECT MIN(p.id) FROM payments p JOIN users u ON u.id = p.client_id WHERE u.email = ?`, sofia)
	elenaID := idOf(t, db, `SELECT id FROM users WHERE email = ?`, elena)
	tomFee := idOf(t, db, `SELECT MIN(l.id) FROM billing_lines l JOIN users u ON u.id = l.client_id WHERE u.email = 'tom@client.example.org' AND l.source_kind = 'fee'`)
	la, _ := time.LoadLocation("America/Los_Angeles") // the demo staff's time zone
	today := time.Now().In(la).Format("2006-01-02")
	tomorrow := time.Now().In(la).AddDate(0, 0, 1).Format("2006-01-02")
	inv := func(id int64, suffix string) string { return fmt.Sprintf("/billing/invoices/%d%s", id, suffix) }

	tests := []struct {
		name       string
		as         string
		method     string
		path       string
		body       string
		json       bool
		wantStatus int
		wantType   string
		want       []string
		notWant    []string
	}{
		{name: "billing needs sign-in", method: "GET", path: "/billing", wantStatus: 303},
		{name: "client sees own invoices and receipts", as: sofia, method: "GET", path: "/billing", wantStatus: 200,
			want: []string{"INV-", "Receipt PDF", "refund", "Statement"}, notWant: []string{"Grace Liu", "Record a payment"}},
		{name: "client on package sees sessions left", as: grace, method: "GET", path: "/billing", wantStatus: 200, want: []string{"Eight-session package", "of 8"}},
		{name: "coach sees own sessions to bill", as: jonah, method: "GET", path: "/billing", wantStatus: 200,
			want: []string{"Mark held", "Elena Marsh", "Sofia Rossi"}, notWant: []string{"Grace Liu", "Tom Becker"}},
		{name: "other coach's invoice hidden from coach", as: jonah, method: "GET", path: inv(graceInv, ""), wantStatus: 404},
		{name: "coach opens own session's invoice", as: jonah, method: "GET", path: inv(sofiaInv, ""), wantStatus: 200,
			want: []string{"Integration coaching session"}, notWant: []string{"Record a payment"}},
		{name: "admin sees every invoice", as: maya, method: "GET", path: "/billing", wantStatus: 200,
			want: []string{"Sofia Rossi", "Grace Liu", "Marcus Bell", "overdue", "partly paid"}},
		{name: "clinician has no billing", as: rachel, method: "GET", path: "/billing", wantStatus: 403},
		{name: "other client's invoice is not found", as: elena, method: "GET", path: inv(sofiaInv, ""), wantStatus: 404},
		{name: "invoice id not a number", as: maya, method: "GET", path: "/billing/invoices/abc", wantStatus: 404},
		{name: "invoice PDF", as: sofia, method: "GET", path: inv(sofiaInv, "/pdf"), wantStatus: 200, wantType: "application/pdf", want: []string{"%PDF-"}},
		{name: "receipt PDF for own payment", as: sofia, method: "GET", path: fmt.Sprintf("/billing/payments/%d/receipt", sofiaPay), wantStatus: 200, wantType: "application/pdf"},
		{name: "receipt PDF refused to other client", as: elena, method: "GET", path: fmt.Sprintf("/billing/payments/%d/receipt", sofiaPay), wantStatus: 404},
		{name: "statement page", as: sofia, method: "GET", path: "/billing/statement?from=2000-01-01&to=" + today, wantStatus: 200, want: []string{"Closing balance", "INV-"}},
		{name: "statement PDF", as: sofia, method: "GET", path: "/billing/statement?format=pdf&from=2000-01-01&to=" + today, wantStatus: 200, wantType: "application/pdf"},
		{name: "statement with a bad date", as: sofia, method: "GET", path: "/billing/statement?from=yesterday&to=" + today, wantStatus: 400, want: []string{"please correct"}},
		{name: "coach may not record a payment", as: jonah, method: "POST", path: inv(sofiaInv, "/payments"), body: "amount=1&method=cash&received_on=" + today, wantStatus: 403},
		{name: "admin payment with a bad amount", as: maya, method: "POST", path: inv(graceInv, "/payments"), body: "amount=12.345&method=cash&received_on=" + today,
			wantStatus: 422, want: []string{"field-error", "use at most two decimal places", `aria-invalid="true"`}},
		{name: "admin overpayment", as: maya, method: "POST", path: inv(graceInv, "/payments"), body: "amount=1.00&method=cash&received_on=" + today,
			wantStatus: 422, want: []string{"nothing is owed"}},
		{name: "credit note without a reason", as: maya, method: "POST", path: inv(sofiaInv, "/credit-notes"), body: "credit_amount=10&reason=",
			wantStatus: 422, want: []string{"say why the invoice is credited"}},
		{name: "coach marks a session in the future", as: jonah, method: "POST", path: "/billing/sessions",
			body: fmt.Sprintf("client_id=%d&length_minutes=60&held_on=%s", elenaID, tomorrow), wantStatus: 422, want: []string{"cannot be held in the future"}},
		{name: "coach marks a session for another coach's client", as: priya, method: "POST", path: "/billing/sessions",
			body: fmt.Sprintf("client_id=%d&length_minutes=60&held_on=%s", elenaID, today), wantStatus: 404},
		{name: "coach marks a session held", as: jonah, method: "POST", path: "/billing/sessions",
			body: fmt.Sprintf("client_id=%d&length_minutes=60&held_on=%s", elenaID, today), wantStatus: 303},
		{name: "the new invoice appears for the client", as: elena, method: "GET", path: "/billing", wantStatus: 200, want: []string{"$150.00", "open"}},
		{name: "reports for admin", as: maya, method: "GET", path: "/billing/reports", wantStatus: 200,
			want: []string{"Revenue by coach and month", "Jonah Reyes", "Outstanding balances", "Sliding-scale use", "Community", "Package utilisation"}},
		{name: "reports refused to coach", as: jonah, method: "GET", path: "/billing/reports", wantStatus: 403},
		{name: "revenue CSV", as: maya, method: "GET", path: "/billing/reports/csv?report=revenue", wantStatus: 200, wantType: "text/csv",
			want: []string{"month,coach,invoiced,credited,collected,refunded,net_collected,package_credit", "total,"}},
		{name: "unknown report", as: maya, method: "GET", path: "/billing/reports/csv?report=nothing", wantStatus: 404},
		{name: "setup for admin", as: maya, method: "GET", path: "/billing/setup", wantStatus: 200, want: []string{"Fee schedule", "Jonah Reyes", "$150.00", "Community (25% off)"}},
		{name: "tier with a bad percentage", as: maya, method: "POST", path: "/billing/setup/tiers", body: "name=Deep&discount_percent=120", wantStatus: 422,
			want: []string{"enter a percentage between 0 and 100"}},
		{name: "settings with a bad currency", as: maya, method: "POST", path: "/billing/setup/settings",
			body: "currency=XXX&payment_terms_days=14&invoicing=session&late_cancel_percent=50&no_show_percent=100&circle_fee=40", wantStatus: 422, want: []string{"choose USD"}},
		{name: "setup refused to client", as: sofia, method: "GET", path: "/billing/setup", wantStatus: 403},
		{name: "statement of another client refused", as: sofia, method: "GET", path: fmt.Sprintf("/billing/statement?client=%d", elenaID), wantStatus: 404},
		{name: "statement defaults to this year", as: sofia, method: "GET", path: "/billing/statement", wantStatus: 200, want: []string{"Opening balance", "Closing balance"}},
		{name: "coach may not waive a fee", as: priya, method: "POST", path: fmt.Sprintf("/billing/fees/%d/waive", tomFee), body: "waive_reason=kind", wantStatus: 403},
		{name: "waiving needs a reason", as: maya, method: "POST", path: fmt.Sprintf("/billing/fees/%d/waive", tomFee), body: "waive_reason=", wantStatus: 422, want: []string{"say why the fee is waived"}},
		{name: "admin waives a late-cancellation fee", as: maya, method: "POST", path: fmt.Sprintf("/billing/fees/%d/waive", tomFee), body: "waive_reason=First+late+cancellation", wantStatus: 303},
		{name: "waived fee shows on the invoice with its credit note", as: maya, method: "GET", path: "/billing", wantStatus: 200, want: []string{"credited"}},
		{name: "refund more than paid", as: maya, method: "POST", path: fmt.Sprintf("/billing/payments/%d/refunds", sofiaPay), body: "refund_amount=9999&refund_reason=x", wantStatus: 422, want: []string{"at most $"}},
		{name: "coach may not refund", as: jonah, method: "POST", path: fmt.Sprintf("/billing/payments/%d/refunds", sofiaPay), body: "refund_amount=1&refund_reason=x", wantStatus: 403},
		{name: "admin switches to invoicing per period", as: maya, method: "POST", path: "/billing/setup/settings",
			body: "currency=USD&legal_name=Riverbend&payment_terms_days=30&invoicing=period&late_cancel_percent=35&no_show_percent=80&circle_fee=40", wantStatus: 303},
		{name: "the notice page states billing's fees: one setting", as: maya, method: "GET", path: "/settings/notice", wantStatus: 200,
			want: []string{"costs 35% of its fee; a missed session costs 80%."}},
		{name: "the client reads the same fees where they book", as: elena, method: "GET", path: "/sessions", wantStatus: 200,
			want: []string{"costs 35% of its fee; a missed session costs 80%."}},
		{name: "a session held now waits for the period", as: jonah, method: "POST", path: "/billing/sessions",
			body: fmt.Sprintf("client_id=%d&length_minutes=90&held_on=%s", elenaID, today), wantStatus: 303},
		{name: "no new invoice yet", as: elena, method: "GET", path: "/billing", wantStatus: 200, notWant: []string{"$210.00"}},
		{name: "admin period form shown", as: maya, method: "GET", path: "/billing", wantStatus: 200, want: []string{"Invoice a period"}},
		{name: "period that ends before it starts", as: maya, method: "POST", path: "/billing/periods", body: "from=" + tomorrow + "&to=" + today, wantStatus: 422,
			want: []string{"the period must end after it starts"}},
		{name: "admin invoices the period", as: maya, method: "POST", path: "/billing/periods", body: "from=" + today + "&to=" + today, wantStatus: 303},
		{name: "the period invoice appears for the client", as: elena, method: "GET", path: "/billing", wantStatus: 200, want: []string{"$210.00"}},
		{name: "api invoices for client", as: sofia, method: "GET", path: "/api/v1/billing/invoices", wantStatus: 200, wantType: "application/json",
			want: []string{`"number":"INV-`, `"owed":`}, notWant: []string{fmt.Sprintf(`"id":%d,`, graceInv)}},
		{name: "api invoices refused to clinician", as: rachel, method: "GET", path: "/api/v1/billing/invoices", wantStatus: 403, wantType: "application/problem+json"},
		{name: "api payment with unknown field", as: maya, method: "POST", path: fmt.Sprintf("/api/v1/billing/invoices/%d/payments", graceInv),
			body: `{"amount": 100, "method": "cash", "tip": 5}`, json: true, wantStatus: 400, wantType: "application/problem+json", want: []string{"unknown field"}},
		{name: "api payment with a string amount", as: maya, method: "POST", path: fmt.Sprintf("/api/v1/billing/invoices/%d/payments", graceInv),
			body: `{"amount": "1.00", "method": "cash"}`, json: true, wantStatus: 400, wantType: "application/problem+json", want: []string{"amount"}},
		{name: "api payment that overpays", as: maya, method: "POST", path: fmt.Sprintf("/api/v1/billing/invoices/%d/payments", graceInv),
			body: `{"amount": 100, "method": "cash"}`, json: true, wantStatus: 422, wantType: "application/problem+json", want: []string{`"fields":{"amount"`}},
		{name: "api payment by a coach", as: jonah, method: "POST", path: fmt.Sprintf("/api/v1/billing/invoices/%d/payments", sofiaInv),
			body: `{"amount": 100, "method": "cash"}`, json: true, wantStatus: 403, wantType: "application/problem+json"},
		{name: "api payment on a missing invoice", as: maya, method: "POST", path: "/api/v1/billing/invoices/999999/payments",
			body: `{"amount": 100, "method": "cash"}`, json: true, wantStatus: 404, wantType: "application/problem+json"},
	}
	clients := map[string]*http.Client{}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, ok := clients[tc.as]
			if !ok {
				c = srv.SignIn(t, tc.as)
				clients[tc.as] = c
			}
			var header map[string]string
			if tc.json {
				header = map[string]string{"Content-Type": "application/json"}
			}
			resp := apptest.Do(t, c, tc.method, srv.URL+tc.path, tc.body, header)
			if resp.Status != tc.wantStatus {
				t.Fatalf("status = %d, want %d; body: %.400s", resp.Status, tc.wantStatus, resp.Body)
			}
			if tc.wantType != "" && !strings.HasPrefix(resp.Header.Get("Content-Type"), tc.wantType) {
				t.Errorf("content type = %q, want %q", resp.Header.Get("Content-Type"), tc.wantType)
			}
			for _, w := range tc.want {
				if !strings.Contains(resp.Body, w) {
					t.Errorf("body lacks %q", w)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(resp.Body, w) {
					t.Errorf("body contains %q, which this visitor must not see", w)
				}
			}
		})
	}
}
