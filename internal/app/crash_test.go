package app_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/app"
	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/demo"
	"github.com/afterward/afterward/internal/store"
)

// TestCrashHelperServe is not a test: TestKillNineKeepsEveryAcknowledgedEvent
// runs this test binary again with AFTERWARD_CRASH_SERVE set, as a real
// `afterward serve` process it can kill -9.
func TestCrashHelperServe(t *testing.T) {
	args := os.Getenv("AFTERWARD_CRASH_SERVE")
	if args == "" {
		t.Skip("helper process for the kill -9 test")
	}
	code := app.Main(context.Background(), strings.Fields(args), app.Env{Getenv: os.Getenv, Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr})
	os.Exit(code)
}

// TestKillNineKeepsEveryAcknowledgedEvent drives audited page views (read
// in a snapshot, their events written by group commit) and journal saves
// against a server process, kills it with SIGKILL mid-load, and checks
// that every page view the server answered has its audit event and every
// save it acknowledged is stored — and that the chain still verifies.
func TestKillNineKeepsEveryAcknowledgedEvent(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			dir := t.TempDir()
			dbURL := apptest.NewDatabaseURL(t, engine)
			if code, _, stderr := run(t, "", nil, "demo", "--no-serve", "--db", dbURL, "--data-dir", dir); code != 0 {
				t.Fatalf("demo: %s", stderr)
			}
			base, kill := startServer(t, dir, dbURL)
			cookie := signInClient(t, base, "elena@client.example.org")
			acked := load(t, base, cookie, 1500*time.Millisecond)
			kill()
			if len(acked.reads) == 0 || len(acked.saves) == 0 {
				t.Fatalf("no acknowledged requests before the kill (%d reads, %d saves)", len(acked.reads), len(acked.saves))
			}
			checkAfterCrash(t, dir, dbURL, acked)
		})
	}
}

func startServer(t *testing.T, dir, dbURL string) (string, func()) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashHelperServe$")
	cmd.Env = append(os.Environ(), "AFTERWARD_CRASH_SERVE=serve --addr "+addr+" --db "+dbURL+" --data-dir "+dir)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	kill := func() {
		once.Do(func() {
			_ = cmd.Process.Signal(syscall.SIGKILL)
			_ = cmd.Wait()
		})
	}
	t.Cleanup(kill)
	base := "http://" + addr
	for start := time.Now(); time.Since(start) < 60*time.Second; time.Sleep(100 * time.Millisecond) {
		if resp, err := http.Get(base + "/signin"); err == nil {
			resp.Body.Close()
			return base, kill
		}
	}
	t.Fatal("the server did not start")
	return "", nil
}

func signInClient(t *testing.T, base, email string) string {
	t.Helper()
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.PostForm(base+"/signin", url.Values{"email": {email}, "password": {demo.Password}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var parts []string
	for _, ck := range resp.Cookies() {
		parts = append(parts, ck.Name+"="+ck.Value)
	}
	if resp.StatusCode != http.StatusSeeOther || len(parts) == 0 {
		t.Fatalf("sign in as %s: status %d", email, resp.StatusCode)
	}
	return strings.Join(parts, "; ")
}

// acknowledged holds what the server answered before it died: request
// ids of page views, and keys of saved journal entries.
type acknowledged struct {
	mu    sync.Mutex
	reads []string
	saves []string
}

// load runs page views and saves from several workers for d (the kill
// comes right after, while requests are in flight).
func load(t *testing.T, base, cookie string, d time.Duration) *acknowledged {
	t.Helper()
	acked := &acknowledged{}
	c := &http.Client{Timeout: 5 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	stop := time.Now().Add(d)
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; time.Now().Before(stop); i++ {
				if w%4 == 0 {
					key := fmt.Sprintf("crash-%d-%d-%d", time.Now().UnixNano(), w, i)
					if status, _ := send(c, "POST", base+"/journal", cookie, url.Values{"key": {key}, "title": {"t"}, "body": {"A quiet walk."}}); status == http.StatusSeeOther {
						acked.add(&acked.saves, key)
					}
					continue
				}
				if status, id := send(c, "GET", base+"/journal", cookie, nil); status == http.StatusOK {
					acked.add(&acked.reads, id)
				}
			}
		}()
	}
	time.Sleep(d)
	return acked // the workers keep sending while the caller kills the server
}

func (a *acknowledged) add(list *[]string, v string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	*list = append(*list, v)
}

func send(c *http.Client, method, u, cookie string, form url.Values) (int, string) {
	var body *strings.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	} else {
		body = strings.NewReader("")
	}
	req, _ := http.NewRequest(method, u, body)
	req.Header.Set("Cookie", cookie)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, ""
	}
	defer resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("X-Request-Id")
}

func checkAfterCrash(t *testing.T, dir, dbURL string, acked *acknowledged) {
	t.Helper()
	time.Sleep(200 * time.Millisecond) // let the killed workers' last sends fail
	acked.mu.Lock()
	reads, saves := append([]string(nil), acked.reads...), append([]string(nil), acked.saves...)
	acked.mu.Unlock()
	ctx := context.Background()
	db, err := store.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	events := set(t, db, `SELECT request_id FROM audit_events WHERE resource_type = 'journal_entry'`)
	entries := set(t, db, `SELECT entry_key FROM journal_entries`)
	for _, id := range reads {
		if !events[id] {
			t.Errorf("page view %s was answered but has no audit event", id)
		}
	}
	for _, key := range saves {
		if !entries[key] {
			t.Errorf("journal entry %s was acknowledged but is not stored", key)
		}
	}
	key, err := audit.LoadKey(func(string) string { return "" }, dir, false)
	if err != nil {
		t.Fatal(err)
	}
	cps, err := audit.ReadCheckpoints(audit.CheckpointPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	res, err := audit.Verify(ctx, db.Reader(), audit.VerifyOptions{Key: key, Checkpoints: cps})
	if err != nil || !res.OK() {
		t.Errorf("audit chain after kill -9: %+v, %v", res, err)
	}
	t.Logf("kill -9 under load: %d acknowledged page views, %d acknowledged saves, all found; chain of %d events verifies",
		len(reads), len(saves), res.Events)
}

func set(t *testing.T, db *store.DB, q string) map[string]bool {
	t.Helper()
	rows, err := db.Reader().Query(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out[s] = true
	}
	return out
}
