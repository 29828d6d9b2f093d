package plan

import (
	"context"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

func (s *Service) planOf(ctx context.Context, q store.Querier, clientID int64) (Plan, error) {
	var p Plan
	var cadence, months string
	var sealed []byte
	err := q.QueryRow(ctx, `SELECT id, client_id, experience_at, cadence, planned_sessions, session_minutes, follow_up_months,
		intentions, intentions_sealed, version, updated_at FROM plans WHERE client_id = ?`, clientID).
		Scan(&p.ID, &p.ClientID, &p.ExperienceAt, &cadence, &p.PlannedSessions, &p.SessionMinutes, &months, &p.Intentions, &sealed, &p.Version, &p.UpdatedAt)
	if err != nil {
		return Plan{}, store.NotFound(err, "integration plan")
	}
	if p.Intentions, err = OpenText(openerFor(ctx, s.vault, q, clientID), "plans", p.ID, "intentions_sealed", p.Intentions, sealed); err != nil {
		return Plan{}, err
	}
	p.Cadence, p.FollowUpMonths = Cadence(cadence), splitInts(months)
	p.ExperienceAt, p.UpdatedAt = p.ExperienceAt.UTC(), p.UpdatedAt.UTC()
	return p, nil
}

// sessionsOf reads a client's sessions from the schedule's table; adherence
// is a read-only view over it.
func sessionsOf(ctx context.Context, q store.Querier, clientID int64) ([]Session, error) {
	rows, err := q.Query(ctx, `SELECT starts_at, status FROM appointments WHERE client_id = ? ORDER BY starts_at`, clientID)
	if err != nil {
		return nil, errs.Wrap(err, "reading sessions")
	}
	defer rows.Close()
	var out []Session
	for rows.Next() {
		var s Session
		if err := rows.Scan(&s.Start, &s.Status); err != nil {
			return nil, errs.Wrap(err, "reading sessions")
		}
		s.Start = s.Start.UTC()
		out = append(out, s)
	}
	return out, rows.Err()
}
