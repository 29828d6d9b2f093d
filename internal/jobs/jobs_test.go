package jobs_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/jobs"
	"github.com/afterward/afterward/internal/store"
)

type noteArgs struct{ N int }

func (noteArgs) Kind() string { return "test_note" }

type noteWorker struct {
	river.WorkerDefaults[noteArgs]
	got chan int
}

func (w *noteWorker) Work(ctx context.Context, job *river.Job[noteArgs]) error {
	w.got <- job.Args.N
	return nil
}

// TestQueue proves the wiring on both engines: a periodic task runs on
// start, a job enqueued in a committed transaction runs, and one enqueued in
// a rolled-back transaction never does — whether the worker and the task
// are declared in Config or added after New (as the app wires them, so
// services built after the queue can enqueue through it).
func TestQueue(t *testing.T) {
	for _, tc := range []struct {
		name  string
		after bool // add the worker and the task after New
	}{
		{"declared in config", false},
		{"added after New", true},
	} {
		t.Run(tc.name, func(t *testing.T) { testQueue(t, tc.after) })
	}
}

func testQueue(t *testing.T, after bool) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := jobs.Migrate(ctx, db); err != nil {
			t.Fatal(err)
		}
		var ticks atomic.Int32
		workers := river.NewWorkers()
		w := &noteWorker{got: make(chan int, 4)}
		tick := jobs.Task{Name: "tick", Interval: time.Hour, Run: func(context.Context) error {
			ticks.Add(1)
			return nil
		}}
		var periodic []*river.PeriodicJob
		if !after {
			river.AddWorker(workers, w)
			periodic = jobs.AddTasks(workers, tick)
		}
		q, err := jobs.New(db, jobs.Config{Workers: workers, Periodic: periodic, PollInterval: 50 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		if after {
			jobs.Handle(q, w)
			q.Every(tick)
		}
		if err := q.Start(ctx); err != nil {
			t.Fatal(err)
		}
		defer q.Stop(context.Background())

		rollback := errors.New("rollback")
		_ = db.InTx(ctx, func(tx *store.Tx) error {
			if err := q.Enqueue(ctx, tx, noteArgs{N: 1}, nil); err != nil {
				t.Fatal(err)
			}
			return rollback
		})
		err = db.InTx(ctx, func(tx *store.Tx) error { return q.Enqueue(ctx, tx, noteArgs{N: 2}, nil) })
		if err != nil {
			t.Fatal(err)
		}
		select {
		case n := <-w.got:
			if n != 2 {
				t.Fatalf("worked job %d, want 2 (job 1 was rolled back)", n)
			}
		case <-ctx.Done():
			t.Fatal("committed job was not worked")
		}
		for ticks.Load() == 0 {
			select {
			case <-ctx.Done():
				t.Fatal("periodic task did not run on start")
			case <-time.After(20 * time.Millisecond):
			}
		}
		select {
		case n := <-w.got:
			t.Fatalf("unexpected job %d worked", n)
		case <-time.After(300 * time.Millisecond):
		}
	})
}
