package billing_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/billing"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

var t0 = time.Date(2026, 3, 2, 17, 0, 0, 0, time.UTC)

// clock is a settable test clock.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// practiceFixture is one practice: an admin, coaches with a 60-minute fee
// each, and clients assigned round-robin to the coaches.
type practiceFixture struct {
	db      *store.DB
	svc     *billing.Service
	secrets billing.Secrets
	clock   *clock
	admin   policy.Actor
	coaches []policy.Actor
	clients []policy.Actor
}

func newPractice(t testing.TB, db *store.DB, coaches, clients int, fee int64) *practiceFixture {
	t.Helper()
	ctx := context.Background()
	f := &practiceFixture{db: db, clock: &clock{t0}}
	f.secrets = vault.PracticeSecrets{Vault: apptest.MustVault(t, f.clock.now)}
	f.svc = f.service(nil)
	err := db.InTx(ctx, func(tx *store.Tx) error {
		var pid int64
		if err := tx.QueryRow(ctx, `INSERT INTO practices (name, slug, time_zone, created_at) VALUES ('Riverbend', ?, 'America/Los_Angeles', ?) RETURNING id`,
			fmt.Sprintf("p%d", time.Now().UnixNano()), t0).Scan(&pid); err != nil {
			return err
		}
		user := func(role account.Role, name string) (policy.Actor, error) {
			var id int64
			err := tx.QueryRow(ctx, `INSERT INTO users (practice_id, email, name, role, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
				pid, fmt.Sprintf("%s-%d@example.org", name, pid), name, string(role), t0).Scan(&id)
			return policy.Actor{UserID: id, PracticeID: pid, Role: role}, err
		}
		var err error
		if f.admin, err = user(account.Admin, "admin"); err != nil {
			return err
		}
		for i := range coaches {
			c, err := user(account.Coach, fmt.Sprintf("Coach %02d", i+1))
			if err != nil {
				return err
			}
			f.coaches = append(f.coaches, c)
		}
		for i := range clients {
			c, err := user(account.Client, fmt.Sprintf("Client %03d", i+1))
			if err != nil {
				return err
			}
			coach := f.coaches[i%coaches]
			if _, err := tx.Exec(ctx, `INSERT INTO clients (user_id, practice_id, coach_id, created_at) VALUES (?, ?, ?, ?)`, c.UserID, pid, coach.UserID, t0); err != nil {
				return err
			}
			f.clients = append(f.clients, c)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range f.coaches {
		if _, err := f.svc.SetFee(ctx, f.admin, billing.Fee{CoachID: c.UserID, LengthMinutes: 60, Price: billing.Money{Amount: fee}}); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// coachOf is the coach assigned to client i.
func (f *practiceFixture) coachOf(i int) policy.Actor { return f.coaches[i%len(f.coaches)] }

// bill marks a 60-minute session held for client i and returns its line.
func (f *practiceFixture) bill(t testing.TB, i int, sessionID int64, at time.Time) billing.Line {
	t.Helper()
	var l billing.Line
	err := f.db.InTx(context.Background(), func(tx *store.Tx) error {
		var err error
		l, err = f.svc.BillSession(context.Background(), tx, billing.SessionBilled{ClientID: f.clients[i].UserID,
			CoachID: f.coachOf(i).UserID, SessionID: sessionID, HeldAt: at, LengthMinutes: 60})
		return err
	})
	if err != nil {
		t.Fatalf("bill session: %v", err)
	}
	return l
}

func mustNil(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// service is the billing service on the fixture's database, clock and
// sealed keys, taking cards through checkout (nil: no online payments).
func (f *practiceFixture) service(checkout billing.CardCheckout) *billing.Service {
	return billing.NewService(billing.Deps{DB: f.db, Now: f.clock.now, Checkout: checkout, Secrets: f.secrets})
}
