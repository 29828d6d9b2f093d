package e2e_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pquerna/otp/totp"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/demo"
	"github.com/afterward/afterward/internal/store"
)

// TestCoachSignsIn: a visitor opens the home page, signs in as a demo coach
// and sees their dashboard with the clients due for a first session.
func TestCoachSignsIn(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	ctx := apptest.Browser(t)
	out := apptest.OutputDir(t, "coach-signs-in")

	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	heading := text(t, ctx, "h1")
	if !strings.Contains(heading, "afterward") {
		t.Errorf("home heading = %q, want it to mention the work afterward", heading)
	}
	apptest.Screenshot(t, ctx, out, "1-home")

	err := chromedp.Do(ctx,
		chromedp.Click(`a[href="/signin"]`),
		chromedp.WaitVisible(`#email`),
		chromedp.SendKeys(`#email`, "jonah@riverbend.example.org"),
		chromedp.SendKeys(`#password`, demo.Password),
		chromedp.Click(`main button[type=submit]`),
		chromedp.WaitVisible(`#code`),
	)
	if err != nil {
		t.Fatal(err)
	}
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
	dashboard := text(t, ctx, "h1")
	dueTable := text(t, ctx, "table[aria-describedby=due-soon]")
	apptest.Screenshot(t, ctx, out, "2-coach-dashboard")
	if !strings.Contains(dashboard, "Jonah") {
		t.Errorf("dashboard heading = %q, want the coach's name", dashboard)
	}
	if !strings.Contains(dueTable, "Leo Park") {
		t.Errorf("first sessions due table lacks Leo Park, whose first session is not booked: %q", dueTable)
	}
	for _, name := range []string{"Elena Marsh", "David Chen"} { // booked: off the list
		if strings.Contains(dueTable, name) {
			t.Errorf("first sessions due table lists %s, whose first session is booked: %q", name, dueTable)
		}
	}
	if strings.Contains(dueTable, "Tom Becker") {
		t.Error("another coach's client appears on Jonah's dashboard")
	}
}
