package audit_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

var t0 = time.Date(2026, 4, 2, 10, 0, 0, 0, time.UTC)

func event(i int) audit.Event {
	return audit.Event{
		At: t0.Add(time.Duration(i) * time.Second).Add(789 * time.Nanosecond), ActorID: int64(100 + i%3),
		ActorRole: "coach", Action: audit.ActionRead, ResourceType: "journal_entry",
		ResourceID: fmt.Sprint(i), ClientID: int64(1 + i%2), Outcome: audit.OutcomeOK,
		ClientIP: "198.51.100.7", RequestID: fmt.Sprintf("req-%d", i), Detail: "fields=body",
	}
}

func appendN(t *testing.T, db *store.DB, n int) {
	t.Helper()
	ctx := context.Background()
	for i := 1; i <= n; i++ {
		err := db.InTx(ctx, func(tx *store.Tx) error {
			err := audit.Append(ctx, tx, event(i))
			return err
		})
		if err != nil {
			t.Fatalf("append %d: %v", i, err)
		}
	}
}

// mustVerify checks the chain with the test key and, as a server would
// have, a signed checkpoint of the current head.
func mustVerify(t *testing.T, db *store.DB, cps ...audit.Checkpoint) audit.VerifyResult {
	t.Helper()
	ctx := context.Background()
	if len(cps) == 0 {
		cps = []audit.Checkpoint{checkpoint(t, db)}
	}
	res, err := audit.Verify(ctx, db.Reader(), audit.VerifyOptions{Key: apptest.AuditKey, Checkpoints: cps})
	if err != nil {
		t.Fatalf("verify: %v", err)
	}
	return res
}

// checkpoint signs the current head, as the server does every minute.
func checkpoint(t *testing.T, db *store.DB) audit.Checkpoint {
	t.Helper()
	head, err := audit.ReadHead(context.Background(), db.Reader())
	if err != nil {
		t.Fatal(err)
	}
	return audit.NewCheckpoint(apptest.AuditKey, head, t0)
}

func TestAppendAndVerify(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		if res := mustVerify(t, db); !res.OK() || res.Events != 0 {
			t.Errorf("empty chain: got %+v, want ok with 0 events", res)
		}
		appendN(t, db, 5)
		res := mustVerify(t, db)
		if !res.OK() || res.Events != 5 || res.Head.Seq != 5 {
			t.Errorf("got %+v, want ok with 5 events", res)
		}
	})
}

