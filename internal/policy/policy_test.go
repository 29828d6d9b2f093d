package policy_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

var now = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// world is two practices: A (admin, two coaches, a client each, a
// clinician with consent for one category) and B (a coach and a client).
type world struct {
	adminA, coach1, coach2, client1, client2, clinician, coachB, clientB policy.Actor
}

func build(t *testing.T, db *store.DB) world {
	t.Helper()
	ctx := context.Background()
	var w world
	err := db.InTx(ctx, func(tx *store.Tx) error {
		pa := mustID(t, tx, `INSERT INTO practices (name, slug, created_at) VALUES ('A', 'a', ?) RETURNING id`, now)
		pb := mustID(t, tx, `INSERT INTO practices (name, slug, created_at) VALUES ('B', 'b', ?) RETURNING id`, now)
		user := func(p int64, role account.Role, name string) policy.Actor {
			id := mustID(t, tx, `INSERT INTO users (practice_id, email, name, role, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
				p, name+"@example.org", name, string(role), now)
			return policy.Actor{UserID: id, PracticeID: p, Role: role}
		}
		client := func(p int64, coach policy.Actor, name string) policy.Actor {
			a := user(p, account.Client, name)
			mustExec(t, tx, `INSERT INTO clients (user_id, practice_id, coach_id, created_at) VALUES (?, ?, ?, ?)`, a.UserID, p, coach.UserID, now)
			return a
		}
		w.adminA = user(pa, account.Admin, "admin")
		w.coach1, w.coach2 = user(pa, account.Coach, "coach1"), user(pa, account.Coach, "coach2")
		w.client1, w.client2 = client(pa, w.coach1, "client1"), client(pa, w.coach2, "client2")
		w.clinician = user(pa, account.Clinician, "clinician")
		w.coachB = user(pb, account.Coach, "coachB")
		w.clientB = client(pb, w.coachB, "clientB")
		consent := mustID(t, tx, `INSERT INTO consents (client_id, recipient_id, starts_at, created_at) VALUES (?, ?, ?, ?) RETURNING id`,
			w.client1.UserID, w.clinician.UserID, now.Add(-time.Hour), now)
		mustExec(t, tx, `INSERT INTO consent_categories (consent_id, category) VALUES (?, 'attendance')`, consent)
		mustExec(t, tx, `INSERT INTO break_glass (admin_id, client_id, reason, starts_at, expires_at) VALUES (?, ?, 'safety follow-up', ?, ?)`,
			w.adminA.UserID, w.client2.UserID, now.Add(-time.Minute), now.Add(time.Hour))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func TestDecide(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		const ok, notFound, forbidden = "ok", "not_found", "forbidden"
		tests := []struct {
			name   string
			actor  policy.Actor
			client policy.Actor
			cat    policy.Category
			act    policy.Action
			want   string
		}{
			{"client reads own journal", w.client1, w.client1, policy.Journal, policy.Read, ok},
			{"client reads another client's journal", w.client1, w.client2, policy.Journal, policy.Read, notFound},
			{"client in other practice", w.client1, w.clientB, policy.Roster, policy.Read, notFound},
			{"coach reads assigned client's notes", w.coach1, w.client1, policy.Notes, policy.Read, ok},
			{"coach writes assigned client's plan", w.coach1, w.client1, policy.Plan, policy.Write, ok},
			{"coach reads unassigned client", w.coach1, w.client2, policy.Notes, policy.Read, notFound},
			{"coach reads other practice's client", w.coach1, w.clientB, policy.Roster, policy.Read, notFound},
			{"coach cannot write billing", w.coach1, w.client1, policy.Billing, policy.Write, forbidden},
			{"admin reads roster", w.adminA, w.client1, policy.Roster, policy.Read, ok},
			{"admin writes billing", w.adminA, w.client1, policy.Billing, policy.Write, ok},
			{"admin reads notes without break-glass", w.adminA, w.client1, policy.Notes, policy.Read, forbidden},
			{"admin reads notes with break-glass", w.adminA, w.client2, policy.Notes, policy.Read, ok},
			{"admin cannot write notes even with break-glass", w.adminA, w.client2, policy.Notes, policy.Write, forbidden},
			{"admin of other practice", w.adminA, w.clientB, policy.Roster, policy.Read, notFound},
			{"clinician reads consented attendance", w.clinician, w.client1, policy.Attendance, policy.Read, ok},
			{"clinician reads unconsented scores", w.clinician, w.client1, policy.Scores, policy.Read, notFound},
			{"clinician reads journal", w.clinician, w.client1, policy.Journal, policy.Read, notFound},
			{"clinician writes attendance", w.clinician, w.client1, policy.Attendance, policy.Write, notFound},
			{"clinician reads client without consent", w.clinician, w.client2, policy.Attendance, policy.Read, notFound},
			{"no such client", w.coach1, policy.Actor{UserID: 999999}, policy.Roster, policy.Read, notFound},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				err := policy.Decide(context.Background(), db.Reader(), tc.actor, tc.client.UserID, tc.cat, tc.act, now)
				got := ok
				if err != nil {
					got = errs.KindOf(err).String()
				}
				if got != tc.want {
					t.Errorf("got %s (%v), want %s", got, err, tc.want)
				}
			})
		}
	})
}

func TestConsentAndBreakGlassExpire(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ctx := context.Background()
		later := now.Add(2 * time.Hour)
		if err := policy.Decide(ctx, db.Reader(), w.adminA, w.client2.UserID, policy.Notes, policy.Read, later); !errs.Is(err, errs.Forbidden) {
			t.Errorf("break-glass after expiry: got %v, want forbidden", err)
		}
		err := db.InTx(ctx, func(tx *store.Tx) error {
			_, err := tx.Exec(ctx, `UPDATE consents SET revoked_at = ? WHERE client_id = ?`, now, w.client1.UserID)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := policy.Decide(ctx, db.Reader(), w.clinician, w.client1.UserID, policy.Attendance, policy.Read, now.Add(time.Second)); !errs.Is(err, errs.NotFound) {
			t.Errorf("after revocation: got %v, want not found", err)
		}
	})
}

func mustID(t *testing.T, tx *store.Tx, q string, args ...any) int64 {
	t.Helper()
	id, err := store.InsertID(context.Background(), tx, q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return id
}

func mustExec(t *testing.T, tx *store.Tx, q string, args ...any) {
	t.Helper()
	if _, err := tx.Exec(context.Background(), q, args...); err != nil {
		t.Fatal(fmt.Errorf("%s: %w", q, err))
	}
}
