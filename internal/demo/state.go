package demo

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/intake"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/schedule"
	"github.com/afterward/afterward/internal/store"
)

// withStates fills each client login's State from the database, so what
// `afterward demo` prints is what the pages will show.
func withStates(ctx context.Context, q store.Querier, logins []Login, now time.Time) ([]Login, error) {
	for i, l := range logins {
		if l.Role != "client" {
			continue
		}
		var id int64
		var stage string
		var exp sql.NullTime
		var sessions int
		err := q.QueryRow(ctx, `SELECT c.user_id, c.stage, c.experience_at,
			(SELECT COUNT(*) FROM appointments a WHERE a.client_id = c.user_id AND a.status <> 'cancelled')
			FROM clients c JOIN users u ON u.id = c.user_id WHERE u.email = ?`, l.Email).Scan(&id, &stage, &exp, &sessions)
		if err != nil {
			return nil, errs.Wrap(err, "reading demo client "+l.Email)
		}
		hold, err := intake.HoldOn(ctx, q, id)
		if err != nil {
			return nil, err
		}
		logins[i].State = stateWords(practice.Stage(stage), hold)
		waiting := stage == string(practice.StageActive) || stage == string(practice.StageMatching) // as on the due list
		if waiting && hold == intake.NoHold && sessions == 0 && exp.Valid && now.Sub(exp.Time) < 30*24*time.Hour {
			if due := exp.Time.Add(schedule.FirstSessionWindow); now.Before(due) {
				logins[i].State += fmt.Sprintf(", first session due within %d h", int(due.Sub(now).Hours())+1)
			} else {
				logins[i].State += ", first-session window missed"
			}
		}
	}
	return logins, nil
}

// stateWords is a client's state in a few lower-case words: the hold
// first, since it overrides the stage.
func stateWords(stage practice.Stage, hold intake.Hold) string {
	if hold != intake.NoHold {
		return hold.Label()
	}
	switch stage {
	case practice.StageActive:
		return "in integration"
	case practice.StageMatching:
		return "awaiting a coach"
	case practice.StageIntake:
		return "intake in progress"
	case practice.StageFollowUp:
		return "in follow-up"
	case practice.StageInvited:
		return "invited"
	case practice.StageCompleted:
		return "completed"
	}
	return stage.Label()
}
