package schedule

import (
	"context"

	"github.com/riverqueue/river"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// FreeTimeChangedArgs is the job enqueued, in the transaction that changes
// a coach's free time (a session booked, moved or cancelled, weekly hours
// or days off changed). The coach directory's worker refreshes the coach's
// next open slot from it (coach.NextOpenWorker). Going through the queue
// keeps the schedule from calling the directory, which reads its open
// times from the schedule; booking checks that a time is free, so a slot
// the directory still shows for a moment is never booked twice.
type FreeTimeChangedArgs struct {
	CoachID int64 `json:"coach_id"`
}

func (FreeTimeChangedArgs) Kind() string { return "coach_free_time_changed" }

// changed tells the directory, through the queue, that the coach's free
// time changed (nothing without a queue: command line, some tests).
func (s *Service) changed(ctx context.Context, tx *store.Tx, coachID int64) error {
	if s.queue == nil {
		return nil
	}
	err := s.queue.Enqueue(ctx, tx, FreeTimeChangedArgs{CoachID: coachID}, &river.InsertOpts{MaxAttempts: 5})
	return errs.Wrap(err, "queueing the directory's next open slot")
}
