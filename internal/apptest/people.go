package apptest

import (
	"context"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// People is a small practice for service tests: a coach with two clients,
// another coach with one, a clinician the first client consented to share
// Consented categories with, and an admin.
type People struct {
	Admin, Coach, OtherCoach, Client, Client2, OtherClient, Clinician policy.Actor
}

// MustPeople creates People in db; consented lists the categories Client
// shares with Clinician (none: no consent row).
func MustPeople(tb testing.TB, db *store.DB, now time.Time, consented ...policy.Category) People {
	tb.Helper()
	ctx := context.Background()
	var p People
	err := db.InTx(ctx, func(tx *store.Tx) error {
		pid := mustInsert(tb, tx, `INSERT INTO practices (name, slug, created_at) VALUES ('P', 'p', ?) RETURNING id`, now)
		user := func(role account.Role, name string) policy.Actor {
			id := mustInsert(tb, tx, `INSERT INTO users (practice_id, email, name, role, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
				pid, name+"@example.org", name, string(role), now)
			return policy.Actor{UserID: id, PracticeID: pid, Role: role}
		}
		client := func(coach policy.Actor, name string) policy.Actor {
			a := user(account.Client, name)
			if _, err := tx.Exec(ctx, `INSERT INTO clients (user_id, practice_id, coach_id, stage, experience_at, created_at) VALUES (?, ?, ?, 'active', ?, ?)`,
				a.UserID, pid, coach.UserID, now.Add(-72*time.Hour), now); err != nil {
				tb.Fatal(err)
			}
			return a
		}
		p.Admin, p.Coach, p.OtherCoach = user(account.Admin, "Admin"), user(account.Coach, "Coach"), user(account.Coach, "Other Coach")
		p.Client, p.Client2, p.OtherClient = client(p.Coach, "Client One"), client(p.Coach, "Client Two"), client(p.OtherCoach, "Other Client")
		p.Clinician = user(account.Clinician, "Clinician")
		if len(consented) > 0 {
			cid := mustInsert(tb, tx, `INSERT INTO consents (client_id, recipient_id, starts_at, created_at) VALUES (?, ?, ?, ?) RETURNING id`,
				p.Client.UserID, p.Clinician.UserID, now.Add(-time.Hour), now)
			for _, c := range consented {
				if _, err := tx.Exec(ctx, `INSERT INTO consent_categories (consent_id, category) VALUES (?, ?)`, cid, string(c)); err != nil {
					tb.Fatal(err)
				}
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// MustVault returns a vault with a fresh master key and no ledger.
func MustVault(tb testing.TB, now func() time.Time) *vault.Vault {
	tb.Helper()
	key, err := vault.NewMasterKey()
	if err != nil {
		tb.Fatal(err)
	}
	ring, err := vault.NewKeyring(key)
	if err != nil {
		tb.Fatal(err)
	}
	v, err := vault.New(vault.Config{Keys: vault.StaticKeys(ring), Now: now})
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

func mustInsert(tb testing.TB, tx *store.Tx, q string, args ...any) int64 {
	tb.Helper()
	id, err := store.InsertID(context.Background(), tx, q, args...)
	if err != nil {
		tb.Fatalf("%s: %v", q, err)
	}
	return id
}
