package e2e_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pquerna/otp/totp"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/demo"
	"github.com/afterward/afterward/internal/store"
)

// TestStaffTwoStepSignIn: a demo coach signs in with password and a TOTP
// code computed from the demo secret, sees the dashboard and signs out; a
// wrong password and an unknown address get the identical message.
func TestStaffTwoStepSignIn(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	ctx := apptest.Browser(t)
	out := apptest.OutputDir(t, "auth-two-step")

	failed := map[string]string{}
	for _, email := range []string{"jonah@riverbend.example.org", "nobody@riverbend.example.org"} {
		signInForm(t, ctx, srv.URL, email, "not-the-password-at-all")
		if err := chromedp.Do(ctx, chromedp.WaitVisible(`.notice.danger`)); err != nil {
			t.Fatal(err)
		}
		failed[email] = text(t, ctx, ".notice.danger")
	}
	apptest.Screenshot(t, ctx, out, "1-failed-sign-in")
	if a, b := failed["jonah@riverbend.example.org"], failed["nobody@riverbend.example.org"]; a != b || a == "" {
		t.Errorf("wrong password says %q, unknown address says %q; want the same message", a, b)
	}

	signInForm(t, ctx, srv.URL, "jonah@riverbend.example.org", demo.Password)
	if err := chromedp.Do(ctx, chromedp.WaitVisible(`#code`)); err != nil {
		t.Fatal(err)
	}
	apptest.Screenshot(t, ctx, out, "2-code-page")
	code, err := totp.GenerateCode(demo.TOTPSecret, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		chromedp.SendKeys(`#code`, code),
		chromedp.Click(`main button[type=submit]`),
		chromedp.WaitVisible(`#my-clients`),
	)
	if err != nil {
		t.Fatal(err)
	}
	apptest.Screenshot(t, ctx, out, "3-dashboard")
	if h := text(t, ctx, "h1"); !strings.Contains(h, "Jonah") {
		t.Errorf("dashboard heading = %q", h)
	}
	err = chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/settings"), chromedp.WaitVisible(`#sessions`))
	if err != nil {
		t.Fatal(err)
	}
	apptest.Screenshot(t, ctx, out, "4-settings")
	if s := text(t, ctx, "#sessions"); !strings.Contains(s, "this browser") {
		t.Errorf("sessions table = %q, want this browser marked", s)
	}
	err = chromedp.Do(ctx, chromedp.Click(`details.more summary`), chromedp.Click(`header form[action="/signout"] button`), chromedp.WaitVisible(`a[href="/signin"]`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Location()); err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/dashboard"), chromedp.WaitVisible(`#email`))
	if err != nil {
		t.Fatalf("after signing out the dashboard should ask to sign in: %v", err)
	}
}

var linkRE = regexp.MustCompile(`https?://[^\s]+/(signin/link|reset)/[A-Za-z0-9_-]+`)

// TestClientLinkAndReset: a client asks for a sign-in link, follows it from
// the email delivered to mailpit and lands on their space; then resets the
// password from the emailed link and signs in with the new one.
func TestClientLinkAndReset(t *testing.T) {
	mail := apptest.StartMailpit(t)
	srv := apptest.NewServerWith(t, store.SQLite, apptest.Options{SMTPURL: mail.SMTPURL})
	ctx := apptest.Browser(t)
	out := apptest.OutputDir(t, "auth-links")

	err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/signin"),
		chromedp.Click(`a[href="/signin/link"]`),
		chromedp.WaitVisible(`#email`),
		chromedp.SendKeys(`#email`, elena),
		chromedp.Click(`main button[type=submit]`),
		chromedp.WaitVisible(`p[role=status]`),
	)
	if err != nil {
		t.Fatal(err)
	}
	apptest.Screenshot(t, ctx, out, "1-link-sent")
	link := waitForLink(t, mail, 1, "signin/link")
	err = chromedp.Do(ctx, chromedp.Navigate(link), chromedp.WaitVisible(`main button[type=submit]`))
	if err != nil {
		t.Fatal(err)
	}
	apptest.Screenshot(t, ctx, out, "2-link-confirm")
	if err := chromedp.Do(ctx, chromedp.Click(`main button[type=submit]`), chromedp.WaitVisible(`main .cards`)); err != nil {
		t.Fatal(err)
	}
	if h := text(t, ctx, "main h1"); !strings.Contains(h, "Welcome, Elena") {
		t.Fatalf("after the sign-in link: heading %q, want the client's space", h)
	}
	apptest.Screenshot(t, ctx, out, "3-client-space")

	err = chromedp.Do(ctx,
		chromedp.Click(`details.more summary`), chromedp.Click(`header form[action="/signout"] button`),
		chromedp.WaitVisible(`a[href="/signin"]`),
		chromedp.Navigate(srv.URL+"/reset"),
		chromedp.WaitVisible(`#email`),
		chromedp.SendKeys(`#email`, elena),
		chromedp.Click(`main button[type=submit]`),
		chromedp.WaitVisible(`p[role=status]`),
	)
	if err != nil {
		t.Fatal(err)
	}
	reset := waitForLink(t, mail, 2, "reset")
	const newPassword = "slow river, bright stones 88"
	err = chromedp.Do(ctx,
		chromedp.Navigate(reset),
		chromedp.WaitVisible(`#password`),
		chromedp.SendKeys(`#password`, newPassword),
		chromedp.SendKeys(`#confirm`, "something else entirely"),
		chromedp.Click(`main button[type=submit]`),
		chromedp.WaitVisible(`#confirm-error`),
	)
	if err != nil {
		t.Fatal(err)
	}
	apptest.Screenshot(t, ctx, out, "4-reset-mismatch")
	err = chromedp.Do(ctx,
		chromedp.SetValue(`#password`, newPassword),
		chromedp.SetValue(`#confirm`, newPassword),
		chromedp.Click(`main button[type=submit]`),
		chromedp.WaitVisible(`p[role=status]`),
	)
	if err != nil {
		t.Fatal(err)
	}
	apptest.Screenshot(t, ctx, out, "5-reset-done")
	signInForm(t, ctx, srv.URL, elena, newPassword)
	if err := chromedp.Do(ctx, chromedp.WaitVisible(`main .cards`)); err != nil {
		t.Fatal(err)
	}
	if h := text(t, ctx, "main h1"); !strings.Contains(h, "Welcome, Elena") {
		t.Errorf("sign-in with the new password: heading %q", h)
	}
}

func signInForm(t *testing.T, ctx context.Context, base, email, password string) {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/signin"),
		chromedp.WaitVisible(`#email`),
		chromedp.SendKeys(`#email`, email),
		chromedp.SendKeys(`#password`, password),
		chromedp.Click(`main button[type=submit]`),
		chromedp.WaitReady(`main`),
	)
	if err != nil {
		t.Fatal(err)
	}
}

const elena = "elena@client.example.org"

// waitForLink waits for the n-th email and returns its link of the kind.
func waitForLink(t *testing.T, mail *apptest.Mailpit, n int, kind string) string {
	t.Helper()
	// Other mail (questionnaire invitations) may reach the same address:
	// look through the newest messages for one with this kind of link.
	deadline := time.Now().Add(20 * time.Second)
	for {
		for _, msg := range mail.WaitFor(t, elena, 1, time.Second) {
			body := mail.Text(t, msg.ID)
			if m := linkRE.FindStringSubmatch(body); m != nil && m[1] == kind {
				return m[0]
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no email with a %s link arrived", kind)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
