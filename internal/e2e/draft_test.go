package e2e_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/afterward/afterward/internal/app"
	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/demo"
)

// restartable runs the app on a fixed address and database so a test can
// stop it and start it again, as an operator restarting the server would.
type restartable struct {
	t       *testing.T
	dataDir string
	addr    string
	stop    func()
	app     *app.App
}

func (r *restartable) start(ln net.Listener) {
	r.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cfg := app.DefaultConfig()
	cfg.DataDir, cfg.DatabaseURL = r.dataDir, filepath.Join(r.dataDir, "afterward.db")
	cfg.Addr, cfg.BaseURL, cfg.Demo = r.addr, "http://"+r.addr, true
	now := func() time.Time { return time.Now().UTC() }
	a, err := app.Build(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), now)
	if err != nil {
		r.t.Fatal(err)
	}
	if _, err := demo.Seed(ctx, a.DB, a.DemoServices(), now()); err != nil {
		r.t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx, ln) }()
	r.app = a
	r.stop = func() {
		cancel()
		<-done
		a.Close()
		r.stop = nil
	}
}

// TestDraftSurvivesServerRestart: the server stops while a client is
// typing; the words stay in the browser; after a restart on the same
// address and database the entry is saved exactly once.
func TestDraftSurvivesServerRestart(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &restartable{t: t, dataDir: t.TempDir(), addr: ln.Addr().String()}
	srv.start(ln)
	t.Cleanup(func() {
		if srv.stop != nil {
			srv.stop()
		}
	})
	base := "http://" + srv.addr
	ctx := apptest.Browser(t)
	out := apptest.OutputDir(t, "draft-survives-restart")
	phone(t, ctx)
	signIn(t, ctx, base, "elena@client.example.org")
	visit(t, ctx, base+"/journal/new", "#body")
	key, err := chromedp.Run(ctx, chromedp.Value(`input[name=key]`))
	if err != nil {
		t.Fatal(err)
	}
	const first, second = "Part one, written online. ", "Part two, written while the server was down."
	if err := chromedp.Do(ctx, chromedp.SendKeys(`#body`, first)); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, ctx, "Draft saved on the server")

	srv.stop()
	if err := chromedp.Do(ctx, chromedp.SendKeys(`#body`, second)); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, ctx, "No connection")
	apptest.Screenshot(t, ctx, out, "1-offline")
	kept, err := chromedp.Run(ctx, chromedp.Evaluate[string](`localStorage.getItem("afterward-draft:journal-new") || ""`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(kept, second) || !strings.Contains(kept, key) {
		t.Fatalf("localStorage draft = %q, want the words and the entry key", kept)
	}

	ln2, err := net.Listen("tcp", srv.addr)
	if err != nil {
		t.Fatalf("listening again on %s: %v", srv.addr, err)
	}
	srv.start(ln2)
	visit(t, ctx, base+"/journal/new", "#body")
	restored, err := chromedp.Run(ctx, chromedp.Value(`#body`))
	if err != nil {
		t.Fatal(err)
	}
	if restored != first+second {
		t.Fatalf("restored draft = %q, want %q", restored, first+second)
	}
	apptest.Screenshot(t, ctx, out, "2-restored")
	if err := chromedp.Do(ctx, chromedp.Click(`main button[type=submit]`), chromedp.WaitVisible(`.entry-full`)); err != nil {
		t.Fatal(err)
	}
	apptest.Screenshot(t, ctx, out, "3-saved")
	if got := text(t, ctx, ".entry-body"); got != first+second && got != strings.TrimSpace(first+second) {
		t.Errorf("saved body = %q", got)
	}
	var rows, saved int
	err = srv.app.DB.Reader().QueryRow(context.Background(),
		`SELECT COUNT(*), COALESCE(SUM(CASE WHEN status = 'saved' THEN 1 ELSE 0 END), 0) FROM journal_entries WHERE entry_key = ?`, key).Scan(&rows, &saved)
	if err != nil {
		t.Fatal(err)
	}
	if rows != 1 || saved != 1 {
		t.Errorf("entries with the key: %d rows, %d saved; want exactly one saved", rows, saved)
	}
	left, err := chromedp.Run(ctx, chromedp.Evaluate[string](`localStorage.getItem("afterward-draft:journal-new") || ""`))
	if err != nil || left != "" {
		t.Errorf("local draft after the server confirmed: %q (%v), want it cleared", left, err)
	}
}

func waitStatus(t *testing.T, ctx context.Context, want string) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`(document.querySelector(".draft-status")||{}).textContent.includes(`+"`"+want+"`"+`)`,
		chromedp.WithPollingTimeout(15*time.Second)))
	if err != nil {
		status, _ := chromedp.Run(ctx, chromedp.Text(`.draft-status`))
		t.Fatalf("draft status never said %q (it says %q): %v", want, status, err)
	}
}
