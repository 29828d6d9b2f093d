package e2e_test

import (
	"context"
	"encoding/base64"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestClientSignsTheAgreement: the demo client who has not signed is
// asked to before booking and her booking is refused; she signs in the
// browser (a wrong name is refused inline), downloads the signed PDF,
// which shows her name, the time and the document's hash, and can then
// book.
func TestClientSignsTheAgreement(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext (poppler-utils) is required: apt-get install poppler-utils")
	}
	srv := apptest.NewServer(t, store.SQLite)
	ctx := apptest.Browser(t)
	out := apptest.OutputDir(t, "agreement")

	signIn(t, ctx, srv.URL, "grace@client.example.org")
	do(t, ctx, chromedp.Navigate(srv.URL+"/sessions"), chromedp.WaitVisible(`#agreement-due`))
	apptest.Screenshot(t, ctx, out, "1-asked-to-sign")
	refused, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch("/sessions", {method: "POST", headers: {"Content-Type": "application/x-www-form-urlencoded"},
		body: "start=" + encodeURIComponent(new Date(Date.now() + 5*86400e3).toISOString().slice(0, 19) + "Z") + "&minutes=60&format=video"})
		.then(async r => r.status + " " + await r.text())`, chromedp.EvalAwaitPromise))
	must(t, err)
	if !strings.HasPrefix(refused, "422 ") || !strings.Contains(refused, "read and sign your practice&#39;s current coaching agreement at /agreement") {
		t.Errorf("booking before signing = %.300q, want 422 with the prompt", refused)
	}

	do(t, ctx, chromedp.Click(`#agreement-due a`), chromedp.WaitVisible(`#agreement-text`))
	shownHash := text(t, ctx, "#agreement-text code")
	do(t, ctx, chromedp.SendKeys(`#name`, "Grace Lu"), chromedp.Click(`form[action="/agreement"] button`), chromedp.WaitVisible(`#name-error`))
	if got := text(t, ctx, "#name-error"); !strings.Contains(got, "Grace Liu") {
		t.Errorf("wrong name: error = %q", got)
	}
	apptest.Screenshot(t, ctx, out, "2-wrong-name")
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector("#name").value = ""`), chromedp.SendKeys(`#name`, "Grace Liu"), chromedp.Click(`form[action="/agreement"] button`), chromedp.WaitVisible(`#agreement-signed`))
	apptest.Screenshot(t, ctx, out, "3-signed")

	b64, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch(document.querySelector("#agreement-signed a").href).then(async r => {
		const b = new Uint8Array(await r.arrayBuffer()); let s = ""; for (const c of b) s += String.fromCharCode(c); return btoa(s) })`, chromedp.EvalAwaitPromise))
	must(t, err)
	pdf, err := base64.StdEncoding.DecodeString(b64)
	must(t, err)
	path := filepath.Join(out, "signed-agreement.pdf")
	must(t, os.WriteFile(path, pdf, 0o600))
	raw, err := exec.Command("pdftotext", "-raw", path, "-").Output()
	must(t, err)
	got := strings.Join(strings.Fields(string(raw)), " ")
	for _, want := range []string{"Signed by: Grace Liu", "Signed at: ", "Z)", "Document SHA-256: " + shownHash, "not therapy"} {
		if !strings.Contains(got, want) {
			t.Errorf("signed PDF lacks %q", want)
		}
	}

	do(t, ctx, chromedp.Navigate(srv.URL+"/sessions"), chromedp.WaitVisible(`.slot-picker`))
	do(t, ctx, // the slot picker's last open time
		chromedp.Evaluate[chromedp.Void](`(s => { s[s.length - 1].checked = true })(document.querySelectorAll('form[action="/sessions"] input[name=start]'))`),
		chromedp.Click(`form[action="/sessions"] button[type=submit]`),
		chromedp.WaitVisible(`#when`),
	)
	apptest.Screenshot(t, ctx, out, "4-booked")
	signOut(t, ctx)
}

// TestRegulatedPagesOnPhone: the agreement, forms, adverse-reaction,
// regulated-records, licence, programme and report pages pass axe and fit
// a phone.
func TestRegulatedPagesOnPhone(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	ctx := apptest.Browser(t)
	out := apptest.OutputDir(t, "regulated-phone")
	phone(t, ctx)
	check := func(name string) {
		t.Helper()
		apptest.Screenshot(t, ctx, out, name)
		checkA11y(t, ctx, name)
		checkPhoneLayout(t, ctx, name)
	}
	var david string
	must(t, srv.App.DB.Reader().QueryRow(t.Context(), `SELECT CAST(id AS TEXT) FROM users WHERE email = 'david@client.example.org'`).Scan(&david))

	signIn(t, ctx, srv.URL, "grace@client.example.org")
	visit(t, ctx, srv.URL+"/agreement", "main h1")
	check("1-client-agreement")
	visit(t, ctx, srv.URL+"/forms", "main h1")
	check("1-client-forms")
	visit(t, ctx, srv.URL+"/forms/sb303-client-data", "main h1")
	check("1-client-sb303-form")
	forget(t, ctx) // at 360 px the header folds its menu differently; start a fresh session instead
	signIn(t, ctx, srv.URL, "jonah@riverbend.example.org")
	visit(t, ctx, srv.URL+"/clients/"+david+"/adverse", "main h1")
	check("2-coach-adverse")
	var elena string
	must(t, srv.App.DB.Reader().QueryRow(t.Context(), `SELECT CAST(id AS TEXT) FROM users WHERE email = 'elena@client.example.org'`).Scan(&elena))
	visit(t, ctx, srv.URL+"/clients/"+elena+"/regulated", "main h1")
	check("2-coach-regulated-records")
	forget(t, ctx) // at 360 px the header folds its menu differently; start a fresh session instead
	signIn(t, ctx, srv.URL, "maya@riverbend.example.org")
	for _, p := range []string{"/settings/agreement", "/admin/instruments", "/settings/programme", "/reports/regulated"} {
		visit(t, ctx, srv.URL+p, "main h1")
		check("3-admin" + strings.ReplaceAll(p, "/", "-"))
	}
}

// forget signs out by posting the sign-out form's request from the page.
func forget(t *testing.T, ctx context.Context) {
	t.Helper()
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`fetch("/signout", {method: "POST"})`, chromedp.EvalAwaitPromise))
}
