package intake_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/alert"
	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/intake"
	"github.com/afterward/afterward/internal/jobs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/safety"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/triage"
	"github.com/afterward/afterward/internal/vault"
)

type world struct {
	intakes                          *intake.Service
	alerts                           *alert.Service
	db                               *store.DB
	admin, coach, other, client, two policy.Actor
}

func setup(t *testing.T, db *store.DB) world {
	t.Helper()
	ctx := context.Background()
	if err := jobs.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	queue, err := jobs.New(db, jobs.Config{})
	if err != nil {
		t.Fatal(err)
	}
	key, _ := vault.NewMasterKey()
	ring, _ := vault.NewKeyring(key)
	clock := func() time.Time { return now }
	v, err := vault.New(vault.Config{Keys: vault.StaticKeys(ring), Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	pol := policy.New(db, clock, nil)
	w := world{db: db}
	w.alerts = alert.NewService(alert.Deps{DB: db, Policy: pol, Vault: v, Queue: queue, BaseURL: "https://care.example.org", Now: clock})
	w.intakes = intake.NewService(intake.Deps{DB: db, Policy: pol, Vault: v, Form: newForm(t), Alerts: w.alerts, Now: clock})
	err = db.InTx(ctx, func(tx *store.Tx) error {
		p := mustID(t, tx, `INSERT INTO practices (name, slug, created_at) VALUES ('P', 'p', ?) RETURNING id`, now)
		user := func(role account.Role, email string) policy.Actor {
			id := mustID(t, tx, `INSERT INTO users (practice_id, email, name, role, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id`, p, email, email, string(role), now)
			return policy.Actor{UserID: id, PracticeID: p, Role: role}
		}
		w.admin, w.coach, w.other = user(account.Admin, "admin@x.org"), user(account.Coach, "coach@x.org"), user(account.Coach, "other@x.org")
		w.client, w.two = user(account.Client, "client@x.org"), user(account.Client, "two@x.org")
		for _, c := range []policy.Actor{w.client, w.two} {
			if _, err := tx.Exec(ctx, `INSERT INTO clients (user_id, practice_id, coach_id, stage, created_at) VALUES (?, ?, ?, 'intake', ?)`, c.UserID, p, w.coach.UserID, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func mustID(t *testing.T, tx *store.Tx, q string, args ...any) int64 {
	t.Helper()
	id, err := store.InsertID(context.Background(), tx, q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return id
}

// fill saves every step of answers as the client would.
func fill(t *testing.T, w world, c policy.Actor, a intake.Answers) {
	t.Helper()
	for _, s := range newForm(t).Steps {
		if _, err := w.intakes.SaveStep(context.Background(), c, c.UserID, s.ID, a); err != nil {
			t.Fatalf("save %s: %v", s.ID, err)
		}
	}
}

func TestIntakeLifecycle(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := setup(t, db)
		next, err := w.intakes.SaveStep(ctx, w.client, w.client.UserID, intake.StepExperience, complete())
		if err != nil || next != intake.StepIntentions {
			t.Fatalf("save first step: next %q, err %v", next, err)
		}
		if _, err := w.intakes.SaveStep(ctx, w.client, w.client.UserID, intake.StepIntentions, intake.Answers{}); !errs.Is(err, errs.Invalid) {
			t.Errorf("empty intentions: got %v, want invalid", err)
		}
		got, err := w.intakes.Get(ctx, w.coach, w.client.UserID)
		if err != nil || got.Step != intake.StepIntentions || got.Answers["substance"] != "psilocybin" {
			t.Fatalf("coach reads progress: %+v, %v", got, err)
		}
		for _, who := range []policy.Actor{w.other, w.two, w.admin} {
			if _, err := w.intakes.Get(ctx, who, w.client.UserID); err == nil {
				t.Errorf("%s read another's intake", who.Role)
			}
		}
		var sealed []byte
		if err := db.Reader().QueryRow(ctx, `SELECT answers FROM intakes WHERE client_id = ?`, w.client.UserID).Scan(&sealed); err != nil || len(sealed) == 0 || bytes.Contains(sealed, []byte("psilocybin")) {
			t.Errorf("answers are not sealed at rest (err %v)", err)
		}

		fill(t, w, w.client, with(map[string]string{"cssrs_q2": "1", "cssrs_q3": "0", "cssrs_q4": "1", "cssrs_q5": "0"}))
		out, err := w.intakes.Submit(ctx, w.client, w.client.UserID)
		if err != nil || out.Disposition != triage.Emergency || !out.OnHold() {
			t.Fatalf("submit: %+v, %v; want emergency on hold", out, err)
		}
		if _, err := w.intakes.Submit(ctx, w.client, w.client.UserID); !errs.Is(err, errs.Conflict) {
			t.Errorf("second submit: %v, want conflict", err)
		}
		var stage string
		var emails int
		_ = db.Reader().QueryRow(ctx, `SELECT stage FROM clients WHERE user_id = ?`, w.client.UserID).Scan(&stage)
		_ = db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM river_job WHERE kind = 'email'`).Scan(&emails)
		if stage != "on_hold" || emails != 2 {
			t.Errorf("stage %q, emails queued %d; want on_hold and 2 (coach, admin)", stage, emails)
		}

		queue, err := w.alerts.Queue(ctx, w.coach)
		if err != nil || len(queue) != 1 || queue[0].Reason != alert.ReasonIntakeEmergency || queue[0].Level != safety.Urgent {
			t.Fatalf("coach queue: %+v, %v", queue, err)
		}
		if q, _ := w.alerts.Queue(ctx, w.other); len(q) != 0 {
			t.Errorf("other coach sees %d alerts", len(q))
		}
		if q, _ := w.alerts.Queue(ctx, w.admin); len(q) != 1 {
			t.Errorf("admin sees %d alerts, want 1", len(q))
		}
		id := queue[0].ID
		if err := w.alerts.Close(ctx, w.coach, id, "   "); !errs.Is(err, errs.Invalid) {
			t.Errorf("close without note: %v, want invalid", err)
		}
		if err := w.alerts.Close(ctx, w.admin, id, "called"); err == nil {
			t.Error("admin closed an alert without break-glass")
		}
		if err := w.alerts.Close(ctx, w.coach, id, "Called; safe with family tonight."); err != nil {
			t.Fatal(err)
		}
		if err := w.alerts.Close(ctx, w.coach, id, "again"); !errs.Is(err, errs.Conflict) {
			t.Errorf("close twice: %v, want conflict", err)
		}
		a, err := w.alerts.Get(ctx, w.coach, id)
		if err != nil || a.FollowUp != "Called; safe with family tonight." || a.Open() {
			t.Errorf("get closed alert: %+v, %v", a, err)
		}

		if err := w.intakes.LiftHold(ctx, w.client, w.client.UserID, "I feel fine"); !errs.Is(err, errs.NotFound) {
			t.Errorf("client clears self: %v, want not found", err)
		}
		if err := w.intakes.LiftHold(ctx, w.admin, w.client.UserID, "  "); !errs.Is(err, errs.Invalid) {
			t.Errorf("lift without a reason: %v, want invalid", err)
		}
		if err := w.intakes.LiftHold(ctx, w.admin, w.client.UserID, "Seen at urgent care on Monday; cleared for coaching."); err != nil {
			t.Fatal(err)
		}
		if err := intake.CheckNotOnHold(ctx, db.Reader(), w.client.UserID); err != nil {
			t.Errorf("after clearance: %v", err)
		}
	})
}

func TestQuestionnaireLevel(t *testing.T) {
	tests := []struct {
		name, instrument string
		answers          []int
		want             safety.Level
	}{
		{"phq9 item 9 zero", "phq9", []int{3, 3, 3, 3, 3, 3, 3, 3, 0}, safety.None},
		{"phq9 item 9 one", "phq9", []int{0, 0, 0, 0, 0, 0, 0, 0, 1}, safety.Concern},
		{"phq9 wrong length", "phq9", []int{1}, safety.None},
		{"cssrs low", "cssrs", []int{1, 1, 0, 0, 0, 0, 0}, safety.None},
		{"cssrs moderate (method)", "cssrs", []int{1, 1, 1, 0, 0, 0, 0}, safety.Concern},
		{"cssrs moderate (past behaviour)", "cssrs", []int{0, 0, 0, 0, 0, 1, 0}, safety.Concern},
		{"cssrs high (intent)", "cssrs", []int{0, 1, 0, 1, 0, 0, 0}, safety.Urgent},
		{"cssrs high (recent behaviour)", "cssrs", []int{0, 0, 0, 0, 0, 1, 1}, safety.Urgent},
		{"gad7 never alerts", "gad7", []int{3, 3, 3, 3, 3, 3, 3}, safety.None},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got, _ := alert.QuestionnaireLevel(tc.instrument, tc.answers); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

func TestScanTextRaisesOnce(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := setup(t, db)
		src := alert.Source{Kind: "journal_entry", ID: 7}
		for i, text := range []string{"Ego death was beautiful.", "I'm going to kill myself tonight.", "I'm going to kill myself tonight."} {
			err := db.InTx(ctx, func(tx *store.Tx) error {
				_, err := w.alerts.ScanText(ctx, tx, w.client.UserID, src, text)
				return err
			})
			if err != nil {
				t.Fatalf("scan %d: %v", i, err)
			}
		}
		q, err := w.alerts.Queue(ctx, w.coach)
		if err != nil || len(q) != 1 || q[0].Level != safety.Urgent || q[0].Source != src {
			t.Errorf("queue = %+v, %v; want one urgent alert from the entry", q, err)
		}
	})
}
