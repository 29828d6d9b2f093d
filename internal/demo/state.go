package demo

import (
	"context"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/intake"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/store"
)

// withStates fills each client login's State from the database, so what
// `afterward demo` prints is what the pages will show.
func withStates(ctx context.Context, q store.Querier, logins []Login) ([]Login, error) {
	for i, l := range logins {
		if l.Role != "client" {
			continue
		}
		var id int64
		var stage string
		err := q.QueryRow(ctx, `SELECT c.user_id, c.stage FROM clients c JOIN users u ON u.id = c.user_id WHERE u.email = ?`, l.Email).Scan(&id, &stage)
		if err != nil {
			return nil, errs.Wrap(err, "reading demo client "+l.Email)
		}
		hold, err := intake.HoldOn(ctx, q, id)
		if err != nil {
			return nil, err
		}
		logins[i].State = stateWords(practice.Stage(stage), hold)
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
