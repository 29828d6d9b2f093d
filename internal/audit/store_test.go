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
			_, err := audit.Append(ctx, tx, event(i))
			return err
		})
		if err != nil {
			t.Fatalf("append %d: %v", i, err)
		}
	}
}

func mustVerify(t *testing.T, db *store.DB) audit.VerifyResult {
	t.Helper()
	res, err := audit.Verify(context.Background(), db.Reader())
	if err != nil {
		t.Fatalf("verify: %v", err)
	}
	return res
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

// TestVerifyDetectsTampering edits the stored chain the ways an intruder
// with database access might, and checks Verify names the first broken
// event.
func TestVerifyDetectsTampering(t *testing.T) {
	tests := []struct {
		name       string
		tamper     []string
		wantBroken int64
		wantReason string
	}{
		{"edit detail", []string{`UPDATE audit_events SET detail = 'x' WHERE id = 3`}, 3, "content"},
		{"edit actor", []string{`UPDATE audit_events SET actor_id = 999 WHERE id = 2`}, 2, "content"},
		{"edit outcome", []string{`UPDATE audit_events SET outcome = 'denied' WHERE id = 1`}, 1, "content"},
		{"edit time", []string{`UPDATE audit_events SET at = ? WHERE id = 4`}, 4, "content"},
		{"rewrite hash of an edited event", []string{`UPDATE audit_events SET hash = (SELECT hash FROM audit_events WHERE id = 5) WHERE id = 2`}, 2, "content"},
		{"delete middle", []string{`DELETE FROM audit_events WHERE id = 3`}, 3, "missing"},
		{"delete first", []string{`DELETE FROM audit_events WHERE id = 1`}, 1, "missing"},
		{"delete newest", []string{`DELETE FROM audit_events WHERE id >= 5`}, 5, "missing"},
		{"delete newest and rewind head seq", []string{`DELETE FROM audit_events WHERE id = 6`, `UPDATE audit_head SET seq = 5`}, 5, "head"},
		{"delete all", []string{`DELETE FROM audit_events`}, 1, "missing"},
		{"edit head hash", []string{`UPDATE audit_head SET last_hash = (SELECT hash FROM audit_events WHERE id = 1)`}, 6, "head"},
		{"insert beyond head", []string{`INSERT INTO audit_events SELECT id + 10, at, actor_id, actor_role, action, resource_type,
			resource_id, client_id, outcome, client_ip, request_id, detail, prev_hash, hash FROM audit_events WHERE id = 6`}, 16, "beyond"},
		{"reorder two events", []string{`UPDATE audit_events SET id = 100 WHERE id = 2`, `UPDATE audit_events SET id = 2 WHERE id = 3`, `UPDATE audit_events SET id = 3 WHERE id = 100`}, 2, "previous-hash"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
				ctx := context.Background()
				appendN(t, db, 6)
				for _, q := range tc.tamper {
					var args []any
					if strings.Contains(q, "?") {
						args = append(args, t0.Add(time.Hour))
					}
					if _, err := db.Write.ExecContext(ctx, db.Rebind(q), args...); err != nil {
						t.Fatalf("tamper %q: %v", q, err)
					}
				}
				res := mustVerify(t, db)
				if res.FirstBroken != tc.wantBroken || !strings.Contains(res.Reason, tc.wantReason) {
					t.Errorf("got broken at %d (%q), want %d (%q)", res.FirstBroken, res.Reason, tc.wantBroken, tc.wantReason)
				}
			})
		})
	}
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
			_, err := audit.Append(ctx, tx, bad)
			return err
		})
		if !errs.Is(err, errs.Invalid) {
			t.Errorf("invalid event: got %v, want an Invalid error", err)
		}
		boom := errors.New("the access failed after auditing")
		err = db.InTx(ctx, func(tx *store.Tx) error {
			if _, err := audit.Append(ctx, tx, event(3)); err != nil {
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
						_, err := audit.Append(ctx, tx, event(w*each+i))
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
