package policy_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// TestDoGroupedConcurrent: writes that share group commits each keep
// what Do guarantees — an allowed write is durable with its event when
// DoGrouped returns; a refused one or one whose work fails writes nothing,
// the refusal is audited as denied, and neither stops the others in its
// batch. The audit chain verifies. On both engines.
func TestDoGroupedConcurrent(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := build(t, db)
		p := policy.New(db, func() time.Time { return now }, nil)
		type write struct {
			name  string
			actor policy.Actor
			fails bool
			want  errs.Kind // -1: no error
		}
		var writes []write
		for i := range 24 {
			switch i % 6 {
			case 4:
				writes = append(writes, write{fmt.Sprintf("refused-%d", i), w.coach2, false, errs.NotFound})
			case 5:
				writes = append(writes, write{fmt.Sprintf("failing-%d", i), w.client1, true, errs.Invalid})
			default:
				writes = append(writes, write{fmt.Sprintf("ok-%d", i), w.client1, false, -1})
			}
		}
		errors := make([]error, len(writes))
		var start, done sync.WaitGroup
		start.Add(1)
		for i, wr := range writes {
			done.Add(1)
			go func() {
				defer done.Done()
				start.Wait()
				acc := policy.Access{ClientID: w.client1.UserID, Category: policy.Journal, Action: policy.Write, ResourceType: "grouped", Detail: wr.name}
				errors[i] = p.DoGrouped(ctx, wr.actor, acc, func(tx *store.Tx) error {
					if _, err := tx.Exec(ctx, `INSERT INTO practices (name, slug, created_at) VALUES (?, ?, ?)`, wr.name, "grouped-"+wr.name, now); err != nil {
						return err
					}
					if wr.fails {
						return errs.E(errs.Invalid, "this write fails after writing")
					}
					return nil
				})
			}()
		}
		start.Done()
		done.Wait()
		for i, wr := range writes {
			t.Run(wr.name, func(t *testing.T) {
				err := errors[i]
				if wr.want < 0 && err != nil || wr.want >= 0 && !errs.Is(err, wr.want) {
					t.Fatalf("err = %v, want kind %v", err, wr.want)
				}
				var rows, ok, denied int
				q := db.Reader()
				if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM practices WHERE slug = ?`, "grouped-"+wr.name).Scan(&rows); err != nil {
					t.Fatal(err)
				}
				if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM audit_events WHERE resource_type = 'grouped' AND detail = ? AND outcome = 'ok'`, wr.name).Scan(&ok); err != nil {
					t.Fatal(err)
				}
				if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM audit_events WHERE outcome = 'denied' AND actor_id = ? AND client_id = ?`, w.coach2.UserID, w.client1.UserID).Scan(&denied); err != nil {
					t.Fatal(err)
				}
				wantRows := 0
				if wr.want < 0 {
					wantRows = 1
				}
				if rows != wantRows || ok != wantRows {
					t.Errorf("rows %d, ok events %d; want %d each", rows, ok, wantRows)
				}
				if denied != 4 {
					t.Errorf("denied events = %d, want one per refused write (4)", denied)
				}
			})
		}
		res, err := audit.Verify(ctx, db.Reader(), audit.VerifyOptions{Key: apptest.AuditKey, AllowUnanchored: true})
		if err != nil || !res.OK() {
			t.Errorf("audit chain: %+v, %v", res, err)
		}
	})
}

// TestDecideOnceWithinATransaction: the policy decides a client's or a
// coach's access once per transaction (a group commit's batch asks the
// same question for each save): within the transaction an allowed answer
// stands; a refusal is decided again, and so is an admin's break-glass
// access, which depends on the time; the next transaction decides afresh.
// On both engines.
func TestDecideOnceWithinATransaction(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := build(t, db)
		journal := func(client policy.Actor, act policy.Action) policy.Access {
			return policy.Access{ClientID: client.UserID, Category: policy.Journal, Action: act}
		}
		setCoach := func(tx *store.Tx, coach policy.Actor) {
			mustExec(t, tx, `UPDATE clients SET coach_id = ? WHERE user_id = ?`, coach.UserID, w.client1.UserID)
		}
		rollback := errs.E(errs.Internal, "roll the test's changes back")
		steps := []struct {
			name   string
			before func(tx *store.Tx)
			actor  policy.Actor
			client policy.Actor
			act    policy.Action
			want   errs.Kind // -1: allowed
		}{
			{"another coach is refused", nil, w.coach2, w.client1, policy.Write, errs.NotFound},
			{"a refusal is decided again", func(tx *store.Tx) { setCoach(tx, w.coach2) }, w.coach2, w.client1, policy.Write, -1},
			{"an allowed access stands for the transaction", func(tx *store.Tx) { setCoach(tx, w.coach1) }, w.coach2, w.client1, policy.Write, -1},
			{"an admin under break-glass may read", nil, w.adminA, w.client2, policy.Read, -1},
			{"an admin's access is decided again", func(tx *store.Tx) {
				mustExec(t, tx, `UPDATE break_glass SET ended_at = ? WHERE admin_id = ?`, now, w.adminA.UserID)
			}, w.adminA, w.client2, policy.Read, errs.Forbidden},
		}
		err := db.InTx(ctx, func(tx *store.Tx) error {
			for _, st := range steps {
				if st.before != nil {
					st.before(tx)
				}
				err := policy.DecideOnce(ctx, tx, st.actor, journal(st.client, st.act), now)
				if st.want < 0 && err != nil || st.want >= 0 && !errs.Is(err, st.want) {
					t.Errorf("%s: err = %v, want kind %v", st.name, err, st.want)
				}
			}
			return rollback
		})
		if err != rollback {
			t.Fatal(err)
		}
		err = db.InTx(ctx, func(tx *store.Tx) error {
			return policy.DecideOnce(ctx, tx, w.coach2, journal(w.client1, policy.Write), now)
		})
		if !errs.Is(err, errs.NotFound) {
			t.Errorf("the next transaction: err = %v, want not found", err)
		}
	})
}
