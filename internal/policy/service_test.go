package policy_test

import (
	"bytes"
	"context"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// TestDoAudits: an allowed access runs and is audited in its transaction;
// a refused one does not run, is audited as denied, and the chain verifies.
func TestDoAudits(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := audit.WithRequest(context.Background(), audit.Request{ClientIP: "192.0.2.7", RequestID: "req-1"})
		w := build(t, db)
		p := policy.New(db, func() time.Time { return now }, nil)
		ran := false
		err := p.Do(ctx, w.coach1, policy.Access{ClientID: w.client1.UserID, Category: policy.Notes, Action: policy.Read, ResourceType: "session_note", ResourceID: 7},
			func(*store.Tx) error { ran = true; return nil })
		if err != nil || !ran {
			t.Fatalf("allowed access: err %v, ran %v", err, ran)
		}
		ran = false
		err = p.Do(ctx, w.coach2, policy.Access{ClientID: w.client1.UserID, Category: policy.Notes, Action: policy.Read},
			func(*store.Tx) error { ran = true; return nil })
		if !errs.Is(err, errs.NotFound) || ran {
			t.Fatalf("refused access: err %v, ran %v; want not found and not run", err, ran)
		}
		events, err := audit.ListForClient(ctx, db.Reader(), w.client1.UserID, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(events) != 2 {
			t.Fatalf("got %d audit events for the client, want 2", len(events))
		}
		denied, allowed := events[0], events[1] // newest first
		if denied.Outcome != audit.OutcomeDenied || denied.ActorID != w.coach2.UserID {
			t.Errorf("newest event = %+v, want a denial by coach2", denied)
		}
		if allowed.Outcome != audit.OutcomeOK || allowed.ResourceType != "session_note" || allowed.ResourceID != "7" ||
			allowed.ClientIP != "192.0.2.7" || allowed.RequestID != "req-1" {
			t.Errorf("allowed event = %+v", allowed)
		}
		res, err := audit.Verify(ctx, db.Reader(), audit.VerifyOptions{Key: apptest.AuditKey, AllowUnanchored: true})
		if err != nil || !res.OK() {
			t.Errorf("audit chain: %+v, %v", res, err)
		}
	})
}

