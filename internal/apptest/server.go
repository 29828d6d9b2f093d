package apptest

import (
	"context"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/app"
	"github.com/afterward/afterward/internal/demo"
	"github.com/afterward/afterward/internal/store"
)

// MetricsToken is the bearer token test servers serve /metrics with.
const MetricsToken = "test-metrics-token"

// Server is a running Afterward server for a test.
type Server struct {
	URL string
	App *app.App
}

// NewServer builds the whole application on a fresh database of the given
// engine, seeds the demo practice, and serves it on a loopback port until
// the test ends.
func NewServer(tb testing.TB, engine store.Dialect) *Server {
	tb.Helper()
	return NewServerWith(tb, engine, Options{})
}

// Options changes how NewServerWith builds the server.
type Options struct {
	SMTPURL string // deliver mail here (e.g. StartMailpit(t).SMTPURL) instead of the outbox directory
	// Clock, when set, is the server's clock (the app's Now and the demo
	// seed), so a test can move time forward (Clock.Advance).
	Clock *Clock
	// Env is the server's environment (licensed instruments, wording
	// files); nil reads nothing.
	Env map[string]string
}

// Clock is a test clock that follows real time from an offset the test
// moves forward, so sign-in codes and timers still tick while the test
// skips ahead (say, past an alert's escalation time).
type Clock struct {
	mu     sync.Mutex
	offset time.Duration
}

// Now is the real time plus the offset, in UTC.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().UTC().Add(c.offset)
}

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset += d
}

// NewServerWith is NewServer with options.
func NewServerWith(tb testing.TB, engine store.Dialect, opts Options) *Server {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	dataDir := tb.TempDir()
	cfg := app.DefaultConfig()
	cfg.DataDir = dataDir
	cfg.DatabaseURL = NewDatabaseURL(tb, engine)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	cfg.Addr = ln.Addr().String()
	cfg.BaseURL = "http://" + cfg.Addr
	cfg.Demo = true
	cfg.MetricsToken = MetricsToken
	cfg.SMTPURL = opts.SMTPURL
	if opts.Env != nil {
		cfg.Getenv = func(k string) string { return opts.Env[k] }
	}
	log := slog.New(slog.NewTextHandler(testLogWriter(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	now := func() time.Time { return time.Now().UTC() }
	if opts.Clock != nil {
		now = opts.Clock.Now
	}
	a, err := app.Build(ctx, cfg, log, now)
	if err != nil {
		tb.Fatalf("build app: %v", err)
	}
	if _, err := demo.Seed(ctx, a.DB, a.DemoServices(), now()); err != nil {
		tb.Fatalf("seed demo: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx, ln) }()
	tb.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			tb.Errorf("server stopped with: %v", err)
		}
		a.Close()
	})
	return &Server{URL: cfg.BaseURL, App: a}
}

func testLogWriter() io.Writer {
	if os.Getenv("AFTERWARD_TEST_LOG") != "" {
		return os.Stderr
	}
	return io.Discard
}

// OutputDir is where tests save artifacts such as screenshots:
// $AFTERWARD_TEST_OUT/<name>, default testout/<name> at the repository root.
func OutputDir(tb testing.TB, name string) string {
	tb.Helper()
	base := os.Getenv("AFTERWARD_TEST_OUT")
	if base == "" {
		base = filepath.Join(repoRoot(), "testout")
	}
	dir := filepath.Join(base, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	return dir
}

func repoRoot() string {
	dir, _ := os.Getwd()
	for d := dir; d != filepath.Dir(d); d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
	}
	return dir
}
