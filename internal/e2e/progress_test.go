package e2e_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestOutcomesAndChart: the admin reads the practice outcomes page; the
// client answers a questionnaire (missing item shown inline) and a coach
// opens a client's chart.
func TestOutcomesAndChart(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	out := apptest.OutputDir(t, "progress")

	admin := apptest.Browser(t)
	signIn(t, admin, srv.URL, "maya@riverbend.example.org")
	if err := chromedp.Do(admin, chromedp.Navigate(srv.URL+"/admin/outcomes"), chromedp.WaitVisible(`.outcome`)); err != nil {
		t.Fatal(err)
	}
	if body := text(t, admin, "main"); !strings.Contains(body, "Observational, not causal") || !strings.Contains(body, "Odds ratio") {
		t.Errorf("outcomes page lacks the caveat or the odds ratio: %.200q", body)
	}
	apptest.Screenshot(t, admin, out, "1-admin-outcomes")

	coach := apptest.Browser(t)
	signIn(t, coach, srv.URL, "sam@riverbend.example.org")
	hannah := lookupUser(t, srv, "hannah@client.example.org")
	if err := chromedp.Do(coach, chromedp.Navigate(fmt.Sprintf("%s/clients/%d/scores", srv.URL, hannah.ID)), chromedp.WaitVisible(`svg.chart`)); err != nil {
		t.Fatal(err)
	}
	if title := text(t, coach, "main h1"); !strings.Contains(title, "Hannah") {
		t.Errorf("chart page heading %q", title)
	}
	apptest.Screenshot(t, coach, out, "2-coach-client-chart")

	client := apptest.Browser(t)
	signIn(t, client, srv.URL, "elena@client.example.org")
	err := chromedp.Do(client, chromedp.Navigate(srv.URL+"/measures/gad7"), chromedp.WaitVisible(`fieldset`),
		chromedp.Click(`#item1-1`), chromedp.Click(`#item2-0`), chromedp.Click(`main button[type=submit]`), chromedp.WaitVisible(`.field-error`))
	if err != nil {
		t.Fatal(err)
	}
	if msg := text(t, client, "#item3-error"); !strings.Contains(msg, "answer question 3") {
		t.Errorf("inline error = %q", msg)
	}
	apptest.Screenshot(t, client, out, "3-questionnaire-missing-answers")
}
