package policy_test

import (
	"context"
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
		p := policy.New(db, func() time.Time { return now })
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
