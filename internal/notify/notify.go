// Package notify sends email. Mail always goes through the job queue
// (enqueued in the same transaction as its cause, retried on failure, sent
// at most once per dedupe key) and out through a Mailer: SMTP in production,
// or an outbox directory of .eml files for the demo and for deployments
// that have no mail server yet.
//
// Emails never carry clinical content: they say that something is waiting
// and link to the signed-in page.
package notify

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/wneessen/go-mail"
)

// Email is one message to one person.
type Email struct {
	To      string `json:"to"`
	Subject string `json:"subject"`
	Text    string `json:"text"`
	// DedupeKey makes sending idempotent: a second email with the same key
	// is never sent (for example "reminder-24h:session:42:v3").
	DedupeKey   string       `json:"dedupe_key"`
	Attachments []Attachment `json:"attachments,omitempty"`
}

// Attachment is a small file sent with an email, such as a session's .ics
// invitation. It travels inside the job's arguments, so keep it small.
type Attachment struct {
	Name        string `json:"name"`         // file name, e.g. "session.ics"
	ContentType string `json:"content_type"` // e.g. "text/calendar"
	Data        []byte `json:"data"`
}

// Mailer delivers a message.
type Mailer interface {
	Send(ctx context.Context, from string, e Email) error
}

// NewMailer builds a mailer from a URL: smtp://user:pass@host:port
// (STARTTLS when offered), smtps://… (TLS from the start), or
// smtp+insecure://host:port (no TLS, for a local relay or a test server).
// An empty URL writes messages to outboxDir instead.
func NewMailer(rawURL, outboxDir string) (Mailer, error) {
	if rawURL == "" {
		return &DirMailer{Dir: outboxDir}, nil
	}
	u, err := url.Parse(rawURL)
	if err != nil || u.Hostname() == "" {
		return nil, fmt.Errorf("SMTP URL %q is not like smtp://user:password@host:587", rawURL)
	}
	m := &SMTPMailer{Host: u.Hostname()}
	switch u.Scheme {
	case "smtp":
		m.Port, m.Policy = 587, mail.TLSOpportunistic
	case "smtps":
		m.Port, m.SSL = 465, true
	case "smtp+insecure":
		m.Port, m.Policy = 25, mail.NoTLS
	default:
		return nil, fmt.Errorf("SMTP URL scheme %q: use smtp, smtps or smtp+insecure", u.Scheme)
	}
	if p := u.Port(); p != "" {
		if m.Port, err = strconv.Atoi(p); err != nil {
			return nil, fmt.Errorf("SMTP URL port %q is not a number", p)
		}
	}
	if u.User != nil {
		m.Username = u.User.Username()
		m.Password, _ = u.User.Password()
	}
	return m, nil
}

// SMTPMailer sends through an SMTP server with go-mail.
type SMTPMailer struct {
	Host               string
	Port               int
	SSL                bool
	Policy             mail.TLSPolicy
	Username, Password string
}

func (s *SMTPMailer) Send(ctx context.Context, from string, e Email) error {
	msg, err := buildMessage(from, e)
	if err != nil {
		return err
	}
	opts := []mail.Option{mail.WithPort(s.Port), mail.WithTimeout(20 * time.Second), mail.WithTLSPolicy(s.Policy)}
	if s.SSL {
		opts = append(opts, mail.WithSSL())
	}
	if s.Username != "" {
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthAutoDiscover), mail.WithUsername(s.Username), mail.WithPassword(s.Password))
	}
	c, err := mail.NewClient(s.Host, opts...)
	if err != nil {
		return fmt.Errorf("SMTP client: %w", err)
	}
	return c.DialAndSendWithContext(ctx, msg)
}

// DirMailer writes each message as an .eml file into Dir.
type DirMailer struct{ Dir string }

func (d *DirMailer) Send(_ context.Context, from string, e Email) error {
	msg, err := buildMessage(from, e)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(d.Dir, 0o700); err != nil {
		return err
	}
	name := time.Now().UTC().Format("20060102T150405.000000000") + "-" + safeName(e.To) + ".eml"
	f, err := os.OpenFile(filepath.Join(d.Dir, name), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := msg.WriteTo(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func buildMessage(from string, e Email) (*mail.Msg, error) {
	msg := mail.NewMsg()
	if err := msg.From(from); err != nil {
		return nil, fmt.Errorf("from address: %w", err)
	}
	if err := msg.To(e.To); err != nil {
		return nil, fmt.Errorf("to address: %w", err)
	}
	msg.Subject(e.Subject)
	msg.SetBodyString(mail.TypeTextPlain, e.Text)
	for _, a := range e.Attachments {
		if err := msg.AttachReader(a.Name, bytes.NewReader(a.Data), mail.WithFileContentType(mail.ContentType(a.ContentType))); err != nil {
			return nil, fmt.Errorf("attaching %s: %w", a.Name, err)
		}
	}
	if e.DedupeKey != "" {
		msg.SetGenHeader("X-Afterward-Key", e.DedupeKey)
	}
	return msg, nil
}

func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-' {
			return r
		}
		return '_'
	}, strings.ToLower(s))
}
