// Package cluster_test runs three `afterward serve` processes on one
// PostgreSQL database behind HAProxy (round-robin, no sticky sessions) and
// checks that they act as one server. scripts/cluster builds the binary and
// runs it; without AFTERWARD_CLUSTER_BIN it is skipped (CI=true fails).
package cluster_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/demo"
	"github.com/afterward/afterward/internal/store"
)

type cluster struct {
	bin, dir, dbURL string
	lb              string // HAProxy
	servers         []*server
	db              *store.DB
}

type server struct {
	name, url string
	cmd       *exec.Cmd
}

func TestCluster(t *testing.T) {
	c := startCluster(t)
	t.Run("a session made through one server works through the others", c.sessionEverywhere)
	t.Run("the same slot booked through three servers at once: one wins", c.oneBookingWins)
	t.Run("an upload through one server is readable through another", c.uploadShared)
	t.Run("session reminders are sent once each, also when a server is killed mid-run", c.remindersOnce)
	t.Run("periodic tasks run once per period, also after a server is killed", c.periodicOnce)
	t.Run("kill -9 of one server loses no acknowledged write", c.killLosesNothing)
	t.Run("the audit chain is whole after three servers appended to it at once", c.auditChainWhole)
}

func startCluster(t *testing.T) *cluster {
	bin := os.Getenv("AFTERWARD_CLUSTER_BIN")
	if bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("AFTERWARD_CLUSTER_BIN is not set: run scripts/cluster")
		}
		t.Skip("runs from scripts/cluster (needs the afterward binary and HAProxy)")
	}
	if _, err := exec.LookPath("haproxy"); err != nil {
		t.Fatal("haproxy is not installed (Debian package haproxy)")
	}
	c := &cluster{bin: bin, dir: t.TempDir(), dbURL: apptest.NewDatabaseURL(t, store.Postgres)}
	// One data directory for the three servers: the master and audit keys,
	// the erasure ledger and the attachments (the shared blob store).
	if out, err := exec.Command(bin, "demo", "--no-serve", "--db", c.dbURL, "--data-dir", c.dir).CombinedOutput(); err != nil {
		t.Fatalf("demo: %v: %s", err, out)
	}
	lbAddr := freeAddr(t)
	c.lb = "http://" + lbAddr
	for i := 1; i <= 3; i++ {
		s := &server{name: fmt.Sprintf("s%d", i), url: "http://" + freeAddr(t)}
		c.servers = append(c.servers, s)
		c.start(t, s)
	}
	c.startHAProxy(t, lbAddr)
	db, err := store.Open(context.Background(), c.dbURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	c.db = db
	return c
}

func (c *cluster) start(t *testing.T, s *server) {
	t.Helper()
	addr := strings.TrimPrefix(s.url, "http://")
	s.cmd = exec.Command(c.bin, "serve", "--addr", addr, "--db", c.dbURL, "--data-dir", c.dir, "--base-url", c.lb)
	logf, err := os.Create(filepath.Join(c.dir, s.name+".log"))
	if err != nil {
		t.Fatal(err)
	}
	s.cmd.Stdout, s.cmd.Stderr = logf, logf
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.kill(s); logf.Close() })
	waitFor(t, s.url+"/healthz")
}

func (c *cluster) kill(s *server) {
	if s.cmd != nil && s.cmd.Process != nil {
		_ = s.cmd.Process.Signal(syscall.SIGKILL)
		_ = s.cmd.Wait()
		s.cmd = nil
	}
}

func (c *cluster) startHAProxy(t *testing.T, addr string) {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, `global
  maxconn 512
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  retries 2
  option redispatch
frontend afterward
  bind %s
  default_backend servers
backend servers
  balance roundrobin
  option httpchk GET /healthz
  http-response set-header X-Afterward-Server %%[srv_name]
`, addr)
	for _, s := range c.servers {
		fmt.Fprintf(&b, "  server %s %s check inter 300ms fall 2 rise 1\n", s.name, strings.TrimPrefix(s.url, "http://"))
	}
	cfg := filepath.Join(c.dir, "haproxy.cfg")
	if err := os.WriteFile(cfg, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("haproxy", "-db", "-f", cfg)
	logf, _ := os.Create(filepath.Join(c.dir, "haproxy.log"))
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait(); logf.Close() })
	waitFor(t, "http://"+addr+"/healthz")
}

