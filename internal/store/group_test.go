package store_test

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestGroupWriteLanes: as many GroupWrite batches as the engine has lanes
// run at once, each a transaction of its own — one on SQLite (one writer),
// several on PostgreSQL — and a call arriving while every lane is busy
// waits for one, then commits too. GroupCommit keeps one lane. On both
// engines.
func TestGroupWriteLanes(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		lanes := db.GroupWriteLanes()
		if want := map[store.Dialect]int{store.SQLite: 1, store.Postgres: 4}[db.Dialect]; lanes != want {
			t.Fatalf("lanes = %d, want %d", lanes, want)
		}
		if got := db.GroupCommitLanes(); got != 1 {
			t.Errorf("GroupCommit's lanes = %d, want 1 (page views' events: more lanes would only mean more commits)", got)
		}
		var before int
		if err := db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM practices`).Scan(&before); err != nil {
			t.Fatal(err)
		}
		started := make(chan int, lanes+1)
		release := make(chan struct{})
		errc := make(chan error, lanes+1)
		commit := func(i int) {
			errc <- db.GroupWrite(ctx, func(tx *store.Tx) error {
				started <- i
				<-release
				_, err := tx.Exec(ctx, `INSERT INTO practices (name, slug, created_at) VALUES (?, ?, ?)`,
					"Lane", "lane-"+string(rune('a'+i)), time.Now().UTC())
				return err
			})
		}
		// Each call leads a batch of its own while a lane is free: every
		// one's work starts although none has finished.
		for i := range lanes {
			go commit(i)
			<-started
		}
		// One more waits behind the busy lanes, its work not started.
		go commit(lanes)
		for db.GroupWriteWaiting() == 0 {
			runtime.Gosched()
		}
		select {
		case i := <-started:
			t.Fatalf("call %d started with every lane busy", i)
		default:
		}
		close(release)
		for range lanes + 1 {
			if err := <-errc; err != nil {
				t.Fatal(err)
			}
		}
		var after int
		if err := db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM practices`).Scan(&after); err != nil {
			t.Fatal(err)
		}
		if after != before+lanes+1 {
			t.Errorf("practices: %d, want %d (every call committed)", after, before+lanes+1)
		}
	})
}
