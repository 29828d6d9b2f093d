package apptest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// Mailpit is a real SMTP server on loopback (axllent/mailpit), started per
// test; tests read what was delivered through its HTTP API.
type Mailpit struct {
	SMTPURL string // smtp+insecure://127.0.0.1:PORT for notify.NewMailer
	api     string
}

// StartMailpit runs mailpit for the test. scripts/test installs it with
// `go install`; missing mailpit skips locally and fails when CI=true.
func StartMailpit(tb testing.TB) *Mailpit {
	tb.Helper()
	bin, err := exec.LookPath("mailpit")
	if err != nil {
		if gobin := filepath.Join(goPath(), "bin", "mailpit"); fileExists(gobin) {
			bin = gobin
		} else if os.Getenv("CI") == "true" {
			tb.Fatal("mailpit is required in CI (scripts/test installs it)")
		} else {
			tb.Skip("mailpit not installed (run ./scripts/test)")
		}
	}
	var lastErr string
	for attempt := 0; attempt < 3; attempt++ {
		m, errText := launchMailpit(tb, bin)
		if m != nil {
			return m
		}
		lastErr = errText
	}
	tb.Fatalf("mailpit did not start after 3 attempts: %s", lastErr)
	return nil
}

// launchMailpit starts one mailpit on fresh ports and waits for its API. It
// returns nil and mailpit's own output when the process exits early (a port
// taken between freePort and bind) or does not answer within a minute, so
// the caller can try again: a loaded CI machine must not fail a test here.
func launchMailpit(tb testing.TB, bin string) (*Mailpit, string) {
	smtpPort, httpPort := freePort(tb), freePort(tb)
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "--smtp", fmt.Sprintf("127.0.0.1:%d", smtpPort),
		"--listen", fmt.Sprintf("127.0.0.1:%d", httpPort), "--disable-version-check",
		"--database", filepath.Join(tb.TempDir(), "mailpit.db"), "--smtp-auth-accept-any", "--smtp-auth-allow-insecure")
	var out lockedBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		cancel()
		tb.Fatalf("start mailpit: %v", err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	stop := func() { cancel(); <-exited }
	m := &Mailpit{SMTPURL: fmt.Sprintf("smtp+insecure://127.0.0.1:%d", smtpPort), api: fmt.Sprintf("http://127.0.0.1:%d", httpPort)}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			cancel()
			return nil, "exited: " + out.String()
		default:
		}
		if resp, err := http.Get(m.api + "/api/v1/messages"); err == nil {
			resp.Body.Close()
			tb.Cleanup(stop)
			return m, ""
		}
		time.Sleep(50 * time.Millisecond)
	}
	stop()
	return nil, "no answer within 60 s: " + out.String()
}

// lockedBuffer collects a child process's output written from another
// goroutine.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Message is a delivered email as mailpit lists it.
type Message struct {
	ID      string `json:"ID"`
	Subject string `json:"Subject"`
	To      []struct {
		Address string `json:"Address"`
	} `json:"To"`
	Snippet string `json:"Snippet"`
}

// Messages lists every delivered message, newest first.
func (m *Mailpit) Messages(tb testing.TB) []Message {
	tb.Helper()
	resp, err := http.Get(m.api + "/api/v1/messages?limit=500")
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Messages []Message `json:"messages"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		tb.Fatal(err)
	}
	return out.Messages
}

// Text returns the plain-text body of a message.
func (m *Mailpit) Text(tb testing.TB, id string) string {
	tb.Helper()
	resp, err := http.Get(m.api + "/api/v1/message/" + id)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Text string `json:"Text"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		tb.Fatal(err)
	}
	return out.Text
}

// MailAttachment is one attachment of a delivered message.
type MailAttachment struct {
	PartID      string `json:"PartID"`
	FileName    string `json:"FileName"`
	ContentType string `json:"ContentType"`
}

// Attachments lists a message's attachments.
func (m *Mailpit) Attachments(tb testing.TB, id string) []MailAttachment {
	tb.Helper()
	resp, err := http.Get(m.api + "/api/v1/message/" + id)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Attachments []MailAttachment `json:"Attachments"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		tb.Fatal(err)
	}
	return out.Attachments
}

// Part returns the content of one part (an attachment) of a message.
func (m *Mailpit) Part(tb testing.TB, id, partID string) []byte {
	tb.Helper()
	resp, err := http.Get(m.api + "/api/v1/message/" + id + "/part/" + partID)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// WaitFor polls until n messages to the address (any address when to is
// empty) have arrived or the timeout passes; newest first.
func (m *Mailpit) WaitFor(tb testing.TB, to string, n int, timeout time.Duration) []Message {
	tb.Helper()
	deadline := time.Now().Add(timeout)
	for {
		var msgs []Message
		for _, msg := range m.Messages(tb) {
			if to == "" || (len(msg.To) > 0 && msg.To[0].Address == to) {
				msgs = append(msgs, msg)
			}
		}
		if len(msgs) >= n || time.Now().After(deadline) {
			return msgs
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func freePort(tb testing.TB) int {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func goPath() string {
	if p := os.Getenv("GOPATH"); p != "" {
		return p
	}
	return filepath.Join(os.Getenv("HOME"), "go")
}
