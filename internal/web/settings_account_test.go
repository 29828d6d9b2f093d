package web_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/demo"
	"github.com/afterward/afterward/internal/store"
)

// TestSettingsAccount: name and time zone, password, and an email change
// that happens only through the link sent to the new address.
func TestSettingsAccount(t *testing.T) {
	mail := apptest.StartMailpit(t)
	srv := apptest.NewServerWith(t, store.SQLite, apptest.Options{SMTPURL: mail.SMTPURL})
	runScenarios(t, srv, []scenario{
		{name: "settings offer the zone picker", as: aisha, method: "GET", path: "/settings", wantStatus: 200, want: []string{`<option selected>America/Chicago</option>`, "Europe/Warsaw", "Asia/Tokyo"}},
		{name: "an unknown zone names the field", as: aisha, method: "POST", path: "/settings/profile", body: "name=Aisha+Rahman&time_zone=Mars%2FOlympus", wantStatus: 422, want: []string{"choose a time zone from the list"}},
		{name: "an empty name names the field", as: aisha, method: "POST", path: "/settings/profile", body: "name=+&time_zone=Asia%2FTokyo", wantStatus: 422, want: []string{"enter your name"}},
		{name: "details save", as: aisha, method: "POST", path: "/settings/profile", body: "name=Aisha+R.+Rahman&time_zone=Asia%2FTokyo", wantStatus: 303},
		{name: "details shown", as: aisha, method: "GET", path: "/settings", wantStatus: 200, want: []string{`value="Aisha R. Rahman"`, `<option selected>Asia/Tokyo</option>`}},
		{name: "a wrong current password", as: aisha, method: "POST", path: "/settings/password", body: "current_password=nope&password=a+new+long+passphrase+42", wantStatus: 422, want: []string{"this is not your current password"}},
		{name: "a weak new password", as: aisha, method: "POST", path: "/settings/password", body: "current_password=" + demo.Password + "&password=short", wantStatus: 422, want: []string{`id="password-error"`}},
		{name: "an address in use", as: aisha, method: "POST", path: "/settings/email", body: "email=tom%40client.example.org", wantStatus: 422, want: []string{"another account uses this address"}},
		{name: "an email change is asked for", as: aisha, method: "POST", path: "/settings/email", body: "email=aisha.new%40client.example.org", wantStatus: 303},
	})
	msgs := mail.WaitFor(t, "aisha.new@client.example.org", 1, 20*time.Second)
	if len(msgs) != 1 {
		t.Fatalf("%d confirmation emails, want 1", len(msgs))
	}
	if old := mail.WaitFor(t, aisha, 1, 20*time.Second); len(old) != 1 || !strings.Contains(old[0].Subject, "being changed") {
		t.Errorf("the old address was not told: %+v", old)
	}
	m := regexp.MustCompile(`/settings/email/([A-Za-z0-9_-]+)`).FindStringSubmatch(mail.Text(t, msgs[0].ID))
	if m == nil {
		t.Fatal("no link in the confirmation")
	}
	guest := apptest.Client(t)
	if r := apptest.Do(t, guest, "GET", srv.URL+m[0], "", nil); r.Status != 200 || !strings.Contains(r.Body, "Use this address") {
		t.Fatalf("confirmation page: %d", r.Status)
	}
	if r := apptest.Do(t, guest, "POST", srv.URL+m[0], "", nil); r.Status != 200 || !strings.Contains(r.Body, "Your email address is changed") {
		t.Fatalf("confirming: %d %.300s", r.Status, r.Body)
	}
	if r := apptest.Do(t, guest, "POST", srv.URL+m[0], "", nil); r.Status != 404 {
		t.Errorf("the link worked twice: %d", r.Status)
	}
	srv.SignIn(t, "aisha.new@client.example.org")
}
