package apptest

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// StartStripeMock runs stripe-mock (Stripe's offline mock of its API) on a
// loopback port for the test and returns its base URL. scripts/test
// installs it with `go install`; missing stripe-mock skips locally and fails
// when CI=true. Billing is never tested against the live Stripe API.
func StartStripeMock(tb testing.TB) string {
	tb.Helper()
	bin, err := exec.LookPath("stripe-mock")
	if err != nil {
		if gobin := filepath.Join(goPath(), "bin", "stripe-mock"); fileExists(gobin) {
			bin = gobin
		} else if os.Getenv("CI") == "true" {
			tb.Fatal("stripe-mock is required in CI (scripts/test installs it)")
		} else {
			tb.Skip("stripe-mock not installed (run ./scripts/test)")
		}
	}
	addr := fmt.Sprintf("127.0.0.1:%d", freePort(tb))
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "-http-addr", addr)
	if err := cmd.Start(); err != nil {
		cancel()
		tb.Fatalf("start stripe-mock: %v", err)
	}
	tb.Cleanup(func() { cancel(); _ = cmd.Wait() })
	base := "http://" + addr
	// stripe-mock parses Stripe's whole OpenAPI document before it listens:
	// a second or two idle, much longer on a loaded 2-core machine. This
	// is a readiness wait, not a timing assertion.
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(base + "/v1/charges"); err == nil {
			resp.Body.Close()
			return base
		}
		time.Sleep(50 * time.Millisecond)
	}
	tb.Fatal("stripe-mock did not start")
	return ""
}