// TestVerifyDetectsTampering plays an intruder who can write the database
// (and so first drops its append-only guards) but holds neither the audit
// key nor the checkpoint log: each way of rewriting the trail must be
// caught, naming the first broken event.
func TestVerifyDetectsTampering(t *testing.T) {
	tests := []struct {
		name       string
		tamper     []string
		wantBroken int64
		wantReason string
	}{
		{"modify detail", []string{`UPDATE audit_events SET detail = 'x' WHERE id = 3`}, 3, "keyed MAC"},
		{"modify actor", []string{`UPDATE audit_events SET actor_id = 999 WHERE id = 2`}, 2, "keyed MAC"},
		{"modify outcome", []string{`UPDATE audit_events SET outcome = 'denied' WHERE id = 1`}, 1, "keyed MAC"},
		{"modify time", []string{`UPDATE audit_events SET at = ? WHERE id = 4`}, 4, "keyed MAC"},
		{"copy another event's MAC", []string{`UPDATE audit_events SET hash = (SELECT hash FROM audit_events WHERE id = 5) WHERE id = 2`}, 2, "keyed MAC"},
		{"delete middle", []string{`DELETE FROM audit_events WHERE id = 3`}, 3, "missing"},
		{"delete first", []string{`DELETE FROM audit_events WHERE id = 1`}, 1, "missing"},
		{"delete newest", []string{`DELETE FROM audit_events WHERE id >= 5`}, 5, "missing"},
		{"delete all", []string{`DELETE FROM audit_events`}, 1, "missing"},
		{"edit head hash", []string{`UPDATE audit_head SET last_hash = (SELECT hash FROM audit_events WHERE id = 1)`}, 6, "head"},
		{"insert beyond head", []string{`INSERT INTO audit_events SELECT id + 10, at, actor_id, actor_role, action, resource_type,
			resource_id, client_id, outcome, client_ip, request_id, detail, prev_hash, hash FROM audit_events WHERE id = 6`}, 16, "beyond"},
		{"insert and advance the head", []string{`INSERT INTO audit_events SELECT 7, at, actor_id, actor_role, action, resource_type,
			resource_id, client_id, outcome, client_ip, request_id, detail, hash, hash FROM audit_events WHERE id = 6`,
			`UPDATE audit_head SET seq = 7, last_hash = (SELECT hash FROM audit_events WHERE id = 7)`}, 7, "keyed MAC"},
		{"reorder two events", []string{`UPDATE audit_events SET id = 100 WHERE id = 2`, `UPDATE audit_events SET id = 2 WHERE id = 3`, `UPDATE audit_events SET id = 3 WHERE id = 100`}, 2, "previous-hash"},
		{"truncate and wind the head back", []string{`DELETE FROM audit_events WHERE id >= 5`,
			`UPDATE audit_head SET seq = 4, last_hash = (SELECT hash FROM audit_events WHERE id = 4)`}, 5, "truncated"},
		{"move the keyed boundary", []string{`UPDATE audit_head SET keyed_from = 7`}, 7, "boundary moved"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
				ctx := context.Background()
				appendN(t, db, 6)
				cp := checkpoint(t, db)
				dropGuards(t, db)
				for _, q := range tc.tamper {
					var args []any
					if strings.Contains(q, "?") {
						args = append(args, t0.Add(time.Hour))
					}
					if _, err := db.Write.ExecContext(ctx, db.Rebind(q), args...); err != nil {
						t.Fatalf("tamper %q: %v", q, err)
					}
				}
				res := mustVerify(t, db, cp)
				if res.FirstBroken != tc.wantBroken || !strings.Contains(res.Reason, tc.wantReason) {
					t.Errorf("got broken at %d (%q), want %d (%q)", res.FirstBroken, res.Reason, tc.wantBroken, tc.wantReason)
				}
			})
		})
	}
}

// TestVerifyDetectsRecomputeWithoutKey: the intruder changes an event and
// recomputes every later link and the head — what defeated the plain
// SHA-256 chain — with the only algorithm they can run without the key,
// also moving the keyed boundary so the events pass as pre-key ones.
func TestVerifyDetectsRecomputeWithoutKey(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		appendN(t, db, 6)
		cp := checkpoint(t, db)
		dropGuards(t, db)
		recompute(t, db, 2, audit.EventHash)
		res := mustVerify(t, db, cp)
		if res.FirstBroken != 2 || !strings.Contains(res.Reason, "keyed MAC") {
			t.Errorf("recomputed chain: got broken at %d (%q), want 2 (keyed MAC)", res.FirstBroken, res.Reason)
		}
		if _, err := db.Write.ExecContext(ctx, `UPDATE audit_head SET keyed_from = 7`); err != nil {
			t.Fatal(err)
		}
		res = mustVerify(t, db, cp)
		if res.OK() || !strings.Contains(res.Reason, "boundary moved") {
			t.Errorf("recomputed as pre-key events: got %+v, want the moved boundary caught", res)
		}
		// Without any checkpoint the same rewrite is refused as unanchored.
		res, err := audit.Verify(ctx, db.Reader(), audit.VerifyOptions{Key: apptest.AuditKey})
		if err != nil || res.OK() || !strings.Contains(res.Reason, "no signed checkpoint") {
			t.Errorf("no checkpoint: got %+v, %v, want refused as unanchored", res, err)
		}
	})
}

