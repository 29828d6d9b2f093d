package alert_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/alert"
	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/jobs"
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/safety"
	"github.com/afterward/afterward/internal/store"
)

// monday10 is a Monday, 10:00 in New York (the test practice's zone).
var monday10 = time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC)

type world struct {
	t   *testing.T
	db  *store.DB
	svc *alert.Service
	now time.Time
	apptest.People
}

func setup(t *testing.T, db *store.DB) *world {
	t.Helper()
	ctx := context.Background()
	if err := jobs.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	queue, err := jobs.New(db, jobs.Config{})
	if err != nil {
		t.Fatal(err)
	}
	w := &world{t: t, db: db, now: monday10}
	clock := func() time.Time { return w.now }
	w.People = apptest.MustPeople(t, db, w.now)
	w.svc = alert.NewService(alert.Deps{DB: db, Policy: policy.New(db, clock, nil), Vault: apptest.MustVault(t, clock), Queue: queue,
		BaseURL: "https://care.example.org", Now: clock})
	return w
}

// raise raises an alert for the client in its own transaction.
func (w *world) raise(src alert.Source, level safety.Level, reason string, kinds ...safety.Kind) int64 {
	w.t.Helper()
	var id int64
	err := w.db.InTx(context.Background(), func(tx *store.Tx) error {
		var err error
		id, err = w.svc.RaiseWith(context.Background(), tx, w.Client.UserID, src, level, reason, kinds)
		return err
	})
	if err != nil {
		w.t.Fatal(err)
	}
	return id
}

// emails returns the queued emails, oldest first.
func (w *world) emails() []notify.Email {
	w.t.Helper()
	args := "json(args)" // riversqlite stores JSONB
	if w.db.Dialect == store.Postgres {
		args = "args::text"
	}
	rows, err := w.db.Reader().Query(context.Background(), `SELECT `+args+` FROM river_job WHERE kind = 'email' ORDER BY id`)
	if err != nil {
		w.t.Fatal(err)
	}
	defer rows.Close()
	var out []notify.Email
	for rows.Next() {
		var raw []byte
		if err := rows.Scan(&raw); err != nil {
			w.t.Fatal(err)
		}
		var a notify.EmailArgs
		if err := json.Unmarshal(raw, &a); err != nil {
			w.t.Fatalf("email job args %s: %v", raw, err)
		}
		out = append(out, a.Email)
	}
	return out
}

func (w *world) queue(a policy.Actor) []alert.Alert {
	w.t.Helper()
	list, err := w.svc.Queue(context.Background(), a)
	if err != nil {
		w.t.Fatal(err)
	}
	return list
}
