package policy_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// TestViewPartsOneSnapshot: a page's parts are read in one transaction,
// each part's access decided and its event recorded, a Plain part read
// there with no event of its own; a refused part stops every read and is
// audited as denied, and nothing is recorded as read.
func TestViewPartsOneSnapshot(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := build(t, db)
		p := policy.New(db, func() time.Time { return now }, nil)
		count := func(resource, outcome string) int {
			t.Helper()
			var n int
			if err := db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM audit_events WHERE resource_type = ? AND outcome = ?`, resource, outcome).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		tests := []struct {
			name    string
			actor   policy.Actor
			refused bool
			wantRun int
			wantOK  int // events per part
		}{
			{name: "the client's own page", actor: w.client1, wantRun: 4, wantOK: 1},
			{name: "another coach's client", actor: w.coach2, refused: true},
		}
		for i, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				var txs []*store.Tx
				part := func(c policy.Category, resource string) policy.Part {
					return policy.Part{
						Access: policy.Access{ClientID: w.client1.UserID, Category: c, Action: policy.Read, ResourceType: resource + strconv.Itoa(i)},
						Read:   func(tx *store.Tx) error { txs = append(txs, tx); return nil },
					}
				}
				plain := policy.Plain(func(tx *store.Tx) error { txs = append(txs, tx); return nil })
				var before int
				if err := db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM audit_events`).Scan(&before); err != nil {
					t.Fatal(err)
				}
				err := p.ViewParts(ctx, tc.actor, part(policy.Roster, "part_client"), part(policy.Roster, "part_hold"), plain, part(policy.Plan, "part_plan"))
				if tc.refused != errs.Is(err, errs.NotFound) || (!tc.refused && err != nil) {
					t.Fatalf("err = %v, want refused %v", err, tc.refused)
				}
				if len(txs) != tc.wantRun {
					t.Fatalf("%d parts read, want %d", len(txs), tc.wantRun)
				}
				for _, tx := range txs {
					if tx != txs[0] {
						t.Error("a part was read in another transaction")
					}
				}
				for _, resource := range []string{"part_client", "part_hold", "part_plan"} {
					if got := count(resource+strconv.Itoa(i), "ok"); got != tc.wantOK {
						t.Errorf("%s events = %d, want %d", resource, got, tc.wantOK)
					}
				}
				if tc.refused && count("part_client"+strconv.Itoa(i), "denied") != 1 {
					t.Error("no denied event for the refused part")
				}
				var after int
				if err := db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM audit_events`).Scan(&after); err != nil {
					t.Fatal(err)
				}
				if want := 3 * tc.wantOK; !tc.refused && after-before != want {
					t.Errorf("%d events recorded, want %d (none for the plain part)", after-before, want)
				}
			})
		}
	})
}