// TestVerifyChecksCheckpointsAndKey: a checkpoint signed with another key
// and verification with another key both fail.
func TestVerifyChecksCheckpointsAndKey(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		appendN(t, db, 3)
		if err := audit.BindKey(ctx, db, apptest.AuditKey); err != nil {
			t.Fatal(err)
		}
		head, _ := audit.ReadHead(ctx, db.Reader())
		other := []byte("another-audit-key-of-32-bytes!!!")
		forged := audit.NewCheckpoint(other, head, t0)
		if res := mustVerify(t, db, forged); res.OK() || !strings.Contains(res.Reason, "not signed with this audit key") {
			t.Errorf("forged checkpoint: got %+v", res)
		}
		res, err := audit.Verify(ctx, db.Reader(), audit.VerifyOptions{Key: other, Checkpoints: []audit.Checkpoint{forged}})
		if err != nil || res.OK() || !strings.Contains(res.Reason, "is not the one the trail is keyed with") {
			t.Errorf("wrong key: got %+v, %v", res, err)
		}
		if err := audit.BindKey(ctx, db, other); !errs.Is(err, errs.Invalid) {
			t.Errorf("binding another key: got %v, want Invalid", err)
		}
	})
}

// TestDatabaseRefusesRewrites: with its guards in place the database itself
// refuses to change or remove events and to wind the head back.
func TestDatabaseRefusesRewrites(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		appendN(t, db, 3)
		for _, q := range []string{
			`UPDATE audit_events SET detail = 'x' WHERE id = 2`,
			`DELETE FROM audit_events WHERE id = 3`,
			`DELETE FROM audit_events`,
			`UPDATE audit_head SET seq = 2`,
			`UPDATE audit_head SET keyed_from = 9`,
			`DELETE FROM audit_head`,
		} {
			if _, err := db.Write.ExecContext(ctx, q); err == nil {
				t.Errorf("%s: got no error, want the database to refuse it", q)
			}
		}
		if db.Dialect == store.Postgres {
			if _, err := db.Write.ExecContext(ctx, `TRUNCATE audit_events`); err == nil {
				t.Error("TRUNCATE audit_events: got no error")
			}
		}
		if res := mustVerify(t, db); !res.OK() || res.Events != 3 {
			t.Errorf("got %+v, want the 3 events intact", res)
		}
	})
}

