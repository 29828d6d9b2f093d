package e2e_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/demo"
	"github.com/afterward/afterward/internal/store"
	"github.com/chromedp/chromedp"
	"github.com/pquerna/otp/totp"
)

// text returns the visible text of the first element matching sel.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(sel))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// signIn signs in through the page as a demo account, entering the
// two-step code for staff.
func signIn(t *testing.T, ctx context.Context, base, email string) {
	t.Helper()
	do(t, ctx, chromedp.Navigate(base+"/signin"), chromedp.WaitVisible(`#email`),
		chromedp.SendKeys(`#email`, email), chromedp.SendKeys(`#password`, demo.Password),
		chromedp.Click(`main button[type=submit]`))
	// Wait for the browser to leave the password page before deciding
	// whether a two-step code is asked for.
	loc := waitLeave(t, ctx, base+"/signin")
	if strings.Contains(loc, "/signin/code") {
		// A code is accepted once: when this account already signed in
		// during the current 30-second step, the next step's code works.
		for _, at := range []time.Time{time.Now(), time.Now().Add(30 * time.Second)} {
			code, err := totp.GenerateCode(demo.TOTPSecret, at)
			if err != nil {
				t.Fatal(err)
			}
			do(t, ctx, chromedp.WaitVisible(`#code`), chromedp.SendKeys(`#code`, code), chromedp.Click(`main button[type=submit]`))
			if !strings.Contains(waitLeaveOrError(t, ctx, loc), "/signin/code") {
				break
			}
		}
	}
	do(t, ctx, chromedp.WaitReady(`details.more`))
}

// waitText polls until the element's text contains want (the page may not
// have navigated yet when an element of the same name is already there).
func waitText(t *testing.T, ctx context.Context, sel, want string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		got, err := chromedp.Run(ctx, chromedp.Text(sel))
		if err == nil && strings.Contains(got, want) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never showed %q (last: %q, %v)", sel, want, got, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// waitLeave polls until the page's location is no longer from and returns
// the new one.
func waitLeave(t *testing.T, ctx context.Context, from string) string {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err == nil && loc != from {
			return loc
		}
		if time.Now().After(deadline) {
			t.Fatalf("still on %s", from)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// signOut signs out through the header's "More" menu.
func signOut(t *testing.T, ctx context.Context) {
	t.Helper()
	do(t, ctx, chromedp.Click(`details.more summary`), chromedp.Click(`header form[action="/signout"] button`),
		chromedp.WaitVisible(`header a[href="/signin"]`))
}

// waitLeaveOrError waits until the page leaves from or shows a form error,
// and returns the location.
func waitLeaveOrError(t *testing.T, ctx context.Context, from string) string {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err == nil && loc != from {
			return loc
		}
		if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.field-error, .notice.danger').length`)); err == nil && n > 0 {
			return loc
		}
		time.Sleep(50 * time.Millisecond)
	}
	return from
}

// waitLocation polls until the page's URL contains part.
func waitLocation(t *testing.T, ctx context.Context, part string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err == nil && strings.Contains(loc, part) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("page never reached a URL with %q (last %q)", part, loc)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// onEachEngine runs a key journey on SQLite and on PostgreSQL, as
// subtests; the other journeys run on SQLite only, to keep the suite's
// time (each PostgreSQL journey adds its own demo seed and browser run).
func onEachEngine(t *testing.T, journey func(t *testing.T, engine store.Dialect)) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) { journey(t, engine) })
	}
}

// outputDir is where a journey on engine saves its screenshots: name on
// SQLite, name-postgres on PostgreSQL.
func outputDir(t *testing.T, name string, engine store.Dialect) string {
	if engine != store.SQLite {
		name += "-" + string(engine)
	}
	return apptest.OutputDir(t, name)
}
