package notify_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/jobs"
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/store"
)

// TestEmailsDeliveredOnce: emails queued in a transaction reach a real SMTP
// server once each, even when the same dedupe key is queued twice.
func TestEmailsDeliveredOnce(t *testing.T) {
	mp := apptest.StartMailpit(t)
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		mailer, err := notify.NewMailer(mp.SMTPURL, "")
		if err != nil {
			t.Fatal(err)
		}
		if err := jobs.Migrate(ctx, db); err != nil {
			t.Fatal(err)
		}
		workers := river.NewWorkers()
		river.AddWorker(workers, &notify.Worker{DB: db, Mailer: mailer, From: "Afterward <no-reply@afterward.example.org>", Now: time.Now})
		q, err := jobs.New(db, jobs.Config{Workers: workers, PollInterval: 50 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		if err := q.Start(ctx); err != nil {
			t.Fatal(err)
		}
		defer q.Stop(context.Background())
		to := string(db.Dialect) + "@client.example.org"
		for i := 0; i < 2; i++ {
			err := db.InTx(ctx, func(tx *store.Tx) error {
				return notify.Queue(ctx, q, tx, notify.Email{To: to, Subject: "Your session is tomorrow",
					Text: "Sign in to see the details.", DedupeKey: "reminder:" + to}, time.Time{})
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		time.Sleep(1500 * time.Millisecond)
		var got int
		for _, m := range mp.Messages(t) {
			if len(m.To) == 1 && m.To[0].Address == to {
				got++
				if m.Subject != "Your session is tomorrow" {
					t.Errorf("subject = %q", m.Subject)
				}
			}
		}
		if got != 1 {
			t.Errorf("delivered %d messages to %s, want exactly 1", got, to)
		}
	})
}

func TestDirMailer(t *testing.T) {
	dir := t.TempDir()
	m, err := notify.NewMailer("", dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Send(context.Background(), "no-reply@afterward.example.org", notify.Email{To: "a@example.org", Subject: "Hello", Text: "Body"}); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
	if len(files) != 1 {
		t.Fatalf("outbox has %d files, want 1", len(files))
	}
	b, _ := os.ReadFile(files[0])
	if !strings.Contains(string(b), "Subject: Hello") {
		t.Errorf("eml lacks the subject: %s", b)
	}
}

func TestNewMailerErrors(t *testing.T) {
	for _, raw := range []string{"http://x", "smtp://", "smtp://host:notaport"} {
		if _, err := notify.NewMailer(raw, ""); err == nil {
			t.Errorf("NewMailer(%q): no error", raw)
		}
	}
}

// TestRetryAfterAnUnreleasedClaim: when a send failed and releasing its
// claim failed too, the claim is left in place; the same job's retry must
// still send, and another job for the same event must not.
func TestRetryAfterAnUnreleasedClaim(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		outbox := t.TempDir()
		mailer, err := notify.NewMailer("", outbox)
		if err != nil {
			t.Fatal(err)
		}
		w := &notify.Worker{DB: db, Mailer: mailer, From: "Afterward <no-reply@afterward.example.org>", Now: time.Now}
		const key = "safety-alert:42"
		err = db.InTx(ctx, func(tx *store.Tx) error {
			_, err := tx.Exec(ctx, `INSERT INTO sent_emails (dedupe_key, sent_at, job_id) VALUES (?, ?, ?)`, key, time.Now(), 7)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		email := notify.Email{To: "coach@example.org", Subject: "A safety alert needs you", Text: "Sign in to see it.", DedupeKey: key}
		for _, tc := range []struct {
			name  string
			jobID int64
			want  int
		}{
			{"another job's claim is a sent email", 8, 0},
			{"the same job's retry sends", 7, 1},
		} {
			job := &river.Job[notify.EmailArgs]{JobRow: &rivertype.JobRow{ID: tc.jobID}, Args: notify.EmailArgs{Email: email}}
			if err := w.Work(ctx, job); err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			files, _ := filepath.Glob(filepath.Join(outbox, "*.eml"))
			if len(files) != tc.want {
				t.Errorf("%s: %d emails in the outbox, want %d", tc.name, len(files), tc.want)
			}
		}
	})
}