// TestPreKeyEventsStayPinned: a database from before the audit key holds a
// plain SHA-256 chain; the migration sets the keyed boundary after it, new
// events are keyed, and rewriting an old event — even with its SHA-256
// recomputed — breaks the first keyed event's link.
func TestPreKeyEventsStayPinned(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		dropGuards(t, db)
		var prev []byte
		for i := 1; i <= 3; i++ {
			e := event(i)
			e.ID, e.At = int64(i), e.At.UTC().Truncate(time.Microsecond)
			sum := audit.EventHash(e, prev)
			exec(t, db, `INSERT INTO audit_events (id, at, actor_id, actor_role, action, resource_type, resource_id, client_id,
				outcome, client_ip, request_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				e.ID, e.At, e.ActorID, e.ActorRole, e.Action, e.ResourceType, e.ResourceID, e.ClientID, e.Outcome,
				e.ClientIP, e.RequestID, e.Detail, append([]byte{}, prev...), sum)
			prev = sum
		}
		// What the migration leaves for a database with three events.
		exec(t, db, `UPDATE audit_head SET seq = 3, last_hash = ?, keyed_from = 4`, prev)
		appendN(t, db, 2)
		res := mustVerify(t, db)
		if !res.OK() || res.Events != 5 || res.Head.KeyedFrom != 4 {
			t.Fatalf("got %+v, want 5 intact events keyed from 4", res)
		}
		cp := checkpoint(t, db)
		recompute(t, db, 2, audit.EventHash) // rewrites 2..5 with SHA-256
		if res := mustVerify(t, db, cp); res.FirstBroken != 4 || !strings.Contains(res.Reason, "keyed MAC") {
			t.Errorf("old event rewritten: got broken at %d (%q), want 4 (keyed MAC)", res.FirstBroken, res.Reason)
		}
	})
}

func TestRecordGroupsConcurrentEvents(t *testing.T) {
	const n = 60
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		var wg sync.WaitGroup
		errc := make(chan error, n+1)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errc <- audit.Record(ctx, db, event(i))
			}()
		}
		bad := event(n)
		bad.Outcome = "maybe" // refused before it reaches a batch
		errc <- audit.Record(ctx, db, bad)
		wg.Wait()
		close(errc)
		failed := 0
		for err := range errc {
			if err != nil {
				failed++
			}
		}
		if failed != 1 {
			t.Errorf("got %d failed records, want 1 (the invalid one)", failed)
		}
		if res := mustVerify(t, db); !res.OK() || res.Events != n {
			t.Errorf("got %+v, want an intact chain of %d events", res, n)
		}
	})
}

// dropGuards removes the append-only triggers, as anyone who can write the
// database file (or is a PostgreSQL superuser) can.
func dropGuards(t *testing.T, db *store.DB) {
	t.Helper()
	stmts := []string{`DROP TRIGGER audit_events_no_update`, `DROP TRIGGER audit_events_no_delete`,
		`DROP TRIGGER audit_head_forward_only`, `DROP TRIGGER audit_head_no_delete`}
	if db.Dialect == store.Postgres {
		stmts = []string{`ALTER TABLE audit_events DISABLE TRIGGER USER`, `ALTER TABLE audit_head DISABLE TRIGGER USER`}
	}
	for _, q := range stmts {
		exec(t, db, q)
	}
}

func exec(t *testing.T, db *store.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.Write.ExecContext(context.Background(), db.Rebind(q), args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// recompute changes event from's detail and rewrites every link from it
// on, and the head, with link — the intruder's best effort.
func recompute(t *testing.T, db *store.DB, from int64, link func(audit.Event, []byte) []byte) {
	t.Helper()
	ctx := context.Background()
	exec(t, db, `UPDATE audit_events SET detail = 'rewritten' WHERE id = ?`, from)
	var prev []byte
	if err := db.Reader().QueryRow(ctx, `SELECT hash FROM audit_events WHERE id = ?`, from-1).Scan(&prev); err != nil {
		t.Fatal(err)
	}
	var events []audit.Event
	rows, err := db.Reader().Query(ctx, `SELECT id, at, actor_id, actor_role, action, resource_type, resource_id, client_id,
		outcome, client_ip, request_id, detail FROM audit_events WHERE id >= ? ORDER BY id`, from)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var e audit.Event
		if err := rows.Scan(&e.ID, &e.At, &e.ActorID, &e.ActorRole, &e.Action, &e.ResourceType, &e.ResourceID,
			&e.ClientID, &e.Outcome, &e.ClientIP, &e.RequestID, &e.Detail); err != nil {
			t.Fatal(err)
		}
		events = append(events, e)
	}
	rows.Close()
	for _, e := range events {
		sum := link(e, prev)
		exec(t, db, `UPDATE audit_events SET prev_hash = ?, hash = ? WHERE id = ?`, prev, sum, e.ID)
		prev = sum
	}
	exec(t, db, `UPDATE audit_head SET last_hash = ?`, prev)
}

// TestAppendFailsTheAccess: an invalid event fails, and a rolled-back
// transaction leaves no event and no gap behind.
func TestAppendInCallersTransaction(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		appendN(t, db, 2)
		bad := event(3)
		bad.Outcome = "unknown"
		err := db.InTx(ctx, func(tx *store.Tx) error {
			err := audit.Append(ctx, tx, bad)
			return err
		})
		if !errs.Is(err, errs.Invalid) {
			t.Errorf("invalid event: got %v, want an Invalid error", err)
		}
		boom := errors.New("the access failed after auditing")
		err = db.InTx(ctx, func(tx *store.Tx) error {
			if err := audit.Append(ctx, tx, event(3)); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("got %v, want %v", err, boom)
		}
		appendN(t, db, 1)
		res := mustVerify(t, db)
		if !res.OK() || res.Events != 3 {
			t.Errorf("got %+v, want an intact chain of 3 events", res)
		}
	})
}

func TestConcurrentAppendsKeepOneChain(t *testing.T) {
	const workers, each = 20, 5
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		var wg sync.WaitGroup
		errc := make(chan error, workers*each)
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range each {
					errc <- db.InTx(ctx, func(tx *store.Tx) error {
						err := audit.Append(ctx, tx, event(w*each+i))
						return err
					})
				}
			}()
		}
		wg.Wait()
		close(errc)
		for err := range errc {
			if err != nil {
				t.Fatalf("append: %v", err)
			}
		}
		res := mustVerify(t, db)
		if !res.OK() || res.Events != workers*each {
			t.Errorf("got %+v, want an intact chain of %d events", res, workers*each)
		}
	})
}

func TestListForClient(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		appendN(t, db, 7) // events 2, 4, 6 are about client 1; 1, 3, 5, 7 about client 2
		got, err := audit.ListForClient(ctx, db.Reader(), 1, 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].ID != 6 || got[1].ID != 4 {
			t.Fatalf("got %+v, want events 6 and 4", got)
		}
		want := event(6)
		want.ID, want.At = 6, want.At.Truncate(time.Microsecond)
		if got[0] != want {
			t.Errorf("got %+v, want %+v", got[0], want)
		}
		older, err := audit.ListForClientBefore(ctx, db.Reader(), 1, 4, 10)
		if err != nil || len(older) != 1 || older[0].ID != 2 {
			t.Errorf("before 4: got %+v, %v, want event 2", older, err)
		}
		none, err := audit.ListForClient(ctx, db.Reader(), 99, 10)
		if err != nil || len(none) != 0 {
			t.Errorf("unknown client: got %+v, %v, want none", none, err)
		}
		for _, limit := range []int{0, -1, audit.MaxList + 1} {
			if _, err := audit.ListForClient(ctx, db.Reader(), 1, limit); !errs.Is(err, errs.Invalid) {
				t.Errorf("limit %d: got %v, want Invalid", limit, err)
			}
		}
		if _, err := audit.ListForClient(ctx, db.Reader(), 1, audit.MaxList); err != nil {
			t.Errorf("limit %d: got %v, want no error", audit.MaxList, err)
		}
	})
}

// TestAppendBatchesOfEverySize writes batches of events in one transaction
// each — sizes around writeEvents' 64-row INSERT — and checks the chain
// verifies and every event reads back as appended, field by field.
func TestAppendBatchesOfEverySize(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		next := 0
		for _, tc := range []struct {
			name string
			n    int
		}{{"one", 1}, {"two", 2}, {"a full insert", 64}, {"one past a full insert", 65}, {"several inserts", 150}} {
			first := next + 1
			err := db.InTx(ctx, func(tx *store.Tx) error {
				for i := first; i < first+tc.n; i++ {
					ev := event(i)
					ev.Detail = fmt.Sprintf("batch %s, event %d", tc.name, i)
					if err := audit.Append(ctx, tx, ev); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			next += tc.n
			if res := mustVerify(t, db); !res.OK() || res.Events != next || res.Head.Seq != int64(next) {
				t.Fatalf("%s: got %+v, want ok with %d events", tc.name, res, next)
			}
			for _, client := range []int64{1, 2} {
				got, err := audit.ListForClient(ctx, db.Reader(), client, audit.MaxList)
				if err != nil {
					t.Fatal(err)
				}
				for _, ev := range got {
					if ev.ID < int64(first) {
						break
					}
					want := event(int(ev.ID))
					want.ID, want.At = ev.ID, want.At.Truncate(time.Microsecond)
					want.Detail = fmt.Sprintf("batch %s, event %d", tc.name, ev.ID)
					if ev != want {
						t.Errorf("%s: got %+v, want %+v", tc.name, ev, want)
					}
				}
			}
		}
	})
}
