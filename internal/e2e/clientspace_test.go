package e2e_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

func visit(t *testing.T, ctx context.Context, url, waitFor string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(waitFor)); err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
}

// TestClientSpaceOnPhone: on a 360-pixel screen a client writes an entry
// with a prompt, attaches a drawing, shares it, checks in, messages the
// coach and opens the journey; the coach reads the shared entry and
// replies. Every page is checked with axe and for phone layout.
func TestClientSpaceOnPhone(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	ctx := apptest.Browser(t)
	out := apptest.OutputDir(t, "client-space-phone")
	phone(t, ctx)
	check := func(name string) {
		t.Helper()
		apptest.Screenshot(t, ctx, out, name)
		checkA11y(t, ctx, name)
		checkPhoneLayout(t, ctx, name)
	}

	visit(t, ctx, srv.URL+"/crisis", "main h1")
	check("00-crisis")
	signIn(t, ctx, srv.URL, "elena@client.example.org")
	check("01-dashboard")

	visit(t, ctx, srv.URL+"/prompts", "main h1")
	check("02-prompts")
	err := chromedp.Do(ctx,
		chromedp.Click(`main .prompt-list a.button`),
		chromedp.WaitVisible(`#body`),
	)
	if err != nil {
		t.Fatal(err)
	}
	check("03-journal-new")
	const title, words = "After the walk", "The trees were *louder* than usual, in a good way."
	err = chromedp.Do(ctx,
		chromedp.SendKeys(`#title`, title),
		chromedp.SendKeys(`#body`, words),
		chromedp.Click(`main button[type=submit]`),
		chromedp.WaitVisible(`.entry-full`),
	)
	if err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, ".entry-body"); !strings.Contains(got, "louder") {
		t.Errorf("entry body = %q", got)
	}
	if got := text(t, ctx, ".prompt-quote"); got == "" {
		t.Error("the prompt is not shown with the entry")
	}
	check("04-journal-saved")

	drawing := filepath.Join(t.TempDir(), "drawing.png")
	writePNG(t, drawing)
	err = chromedp.Do(ctx,
		chromedp.SetUploadFiles(`#file`, []string{drawing}),
		chromedp.Click(`#files button[type=submit]`),
		chromedp.WaitVisible(`.files img`),
		chromedp.Click(`form[action$="/share"] button`),
		chromedp.WaitVisible(`form[action$="/share"] button.secondary`),
	)
	if err != nil {
		t.Fatal(err)
	}
	entryURL, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	check("05-journal-attached-shared")

	visit(t, ctx, srv.URL+"/checkin", "main h1")
	check("06-checkin")
	err = chromedp.Do(ctx,
		chromedp.Click(`label.scale-option:has(input[name=mood][value="4"]) span`),
		chromedp.Click(`label.scale-option:has(input[name=anxiety][value="2"]) span`),
		chromedp.Click(`label.scale-option:has(input[name=sleep][value="3"]) span`),
		chromedp.Click(`label.scale-option:has(input[name=connection][value="4"]) span`),
		chromedp.SendKeys(`#note`, "Quiet morning."),
		chromedp.Click(`.checkin-form button[type=submit]`),
		chromedp.WaitVisible(`.chart svg`),
	)
	if err != nil {
		t.Fatal(err)
	}
	check("07-checkin-saved")

	visit(t, ctx, srv.URL+"/messages", "main h1")
	err = chromedp.Do(ctx,
		chromedp.SendKeys(`#body`, "Thank you for yesterday. I shared an entry."),
		chromedp.Click(`.message-form button[type=submit]`),
	)
	if err != nil {
		t.Fatal(err)
	}
	// The thread already has a #latest message: wait for ours.
	waitText(t, ctx, "#latest", "I shared an entry")
	if got := text(t, ctx, "#latest"); !strings.Contains(got, "I shared an entry") || !strings.Contains(got, "Delivered") {
		t.Errorf("latest message = %q", got)
	}
	check("08-messages")

	visit(t, ctx, srv.URL+"/progress", "main h1")
	if got := text(t, ctx, ".timeline"); !strings.Contains(got, "Your experience") || !strings.Contains(got, "Journal entry") {
		t.Errorf("timeline = %q", got)
	}
	check("09-journey")

	// The coach, on the same phone.
	if err := chromedp.Do(ctx, chromedp.Click(`details.more summary`), chromedp.Click(`header form[action="/signout"] button`), chromedp.WaitVisible(`header a[href="/signin"]`)); err != nil {
		t.Fatal(err)
	}
	signIn(t, ctx, srv.URL, "jonah@riverbend.example.org")
	clientPath := strings.TrimPrefix(entryURL, srv.URL)
	clientPath = strings.Replace(clientPath, "/journal/", "/clients/"+strconv.FormatInt(userID(t, srv, "elena@client.example.org"), 10)+"/journal/", 1)
	visit(t, ctx, srv.URL+strings.SplitN(clientPath, "?", 2)[0], ".entry-full")
	if got := text(t, ctx, "main h1"); got != title {
		t.Errorf("coach sees title %q, want %q", got, title)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(`.files img`)); err != nil {
		t.Fatal(err)
	}
	check("10-coach-reads-entry")
	visit(t, ctx, srv.URL+"/clients/"+strconv.FormatInt(userID(t, srv, "elena@client.example.org"), 10)+"/messages", "main h1")
	err = chromedp.Do(ctx,
		chromedp.SendKeys(`#body`, "Thank you, Elena. I read it."),
		chromedp.Click(`.message-form button[type=submit]`),
	)
	if err != nil {
		t.Fatal(err)
	}
	waitText(t, ctx, "#latest", "I read it")
	if got := text(t, ctx, ".thread"); !strings.Contains(got, "I shared an entry") || !strings.Contains(got, "I read it") {
		t.Errorf("coach's thread = %q", got)
	}
	check("11-coach-replies")
}

func writePNG(t *testing.T, path string) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 400, 300))
	for y := 0; y < 300; y++ {
		for x := 0; x < 400; x++ {
			img.Set(x, y, color.RGBA{uint8(x / 2), uint8(120 + y/4), 160, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}
