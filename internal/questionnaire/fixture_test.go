package questionnaire_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/jobs"
	"github.com/afterward/afterward/internal/measure"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/questionnaire"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// riskCall is one call of the recording RiskResponder.
type riskCall struct {
	clientID   int64
	instrument string
	responseID int64
	level      string
}

// recordingRisk stands in for the intake work's alert service in tests: it
// records what the service asked it to do (no database is mocked).
type recordingRisk struct{ calls []riskCall }

func (r *recordingRisk) QuestionnaireRisk(_ context.Context, _ *store.Tx, clientID int64, instrument string, responseID int64, level string) error {
	r.calls = append(r.calls, riskCall{clientID, instrument, responseID, level})
	return nil
}

type world struct {
	db                   *store.DB
	svc                  *questionnaire.Service
	reg                  *measure.Registry
	risk                 *recordingRisk
	practiceID           int64
	admin, coach, coach2 policy.Actor
	client, client2      policy.Actor
	now                  time.Time
}

func newWorld(t testing.TB, db *store.DB) *world {
	t.Helper()
	ctx := context.Background()
	w := &world{db: db, risk: &recordingRisk{}, now: t0}
	var err error
	if w.reg, err = measure.Builtin(); err != nil {
		t.Fatal(err)
	}
	if err := jobs.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	q, err := jobs.New(db, jobs.Config{})
	if err != nil {
		t.Fatal(err)
	}
	key, _ := vault.NewMasterKey()
	ring, _ := vault.NewKeyring(key)
	v, err := vault.New(vault.Config{Keys: vault.StaticKeys(ring), Now: func() time.Time { return w.now }})
	if err != nil {
		t.Fatal(err)
	}
	clock := func() time.Time { return w.now }
	w.svc = questionnaire.NewService(questionnaire.Deps{DB: db, Policy: policy.New(db, clock, nil), Vault: v, Jobs: q, Measures: w.reg,
		Now: clock, BaseURL: "http://afterward.test", Risk: w.risk})
	err = db.InTx(ctx, func(tx *store.Tx) error {
		w.practiceID, err = store.InsertID(ctx, tx, `INSERT INTO practices (name, slug, created_at) VALUES ('P', 'p', ?) RETURNING id`, t0)
		if err != nil {
			return err
		}
		w.admin = w.user(t, tx, "admin", account.Admin)
		w.coach = w.user(t, tx, "coach", account.Coach)
		w.coach2 = w.user(t, tx, "coach2", account.Coach)
		w.client = w.user(t, tx, "client", account.Client)
		w.client2 = w.user(t, tx, "client2", account.Client)
		exp := t0.Add(-2 * 24 * time.Hour)
		for _, c := range []struct{ client, coach policy.Actor }{{w.client, w.coach}, {w.client2, w.coach2}} {
			if _, err := tx.Exec(ctx, `INSERT INTO clients (user_id, practice_id, coach_id, stage, experience_at, created_at) VALUES (?, ?, ?, 'active', ?, ?)`,
				c.client.UserID, w.practiceID, c.coach.UserID, exp, t0); err != nil {
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

func (w *world) user(t testing.TB, tx *store.Tx, name string, role account.Role) policy.Actor {
	t.Helper()
	id, err := store.InsertID(context.Background(), tx, `INSERT INTO users (practice_id, email, name, role, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
		w.practiceID, fmt.Sprintf("%s@p.example.org", name), name, string(role), t0)
	if err != nil {
		t.Fatal(err)
	}
	return policy.Actor{UserID: id, PracticeID: w.practiceID, Role: role}
}

// answers builds a form with every item of def set to v (item9 as given).
func form(n int, v string) map[string]string {
	f := map[string]string{}
	for i := 1; i <= n; i++ {
		f[fmt.Sprintf("item%d", i)] = v
	}
	return f
}
