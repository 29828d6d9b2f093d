package questionnaire

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/afterward/afterward/internal/audit"
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

// CoachAlert is the placeholder safety response until the intake work's
// alert service is merged: it records a content-free audit event and emails
// the client's coach (or, without one, the practice admins) that a
// questionnaire needs their attention today. It never says what was answered.
type CoachAlert struct {
	Jobs    notify.Enqueuer
	BaseURL string
	Now     func() time.Time
}

// QuestionnaireRisk implements RiskResponder.
func (c CoachAlert) QuestionnaireRisk(ctx context.Context, tx *store.Tx, clientID int64, instrument string, responseID int64, level string) error {
	ev := audit.Stamp(ctx, audit.Event{At: c.Now().UTC(), Action: "questionnaire_risk", ResourceType: "measure_response",
		ResourceID: fmt.Sprint(responseID), ClientID: clientID, Outcome: audit.OutcomeOK, Detail: "instrument=" + instrument})
	if _, err := audit.Append(ctx, tx, ev); err != nil {
		return errs.Wrap(err, "recording questionnaire risk")
	}
	rows, err := tx.Query(ctx, `SELECT u.email FROM clients c JOIN users u ON u.id = c.coach_id WHERE c.user_id = ? AND u.disabled_at IS NULL
		UNION SELECT u.email FROM clients c JOIN users u ON u.practice_id = c.practice_id
		WHERE c.user_id = ? AND c.coach_id IS NULL AND u.role = 'admin' AND u.disabled_at IS NULL`, clientID, clientID)
	if err != nil {
		return errs.Wrap(err, "finding who to alert")
	}
	var to []string
	for rows.Next() {
		var e string
		if err := rows.Scan(&e); err == nil {
			to = append(to, e)
		}
	}
	rows.Close()
	for _, addr := range to {
		e := notify.Email{To: addr, Subject: "A client's questionnaire needs your attention today",
			Text:      "One of your clients answered a questionnaire in a way that needs a personal follow-up today. Sign in to see who: " + c.BaseURL + "/dashboard",
			DedupeKey: fmt.Sprintf("measure-risk:%d:%s", responseID, addr)}
		if err := notify.Queue(ctx, c.Jobs, tx, e, time.Time{}); err != nil {
			return err
		}
	}
	return nil
}
