package coach

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/humantime"
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/store"
)

// errNoSlot marks the refusal when a coach has no open time for a first
// session: nothing is assigned or booked, and the admins are alerted.
var errNoSlot = errors.New("no open time for the first session")

// noSlot says plainly that nothing was booked, and why.
func noSlot(coachName string, until time.Time, loc *time.Location, beforeDue bool) error {
	when := "in the next three weeks"
	if beforeDue {
		when = "before the first session is due (" + humantime.When(until, loc, until) + ", 72 hours after the experience)"
	}
	return &errs.Error{Kind: errs.Conflict, Err: errNoSlot,
		Msg: fmt.Sprintf("Nothing was booked: %s has no open time %s. Add hours on the availability page, or choose another coach; the practice's admins have been alerted.", coachName, when)}
}

// alertIfNoSlot emails the admins of the client's practice when err is a
// noSlot refusal (in its own transaction: the refused one rolled back), so
// someone finds the client another coach in time. It returns err.
func (s *Service) alertIfNoSlot(ctx context.Context, err error, r Request) error {
	if !errors.Is(err, errNoSlot) || s.deps.Queue == nil || r.ClientID == 0 {
		return err
	}
	now := s.now()
	alertErr := s.db.InTx(ctx, func(tx *store.Tx) error {
		rows, err := tx.Query(ctx, `SELECT u.email FROM users u JOIN clients c ON c.practice_id = u.practice_id
			WHERE c.user_id = ? AND u.role = 'admin' AND u.disabled_at IS NULL ORDER BY u.id`, r.ClientID)
		if err != nil {
			return errs.Wrap(err, "finding the practice's admins")
		}
		var to []string
		for rows.Next() {
			var email string
			if err := rows.Scan(&email); err != nil {
				rows.Close()
				return errs.Wrap(err, "finding the practice's admins")
			}
			to = append(to, email)
		}
		rows.Close()
		for _, addr := range to {
			e := notify.Email{To: addr, Subject: "No first-session time for a client",
				Text: fmt.Sprintf("%s could not take on a client: there is no open time for the first session in time. Nothing was booked.\n\n"+
					"Please assign another coach, or ask the coach to add hours: %s/admin/coaches\n", r.CoachName, s.deps.BaseURL),
				DedupeKey: fmt.Sprintf("no-first-slot:client:%d:coach:%d:%s", r.ClientID, r.CoachID, now.Format("2006-01-02T15"))}
			if err := notify.Queue(ctx, s.deps.Queue, tx, e, time.Time{}); err != nil {
				return err
			}
		}
		return nil
	})
	if alertErr != nil {
		return alertErr
	}
	return err
}
