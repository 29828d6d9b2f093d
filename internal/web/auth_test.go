package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

const rachel = "rachel.green@clinic.example.org" // clinician

// TestAuthPages walks the sign-in, invitation and settings pages per role.
func TestAuthPages(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	tests := []struct {
		name       string
		as, method string
		path, body string
		wantStatus int
		want       []string
	}{
		{"code page without pending sign-in", "", "GET", "/signin/code", "", 303, nil},
		{"enrol page without pending sign-in", "", "GET", "/signin/enrol", "", 401, []string{"please start again"}},
		{"code with no pending sign-in", "", "POST", "/signin/code", "code=123456", 401, []string{"please start again"}},
		{"code malformed", "", "POST", "/signin/code", "code=abc", 422, []string{"code-error"}},
		{"link request page", "", "GET", "/signin/link", "", 200, []string{"Email me a sign-in link"}},
		{"link request bad email", "", "POST", "/signin/link", "email=nope", 422, []string{"email-error", "name@example.org"}},
		{"link request known", "", "POST", "/signin/link", "email=" + elena, 200, []string{"Check your email"}},
		{"link request unknown, same answer", "", "POST", "/signin/link", "email=ghost@example.org", 200, []string{"Check your email"}},
		{"reset request unknown, same answer", "", "POST", "/reset", "email=ghost@example.org", 200, []string{"Check your email"}},
		{"forged link", "", "POST", "/signin/link/forged", "", 404, []string{"expired or was already used"}},
		{"forged reset", "", "GET", "/reset/forged", "", 404, []string{"expired or was already used"}},
		{"forged invitation", "", "GET", "/invite/forged", "", 404, []string{"expired or was already used"}},
		{"settings need sign-in", "", "GET", "/settings", "", 303, nil},
		{"coach settings", jonah, "GET", "/settings", "", 200, []string{"Two-step sign-in", "this browser", "Sign out everywhere"}},
		{"client settings offer two-step", elena, "GET", "/settings", "", 200, []string{"Turn on two-step sign-in"}},
		{"client two-step set-up", elena, "GET", "/settings/two-step", "", 200, []string{"data:image/png;base64,", "totp-secret"}},
		{"client wrong set-up code", elena, "POST", "/settings/two-step", "code=000000", 422, []string{"code-error"}},
		{"coach invite page offers clients", jonah, "GET", "/invitations", "", 200, []string{`value="client"`}},
		{"admin invite page offers coaches", maya, "GET", "/invitations", "", 200, []string{`value="coach"`, `value="clinician"`}},
		{"clinician has no invite page", rachel, "GET", "/invitations", "", 403, nil},
		{"coach cannot invite a coach", jonah, "POST", "/invitations", "email=x@example.org&role=coach", 422, []string{"role-error"}},
		{"invite bad email", jonah, "POST", "/invitations", "email=x&role=client", 422, []string{"email-error"}},
		{"coach staff cannot turn off two-step", jonah, "POST", "/settings/two-step/off", "", 403, nil},
		{"turning two-step off needs the password", elena, "POST", "/settings/two-step/off", "password=", 422, nil},
		{"a wrong password does not turn it off", elena, "POST", "/settings/two-step/off", "password=guess-guess-guess", 422, nil},
	}
	clients := map[string]*http.Client{}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, ok := clients[tc.as]
			if !ok {
				c = srv.SignIn(t, tc.as)
				clients[tc.as] = c
			}
			resp := apptest.Do(t, c, tc.method, srv.URL+tc.path, tc.body, nil)
			if resp.Status != tc.wantStatus {
				t.Fatalf("status = %d, want %d; body: %.300s", resp.Status, tc.wantStatus, resp.Body)
			}
			for _, w := range tc.want {
				if !strings.Contains(resp.Body, w) {
					t.Errorf("body lacks %q", w)
				}
			}
			checkSecurityHeaders(t, resp.Header)
		})
	}
}

var inviteRE = regexp.MustCompile(`/invite/([A-Za-z0-9_-]+)`)

// TestInvitationAndSignOutEverywhere: a coach invites a client by email
// (delivered to mailpit); the client accepts, lands in their space with
// that coach, and "sign out everywhere" ends their other session too.
func TestInvitationAndSignOutEverywhere(t *testing.T) {
	mail := apptest.StartMailpit(t)
	srv := apptest.NewServerWith(t, store.SQLite, apptest.Options{SMTPURL: mail.SMTPURL})
	coach := srv.SignIn(t, jonah)
	resp := apptest.Do(t, coach, "POST", srv.URL+"/invitations", "email=nia@client.example.org&name=Nia&role=client", nil)
	if resp.Status != 200 || !strings.Contains(resp.Body, "Invitation sent") {
		t.Fatalf("invite: status %d; %.300s", resp.Status, resp.Body)
	}
	msgs := mail.WaitFor(t, "nia@client.example.org", 1, 20*time.Second)
	if len(msgs) != 1 {
		t.Fatalf("%d emails, want the invitation", len(msgs))
	}
	m := inviteRE.FindStringSubmatch(mail.Text(t, msgs[0].ID))
	if m == nil {
		t.Fatal("no invitation link in the email")
	}
	path := "/invite/" + m[1]
	guest := apptest.Client(t)
	if r := apptest.Do(t, guest, "GET", srv.URL+path, "", nil); r.Status != 200 || !strings.Contains(r.Body, "Jonah Reyes invited you") {
		t.Fatalf("invitation page: %d %.200s", r.Status, r.Body)
	}
	form := url.Values{"name": {"Nia Okoro"}, "password": {"after the rain 42 x"}, "confirm": {"different"}, "time_zone": {"Europe/London"}}
	if r := apptest.Do(t, guest, "POST", srv.URL+path, form.Encode(), nil); r.Status != 422 || !strings.Contains(r.Body, "confirm-error") {
		t.Fatalf("mismatched passwords: %d", r.Status)
	}
	form.Set("confirm", "after the rain 42 x")
	if r := apptest.Do(t, guest, "POST", srv.URL+path, form.Encode(), nil); r.Status != 303 || r.Header.Get("Location") != "/dashboard" {
		t.Fatalf("accept: %d → %q", r.Status, r.Header.Get("Location"))
	}
	if r := apptest.Do(t, guest, "GET", srv.URL+"/dashboard", "", nil); !strings.Contains(r.Body, "Jonah Reyes") {
		t.Errorf("new client's space does not name their coach: %.300s", r.Body)
	}
	if r := apptest.Do(t, apptest.Client(t), "POST", srv.URL+path, form.Encode(), nil); r.Status != 404 {
		t.Errorf("second use of the invitation: status %d, want 404", r.Status)
	}

	other := apptest.Client(t)
	r := apptest.Do(t, other, "POST", srv.URL+"/signin", url.Values{"email": {"nia@client.example.org"}, "password": {"after the rain 42 x"}}.Encode(), nil)
	if r.Status != 303 {
		t.Fatalf("second browser sign-in: %d", r.Status)
	}
	if r := apptest.Do(t, guest, "POST", srv.URL+"/settings/signout-everywhere", "", nil); r.Status != 200 {
		t.Fatalf("sign out everywhere: %d", r.Status)
	}
	for name, c := range map[string]*http.Client{"this browser": guest, "other browser": other} {
		if r := apptest.Do(t, c, "GET", srv.URL+"/dashboard", "", nil); r.Status != 303 {
			t.Errorf("%s after sign out everywhere: status %d, want 303 to sign in", name, r.Status)
		}
	}
}