// sessionEverywhere signs in through HAProxy and sees the session accepted
// by all three servers.
func (c *cluster) sessionEverywhere(t *testing.T) {
	cookie := signIn(t, c.lb, "elena@client.example.org")
	seen := map[string]bool{}
	for range 9 {
		resp := do(t, "GET", c.lb+"/dashboard", cookie, "", nil)
		if resp.status != http.StatusOK {
			t.Fatalf("dashboard through %s: status %d", resp.header.Get("X-Afterward-Server"), resp.status)
		}
		seen[resp.header.Get("X-Afterward-Server")] = true
	}
	if len(seen) != 3 {
		t.Errorf("answered by %v, want all three servers", seen)
	}
}

// oneBookingWins books one coach's same hour for three clients at once,
// each request to a different server: exactly one is booked, and only its
// reminder is queued.
func (c *cluster) oneBookingWins(t *testing.T) {
	cookie := signIn(t, c.lb, "jonah@riverbend.example.org")
	start := time.Now().UTC().Add(50 * 24 * time.Hour).Truncate(time.Hour).Format(time.RFC3339)
	emails := []string{"elena@client.example.org", "david@client.example.org", "aisha@client.example.org"}
	statuses := make([]int, 3)
	var wg sync.WaitGroup
	for i, s := range c.servers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := fmt.Sprintf(`{"client_id": %d, "start": %q, "minutes": 60, "format": "video"}`, c.userID(t, emails[i]), start)
			statuses[i] = do(t, "POST", s.url+"/api/v1/sessions", cookie, body, map[string]string{"Content-Type": "application/json"}).status
		}()
	}
	wg.Wait()
	won := 0
	for _, st := range statuses {
		switch st {
		case http.StatusCreated:
			won++
		case http.StatusConflict:
		default:
			t.Errorf("booking answered %d, want 201 or 409", st)
		}
	}
	var booked int
	if err := c.db.Reader().QueryRow(context.Background(), `SELECT COUNT(*) FROM appointments WHERE starts_at = ? AND status <> 'cancelled'`, start).Scan(&booked); err != nil {
		t.Fatal(err)
	}
	if won != 1 || booked != 1 {
		t.Errorf("statuses %v and %d appointments at %s, want exactly one booking", statuses, booked, start)
	}
}

// uploadShared attaches a picture through one server and reads it back
// through another.
func (c *cluster) uploadShared(t *testing.T) {
	cookie := signIn(t, c.lb, "elena@client.example.org")
	s1, s2 := c.servers[0].url, c.servers[1].url
	form := url.Values{"key": {fmt.Sprintf("cluster-upload-%d", time.Now().UnixNano())}, "title": {"A drawing"}, "body": {"The river at dusk."}}
	resp := do(t, "POST", s1+"/journal", cookie, form.Encode(), map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	entry := resp.header.Get("Location")
	if resp.status != http.StatusSeeOther || !strings.HasPrefix(entry, "/journal/") {
		t.Fatalf("save entry: status %d, location %q", resp.status, entry)
	}
	entry = strings.SplitN(entry, "?", 2)[0]
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", "drawing.png")
	fw.Write(pngBytes(t))
	mw.Close()
	if resp := do(t, "POST", s1+entry+"/attachments", cookie, body.String(), map[string]string{"Content-Type": mw.FormDataContentType()}); resp.status != http.StatusSeeOther {
		t.Fatalf("attach through s1: status %d: %.300s", resp.status, resp.body)
	}
	page := do(t, "GET", s2+entry, cookie, "", nil)
	link := regexp.MustCompile(`/files/\d+/[a-z]+/\d+`).FindString(page.body)
	if page.status != http.StatusOK || link == "" {
		t.Fatalf("entry through s2: status %d, no file link", page.status)
	}
	file := do(t, "GET", s2+link, cookie, "", nil)
	if file.status != http.StatusOK || len(file.body) == 0 {
		t.Errorf("file through s2: status %d, %d bytes", file.status, len(file.body))
	}
}

// remindersOnce books sessions through HAProxy, makes their reminder jobs
// due at once, kills -9 a server while the three work them, restarts it,
// and finds each reminder email written exactly once (the shared outbox
// stands in for SMTP). A job the dead server held is not lost: River
// rescues it later; the test counts those and expects no duplicate.
func (c *cluster) remindersOnce(t *testing.T) {
	ctx := context.Background()
	cookie := signIn(t, c.lb, "jonah@riverbend.example.org")
	david := c.userID(t, "david@client.example.org")
	var ids []any
	base := time.Now().UTC().Add(70 * 24 * time.Hour).Truncate(time.Hour)
	for i := range 8 {
		body := fmt.Sprintf(`{"client_id": %d, "start": %q, "minutes": 60, "format": "video"}`, david, base.Add(time.Duration(i)*2*time.Hour).Format(time.RFC3339))
		r := do(t, "POST", c.lb+"/api/v1/sessions", cookie, body, map[string]string{"Content-Type": "application/json"})
		m := regexp.MustCompile(`"id":(\d+)`).FindStringSubmatch(r.body)
		if r.status != http.StatusCreated || m == nil {
			t.Fatalf("booking %d: status %d %.200s", i, r.status, r.body)
		}
		ids = append(ids, m[1])
	}
	inIDs := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ") + ")"
	res, err := c.db.Write.ExecContext(ctx, c.db.Rebind(`UPDATE river_job SET scheduled_at = now() WHERE kind = 'session_reminder' AND args->>'appointment_id' IN `+inIDs), ids...)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n != int64(2*len(ids)) {
		t.Fatalf("%d reminder jobs for %d sessions, want two each", n, len(ids))
	}
	time.Sleep(300 * time.Millisecond)
	victim := c.servers[2]
	c.kill(victim)
	c.start(t, victim)
	var held int
	waitUntil(t, 60*time.Second, "the reminders and their emails to be worked", func() bool {
		var open int
		_ = c.db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM river_job WHERE kind IN ('session_reminder', 'email') AND state IN ('available', 'scheduled', 'retryable', 'pending') AND scheduled_at < now() + interval '1 minute'`).Scan(&open)
		_ = c.db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM river_job WHERE kind IN ('session_reminder', 'email') AND state = 'running'`).Scan(&held)
		return open == 0
	})
	sent := map[string]int{}
	files, _ := filepath.Glob(filepath.Join(c.dir, "outbox", "*.eml"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		msg := string(b)
		for _, id := range ids {
			// Only reminders: the booking confirmations link the session too.
			reminder := strings.HasPrefix(headerOf(msg, "Subject"), "Your integration session is ")
			if reminder && (strings.Contains(msg, fmt.Sprintf("/sessions/%s\r\n", id)) || strings.Contains(msg, fmt.Sprintf("/sessions/%s\n", id))) {
				sent[headerOf(msg, "To")+" | "+headerOf(msg, "Subject")]++
			}
		}
	}
	for k, n := range sent {
		if n != 1 {
			t.Errorf("%s: sent %d times, want once", k, n)
		}
	}
	if want := 2 * 2 * len(ids); len(sent) < want-2*held || len(sent) > want {
		t.Errorf("%d distinct reminder emails, want %d (less two per job the killed server held: %d)", len(sent), want, held)
	}
	t.Logf("%d reminders for %d sessions, %s killed mid-run and restarted: %d distinct emails, none twice; %d jobs left to River's rescue",
		2*len(ids), len(ids), victim.name, len(sent), held)
}

