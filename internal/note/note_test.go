package note_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/note"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

var sessionAt = time.Date(2026, 4, 1, 17, 0, 0, 0, time.UTC)

type world struct {
	svc                         *note.Service
	now                         time.Time
	coach, other, client, admin policy.Actor
	held, future                int64
}

func build(t *testing.T, db *store.DB) *world {
	t.Helper()
	ctx := context.Background()
	w := &world{now: sessionAt.Add(2 * time.Hour)}
	clock := func() time.Time { return w.now }
	w.svc = note.NewService(db, policy.New(db, clock, nil), apptest.MustVault(t, clock), clock)
	err := db.InTx(ctx, func(tx *store.Tx) error {
		id := func(q string, args ...any) int64 {
			n, err := store.InsertID(ctx, tx, q, args...)
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			return n
		}
		p := id(`INSERT INTO practices (name, slug, created_at) VALUES ('P', 'p', ?) RETURNING id`, sessionAt)
		user := func(role account.Role, name string) policy.Actor {
			return policy.Actor{UserID: id(`INSERT INTO users (practice_id, email, name, role, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
				p, name+"@example.org", name, string(role), sessionAt), PracticeID: p, Role: role}
		}
		w.admin, w.coach, w.other, w.client = user(account.Admin, "admin"), user(account.Coach, "coach"), user(account.Coach, "other"), user(account.Client, "client")
		if _, err := tx.Exec(ctx, `INSERT INTO clients (user_id, practice_id, coach_id, created_at) VALUES (?, ?, ?, ?)`, w.client.UserID, p, w.coach.UserID, sessionAt); err != nil {
			t.Fatal(err)
		}
		appt := func(uid string, at time.Time, status string) int64 {
			return id(`INSERT INTO appointments (uid, practice_id, coach_id, client_id, starts_at, minutes, format, location, status, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, 60, 'video', 'https://meet.example.org/x', ?, ?, ?) RETURNING id`, uid, p, w.coach.UserID, w.client.UserID, at, status, at, at)
		}
		w.held = appt("a", sessionAt, "held")
		w.future = appt("b", sessionAt.Add(7*24*time.Hour), "booked")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func kind(err error) string {
	if err == nil {
		return "ok"
	}
	return errs.KindOf(err).String()
}

func TestNoteLifecycle(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ctx := context.Background()
		draft := note.Sections{Processing: "Spoke about the grief that came up", Private: "Check in about sleep next time"}
		for _, tc := range []struct {
			name string
			as   policy.Actor
			id   int64
			want string
		}{
			{"client cannot write", w.client, w.held, "not_found"},
			{"other coach cannot write", w.other, w.held, "not_found"},
			{"admin cannot write", w.admin, w.held, "forbidden"},
			{"not before the session", w.coach, w.future, "conflict"},
		} {
			if _, err := w.svc.Save(ctx, tc.as, tc.id, draft); kind(err) != tc.want {
				t.Errorf("%s: got %v, want %s", tc.name, err, tc.want)
			}
		}
		if _, err := w.svc.Amend(ctx, w.coach, w.held, draft, "typo"); kind(err) != "conflict" {
			t.Errorf("amend before lock: got %v, want conflict", err)
		}
		if _, err := w.svc.Save(ctx, w.coach, w.held, draft); err != nil {
			t.Fatal(err)
		}
		overdue, err := w.svc.OverdueFor(ctx, w.coach)
		if err != nil || len(overdue) != 0 {
			t.Errorf("overdue right after the session = %v (%v), want none", overdue, err)
		}
		w.now = sessionAt.Add(30 * time.Hour)
		if overdue, _ = w.svc.OverdueFor(ctx, w.coach); len(overdue) != 1 || overdue[0].AppointmentID != w.held {
			t.Errorf("overdue after a day = %v, want the held session", overdue)
		}
		if _, err := w.svc.SignOff(ctx, w.coach, w.held, note.Sections{Free: "  "}); kind(err) != "invalid" {
			t.Errorf("signing an empty note: got %v, want invalid", err)
		}
		final := draft
		final.Implementing = "Two evening walks a week"
		n, err := w.svc.SignOff(ctx, w.coach, w.held, final)
		if err != nil || n.SignedAt == nil || !n.Locked || len(n.Versions) != 2 {
			t.Fatalf("sign off: %+v %v", n, err)
		}
		if overdue, _ = w.svc.OverdueFor(ctx, w.coach); len(overdue) != 0 {
			t.Errorf("overdue after signing = %v, want none", overdue)
		}
		if _, err := w.svc.Save(ctx, w.coach, w.held, draft); kind(err) != "conflict" {
			t.Errorf("edit after sign-off: got %v, want conflict", err)
		}
		if _, err := w.svc.Amend(ctx, w.coach, w.held, final, " "); kind(err) != "invalid" {
			t.Errorf("amend without reason: got %v, want invalid", err)
		}
		amended := final
		amended.Creative = "Client shared a drawing"
		if n, err = w.svc.Amend(ctx, w.coach, w.held, amended, "added the drawing she brought"); err != nil {
			t.Fatal(err)
		}
		if len(n.Versions) != 3 || n.Versions[1].Sections.Implementing != final.Implementing || n.Versions[0].Kind != note.Draft ||
			n.Versions[1].Kind != note.Signed || n.Versions[2].Kind != note.Amendment || n.Current.Creative != amended.Creative {
			t.Errorf("versions = %+v", n.Versions)
		}
		if n.Current.Private == "" {
			t.Error("the coach does not see their private section")
		}
		if _, err := w.svc.Get(ctx, w.client, w.held); kind(err) != "not_found" {
			t.Errorf("client reads: got %v, want not_found", err)
		}
		if _, err := w.svc.Get(ctx, w.admin, w.held); kind(err) != "forbidden" {
			t.Errorf("admin without break-glass: got %v, want forbidden", err)
		}
	})
}

func TestLockedAfterSevenDays(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ctx := context.Background()
		body := note.Sections{Patterns: "Noticed the same tension at work"}
		w.now = sessionAt.Add(time.Hour + note.LockAfter - time.Minute)
		if _, err := w.svc.Save(ctx, w.coach, w.held, body); err != nil {
			t.Fatalf("just before the lock: %v", err)
		}
		w.now = sessionAt.Add(time.Hour + note.LockAfter + time.Minute)
		if _, err := w.svc.Save(ctx, w.coach, w.held, body); kind(err) != "conflict" {
			t.Errorf("just after the lock: got %v, want conflict", err)
		}
		n, err := w.svc.Amend(ctx, w.coach, w.held, body, "late addition")
		if err != nil || len(n.Versions) != 2 || n.SignedAt != nil {
			t.Errorf("amend after lock: %+v %v", n, err)
		}
	})
}

// TestNoteIsSealed greps the SQLite file for a note sentence: the body is
// sealed by the vault, in every version.
func TestNoteIsSealed(t *testing.T) {
	ctx := context.Background()
	path := apptest.NewDatabaseURL(t, store.SQLite)
	db := apptest.MustOpenURL(t, path)
	w := build(t, db)
	const sentence = "She described the garden door opening onto her grandmother's kitchen"
	if _, err := w.svc.Save(ctx, w.coach, w.held, note.Sections{Processing: sentence, Private: sentence + " (private)"}); err != nil {
		t.Fatal(err)
	}
	n, err := w.svc.SignOff(ctx, w.coach, w.held, note.Sections{Processing: sentence + ", signed"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := n.Versions[0].Sections.Processing, sentence; got != want {
		t.Errorf("first version = %q, want %q", got, want)
	}
	if _, err := db.Write.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(path + "*")
	if len(files) == 0 {
		t.Fatalf("no database files at %s", path)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte("garden door")) {
			t.Errorf("%s contains the note sentence in the clear", f)
		}
	}
}

// TestNoteAccessIsAudited: reads and writes leave audit events for the
// client, refused ones too.
func TestNoteAccessIsAudited(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ctx := context.Background()
		count := func(outcome string) int {
			var n int
			if err := db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM audit_events WHERE resource_type = 'session_note' AND outcome = ?`, outcome).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		if _, err := w.svc.Save(ctx, w.coach, w.held, note.Sections{Free: "short"}); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.Get(ctx, w.coach, w.held); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.Get(ctx, w.other, w.held); kind(err) != "not_found" {
			t.Errorf("other coach: got %v, want not_found", err)
		}
		if got, want := count("ok"), 2; got != want {
			t.Errorf("audited ok accesses = %d, want %d", got, want)
		}
		if got, want := count("denied"), 1; got != want {
			t.Errorf("audited refusals = %d, want %d", got, want)
		}
	})
}
