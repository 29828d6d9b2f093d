package e2e_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestHoldPages: a client on hold (Rosa, emergency) sees "on hold" with
// the next step and no booking on her dashboard and sessions page; the
// admin lifts Noor's "needs a clinician" hold with a written reason on the
// intakes list, after a first try without one is refused inline; Noor's
// dashboard then offers booking again. Screenshots and axe on each page.
func TestHoldPages(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	ctx := apptest.Browser(t)
	out := apptest.OutputDir(t, "holds")

	signIn(t, ctx, srv.URL, "rosa@client.example.org")
	do(t, ctx, chromedp.Navigate(srv.URL+"/dashboard"), chromedp.WaitVisible(`.notice.warn`))
	apptest.Screenshot(t, ctx, out, "1-rosa-dashboard")
	checkA11y(t, ctx, "dashboard on hold")
	if got := text(t, ctx, "main"); !strings.Contains(got, "your safety comes first") || strings.Contains(got, "Book a session") {
		t.Errorf("Rosa's dashboard = %q; want the hold and no booking", got)
	}
	do(t, ctx, chromedp.Navigate(srv.URL+"/sessions"), chromedp.WaitVisible(`.notice.warn`))
	apptest.Screenshot(t, ctx, out, "2-rosa-sessions")
	signOut(t, ctx)

	signIn(t, ctx, srv.URL, "maya@riverbend.example.org")
	noor := userID(t, srv, "noor@client.example.org")
	form := fmt.Sprintf(`form[action="/intakes/%d/clinician"]`, noor)
	do(t, ctx, chromedp.Navigate(srv.URL+"/intakes"), chromedp.WaitVisible(form))
	checkA11y(t, ctx, "intakes list with holds")
	do(t, ctx, chromedp.Click(form+` button`), chromedp.WaitVisible(`.field-error`))
	apptest.Screenshot(t, ctx, out, "3-lift-without-reason")
	do(t, ctx, chromedp.SendKeys(form+` textarea`, "Sees Dr. Green at Harbor Counseling weekly; confirmed by phone."),
		chromedp.Click(form+` button`))
	// The lifted hold's form leaves the list once the redirect lands.
	do(t, ctx, chromedp.WaitNotPresent(form), chromedp.WaitVisible(`table`))
	apptest.Screenshot(t, ctx, out, "4-hold-lifted")
	if got := text(t, ctx, "table"); strings.Contains(got, "Noor Said") && strings.Contains(got, "needs a clinician") {
		t.Errorf("after lifting, the list still says Noor needs a clinician: %q", got)
	}
	signOut(t, ctx)

	signIn(t, ctx, srv.URL, "noor@client.example.org")
	do(t, ctx, chromedp.Navigate(srv.URL+"/dashboard"), chromedp.WaitVisible(`h1`))
	apptest.Screenshot(t, ctx, out, "5-noor-dashboard")
	if got := text(t, ctx, "main"); strings.Contains(got, "Coaching sessions are on hold") {
		t.Errorf("Noor's dashboard still says on hold: %q", got)
	}
}
