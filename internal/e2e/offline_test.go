package e2e_test

import (
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestOfflinePage: after a visit installs the service worker, losing the
// server shows the offline page (with crisis numbers) instead of the
// browser's error.
func TestOfflinePage(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	target, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	// A front we can switch off, standing for the network going away.
	front := httptest.NewServer(httputil.NewSingleHostReverseProxy(target))
	defer front.Close()
	ctx := apptest.Browser(t)
	phone(t, ctx)
	signIn(t, ctx, front.URL, "aisha@client.example.org")
	ready, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`navigator.serviceWorker.ready.then(() => true)`, chromedp.EvalAwaitPromise))
	if err != nil || !ready {
		t.Fatalf("service worker not ready: %v", err)
	}
	// The page that registered the worker is not controlled until reloaded.
	visit(t, ctx, front.URL+"/journal", "main h1")
	front.CloseClientConnections()
	front.Close()
	if _, err := chromedp.Run(ctx, chromedp.Navigate(front.URL+"/dashboard")); err != nil {
		t.Fatalf("navigating offline: %v", err)
	}
	waitText(t, ctx, "main h1", "You are offline")
	if got := text(t, ctx, "footer"); !strings.Contains(got, "988") {
		t.Errorf("offline page lacks the crisis numbers: %q", got)
	}
	apptest.Screenshot(t, ctx, apptest.OutputDir(t, "offline"), "offline")
}
