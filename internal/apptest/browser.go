package apptest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// ChromiumPath is Debian's Chromium, which scripts/test installs.
const ChromiumPath = "/usr/bin/chromium"

// Browser starts headless Chromium for a test and returns a context that
// drives one tab. Missing Chromium skips locally and fails when CI=true.
func Browser(tb testing.TB) context.Context {
	tb.Helper()
	path := ChromiumPath
	if p := os.Getenv("AFTERWARD_CHROMIUM"); p != "" {
		path = p
	}
	if _, err := exec.LookPath(path); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("Chromium is required in CI but not found at %s", path)
		}
		tb.Skipf("Chromium not found at %s (run ./scripts/test to install it)", path)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(tb.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 4*time.Minute)
	tb.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil {
		tb.Fatalf("starting Chromium: %v", err)
	}
	return ctx
}

// Screenshot saves a full-page PNG of the current page under the test's
// output directory and returns its path.
func Screenshot(tb testing.TB, ctx context.Context, dir, name string) string {
	tb.Helper()
	png, err := capturePage(ctx)
	if err != nil {
		tb.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// capturePage takes a full-page capture, retrying while Chromium reports a
// page of zero width: on a loaded machine a capture right after navigation
// can meet a frame that is not laid out yet ("Cannot take screenshot with
// 0 width"), which says nothing about the page under test.
func capturePage(ctx context.Context) ([]byte, error) {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		var png []byte
		png, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err == nil || !strings.Contains(err.Error(), "0 width") {
			return png, err
		}
		if err := chromedp.Do(ctx, chromedp.Sleep(time.Duration(attempt+1)*300*time.Millisecond)); err != nil {
			return nil, err
		}
	}
	return nil, err
}
