package e2e_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pquerna/otp/totp"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/demo"
	"github.com/afterward/afterward/internal/safety"
	"github.com/afterward/afterward/internal/store"
)

// chestPainEntry is the journal entry of the journey's last step.
const chestPainEntry = "Took MDMA at a party last night. Since this morning I have chest pain that will not go away and my heart is racing."

// TestSafetySignalJourney: the practice admin counts every hour as office
// hours (so the test does not depend on the time it runs); a client taps
// "I'm not safe right now" and sees crisis help at once; the coach sees the
// urgent alert in the queue and leaves it; 31 minutes later on the
// server's clock the escalation job sends it to the admin, who sees it
// first in her queue and gets an email without the client's details;
// finally a journal entry about chest pain after MDMA shows the emergency
// number and poison control first.
func TestSafetySignalJourney(t *testing.T) { onEachEngine(t, testSafetySignalJourney) }

func testSafetySignalJourney(t *testing.T, engine store.Dialect) {
	clock := &apptest.Clock{}
	mail := apptest.StartMailpit(t)
	srv := apptest.NewServerWith(t, engine, apptest.Options{SMTPURL: mail.SMTPURL, Clock: clock})
	ctx := apptest.Browser(t)
	out := outputDir(t, "safety-signals", engine)
	shot := func(name string) {
		t.Helper()
		apptest.Screenshot(t, ctx, out, name)
		checkA11y(t, ctx, name)
	}
	const admin, coach, client = "maya@riverbend.example.org", "jonah@riverbend.example.org", "elena@client.example.org"

	// 1. The admin sets the escalation rule: 30 minutes, every day, all day.
	signIn(t, ctx, srv.URL, admin)
	visit(t, ctx, srv.URL+"/settings/safety", "#ack_minutes")
	for _, day := range []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"} {
		do(t, ctx, chromedp.SetAttributeValue(`input[name="day_`+day+`"]`, "checked", "checked"))
	}
	do(t, ctx, chromedp.SetValue(`#ack_minutes`, "30"), chromedp.SetValue(`#office_start`, "00:00"), chromedp.SetValue(`#office_end`, "24:00"))
	shot("01-admin-crisis-settings")
	do(t, ctx, chromedp.Click(`main form button[type=submit]`))
	waitText(t, ctx, "main", "Saved. Clients see this help from now on.")
	signOut(t, ctx)

	// 2. The client taps the button in the header and sees help at once.
	signIn(t, ctx, srv.URL, client)
	shot("02-client-home-with-button")
	do(t, ctx, chromedp.Click(`header form.not-safe button`))
	waitText(t, ctx, "main", "We have let your coach know now")
	first := text(t, ctx, ".safety-response .crisis-lines li:first-child")
	if !strings.Contains(first, "911") {
		t.Errorf("first line after 'not safe' = %q, want the emergency number", first)
	}
	shot("03-client-crisis-help")
	signOut(t, ctx)

	// 3. The coach sees the urgent alert in the queue, and does not act.
	signIn(t, ctx, srv.URL, coach)
	visit(t, ctx, srv.URL+"/safety", "#open-alerts")
	card := fmt.Sprintf(`.alert-card.urgent:has(a[href="/clients/%d"])`, userID(t, srv, client))
	waitText(t, ctx, card, "The client said they are not safe right now")
	if got := text(t, ctx, card+" .waited"); !strings.Contains(got, "waiting") {
		t.Errorf("waiting time = %q", got)
	}
	shot("04-coach-queue-urgent")
	signOut(t, ctx)

	// 4. Half an hour passes on the server's clock; the periodic job runs.
	clock.Advance(31 * time.Minute)
	n, err := srv.App.Alerts.Escalate(context.Background())
	if err != nil || n == 0 {
		t.Fatalf("escalation job: escalated %d, err %v; want the client's alert", n, err)
	}
	signInAt(t, ctx, srv.URL, admin, clock.Now)
	visit(t, ctx, srv.URL+"/safety", "#open-alerts")
	waitText(t, ctx, `.alert-card.escalated`, "Not acknowledged in time")
	if got := text(t, ctx, `.alert-card.escalated`); !strings.Contains(got, "Elena Marsh") {
		t.Errorf("escalated alert = %q, want Elena's", got)
	}
	shot("05-admin-escalated")
	checkEscalationEmail(t, mail, admin)
	signOut(t, ctx)

	// 5. A journal entry about chest pain after MDMA: emergency and poison
	// control first. This needs the scanner to name the kind "medical"
	// (the scanner rework on branch scan); crisis.TestHelpFromAScanResult
	// checks the same order with a hand-built scan result meanwhile.
	t.Run("journal entry about chest pain after MDMA", func(t *testing.T) {
		if !slices.Contains(safety.Scan(chestPainEntry).Kinds, safety.KindMedical) {
			t.Skip("safety.Scan does not name the medical kind yet (needs the scanner rework)")
		}
		signInAt(t, ctx, srv.URL, client, clock.Now)
		visit(t, ctx, srv.URL+"/journal/new", "#body")
		do(t, ctx, chromedp.SendKeys(`#title`, "Last night"), chromedp.SendKeys(`#body`, chestPainEntry),
			chromedp.Click(`main button[type=submit]`), chromedp.WaitVisible(`.safety-notice`))
		lines := text(t, ctx, ".safety-notice .help-lines")
		if i, j := strings.Index(lines, "911"), strings.Index(lines, "1-800-222-1222"); i < 0 || j < i || strings.Index(lines, "988") < j {
			t.Errorf("help after a medical entry = %q, want 911, then Poison Help, then the crisis lines", lines)
		}
		apptest.Screenshot(t, ctx, out, "06-journal-medical-help")
		checkA11y(t, ctx, "06-journal-medical-help")
	})
}

func signInAt(t *testing.T, ctx context.Context, base, email string, now func() time.Time) {
	t.Helper()
	do(t, ctx, chromedp.Navigate(base+"/signin"), chromedp.WaitVisible(`#email`),
		chromedp.SendKeys(`#email`, email), chromedp.SendKeys(`#password`, demo.Password),
		chromedp.Click(`main button[type=submit]`))
	loc := waitLeave(t, ctx, base+"/signin")
	if strings.Contains(loc, "/signin/code") {
		for _, at := range []time.Time{now(), now().Add(30 * time.Second)} {
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

// checkEscalationEmail waits for the escalation email to the admin and
// checks that it carries no client details.
func checkEscalationEmail(t *testing.T, mail *apptest.Mailpit, admin string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		for _, m := range mail.WaitFor(t, admin, 1, time.Second) {
			if !strings.Contains(m.Subject, "has not been acknowledged") {
				continue
			}
			body := mail.Text(t, m.ID)
			if strings.Contains(body, "Elena") || strings.Contains(body, "not safe") {
				t.Errorf("escalation email carries client details: %q", body)
			}
			return
		}
	}
	t.Error("no escalation email reached the admin")
}
