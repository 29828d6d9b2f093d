package e2e_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestChartInboxJourney, on a 360-pixel phone: the coach opens a client's
// chart from the dashboard, reads a shared entry rendered from Markdown
// and replies from the inbox; the client gets a content-free email, then
// edits a journal entry; the coach cannot sign an empty note.
func TestChartInboxJourney(t *testing.T) {
	mail := apptest.StartMailpit(t)
	srv := apptest.NewServerWith(t, store.SQLite, apptest.Options{SMTPURL: mail.SMTPURL})
	ctx := apptest.Browser(t)
	out := apptest.OutputDir(t, "chart-inbox-phone")
	phone(t, ctx)
	check := func(name string) {
		t.Helper()
		apptest.Screenshot(t, ctx, out, name)
		checkA11y(t, ctx, name)
		checkPhoneLayout(t, ctx, name)
	}
	const client = "aisha@client.example.org"
	aisha := strconv.FormatInt(userID(t, srv, client), 10)

	signIn(t, ctx, srv.URL, "jonah@riverbend.example.org")
	if got := text(t, ctx, `header .nav a[href="/inbox"]`); !strings.Contains(got, "Inbox") || !strings.ContainsAny(got, "123456789") {
		t.Errorf("the inbox link shows no unread count: %q", got)
	}
	do(t, ctx, chromedp.Click(`main a[href="/clients/`+aisha+`"]`), chromedp.WaitVisible(`#journal`))
	check("01-chart")
	if got := text(t, ctx, "#journal .entry-body strong"); got != "Small, but mine." {
		t.Errorf("shared entry's bold text = %q, want the Markdown rendered", got)
	}
	if got := text(t, ctx, "#contact"); !strings.Contains(got, "Yusuf Rahman") {
		t.Errorf("contact section = %q", got)
	}

	do(t, ctx, chromedp.Click(`header .nav a[href="/inbox"]`), chromedp.WaitVisible(`.threads`))
	check("02-inbox")
	do(t, ctx, chromedp.Click(`.threads a[href^="/inbox/`+aisha+`"]`), chromedp.WaitVisible(`.message-form`))
	do(t, ctx, chromedp.SendKeys(`#body`, "Thursday afternoon works. See you at 3."), chromedp.Click(`.message-form button[type=submit]`))
	waitText(t, ctx, "#latest", "See you at 3")
	check("03-inbox-replied")

	var notice *apptest.Message
	for deadline := time.Now().Add(20 * time.Second); notice == nil && time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		for _, m := range mail.WaitFor(t, client, 1, time.Second) {
			if m.Subject == "You have a new message in Afterward" {
				notice = &m
			}
		}
	}
	if notice == nil {
		t.Fatal("the client was not emailed about the reply")
	}
	if body := mail.Text(t, notice.ID); strings.Contains(body, "Thursday") || strings.Contains(body, "See you") {
		t.Errorf("the email carries the message: %q", body)
	}

	// An empty note cannot be signed.
	visit(t, ctx, srv.URL+"/sessions/"+unsignedHeld(t, srv)+"/note", "#processing")
	do(t, ctx, chromedp.Click(`#confirm_sign`), chromedp.Click(`button[value=sign]`))
	waitText(t, ctx, "main", "write in at least one section before signing")
	check("04-empty-note-refused")
	signOut(t, ctx)

	signIn(t, ctx, srv.URL, client)
	visit(t, ctx, srv.URL+"/journal", "main h1")
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const a = [...document.querySelectorAll("main a")].find(a => a.textContent.trim() === "Small promise"); a.click(); return true })()`)); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.WaitVisible(`.entry-full`))
	do(t, ctx, chromedp.Click(`a[href$="/edit"]`), chromedp.WaitVisible(`#body`))
	check("05-journal-edit")
	do(t, ctx, chromedp.SetValue(`#body`, "Walked before work **five** days in a row."), chromedp.Click(`main form button[type=submit]`))
	waitText(t, ctx, ".entry-body", "five")
	if got := text(t, ctx, ".entry-body strong"); got != "five" {
		t.Errorf("edited entry's bold = %q", got)
	}
	check("06-journal-edited")
}

func unsignedHeld(t *testing.T, srv *apptest.Server) string {
	t.Helper()
	var id int64
	err := srv.App.DB.Reader().QueryRow(t.Context(), `SELECT a.id FROM appointments a JOIN users u ON u.id = a.coach_id
		WHERE u.email = 'jonah@riverbend.example.org' AND a.status = 'held'
		AND NOT EXISTS (SELECT 1 FROM session_notes n WHERE n.appointment_id = a.id AND n.signed_at IS NOT NULL)
		ORDER BY a.starts_at DESC LIMIT 1`).Scan(&id)
	if err != nil {
		t.Fatalf("no unsigned held session: %v", err)
	}
	return strconv.FormatInt(id, 10)
}
