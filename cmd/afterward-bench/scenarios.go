package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/pquerna/otp/totp"
	vegeta "github.com/tsenart/vegeta/v12/lib"

	"github.com/afterward/afterward/internal/demo"
)

// scenario is one measured page or form: who is signed in and what each
// request sends.
type scenario struct {
	actor   string // email; "" = anonymous
	method  string
	path    string
	want    int
	form    func(n uint64) url.Values // POST body of the n-th request
	comment string
}

var scenarios = map[string]scenario{
	"client-journal":   {actor: clientEmail, method: "GET", path: "/journal", want: 200, comment: "a client's journal list, 50 entries"},
	"client-dashboard": {actor: clientEmail, method: "GET", path: "/dashboard", want: 200, comment: "a client's home page"},
	"coach-dashboard":  {actor: coachEmail, method: "GET", path: "/dashboard", want: 200, comment: "a coach with 200 active clients (their first page of 50)"},
	"directory-search": {method: "GET", path: "/directory?q=integration&substance=psilocybin&format=video", want: 200,
		comment: "text and two facets over 50,000 published profiles"},
	"journal-save": {actor: writerEmail, method: "POST", path: "/journal", want: http.StatusSeeOther, form: journalForm,
		comment: "a new entry: safety scan, seal, audit"},
	"questionnaire-submit": {actor: writerEmail, method: "POST", path: "/measures/who5", want: 200, form: who5Form,
		comment: "WHO-5 answers: score, seal, audit"},
	"client-timeline": {actor: clientEmail, method: "GET", path: "/progress", want: 200, comment: "a client's timeline"},
	"outcomes-page":   {actor: adminEmail, method: "GET", path: "/admin/outcomes", want: 200, comment: "practice outcomes over 1,000,000 responses"},
	"fhir-export":     {actor: clientEmail, method: "GET", path: "/privacy/fhir", want: 200, comment: "a client's record as a FHIR bundle"},
}

func scenarioNames() []string {
	names := make([]string, 0, len(scenarios))
	for n := range scenarios {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// runID keeps journal keys unique across runs on the cached practice.
var runID = time.Now().UnixNano()

func journalForm(n uint64) url.Values {
	return url.Values{"key": {fmt.Sprintf("bench-%d-%d", runID, n)}, "title": {"After the walk"},
		"body": {"I noticed the light on the water and felt calmer than this morning. Talked with my brother for an hour."}}
}

func who5Form(n uint64) url.Values {
	v := url.Values{}
	for i := 1; i <= 5; i++ {
		v.Set(fmt.Sprintf("item%d", i), fmt.Sprint((int(n)+i)%6))
	}
	return v
}

// prepare signs the actor in, checks one request answers as expected, and
// returns the scenario's target.
func (sc scenario) prepare(ctx context.Context, base string) (target, error) {
	cookie := ""
	if sc.actor != "" {
		var err error
		if cookie, err = signIn(ctx, base, sc.actor); err != nil {
			return target{}, err
		}
	}
	var n atomic.Uint64
	next := func(t *vegeta.Target) error {
		t.Method, t.URL = sc.method, base+sc.path
		t.Header = http.Header{}
		if cookie != "" {
			t.Header.Set("Cookie", cookie)
		}
		if sc.form != nil {
			t.Body = []byte(sc.form(n.Add(1)).Encode())
			t.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		return nil
	}
	tg := target{next: next, want: sc.want}
	return tg, check(ctx, tg)
}

// check sends one request and fails with its status and the start of its
// body when it does not answer as a success would.
func check(ctx context.Context, tg target) error {
	var t vegeta.Target
	if err := tg.next(&t); err != nil {
		return err
	}
	req, err := t.Request()
	if err != nil {
		return err
	}
	resp, err := noRedirects().Do(req.WithContext(ctx))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 400))
	if resp.StatusCode != tg.want {
		return fmt.Errorf("%s %s answered %d, want %d: %s", t.Method, t.URL, resp.StatusCode, tg.want, oneLine(string(body)))
	}
	return nil
}

func noRedirects() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, Timeout: 60 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// signIn signs a demo account in (password, then the demo two-step code
// for staff) and returns the Cookie header that carries the session.
func signIn(ctx context.Context, base, email string) (string, error) {
	c := noRedirects()
	resp, err := c.PostForm(base+"/signin", url.Values{"email": {email}, "password": {demo.Password}})
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return "", fmt.Errorf("signing in as %s: status %d", email, resp.StatusCode)
	}
	if resp.Header.Get("Location") == "/signin/code" {
		if err := enterCode(c, base); err != nil {
			return "", fmt.Errorf("signing in as %s: %w", email, err)
		}
	}
	u, _ := url.Parse(base)
	var parts []string
	for _, ck := range c.Jar.Cookies(u) {
		parts = append(parts, ck.Name+"="+ck.Value)
	}
	return strings.Join(parts, "; "), nil
}

// enterCode answers the two-step page with the demo secret's code, or the
// next step's when this one was used by an earlier run.
func enterCode(c *http.Client, base string) error {
	now := time.Now()
	for _, at := range []time.Time{now, now.Add(30 * time.Second), now.Add(60 * time.Second)} {
		code, err := totp.GenerateCode(demo.TOTPSecret, at)
		if err != nil {
			return err
		}
		resp, err := c.PostForm(base+"/signin/code", url.Values{"code": {code}})
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusSeeOther && resp.Header.Get("Location") == "/dashboard" {
			return nil
		}
	}
	return fmt.Errorf("the demo two-step code was refused")
}
