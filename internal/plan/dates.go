package plan

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// LastPlanned is when the plan's last session is due: one cadence interval
// per planned session after the experience. For the default plan (8
// weekly sessions) that is 8 weeks, the same as the post-integration
// fallback when there is no plan.
func (p Plan) LastPlanned() time.Time {
	return p.ExperienceAt.Add(time.Duration(p.PlannedSessions) * p.Cadence.Interval()).UTC()
}

// Dates reads plan dates inside a caller's transaction (the questionnaire
// schedule's PlanDates). It does no authorization: callers hold the
// client's data already.
type Dates struct{}

// LastPlannedSession is when the client's last planned session is; ok is
// false when the client has no plan.
func (Dates) LastPlannedSession(ctx context.Context, q store.Querier, clientID int64) (time.Time, bool, error) {
	var p Plan
	var cadence string
	err := q.QueryRow(ctx, `SELECT experience_at, cadence, planned_sessions FROM plans WHERE client_id = ?`, clientID).
		Scan(&p.ExperienceAt, &cadence, &p.PlannedSessions)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, false, nil
	}
	if err != nil {
		return time.Time{}, false, errs.Wrap(err, "reading the plan")
	}
	p.Cadence = Cadence(cadence)
	return p.LastPlanned(), true, nil
}
