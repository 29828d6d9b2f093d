package questionnaire

import (
	"context"
	"fmt"

	"github.com/riverqueue/river"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/store"
)

// InviteWorker sends the invitation to a timepoint's questionnaires and
// then a reminder every ReminderEvery while any of them is open, until they
// are answered or expire. Emails say only that a questionnaire is waiting.
type InviteWorker struct {
	river.WorkerDefaults[InviteArgs]
	Service *Service
}

// Work implements river.Worker.
func (w *InviteWorker) Work(ctx context.Context, job *river.Job[InviteArgs]) error {
	return w.Service.invite(ctx, job.Args)
}

func (s *Service) invite(ctx context.Context, args InviteArgs) error {
	return s.db.InTx(ctx, func(tx *store.Tx) error {
		now := s.now()
		var open int
		err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM measure_assignments
			WHERE client_id = ? AND timepoint = ? AND completed_at IS NULL AND due_at <= ? AND expires_at > ?`,
			args.ClientID, args.Timepoint, now, now).Scan(&open)
		if err != nil || open == 0 {
			return errs.Wrap(err, "checking open questionnaires")
		}
		// Through the client's email preferences and quiet hours; the
		// disabled or erased account is skipped there.
		n := notify.Notice{UserID: args.ClientID, Kind: notify.QuestionnaireDue, Event: fmt.Sprintf("%s:%d", args.Timepoint, args.Reminder), Path: "/measures"}
		if err := (notify.Notices{Queue: s.jobs, BaseURL: s.baseURL}).Tell(ctx, tx, n, now); err != nil {
			return err
		}
		next := InviteArgs{ClientID: args.ClientID, Timepoint: args.Timepoint, Reminder: args.Reminder + 1}
		return s.enqueueInvite(ctx, tx, next, now.Add(ReminderEvery))
	})
}
