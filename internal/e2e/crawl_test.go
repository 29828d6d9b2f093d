package e2e_test

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestCrawlEveryRoleOnPhone signs in as each role on a 360-pixel phone,
// follows every link it can reach from the dashboard (at most two pages
// per route shape), and checks each page: no horizontal scrolling, no
// serious or critical axe violation, no Content-Security-Policy error in
// the console, and no raw snake_case value in the visible text.
// Screenshots go to $AFTERWARD_TEST_OUT/crawl-phone.
func TestCrawlEveryRoleOnPhone(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	out := apptest.OutputDir(t, "crawl-phone")
	for _, who := range []string{"aisha@client.example.org", "jonah@riverbend.example.org", "maya@riverbend.example.org", "rachel.green@clinic.example.org"} {
		t.Run(strings.SplitN(who, "@", 2)[0], func(t *testing.T) {
			ctx := apptest.Browser(t)
			console := listenConsole(ctx)
			phone(t, ctx)
			signIn(t, ctx, srv.URL, who)
			pages := crawl(t, ctx, srv.URL, console, func(name string) { apptest.Screenshot(t, ctx, out, strings.SplitN(who, "@", 2)[0]+"-"+name) })
			t.Logf("%s: %d pages checked", who, pages)
			if pages < 5 {
				t.Errorf("only %d pages reached", pages)
			}
		})
	}
}

// consoleLog collects console errors (CSP violations among them).
type consoleLog struct {
	mu   sync.Mutex
	msgs []string
}

func (c *consoleLog) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	m := c.msgs
	c.msgs = nil
	return m
}

func listenConsole(ctx context.Context) *consoleLog {
	c := &consoleLog{}
	_ = chromedp.Listen(ctx, func(ev any) {
		var msg string
		switch e := ev.(type) {
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.EntryLevelError {
				msg = e.Entry.Text
			}
		case *runtime.EventExceptionThrown:
			msg = e.ExceptionDetails.Text
		}
		if msg != "" {
			c.mu.Lock()
			c.msgs = append(c.msgs, msg)
			c.mu.Unlock()
		}
	})
	_, _ = chromedp.Call(ctx, cdplog.Enable, cdp.Empty{})
	return c
}

var (
	idSegment = regexp.MustCompile(`/\d+`)
	snakeCase = regexp.MustCompile(`\b[a-z][a-z0-9]*(_[a-z0-9]+)+\b`)
	skipLink  = regexp.MustCompile(`^/(static|files|calendar/feed)/|\.(pdf|csv|ics)$|/(pdf|receipt|certificate|csv)$|^/privacy/(export|fhir)$|^/signout$`)
)

// crawl visits pages breadth first from the dashboard and returns how
// many it checked.
func crawl(t *testing.T, ctx context.Context, base string, console *consoleLog, shot func(string)) int {
	t.Helper()
	queue, seen, shapes := []string{"/dashboard"}, map[string]bool{"/dashboard": true}, map[string]int{}
	n := 0
	for len(queue) > 0 && n < 80 {
		path := queue[0]
		queue = queue[1:]
		if _, err := chromedp.Run(ctx, chromedp.Navigate(base+path)); err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		do(t, ctx, chromedp.WaitReady(`main`))
		n++
		name := fmt.Sprintf("%02d%s", n, strings.ReplaceAll(strings.SplitN(path, "?", 2)[0], "/", "-"))
		shot(name)
		checkPage(t, ctx, path, console)
		links, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("a[href]")).map(a => a.href)`))
		if err != nil {
			t.Fatal(err)
		}
		sort.Strings(links)
		for _, l := range links {
			u, err := url.Parse(l)
			if err != nil || u.Host != strings.TrimPrefix(strings.TrimPrefix(base, "http://"), "https://") {
				continue
			}
			p := u.Path
			if u.RawQuery != "" {
				p += "?" + u.RawQuery
			}
			shape := idSegment.ReplaceAllString(u.Path, "/{id}")
			if seen[p] || skipLink.MatchString(u.Path) || shapes[shape] >= 2 {
				continue
			}
			seen[p], shapes[shape] = true, shapes[shape]+1
			queue = append(queue, p)
		}
	}
	return n
}

func checkPage(t *testing.T, ctx context.Context, page string, console *consoleLog) {
	t.Helper()
	// Against the screen, not innerWidth: a mobile browser widens its
	// layout viewport to fit content that overflows.
	width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if width > 360 {
		// Name the outermost elements that stick out, to find the cause.
		culprits, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("body *")]
			.filter(e => e.getBoundingClientRect().right > 362 && !(e.parentElement && e.parentElement.getBoundingClientRect().right > 362))
			.slice(0, 4).map(e => e.tagName.toLowerCase() + (e.className ? "." + String(e.className).replace(/ /g, ".") : "") + " " + Math.round(e.getBoundingClientRect().right))`))
		t.Errorf("%s is %d px wide on a 360-px screen: %v", page, width, culprits)
	}
	checkA11y(t, ctx, page)
	narrow, err := chromedp.Run(ctx, chromedp.Evaluate[int](`[...document.querySelectorAll("main .scale-option span, main button, main .button")]
		.filter(e => e.offsetParent !== null && (e.getBoundingClientRect().width < 24 || e.getBoundingClientRect().height < 24)).length`))
	if err != nil {
		t.Fatal(err)
	}
	if narrow > 0 {
		t.Errorf("%s: %d touch targets under 24 px", page, narrow)
	}
	visible, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const c = document.body.cloneNode(true); c.querySelectorAll("code, pre, script, style, .entry-body, .thread .text").forEach(e => e.remove()); return c.innerText })()`))
	if err != nil {
		t.Fatal(err)
	}
	if raw := snakeCase.FindAllString(visible, 5); len(raw) > 0 {
		t.Errorf("%s shows raw labels: %v", page, raw)
	}
	for _, m := range console.take() {
		if strings.Contains(m, "Content Security Policy") || strings.Contains(m, "Content-Security-Policy") {
			t.Errorf("%s: CSP error in the console: %.200s", page, m)
		}
	}
}
