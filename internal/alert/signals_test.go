package alert_test

import (
	"context"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/alert"
	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/crisis"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/safety"
	"github.com/afterward/afterward/internal/store"
)

func TestNotSafeRaisesOneUrgentAlertAndContentFreeEmails(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := setup(t, db)
		ctx := context.Background()
		id, err := w.svc.NotSafe(ctx, w.Client)
		if err != nil {
			t.Fatal(err)
		}
		again, err := w.svc.NotSafe(ctx, w.Client)
		if err != nil || again != id {
			t.Errorf("pressing again: id %d, err %v; want the open alert %d", again, err, id)
		}
		q := w.queue(w.Coach)
		if len(q) != 1 || q[0].Level != safety.Urgent || q[0].Reason != alert.ReasonClientNotSafe || q[0].Source.Kind != alert.SourceNotSafeButton {
			t.Fatalf("coach's queue = %+v, want one urgent client_not_safe alert", q)
		}
		if got := q[0].ReasonLabel(); got != "The client said they are not safe right now" {
			t.Errorf("reason label = %q", got)
		}
		mails := w.emails()
		if len(mails) != 2 {
			t.Fatalf("emails = %d, want 2 (the coach and the admin)", len(mails))
		}
		for _, m := range mails {
			if !strings.Contains(m.Subject, "URGENT") || strings.Contains(m.Text, "Client One") || strings.Contains(m.Subject, "Client One") {
				t.Errorf("email to %s: subject %q, text %q; want urgent and no client details", m.To, m.Subject, m.Text)
			}
		}
		if _, err := w.svc.NotSafe(ctx, w.Coach); !errs.Is(err, errs.Forbidden) {
			t.Errorf("a coach presses the client's button: got %v, want forbidden", err)
		}
	})
}

func TestClientHelpFollowsTheAlertsKinds(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := setup(t, db)
		ctx := context.Background()
		medical := alert.Source{Kind: "journal_entry", ID: 7}
		w.raise(medical, safety.Urgent, alert.ReasonCrisisLanguage, safety.KindMedical)
		help, kinds, level, err := w.svc.ClientHelp(ctx, w.Client, medical)
		if err != nil {
			t.Fatal(err)
		}
		if len(kinds) != 1 || kinds[0] != safety.KindMedical || level != safety.Urgent {
			t.Errorf("kinds = %v, level %v; want [medical], urgent", kinds, level)
		}
		if got := roles(help.Lines); !strings.HasPrefix(got, "emergency,poison,crisis") {
			t.Errorf("medical help order = %s, want emergency, poison, crisis lines", got)
		}
		if help.Lines[1].Contact != "Call 1-800-222-1222" {
			t.Errorf("poison line = %+v, want US Poison Help", help.Lines[1])
		}
		q := w.queue(w.Coach)
		if len(q) != 1 || strings.Join(q[0].KindLabels(), ";") != crisis.KindLabel(safety.KindMedical) {
			t.Errorf("coach sees kinds %v", q[0].KindLabels())
		}

		violence := alert.Source{Kind: "message", ID: 3}
		w.raise(violence, safety.Urgent, alert.ReasonCrisisLanguage, safety.KindViolence)
		help, _, _, _ = w.svc.ClientHelp(ctx, w.Client, violence)
		if got := roles(help.Lines); !strings.HasPrefix(got, "emergency,violence") {
			t.Errorf("violence help order = %s, want emergency then a domestic-violence line", got)
		}

		none := alert.Source{Kind: "checkin", ID: 99}
		help, kinds, level, err = w.svc.ClientHelp(ctx, w.Client, none)
		if err != nil || len(kinds) != 0 || level != safety.None || help.Lines[0].Role != crisis.RoleEmergency {
			t.Errorf("no alert: kinds %v, first %+v, err %v; want the emergency number first", kinds, help.Lines[0], err)
		}
		if _, _, _, err := w.svc.ClientHelp(ctx, w.Coach, medical); !errs.Is(err, errs.NotFound) {
			t.Errorf("coach asks for the client's help: got %v, want not found", err)
		}
	})
}

func TestStructuredReasonsCarryTheirKinds(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := setup(t, db)
		err := db.InTx(context.Background(), func(tx *store.Tx) error {
			_, err := w.svc.CheckQuestionnaire(context.Background(), tx, w.Client.UserID, alert.Source{Kind: "questionnaire", ID: 1}, "phq9", []int{0, 0, 0, 0, 0, 0, 0, 0, 2})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		q := w.queue(w.Coach)
		if len(q) != 1 || q[0].Reason != alert.ReasonPHQ9Item9 || len(q[0].Kinds) == 0 || q[0].Kinds[0] != safety.KindSuicide {
			t.Fatalf("PHQ-9 item 9 alert = %+v, want reason phq9_item9 with kind suicide", q)
		}
	})
}

func TestRaiseOnceWaitsForTheOpenAlertToClose(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := setup(t, db)
		ctx := context.Background()
		raise := func(src int64) int64 {
			var id int64
			if err := db.InTx(ctx, func(tx *store.Tx) error {
				var err error
				id, err = w.svc.RaiseOnce(ctx, tx, w.Client.UserID, alert.Source{Kind: "checkin", ID: src}, safety.Concern, alert.ReasonLowMood)
				return err
			}); err != nil {
				t.Fatal(err)
			}
			return id
		}
		first := raise(1)
		if second := raise(2); first == 0 || second != 0 {
			t.Errorf("low mood on day 4: ids %d then %d, want one alert", first, second)
		}
		if err := w.svc.Close(ctx, w.Coach, first, "Called; mood plan agreed"); err != nil {
			t.Fatal(err)
		}
		if third := raise(3); third == 0 {
			t.Error("after closing, a new run raises again")
		}
	})
}

func roles(lines []crisis.Line) string {
	parts := make([]string, len(lines))
	for i, l := range lines {
		parts[i] = string(l.Role)
	}
	return strings.Join(parts, ",")
}

// The policy lets a client write their own record; following up an alert
// is still the practice's work.
func TestClientsDoNotFollowUpTheirOwnAlerts(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := setup(t, db)
		ctx := context.Background()
		id, err := w.svc.NotSafe(ctx, w.Client)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.svc.Close(ctx, w.Client, id, "I am fine now"); !errs.Is(err, errs.Forbidden) {
			t.Errorf("client closes: got %v, want forbidden", err)
		}
		if err := w.svc.Acknowledge(ctx, w.Client, id); !errs.Is(err, errs.Forbidden) {
			t.Errorf("client acknowledges: got %v, want forbidden", err)
		}
		if _, _, err := w.svc.OpenSource(ctx, w.Client, id); !errs.Is(err, errs.Forbidden) {
			t.Errorf("client opens the source: got %v, want forbidden", err)
		}
	})
}
