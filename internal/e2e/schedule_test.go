package e2e_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestClientBooksAndCoachFollowsUp: a client books, moves and cancels a
// session, joins a circle and checks off a step; the coach then sees the
// week, writes and signs off an overdue note and opens a calendar link.
func TestClientBooksAndCoachFollowsUp(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	ctx := apptest.Browser(t)
	out := apptest.OutputDir(t, "scheduling")

	signIn(t, ctx, srv.URL, "aisha@client.example.org")
	apptest.Screenshot(t, ctx, out, "1-client-dashboard")
	if got := text(t, ctx, "#progress + p"); !strings.Contains(got, "2 of 3 steps done") {
		t.Errorf("progress = %q", got)
	}
	err := chromedp.Do(ctx,
		chromedp.Click(`.steps li:nth-child(3) button.check`),
		chromedp.WaitVisible(`.steps li:nth-child(3) button.check.done`),
	)
	if err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, "#progress + p"); !strings.Contains(got, "3 of 3 steps done") {
		t.Errorf("after checking off: progress = %q", got)
	}

	err = chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/sessions"),
		chromedp.WaitVisible(`.slot-picker`),
	)
	if err != nil {
		t.Fatal(err)
	}
	apptest.Screenshot(t, ctx, out, "2-client-booking")
	// A time a few days out, so the client may still move it.
	err = chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`(s => { s[s.length - 20].checked = true })(document.querySelectorAll('form[action="/sessions"] input[name=start]'))`),
		chromedp.Click(`form[action="/sessions"] button[type=submit]`),
		chromedp.WaitVisible(`#when`),
	)
	if err != nil {
		t.Fatal(err)
	}
	booked := text(t, ctx, "#when")
	if !strings.Contains(booked, "60 min") {
		t.Errorf("booked session = %q, want 60 minutes", booked)
	}
	apptest.Screenshot(t, ctx, out, "3-client-booked")

	// The slot picker: days of open times as buttons; take the first.
	do(t, ctx, chromedp.Click(`form[action$="/reschedule"] label.slot span`), chromedp.Click(`form[action$="/reschedule"] button[type=submit]`))
	// The booked page may already carry a notice: wait for this one.
	waitText(t, ctx, ".notice.info", "moved")
	if got := text(t, ctx, ".notice.info"); !strings.Contains(got, "moved") {
		t.Errorf("after moving: notice = %q", got)
	}
	if moved := text(t, ctx, "#when"); moved == booked {
		t.Errorf("the session did not move: still %q", moved)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(`form[action$="/cancel"] button`),
		chromedp.WaitVisible(`#status.warn`),
	)
	if err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, "#status"); !strings.Contains(got, "Cancelled") {
		t.Errorf("after cancelling: status = %q", got)
	}
	apptest.Screenshot(t, ctx, out, "4-client-cancelled")
	signOut(t, ctx)

	signIn(t, ctx, srv.URL, "elena@client.example.org")
	err = chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/circles"),
		chromedp.Click(`form[action$="/join"] button`),
	)
	if err != nil {
		t.Fatal(err)
	}
	waitText(t, ctx, ".circle", "You are in this circle")
	if got := text(t, ctx, ".circle"); !strings.Contains(got, "You are in this circle") || !strings.Contains(got, "4 of 8") {
		t.Errorf("after joining: %q", got)
	}
	apptest.Screenshot(t, ctx, out, "5-client-joined-circle")
	signOut(t, ctx)

	signIn(t, ctx, srv.URL, "jonah@riverbend.example.org")
	apptest.Screenshot(t, ctx, out, "6-coach-dashboard")
	if got := text(t, ctx, "#overdue-notes + ul"); !strings.Contains(got, "Aisha Rahman") {
		t.Errorf("overdue notes = %q, want Aisha's", got)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(`#overdue-notes + ul li:last-child a`),
		chromedp.WaitVisible(`#processing`),
		chromedp.SetValue(`#implementing`, "Agreed: two evenings offline each week."),
	)
	if err != nil {
		t.Fatal(err)
	}
	apptest.Screenshot(t, ctx, out, "7-coach-note")
	err = chromedp.Do(ctx,
		chromedp.Click(`#confirm_sign`), // signing locks the note: confirmed
		chromedp.Click(`button[value=sign]`),
		chromedp.WaitVisible(`#reason`),
	)
	if err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, ".notice.info"); !strings.Contains(got, "signed off") {
		t.Errorf("after signing: %q", got)
	}
	apptest.Screenshot(t, ctx, out, "8-coach-note-signed")

	err = chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/calendar"),
		chromedp.Click(`form[action="/calendar"] button`),
		chromedp.WaitVisible(`#feed-url`),
	)
	if err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, "#feed-url"); !strings.HasSuffix(got, ".ics") {
		t.Errorf("feed URL = %q", got)
	}
	apptest.Screenshot(t, ctx, out, "9-coach-calendar")
}
