package app

import (
	"context"

	"github.com/riverqueue/river"

	"github.com/afterward/afterward/internal/store"
)

// lateQueue lets services that enqueue jobs be built before the queue,
// whose workers in turn need those services.
type lateQueue struct{ a *App }

func (q lateQueue) Enqueue(ctx context.Context, tx *store.Tx, args river.JobArgs, opts *river.InsertOpts) error {
	return q.a.Queue.Enqueue(ctx, tx, args, opts)
}
