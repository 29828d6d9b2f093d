package alert_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/alert"
	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/crisis"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/safety"
	"github.com/afterward/afterward/internal/store"
)

func (w *world) escalate() int {
	w.t.Helper()
	n, err := w.svc.Escalate(context.Background())
	if err != nil {
		w.t.Fatal(err)
	}
	return n
}

func (w *world) escalationEmails() int {
	n := 0
	for _, m := range w.emails() {
		if strings.Contains(m.Subject, "has not been acknowledged") {
			n++
			if m.To != "Admin@example.org" || strings.Contains(m.Text, "Client One") {
				w.t.Errorf("escalation email to %s: %q; want the admin only, without client details", m.To, m.Text)
			}
		}
	}
	return n
}

func TestUnacknowledgedUrgentAlertEscalatesOnce(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := setup(t, db)
		id := w.raise(alert.Source{Kind: "journal_entry", ID: 1}, safety.Urgent, alert.ReasonCrisisLanguage, safety.KindSuicide)
		concern := w.raise(alert.Source{Kind: "journal_entry", ID: 2}, safety.Concern, alert.ReasonCrisisLanguage)
		w.now = monday10.Add(29 * time.Minute)
		if n := w.escalate(); n != 0 {
			t.Fatalf("after 29 minutes: escalated %d, want 0", n)
		}
		w.now = monday10.Add(31 * time.Minute)
		if n := w.escalate(); n != 1 {
			t.Fatalf("after 31 minutes: escalated %d, want 1", n)
		}
		w.now = monday10.Add(2 * time.Hour)
		if n := w.escalate(); n != 0 {
			t.Errorf("a second run escalated %d more, want exactly once", n)
		}
		if n := w.escalationEmails(); n != 1 {
			t.Errorf("escalation emails = %d, want 1 (to the one admin)", n)
		}
		q := w.queue(w.Admin)
		if q[0].ID != id || q[0].EscalatedAt == nil {
			t.Errorf("admin's queue starts with %+v, want the escalated alert first", q[0])
		}
		for _, a := range q {
			if a.ID == concern && a.EscalatedAt != nil {
				t.Error("a concern alert was escalated")
			}
		}
		var audited int
		_ = db.Reader().QueryRow(context.Background(), `SELECT COUNT(*) FROM audit_events WHERE action = 'safety_alert_escalated'`).Scan(&audited)
		if audited != 1 {
			t.Errorf("escalation audit events = %d, want 1", audited)
		}
	})
}

func TestAcknowledgedAlertDoesNotEscalate(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := setup(t, db)
		id, err := w.svc.NotSafe(context.Background(), w.Client)
		if err != nil {
			t.Fatal(err)
		}
		w.now = monday10.Add(5 * time.Minute)
		if err := w.svc.Acknowledge(context.Background(), w.OtherCoach, id); !errs.Is(err, errs.NotFound) {
			t.Errorf("another coach acknowledges: got %v, want not found", err)
		}
		if err := w.svc.Acknowledge(context.Background(), w.Coach, id); err != nil {
			t.Fatal(err)
		}
		w.now = monday10.Add(3 * time.Hour)
		if n := w.escalate(); n != 0 {
			t.Errorf("escalated %d acknowledged alerts", n)
		}
		if q := w.queue(w.Coach); q[0].AcknowledgedAt == nil || !q[0].AcknowledgedAt.Equal(monday10.Add(5*time.Minute)) {
			t.Errorf("acknowledged at %v, want 10:05", q[0].AcknowledgedAt)
		}
	})
}

func TestEscalationCountsOfficeHoursOnly(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := setup(t, db)
		saturday := monday10.Add(5 * 24 * time.Hour) // Saturday 10:00 in New York
		w.now = saturday
		w.raise(alert.Source{Kind: "message", ID: 1}, safety.Urgent, alert.ReasonCrisisLanguage)
		w.now = saturday.Add(30 * time.Hour) // Sunday 16:00
		if n := w.escalate(); n != 0 {
			t.Fatalf("over the weekend: escalated %d, want 0", n)
		}
		// The clocks go forward on Sunday 8 March 2026 in New York.
		ny, _ := time.LoadLocation("America/New_York")
		w.now = time.Date(2026, 3, 9, 9, 29, 0, 0, ny)
		if n := w.escalate(); n != 0 {
			t.Fatalf("Monday 9:29: escalated %d, want 0", n)
		}
		w.now = time.Date(2026, 3, 9, 9, 31, 0, 0, ny)
		if n := w.escalate(); n != 1 {
			t.Fatalf("Monday 9:31: escalated %d, want 1", n)
		}
	})
}

func TestPracticeSetsTheEscalationTime(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := setup(t, db)
		set := crisis.DefaultSettings(w.Admin.PracticeID)
		set.AckWithin = 10 * time.Minute
		if err := crisis.NewService(db, func() time.Time { return w.now }).Save(context.Background(), w.Admin, set); err != nil {
			t.Fatal(err)
		}
		w.raise(alert.Source{Kind: "message", ID: 1}, safety.Urgent, alert.ReasonCrisisLanguage)
		w.now = monday10.Add(11 * time.Minute)
		if n := w.escalate(); n != 1 {
			t.Errorf("after 11 minutes with a 10-minute rule: escalated %d, want 1", n)
		}
	})
}

func TestOpenSourceIsAnAuditedRead(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := setup(t, db)
		ctx := context.Background()
		w.svc.AddSource("journal_entry", func(_ context.Context, _ *store.Tx, clientID, id int64) (alert.SourceText, error) {
			return alert.SourceText{Title: "Sunday", Body: "entry " + string(rune('0'+id))}, nil
		})
		id := w.raise(alert.Source{Kind: "journal_entry", ID: 4}, safety.Urgent, alert.ReasonCrisisLanguage, safety.KindMedical)
		a, text, err := w.svc.OpenSource(ctx, w.Coach, id)
		if err != nil || a.ID != id || text.Body != "entry 4" {
			t.Fatalf("coach opens: %+v %+v %v", a, text, err)
		}
		if _, _, err := w.svc.OpenSource(ctx, w.OtherCoach, id); !errs.Is(err, errs.NotFound) {
			t.Errorf("another coach opens: got %v, want not found", err)
		}
		if _, _, err := w.svc.OpenSource(ctx, w.Admin, id); !errs.Is(err, errs.Forbidden) {
			t.Errorf("admin without break-glass opens: got %v, want forbidden", err)
		}
		var reads int
		_ = db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM audit_events WHERE resource_type = 'safety_alert_source' AND outcome = 'ok'`).Scan(&reads)
		if reads != 1 {
			t.Errorf("audited reads = %d, want 1", reads)
		}
		if w.svc.HasText(alert.Source{Kind: alert.SourceNotSafeButton}) {
			t.Error("the button has no text to open")
		}
	})
}