// TestRefusalAuditFailureIsLogged: when the event for a refused access
// cannot be written, the caller still gets the refusal and the failure is
// logged with ids only — on both engines.
func TestRefusalAuditFailureIsLogged(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := build(t, db)
		// Make the audit store refuse denial events from here on.
		ddl := []string{`CREATE TRIGGER refuse_denied BEFORE INSERT ON audit_events WHEN NEW.outcome = 'denied'
			BEGIN SELECT RAISE(ABORT, 'audit store unavailable'); END`}
		if db.Dialect == store.Postgres {
			ddl = []string{`CREATE FUNCTION refuse_denied() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN IF NEW.outcome = 'denied' THEN RAISE EXCEPTION 'audit store unavailable'; END IF; RETURN NEW; END $$`,
				`CREATE TRIGGER refuse_denied BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_denied()`}
		}
		err := db.InTx(ctx, func(tx *store.Tx) error {
			for _, q := range ddl {
				if _, err := tx.Exec(ctx, q); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		var logged bytes.Buffer
		p := policy.New(db, func() time.Time { return now }, slog.New(slog.NewTextHandler(&logged, nil)))
		acc := policy.Access{ClientID: w.client1.UserID, Category: policy.Notes, Action: policy.Read, ResourceType: "session_note", Detail: "fields=plan"}
		for _, tc := range []struct {
			name string
			call func() error
		}{
			{"Do", func() error { return p.Do(ctx, w.coach2, acc, func(*store.Tx) error { return nil }) }},
			{"View", func() error { return p.View(ctx, w.coach2, acc, func(*store.Tx) error { return nil }) }},
		} {
			t.Run(tc.name, func(t *testing.T) {
				logged.Reset()
				if err := tc.call(); !errs.Is(err, errs.NotFound) {
					t.Fatalf("err = %v, want the refusal (not found)", err)
				}
				got := logged.String()
				for _, want := range []string{"level=ERROR", "audit event for a refused access not written", "actor_id=" + strconv.FormatInt(w.coach2.UserID, 10),
					"client_id=" + strconv.FormatInt(w.client1.UserID, 10), "resource_type=session_note", "audit store unavailable"} {
					if !strings.Contains(got, want) {
						t.Errorf("log %q lacks %q", got, want)
					}
				}
				if strings.Contains(got, "fields=plan") {
					t.Errorf("log %q carries the access detail", got)
				}
			})
		}
	})
}

// TestViewListsOneSnapshot: two lists of one page are read in the same
// snapshot, each client is decided per list (the coach's own client
// shown, another coach's withheld; the admin's detail only under
// break-glass) and every list
// records one event per client, all durable when ViewLists returns.
func TestViewListsOneSnapshot(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := build(t, db)
		p := policy.New(db, func() time.Time { return now }, nil)
		var first *store.Tx
		alerts := &policy.List{Category: policy.SafetyAlerts, Resource: "safety_queue", Read: func(_ context.Context, tx *store.Tx) ([]int64, error) {
			first = tx
			return []int64{w.client1.UserID, w.client2.UserID, w.client1.UserID}, nil
		}}
		intakes := &policy.List{Category: policy.Intake, Resource: "intake_list", Read: func(_ context.Context, tx *store.Tx) ([]int64, error) {
			if tx != first {
				t.Error("the second list was read in another transaction")
			}
			return []int64{w.client2.UserID}, nil
		}}
		if err := p.ViewLists(ctx, w.coach1, alerts, intakes); err != nil {
			t.Fatal(err)
		}
		if !alerts.May[w.client1.UserID] || alerts.May[w.client2.UserID] || len(alerts.May) != 2 || intakes.May[w.client2.UserID] {
			t.Errorf("coach1's decisions (own client shown, another coach's withheld): %v, %v", alerts.May, intakes.May)
		}
		if err := p.ViewLists(ctx, w.adminA, alerts, intakes); err != nil {
			t.Fatal(err)
		}
		if alerts.May[w.client1.UserID] || !alerts.May[w.client2.UserID] || !intakes.May[w.client2.UserID] {
			t.Errorf("the admin's decisions (detail only under break-glass, which client2's has): %v, %v", alerts.May, intakes.May)
		}
		for _, tc := range []struct {
			resource string
			want     int
		}{{"safety_queue", 4}, {"intake_list", 2}} {
			var n int
			if err := db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM audit_events WHERE resource_type = ?`, tc.resource).Scan(&n); err != nil || n != tc.want {
				t.Errorf("%s events = %d (%v), want %d", tc.resource, n, err, tc.want)
			}
		}
	})
}

// TestAlsoReadsInTheListsSnapshot: a policy.Also read runs in the same
// transaction as the page's audited lists, before or after them, and
// records nothing; the lists' events are as without it.
func TestAlsoReadsInTheListsSnapshot(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := build(t, db)
		p := policy.New(db, func() time.Time { return now }, nil)
		var txs []*store.Tx
		plain := func() *policy.List {
			return policy.Also(func(_ context.Context, tx *store.Tx) error {
				txs = append(txs, tx)
				var n int
				return tx.QueryRow(ctx, `SELECT COUNT(*) FROM clients`).Scan(&n)
			})
		}
		alerts := &policy.List{Category: policy.SafetyAlerts, Resource: "safety_queue", Read: func(_ context.Context, tx *store.Tx) ([]int64, error) {
			txs = append(txs, tx)
			return []int64{w.client1.UserID}, nil
		}}
		var before int
		if err := db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM audit_events`).Scan(&before); err != nil {
			t.Fatal(err)
		}
		if err := p.ViewLists(ctx, w.coach1, plain(), alerts, plain()); err != nil {
			t.Fatal(err)
		}
		if len(txs) != 3 || txs[0] != txs[1] || txs[1] != txs[2] {
			t.Errorf("the reads ran in %d transactions (%v), want one", len(txs), txs)
		}
		if !alerts.May[w.client1.UserID] {
			t.Errorf("coach1's own client withheld: %v", alerts.May)
		}
		var after int
		if err := db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM audit_events`).Scan(&after); err != nil || after != before+1 {
			t.Errorf("events %d → %d (%v), want one more: the alert list's, none for Also", before, after, err)
		}
		failing := policy.Also(func(context.Context, *store.Tx) error { return errs.E(errs.Invalid, "boom") })
		if err := p.ViewLists(ctx, w.coach1, alerts, failing); !errs.Is(err, errs.Invalid) || alerts.May != nil {
			t.Errorf("a failing Also read: err %v, May %v; want its error and no list", err, alerts.May)
		}
	})
}

// TestViewAllDecidesAsDecide: ViewAll reads each client's row once for the
// page and decides every access on it; each answer must still be Decide's,
// category by category (a clinician's consent covers some categories of
// one client, not others) and client by client.
func TestViewAllDecidesAsDecide(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := build(t, db)
		p := policy.New(db, func() time.Time { return now }, nil)
		acc := func(client policy.Actor, c policy.Category) policy.Access {
			return policy.Access{ClientID: client.UserID, Category: c, Action: policy.Read, ResourceType: "view_all"}
		}
		unknown := policy.Access{ClientID: 987654, Category: policy.Roster, Action: policy.Read, ResourceType: "view_all"}
		tests := []struct {
			name  string
			actor policy.Actor
			accs  []policy.Access
		}{
			{"a client's own categories", w.client1, []policy.Access{acc(w.client1, policy.Roster), acc(w.client1, policy.Plan), acc(w.client1, policy.Journal)}},
			{"a clinician's consented category, then one not consented", w.clinician, []policy.Access{acc(w.client1, policy.Attendance), acc(w.client1, policy.Journal)}},
			{"a clinician's consented category alone", w.clinician, []policy.Access{acc(w.client1, policy.Attendance)}},
			{"an admin's roster, then clinical detail without break-glass", w.adminA, []policy.Access{acc(w.client1, policy.Roster), acc(w.client1, policy.Plan)}},
			{"an admin under break-glass", w.adminA, []policy.Access{acc(w.client2, policy.Roster), acc(w.client2, policy.Plan)}},
			{"a coach's client, then another coach's", w.coach1, []policy.Access{acc(w.client1, policy.Plan), acc(w.client2, policy.Plan), acc(w.client1, policy.Roster)}},
			{"a client that does not exist", w.coach1, []policy.Access{acc(w.client1, policy.Plan), unknown}},
			{"another practice's client", w.coachB, []policy.Access{acc(w.clientB, policy.Roster), acc(w.client1, policy.Roster)}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				var want error
				for _, a := range tc.accs {
					if want = policy.Decide(ctx, db.Reader(), tc.actor, a.ClientID, a.Category, a.Action, now); want != nil {
						break
					}
				}
				ran := false
				got := p.ViewAll(ctx, tc.actor, tc.accs, func(*store.Tx) error { ran = true; return nil })
				if (got == nil) != (want == nil) || errs.KindOf(got) != errs.KindOf(want) {
					t.Fatalf("got %v, want %v (Decide's first refusal)", got, want)
				}
				if ran != (want == nil) {
					t.Errorf("read ran = %v, want %v", ran, want == nil)
				}
			})
		}
	})
}

// TestViewListsDecidesAllListsTogether: the clients of every list are read
// in one query after the lists; each list's decisions and events are as
// if its clients were read for it alone — a client on two lists, a client
// on one, and a client that does not exist (withheld).
func TestViewListsDecidesAllListsTogether(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := build(t, db)
		p := policy.New(db, func() time.Time { return now }, nil)
		const gone = 987654
		list := func(resource string, ids ...int64) *policy.List {
			return &policy.List{Category: policy.SafetyAlerts, Resource: resource, Read: func(context.Context, *store.Tx) ([]int64, error) { return ids, nil }}
		}
		first := list("lists_first", w.client1.UserID, gone)
		empty := list("lists_empty")
		second := list("lists_second", w.client2.UserID, w.client1.UserID)
		if err := p.ViewLists(ctx, w.coach1, first, empty, second); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name string
			l    *policy.List
			want map[int64]bool
		}{
			{"first", first, map[int64]bool{w.client1.UserID: true, gone: false}},
			{"empty", empty, map[int64]bool{}},
			{"second", second, map[int64]bool{w.client2.UserID: false, w.client1.UserID: true}},
		} {
			if len(tc.l.May) != len(tc.want) {
				t.Errorf("%s: May = %v, want %v", tc.name, tc.l.May, tc.want)
			}
			for id, may := range tc.want {
				if got, ok := tc.l.May[id]; !ok || got != may {
					t.Errorf("%s: May[%d] = %v, %v; want %v", tc.name, id, got, ok, may)
				}
			}
			var n, withheld int
			if err := db.Reader().QueryRow(ctx, `SELECT COUNT(*), COUNT(CASE WHEN detail = 'detail_withheld' THEN 1 END) FROM audit_events WHERE resource_type = ?`,
				tc.l.Resource).Scan(&n, &withheld); err != nil {
				t.Fatal(err)
			}
			wantWithheld := 0
			for _, may := range tc.want {
				if !may {
					wantWithheld++
				}
			}
			if n != len(tc.want) || withheld != wantWithheld {
				t.Errorf("%s: %d events, %d withheld; want %d, %d", tc.name, n, withheld, len(tc.want), wantWithheld)
			}
		}
	})
}
