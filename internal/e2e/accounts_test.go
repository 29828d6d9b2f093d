package e2e_test

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestAdminAccounts: Maya opens Accounts, sees Sofia's self-invited
// psychiatrist waiting for verification, verifies him, and the page stays
// accessible on a desktop and a phone.
func TestAdminAccounts(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	ctx := apptest.Browser(t)
	out := apptest.OutputDir(t, "admin-accounts")
	signIn(t, ctx, srv.URL, "maya@riverbend.example.org")
	do(t, ctx, chromedp.Navigate(srv.URL+"/admin/accounts"), chromedp.WaitVisible(`main table`))
	waitText(t, ctx, "main", "Dr. Luca Bianchi")
	waitText(t, ctx, "main", "unverified")
	checkA11y(t, ctx, "accounts")
	apptest.Screenshot(t, ctx, out, "1-accounts")
	do(t, ctx, chromedp.Click(`form[action$="/verify"] button`))
	waitText(t, ctx, ".notice", "Verified")
	apptest.Screenshot(t, ctx, out, "2-verified")
	phone(t, ctx)
	do(t, ctx, chromedp.Navigate(srv.URL+"/admin/accounts"), chromedp.WaitVisible(`main table`))
	checkA11y(t, ctx, "accounts on a phone")
	checkPhoneLayout(t, ctx, "accounts")
	apptest.Screenshot(t, ctx, out, "3-phone")
}
