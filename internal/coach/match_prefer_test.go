package coach_test

import (
	"context"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestSuggestPrefersChosenCoach: the coach a client started from comes
// first among equals, with the reason said; without a choice the order is
// the usual one.
func TestSuggestPrefersChosenCoach(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		first := w.verifiedCoach(t, "first", validProfile("First Coach"), 120)
		chosen := w.verifiedCoach(t, "chosen", validProfile("Chosen Coach"), 120)
		client := w.client(t, "client")
		m := matchFor(w, client.UserID)
		got, err := w.svc.Suggest(ctx, m)
		if err != nil || len(got) != 2 || got[0].Coach.CoachID != first.UserID {
			t.Fatalf("without a choice: %v, %v; want First Coach first", names(got), err)
		}
		m.PreferredCoach = chosen.UserID
		got, err = w.svc.Suggest(ctx, m)
		if err != nil || len(got) != 2 || got[0].Coach.CoachID != chosen.UserID {
			t.Fatalf("with a choice: %v, %v; want Chosen Coach first", names(got), err)
		}
		if got[0].Reasons[0] != "the coach you chose when you signed up" {
			t.Errorf("reasons = %v", got[0].Reasons)
		}
	})
}