func headerOf(msg, name string) string {
	for _, line := range strings.Split(msg, "\n") {
		if strings.HasPrefix(line, name+": ") {
			return strings.TrimSpace(strings.TrimPrefix(line, name+": "))
		}
	}
	return ""
}

// periodicOnce: River's leader schedules the periodic tasks, unique per
// task and period, so three servers run each once per period; killing a
// server (the leader or not) elects another without running any twice.
func (c *cluster) periodicOnce(t *testing.T) {
	ctx := context.Background()
	waitUntil(t, 30*time.Second, "the periodic tasks to run at start", func() bool {
		var pending int
		_ = c.db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM river_job WHERE kind = 'periodic_task' AND state NOT IN ('completed', 'discarded', 'cancelled')`).Scan(&pending)
		var done int
		_ = c.db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM river_job WHERE kind = 'periodic_task' AND state = 'completed'`).Scan(&done)
		return pending == 0 && done > 0
	})
	c.kill(c.servers[0])
	time.Sleep(12 * time.Second) // leadership moves after the dead leader's lease lapses; the new leader runs its start-up tasks
	rows, err := c.db.Reader().Query(ctx, `SELECT args->>'name', COUNT(*), MAX(attempt) FROM river_job WHERE kind = 'periodic_task' GROUP BY args->>'name', unique_key`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	tasks := 0
	for rows.Next() {
		var name string
		var n, attempts int
		if err := rows.Scan(&name, &n, &attempts); err != nil {
			t.Fatal(err)
		}
		tasks++
		if n != 1 || attempts > 1 {
			t.Errorf("%s: %d jobs in one period, %d attempts; want one run", name, n, attempts)
		}
	}
	if tasks < 5 {
		t.Errorf("%d periodic tasks ran, want every registered task", tasks)
	}
}

