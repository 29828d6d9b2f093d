package ratelimit_test

import (
	"context"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/ratelimit"
	"github.com/afterward/afterward/internal/store"
)

func TestTake(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		l := ratelimit.Limit{Name: "test", Max: 3, Per: time.Hour, Message: "too many tests"}
		now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
		take := func(key string, at time.Time) error {
			return db.InTx(ctx, func(tx *store.Tx) error { return ratelimit.Take(ctx, tx, l, key, at) })
		}
		for i := range 3 {
			if err := take("a", now.Add(time.Duration(i)*time.Minute)); err != nil {
				t.Fatalf("take %d: %v", i+1, err)
			}
		}
		for range 2 {
			if err := take("a", now.Add(10*time.Minute)); !errs.Is(err, errs.TooMany) {
				t.Errorf("fourth in the hour: got %v, want too many", err)
			}
		}
		if err := take("b", now.Add(10*time.Minute)); err != nil {
			t.Errorf("another key: %v", err)
		}
		if err := take("a", now.Add(61*time.Minute)); err != nil {
			t.Errorf("next window: %v", err)
		}
	})
}
