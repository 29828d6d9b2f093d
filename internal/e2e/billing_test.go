package e2e_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/billing"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

const (
	jonahEmail = "jonah@riverbend.example.org"
	mayaEmail  = "maya@riverbend.example.org"
	elenaEmail = "elena@client.example.org"
)

// TestBillingJourney: a coach marks a session held, the invoice appears
// for the client, the admin records a partial payment and a refund, the
// client downloads the receipt PDF, and the revenue report moves by exactly
// those figures.
func TestBillingJourney(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	ctx := apptest.Browser(t)
	out := apptest.OutputDir(t, "billing-journey")
	var elenaID, mayaID, practiceID int64
	db := srv.App.DB.Reader()
	must(t, db.QueryRow(context.Background(), `SELECT id FROM users WHERE email = ?`, elenaEmail).Scan(&elenaID))
	must(t, db.QueryRow(context.Background(), `SELECT id, practice_id FROM users WHERE email = ?`, mayaEmail).Scan(&mayaID, &practiceID))
	la, _ := time.LoadLocation("America/Los_Angeles")
	month := time.Now().In(la).Format("2006-01")
	before := jonahRevenue(t, srv, policy.Actor{UserID: mayaID, PracticeID: practiceID, Role: "admin"}, month)

	// The coach marks Elena's session held.
	signIn(t, ctx, srv.URL, jonahEmail)
	must(t, chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/billing"),
		chromedp.WaitVisible(`#mark-held`),
		chromedp.SetValue(`#client_id`, fmt.Sprint(elenaID)),
		chromedp.Click(`#mark-held`),
		chromedp.WaitVisible(`.notice.info`),
	))
	apptest.Screenshot(t, ctx, out, "1-coach-marks-session-held")
	if got := text(t, ctx, `table[aria-describedby=my-invoices]`); !strings.Contains(got, "Elena Marsh") || !strings.Contains(got, "$150.00") {
		t.Errorf("coach's invoices lack Elena's $150.00 session: %q", got)
	}
	signOut(t, ctx)

	// The invoice appears for the client.
	signIn(t, ctx, srv.URL, elenaEmail)
	must(t, chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/billing"), chromedp.WaitVisible(`#balance`)))
	if got := text(t, ctx, `table[aria-describedby=invoices]`); !strings.Contains(got, "INV-") || !strings.Contains(got, "$150.00") {
		t.Errorf("client's invoices = %q, want the new $150.00 invoice", got)
	}
	invoiceHref := attr(t, ctx, `table[aria-describedby=invoices] tbody a`, "href")
	apptest.Screenshot(t, ctx, out, "2-client-sees-invoice")
	signOut(t, ctx)

	// The admin records a partial payment and a refund.
	signIn(t, ctx, srv.URL, mayaEmail)
	must(t, chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+invoiceHref),
		chromedp.WaitVisible(`#record-payment-button`),
		chromedp.SendKeys(`#amount`, "100.00"),
		chromedp.SetValue(`#method`, string(billing.CardTerminal)),
		chromedp.SendKeys(`#reference`, "Terminal 1, slip 0042"),
		chromedp.Click(`#record-payment-button`),
	))
	// Each step's page already shows a notice; wait for this step's own.
	waitText(t, ctx, ".notice.info", "Payment recorded")
	must(t, chromedp.Do(ctx,
		chromedp.WaitVisible(`details.refund summary`),
		chromedp.Click(`details.refund summary`),
		chromedp.SendKeys(`details.refund input[name=refund_amount]`, "20.00"),
		chromedp.SendKeys(`details.refund input[name=refund_reason]`, "Session started 15 minutes late"),
		chromedp.Click(`details.refund button[type=submit]`),
	))
	waitText(t, ctx, ".notice.info", "Refund recorded")
	apptest.Screenshot(t, ctx, out, "3-admin-payment-and-refund")
	if got := text(t, ctx, `#balance-due`); got != "$70.00" {
		t.Errorf("balance due = %q, want $70.00 (150 − 100 + 20)", got)
	}
	if got := text(t, ctx, `#invoice-status`); got != "partly paid" {
		t.Errorf("status = %q, want partly paid", got)
	}
	signOut(t, ctx)

	// The client downloads the receipt PDF.
	signIn(t, ctx, srv.URL, elenaEmail)
	must(t, chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/billing"), chromedp.WaitVisible(`a.receipt-link`)))
	apptest.Screenshot(t, ctx, out, "4-client-receipts")
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch(document.querySelector("a.receipt-link").href).then(async r =>
		r.headers.get("Content-Type") + " " + r.headers.get("Content-Disposition") + " " + new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5)))`,
		chromedp.EvalAwaitPromise))
	must(t, err)
	if !strings.HasPrefix(got, "application/pdf attachment;") || !strings.HasSuffix(got, "%PDF-") {
		t.Errorf("receipt download = %q, want an attached PDF", got)
	}
	signOut(t, ctx)

	// The revenue report shows the figures.
	signIn(t, ctx, srv.URL, mayaEmail)
	must(t, chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/billing/reports"), chromedp.WaitVisible(`#report-revenue table`)))
	apptest.Screenshot(t, ctx, out, "5-revenue-report")
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[[][]string](`[...document.querySelectorAll("#report-revenue tbody tr")].map(tr => [...tr.cells].map(td => td.textContent))`))
	must(t, err)
	must(t, chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/billing/setup"), chromedp.WaitVisible(`#fees`)))
	apptest.Screenshot(t, ctx, out, "6-billing-setup")
	must(t, chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/billing"), chromedp.WaitVisible(`table[aria-describedby=invoices]`)))
	apptest.Screenshot(t, ctx, out, "7-admin-invoices")
	after := findRevenue(rows, month, "Jonah Reyes")
	wantDiff := map[string]int64{"invoiced": 15000, "collected": 10000, "refunded": 2000}
	for col, diff := range wantDiff {
		if after[col]-before[col] != diff {
			t.Errorf("revenue %s for Jonah in %s went from %d to %d, want +%d", col, month, before[col], after[col], diff)
		}
	}
}

// jonahRevenue reads Jonah's revenue row for month from the service (the
// figures before the journey).
func jonahRevenue(t *testing.T, srv *apptest.Server, admin policy.Actor, month string) map[string]int64 {
	t.Helper()
	rows, err := srv.App.Billing.Revenue(context.Background(), admin, time.Now().AddDate(-1, 0, 0), time.Now().AddDate(0, 1, 0))
	must(t, err)
	for _, r := range rows {
		if r.Month == month && r.Coach == "Jonah Reyes" {
			return map[string]int64{"invoiced": r.Invoiced, "collected": r.Collected, "refunded": r.Refunded}
		}
	}
	return map[string]int64{}
}

// findRevenue picks a month and coach's row from the report table's cells
// (month, coach, invoiced, credited, collected, refunded, …).
func findRevenue(rows [][]string, month, coach string) map[string]int64 {
	for _, r := range rows {
		if len(r) >= 6 && r[0] == month && r[1] == coach {
			parse := func(s string) int64 { a, _ := billing.ParseAmount(s); return a }
			return map[string]int64{"invoiced": parse(r[2]), "collected": parse(r[4]), "refunded": parse(r[5])}
		}
	}
	return map[string]int64{}
}

func attr(t *testing.T, ctx context.Context, sel, name string) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`document.querySelector(%q).getAttribute(%q)`, sel, name)))
	must(t, err)
	return v
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
