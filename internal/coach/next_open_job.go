package coach

import (
	"context"

	"github.com/riverqueue/river"

	"github.com/afterward/afterward/internal/schedule"
	"github.com/afterward/afterward/internal/store"
)

// NextOpenWorker refreshes a coach's next open slot in the directory when
// the schedule says their free time changed.
type NextOpenWorker struct {
	river.WorkerDefaults[schedule.FreeTimeChangedArgs]
	Coaches *Service
}

func (w *NextOpenWorker) Work(ctx context.Context, job *river.Job[schedule.FreeTimeChangedArgs]) error {
	return w.Coaches.db.InTx(ctx, func(tx *store.Tx) error {
		return w.Coaches.RefreshNextOpen(ctx, tx, job.Args.CoachID)
	})
}
