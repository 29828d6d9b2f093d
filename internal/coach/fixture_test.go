package coach_test

import (
	"context"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/coach"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/schedule"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// now is a Monday, 12:00 UTC.
var now = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

type world struct {
	db        *store.DB
	clock     time.Time // now, unless a test moves it
	svc       *coach.Service
	schedule  *schedule.Service
	practice  int64
	admin     policy.Actor
	otherPrac policy.Actor // an admin of another practice
	vault     *vault.Vault
}

func newWorld(t *testing.T, db *store.DB) *world {
	t.Helper()
	w := &world{db: db, clock: now}
	w.vault = apptest.MustVault(t, func() time.Time { return w.clock })
	w.use(coach.Deps{})
	err := db.InTx(context.Background(), func(tx *store.Tx) error {
		w.practice = mustID(t, tx, `INSERT INTO practices (name, slug, created_at) VALUES ('A', 'a', ?) RETURNING id`, now)
		other := mustID(t, tx, `INSERT INTO practices (name, slug, created_at) VALUES ('B', 'b', ?) RETURNING id`, now)
		w.admin = user(t, tx, w.practice, account.Admin, "admin")
		w.otherPrac = user(t, tx, other, account.Admin, "admin-b")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// use rebuilds the coach service with cfg, wired to the real schedule as
// the app wires it (the schedule is the one source of open times and books
// first sessions), both on the world's clock.
func (w *world) use(cfg coach.Deps) {
	clock := func() time.Time { return w.clock }
	w.schedule = schedule.NewService(schedule.Deps{DB: w.db, Policy: policy.New(w.db, clock, nil), Now: clock})
	cfg.Calendar = w.schedule
	if cfg.Vault == nil {
		cfg.Vault = w.vault
	}
	cfg.DB, cfg.Now = w.db, clock
	w.svc = coach.NewService(cfg)
}

func user(t *testing.T, tx *store.Tx, practiceID int64, role account.Role, name string) policy.Actor {
	t.Helper()
	id := mustID(t, tx, `INSERT INTO users (practice_id, email, name, role, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
		practiceID, name+"@example.org", name, string(role), now)
	return policy.Actor{UserID: id, PracticeID: practiceID, Role: role}
}

func (w *world) coachUser(t *testing.T, name string) policy.Actor {
	t.Helper()
	var a policy.Actor
	err := w.db.InTx(context.Background(), func(tx *store.Tx) error {
		a = user(t, tx, w.practice, account.Coach, name)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func (w *world) client(t *testing.T, name string) policy.Actor {
	t.Helper()
	var a policy.Actor
	err := w.db.InTx(context.Background(), func(tx *store.Tx) error {
		a = user(t, tx, w.practice, account.Client, name)
		_, err := tx.Exec(context.Background(), `INSERT INTO clients (user_id, practice_id, stage, experience_at, substance, context, created_at)
			VALUES (?, ?, 'matching', ?, 'psilocybin', 'legal_service', ?)`, a.UserID, w.practice, now.Add(-20*time.Hour), now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// validProfile is a clean profile that passes Validate.
func validProfile(name string) coach.Profile {
	return coach.Profile{
		Name:        name,
		Headline:    "Integration coach for ceremony aftercare",
		Bio:         "I help people make sense of what came up and bring it into daily life.",
		Answers:     coach.Answers{Training: "150 hours of training, monthly supervision.", Experience: "Psilocybin in legal services.", Crisis: "We slow down and I share crisis lines.", Therapy: "I work alongside your therapist."},
		Supervision: coach.Supervision{Kind: coach.SupervisionSupervisor, Frequency: "monthly"},
		EthicsCode:  "ICF Code of Ethics",
		YearsActive: 4,
		Substances:  []string{"psilocybin"},
		Contexts:    []string{"legal_service"},
		Modalities:  []string{"talk", "journaling"},
		Languages:   []string{"en"},
		Formats:     []string{"video"},
		Lengths:     []string{"60", "90"},
		FeeMinor:    120_00,
		Currency:    "USD",
		TimeZone:    "UTC",
		Weekly:      []coach.Window{{Weekday: time.Monday, Start: 14 * 60, End: 18 * 60}, {Weekday: time.Wednesday, Start: 9 * 60, End: 12 * 60}},
		Accepting:   true,
	}
}

// verifiedCoach saves p for a new coach and verifies hours of training.
func (w *world) verifiedCoach(t *testing.T, login string, p coach.Profile, hours int) policy.Actor {
	t.Helper()
	ctx := context.Background()
	a := w.coachUser(t, login)
	if err := w.schedule.SetPlace(ctx, a, schedule.Place{RoomURL: "https://meet.example.org/" + login}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.SaveProfile(ctx, a, p); err != nil {
		t.Fatalf("save profile %s: %v", login, err)
	}
	if hours > 0 {
		tr, err := w.svc.AddTraining(ctx, a, coach.Training{Name: "Integration certificate", Provider: "Collective", Hours: hours, Year: 2024})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.svc.VerifyTraining(ctx, w.admin, tr.ID); err != nil {
			t.Fatal(err)
		}
	}
	return a
}

func mustID(t *testing.T, tx *store.Tx, q string, args ...any) int64 {
	t.Helper()
	id, err := store.InsertID(context.Background(), tx, q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return id
}
