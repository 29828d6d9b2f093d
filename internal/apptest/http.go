package apptest

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/afterward/afterward/internal/demo"
)

// Client returns an HTTP client with a cookie jar that does not follow
// redirects, so tests see each response as the server sent it.
func Client(tb testing.TB) *http.Client {
	tb.Helper()
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// SignIn returns a client signed in as a demo account (empty email:
// anonymous). Staff accounts get past the two-step page with a code
// computed from the demo TOTP secret.
func (s *Server) SignIn(tb testing.TB, email string) *http.Client {
	tb.Helper()
	c := Client(tb)
	if email == "" {
		return c
	}
	resp, err := c.PostForm(s.URL+"/signin", url.Values{"email": {email}, "password": {demo.Password}})
	if err != nil {
		tb.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		tb.Fatalf("sign in as %s: status %d, want 303", email, resp.StatusCode)
	}
	if resp.Header.Get("Location") == "/signin/code" {
		s.EnterDemoCode(tb, c)
	}
	return c
}

// EnterDemoCode answers the two-step page with the demo secret's code. A
// code works once per account, so when this step's code was already used
// (another sign-in in the same 30 seconds) it sends the next step's, which
// the server accepts for clock drift.
func (s *Server) EnterDemoCode(tb testing.TB, c *http.Client) {
	tb.Helper()
	now := time.Now()
	for _, at := range []time.Time{now, now.Add(30 * time.Second)} {
		code, err := totp.GenerateCode(demo.TOTPSecret, at)
		if err != nil {
			tb.Fatal(err)
		}
		resp, err := c.PostForm(s.URL+"/signin/code", url.Values{"code": {code}})
		if err != nil {
			tb.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusSeeOther && resp.Header.Get("Location") == "/dashboard" {
			return
		}
	}
	tb.Fatal("two-step sign-in with the demo code failed")
}

// Response is a fetched response with its body read.
type Response struct {
	Status int
	Header http.Header
	Body   string
}

// Do sends a request and reads the whole response.
func Do(tb testing.TB, c *http.Client, method, url string, body string, header map[string]string) Response {
	tb.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, r)
	if err != nil {
		tb.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := c.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return Response{Status: resp.StatusCode, Header: resp.Header, Body: string(b)}
}

// EveryDayOpen is the availability form (POST /settings/availability)
// opening all seven days, all day. Tests that book a first session
// "before it is due" open the coach's week with it (OpenEveryDay), so
// they do not depend on when they run: the demo's coaches work Monday to
// Friday, and a first session due before Monday otherwise (rightly) finds
// no open time on a weekend.
var EveryDayOpen = func() string {
	body := "action=week"
	for _, d := range []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"} {
		body += "&from_" + d + "=00%3A00&to_" + d + "=24%3A00"
	}
	return body
}()

// OpenEveryDay signs the coach in and opens their whole week.
func (s *Server) OpenEveryDay(tb testing.TB, coachEmail string) {
	tb.Helper()
	if resp := Do(tb, s.SignIn(tb, coachEmail), "POST", s.URL+"/settings/availability", EveryDayOpen, nil); resp.Status != http.StatusSeeOther {
		tb.Fatalf("%s opening every day: status %d, want 303", coachEmail, resp.Status)
	}
}
