package e2e_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

const (
	strangerName  = "Rowan Vale"
	strangerEmail = "rowan.vale@example.net"
)

var signupLinkRE = regexp.MustCompile(`https?://[^\s]+/signup/[A-Za-z0-9_-]+`)

// TestStrangerToFirstSession is the product's central promise, walked in a
// browser by someone with no account: home → directory → a coach's profile
// → sign up → the emailed link → a low-risk intake → suggested coaches with
// a slot inside 72 hours → request → the coach accepts → both see the
// session, both get the email with the .ics, the calendar feed lists it,
// and it starts before experience + 72 h. One screenshot per step.
func TestStrangerToFirstSession(t *testing.T) { onEachEngine(t, testStrangerToFirstSession) }

func testStrangerToFirstSession(t *testing.T, engine store.Dialect) {
	mail := apptest.StartMailpit(t)
	srv := apptest.NewServerWith(t, engine, apptest.Options{SMTPURL: mail.SMTPURL})
	ctx := apptest.Browser(t)
	out := outputDir(t, "journey-stranger", engine)
	shot := func(name string) { apptest.Screenshot(t, ctx, out, name) }

	// Home, directory, Jonah's profile.
	do(t, ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(`#find-coach`))
	shot("01-home")
	do(t, ctx, chromedp.Click(`#find-coach`), chromedp.WaitVisible(`#q`))
	waitLocation(t, ctx, "/directory")
	do(t, ctx, chromedp.SendKeys(`#q`, "Jonah"), chromedp.Click(`form.search button[type=submit]`))
	waitLocation(t, ctx, "q=Jonah")
	shot("02-directory")
	do(t, ctx, chromedp.Click(`.coach-list h3 a`), chromedp.WaitVisible(`#four-questions`))
	if h := text(t, ctx, "main h1"); h != "Jonah Reyes" {
		t.Fatalf("profile heading = %q, want Jonah Reyes", h)
	}
	shot("03-profile")

	// Sign up from "Start with this coach".
	do(t, ctx, chromedp.Click(`#start-with-coach`), chromedp.WaitVisible(`#signup-submit`))
	waitText(t, ctx, "main h1", "Jonah Reyes")
	zone := value(t, ctx, `#time_zone`)
	if zone == "" {
		t.Error("the time zone was not filled in from the browser")
	}
	// First without the agreements: each is named, nothing typed is lost.
	do(t, ctx, chromedp.SendKeys(`#name`, strangerName), chromedp.SendKeys(`#email`, strangerEmail), chromedp.Click(`#signup-submit`),
		chromedp.WaitVisible(`#agree_terms-error`))
	if got := value(t, ctx, `#email`); got != strangerEmail {
		t.Errorf("after the error the email field holds %q, want %q", got, strangerEmail)
	}
	shot("04-signup-errors")
	do(t, ctx, chromedp.Click(`input[name=agree_terms]`), chromedp.Click(`input[name=agree_not_therapy]`))
	shot("05-signup-filled")
	checkA11y(t, ctx, "sign-up")
	do(t, ctx, chromedp.Click(`#signup-submit`), chromedp.WaitVisible(`p[role=status]`))
	waitText(t, ctx, "main h1", "Check your email")
	shot("06-check-email")

	// The emailed link, from mailpit.
	link := waitForSignupLink(t, mail)
	do(t, ctx, chromedp.Navigate(link), chromedp.WaitVisible(`#signup-finish`))
	shot("07-finish-signup")
	do(t, ctx, chromedp.Click(`#signup-finish`), chromedp.WaitVisible(`form.intake-form`))
	waitText(t, ctx, "main h1", "Your experience")

	// A low-risk intake; the experience was two hours ago.
	experience := time.Now().UTC().Add(-2 * time.Hour).Truncate(time.Minute)
	answerLowRiskIntake(t, ctx, srv.URL, experience, func(heading string) {
		switch heading {
		case "Your experience":
			shot("08-intake-experience")
		case "Finding your coach":
			shot("09-intake-coach")
		}
	})
	shot("10-result-suggestions")
	checkA11y(t, ctx, "intake result with suggestions")
	due := experience.Add(72 * time.Hour)
	first, err := chromedp.Run(ctx, chromedp.TextContent(`.suggestion`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(first, "Jonah Reyes") || !strings.Contains(first, "the coach you chose when you signed up") {
		t.Errorf("first suggestion = %q, want Jonah, chosen at sign-up", first)
	}
	if !strings.Contains(first, "Can meet") {
		t.Errorf("first suggestion = %q, want a slot before the first session is due (%s)", first, due)
	}

	// Request Jonah, at the time shown, from the result page.
	chosen, err := time.Parse(time.RFC3339, value(t, ctx, `.suggestion input[name=start]`))
	if err != nil {
		t.Fatalf("the suggestion carries no time: %v", err)
	}
	// Not signed yet: asking a coach first takes the stranger to the
	// coaching agreement, and signing brings them back to ask.
	do(t, ctx, chromedp.Click(`.suggestion button.request-coach`), chromedp.WaitVisible(`#agreement-text`))
	waitLocation(t, ctx, "/agreement?next=")
	waitText(t, ctx, ".notice.info", "Before a coach is asked")
	shot("11a-sign-agreement-first")
	do(t, ctx, chromedp.SendKeys(`#name`, strangerName), chromedp.Click(`form[action="/agreement"] button[type=submit]`),
		chromedp.WaitVisible(`.suggestion button.request-coach`))
	waitLocation(t, ctx, "/intake/result")
	if n := count(t, srv, `SELECT COUNT(*) FROM agreement_signatures s JOIN users u ON u.id = s.client_id WHERE u.email = ?`, strangerEmail); n != 1 {
		t.Fatalf("signatures = %d, want 1", n)
	}
	do(t, ctx, chromedp.Click(`.suggestion button.request-coach`))
	waitLocation(t, ctx, "done=requested")
	waitText(t, ctx, ".result-coaches", "You asked")
	shot("11-requested")
	if n := count(t, srv, `SELECT COUNT(*) FROM coach_requests r JOIN users u ON u.id = r.client_id WHERE u.email = ? AND r.status = 'pending'`, strangerEmail); n != 1 {
		t.Fatalf("pending requests = %d, want 1", n)
	}

	journeyAfterRequest(t, ctx, srv, mail, shot, experience, chosen)
}

// waitForSignupLink returns the sign-up link emailed to the stranger.
func waitForSignupLink(t *testing.T, mail *apptest.Mailpit) string {
	t.Helper()
	for _, msg := range mail.WaitFor(t, strangerEmail, 1, 20*time.Second) {
		if m := signupLinkRE.FindString(mail.Text(t, msg.ID)); m != "" {
			return m
		}
	}
	t.Fatalf("no sign-up link reached %s", strangerEmail)
	return ""
}

// count runs a COUNT query with one argument.
func count(t *testing.T, srv *apptest.Server, query string, arg any) int {
	t.Helper()
	var n int
	if err := srv.App.DB.Reader().QueryRow(context.Background(), query, arg).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