// killLosesNothing saves journal entries through HAProxy from several
// workers, kills -9 one server mid-load, and finds every acknowledged entry.
func (c *cluster) killLosesNothing(t *testing.T) {
	cookie := signIn(t, c.lb, "david@client.example.org")
	victim := c.servers[1]
	var mu sync.Mutex
	var acked []string
	stop := time.Now().Add(3 * time.Second)
	var wg sync.WaitGroup
	for w := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; time.Now().Before(stop); i++ {
				key := fmt.Sprintf("cluster-kill-%d-%d-%d", time.Now().UnixNano(), w, i)
				form := url.Values{"key": {key}, "title": {"t"}, "body": {"Slept better."}}
				if r := tryDo("POST", c.lb+"/journal", cookie, form.Encode()); r == http.StatusSeeOther {
					mu.Lock()
					acked = append(acked, key)
					mu.Unlock()
				}
			}
		}()
	}
	time.Sleep(1500 * time.Millisecond)
	c.kill(victim)
	wg.Wait()
	stored := map[string]bool{}
	rows, err := c.db.Reader().Query(context.Background(), `SELECT entry_key FROM journal_entries WHERE entry_key LIKE 'cluster-kill-%'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		_ = rows.Scan(&k)
		stored[k] = true
	}
	for _, k := range acked {
		if !stored[k] {
			t.Errorf("entry %s was acknowledged but is not stored", k)
		}
	}
	if len(acked) < 10 {
		t.Errorf("only %d saves acknowledged; the load did not run", len(acked))
	}
	t.Logf("kill -9 of %s mid-load: %d acknowledged saves, all stored", victim.name, len(acked))
}

// auditChainWhole runs after the other subtests, whose requests went to
// the three servers at once (and one was killed mid-load): each server
// guesses where the chain ends and must find out when another moved it.
func (c *cluster) auditChainWhole(t *testing.T) {
	out, err := exec.Command(c.bin, "audit", "verify", "--db", c.dbURL, "--data-dir", c.dir).CombinedOutput()
	if err != nil {
		t.Fatalf("audit verify: %v: %s", err, out)
	}
	var events int
	if _, err := fmt.Sscanf(string(out), "audit chain ok: %d events", &events); err != nil || events < 100 {
		t.Fatalf("audit verify said %q: want an intact chain of the cluster's events", out)
	}
	t.Logf("%s", strings.TrimSpace(string(out)))
}

func (c *cluster) userID(t *testing.T, email string) int64 {
	var id int64
	if err := c.db.Reader().QueryRow(context.Background(), `SELECT id FROM users WHERE email = ?`, email).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

type response struct {
	status int
	header http.Header
	body   string
}

var noRedirect = &http.Client{Timeout: 20 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func do(t *testing.T, method, u, cookie, body string, header map[string]string) response {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, u, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{status: resp.StatusCode, header: resp.Header, body: string(b)}
}

// tryDo is do for a load that expects failures while a server dies.
func tryDo(method, u, cookie, form string) int {
	req, _ := http.NewRequest(method, u, strings.NewReader(form))
	req.Header.Set("Cookie", cookie)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := noRedirect.Do(req)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

// signIn signs a demo account in through base (staff answer the two-step
// page with the demo secret) and returns the session cookie.
func signIn(t *testing.T, base, email string) string {
	t.Helper()
	form := url.Values{"email": {email}, "password": {demo.Password}}
	resp := do(t, "POST", base+"/signin", "", form.Encode(), map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	cookie := cookieOf(resp.header)
	if resp.status != http.StatusSeeOther || cookie == "" {
		t.Fatalf("sign in as %s: status %d", email, resp.status)
	}
	if resp.header.Get("Location") != "/signin/code" {
		return cookie
	}
	for _, at := range []time.Time{time.Now(), time.Now().Add(30 * time.Second), time.Now().Add(60 * time.Second)} {
		code, _ := totp.GenerateCode(demo.TOTPSecret, at)
		r := do(t, "POST", base+"/signin/code", cookie, url.Values{"code": {code}}.Encode(), map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
		if r.status == http.StatusSeeOther && r.header.Get("Location") == "/dashboard" {
			if c := cookieOf(r.header); c != "" {
				return c
			}
			return cookie
		}
	}
	t.Fatalf("two-step sign-in as %s failed", email)
	return ""
}

func cookieOf(h http.Header) string {
	var parts []string
	for _, c := range (&http.Response{Header: h}).Cookies() {
		parts = append(parts, c.Name+"="+c.Value)
	}
	return strings.Join(parts, "; ")
}

func pngBytes(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 16, 16))
	for i := range 16 {
		img.Set(i, i, color.RGBA{R: 200, A: 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func waitFor(t *testing.T, u string) {
	t.Helper()
	waitUntil(t, 60*time.Second, u+" to answer", func() bool {
		resp, err := http.Get(u)
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
}

func waitUntil(t *testing.T, d time.Duration, what string, ok func() bool) {
	t.Helper()
	for start := time.Now(); time.Since(start) < d; time.Sleep(200 * time.Millisecond) {
		if ok() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}
