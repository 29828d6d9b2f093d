package e2e_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestDirectoryRequestAccept: a visitor searches the directory with a text
// query and two facets and opens a profile; a client finding a coach signs
// in and requests that coach; the coach accepts.
func TestDirectoryRequestAccept(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	srv.OpenEveryDay(t, "jonah@riverbend.example.org") // accepting books before the first session is due, also on a weekend
	ctx := apptest.Browser(t)
	out := apptest.OutputDir(t, "directory-request-accept")

	err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/directory"),
		chromedp.WaitVisible(`#q`),
		chromedp.SendKeys(`#q`, "integration"),
		chromedp.Click(`form.search button[type=submit]`),
	)
	if err != nil {
		t.Fatal(err)
	}
	// The directory page already has results before the search: wait for
	// the searched page itself before choosing facets on it.
	waitLocation(t, ctx, "q=integration")
	do(t, ctx, chromedp.Click(`#facet-substance a[href*="substance=psilocybin"]`))
	waitLocation(t, ctx, "substance=psilocybin")
	do(t, ctx, chromedp.Click(`#facet-language a[href*="language=es"]`))
	waitLocation(t, ctx, "language=es")
	do(t, ctx, chromedp.WaitVisible(`#facet-language a.selected`))
	apptest.Screenshot(t, ctx, out, "1-search")
	results := text(t, ctx, ".coach-list")
	if !strings.Contains(results, "Jonah Reyes") || strings.Contains(results, "Priya Natarajan") {
		t.Fatalf("results = %q, want Jonah (psilocybin, Spanish) and not Priya", results)
	}
	url, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{"q=integration", "substance=psilocybin", "language=es"} {
		if !strings.Contains(url, part) {
			t.Errorf("shareable URL %q lacks %s", url, part)
		}
	}
	err = chromedp.Do(ctx,
		chromedp.Click(`.coach-list h3 a`),
		chromedp.WaitVisible(`#four-questions`),
	)
	if err != nil {
		t.Fatal(err)
	}
	apptest.Screenshot(t, ctx, out, "2-profile")
	profileURL, _ := chromedp.Run(ctx, chromedp.Location())

	signIn(t, ctx, srv.URL, "kenji@client.example.org")
	err = chromedp.Do(ctx,
		chromedp.Navigate(profileURL),
		chromedp.WaitVisible(`#request-coach`),
		chromedp.Click(`#request-coach`),
		chromedp.WaitVisible(`.notice.info`),
	)
	if err != nil {
		t.Fatal(err)
	}
	apptest.Screenshot(t, ctx, out, "3-requested")
	signOut(t, ctx)

	signIn(t, ctx, srv.URL, "jonah@riverbend.example.org")
	err = chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/coach/requests"),
		chromedp.WaitVisible(`button[value=accept]`),
	)
	if err != nil {
		t.Fatal(err)
	}
	apptest.Screenshot(t, ctx, out, "4-request")
	if got := text(t, ctx, "table"); !strings.Contains(got, "Kenji Watanabe") {
		t.Fatalf("requests table = %q, want Kenji", got)
	}
	err = chromedp.Do(ctx, chromedp.Click(`button[value=accept]`), chromedp.WaitVisible(`.notice.info`))
	if err != nil {
		t.Fatal(err)
	}
	apptest.Screenshot(t, ctx, out, "5-accepted")
	err = chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/dashboard"), chromedp.WaitVisible(`#my-clients`))
	if err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, "table[aria-describedby=my-clients]"); !strings.Contains(got, "Kenji Watanabe") {
		t.Errorf("Jonah's clients = %q, want Kenji assigned", got)
	}
}
