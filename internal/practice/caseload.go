package practice

import (
	"context"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
)

// Caseload is one coach's load as the practice admin sees it: counts only,
// no client names or clinical content.
type Caseload struct {
	CoachID   int64
	Coach     string
	Accepting bool // the coach's profile takes new clients
	Active    int  // clients in integration
	FollowUp  int  // clients in follow-up
	Booked    int  // sessions booked in the next seven days
	Held      int  // sessions held in the last thirty days
}

// CaseloadWindows are the periods the counts cover.
const (
	CaseloadAhead = 7 * 24 * time.Hour
	CaseloadBack  = 30 * 24 * time.Hour
)

const caseloadQuery = `SELECT u.id, u.name, COALESCE(p.accepting, FALSE),
	(SELECT COUNT(*) FROM clients c JOIN users cu ON cu.id = c.user_id
		WHERE c.coach_id = u.id AND c.stage = ? AND cu.disabled_at IS NULL),
	(SELECT COUNT(*) FROM clients c JOIN users cu ON cu.id = c.user_id
		WHERE c.coach_id = u.id AND c.stage = ? AND cu.disabled_at IS NULL),
	(SELECT COUNT(*) FROM appointments a WHERE a.coach_id = u.id AND a.status = 'booked' AND a.starts_at >= ? AND a.starts_at < ?),
	(SELECT COUNT(*) FROM appointments a WHERE a.coach_id = u.id AND a.status = 'held' AND a.starts_at >= ? AND a.starts_at < ?)
	FROM users u LEFT JOIN coach_profiles p ON p.user_id = u.id
	WHERE u.practice_id = ? AND u.role = 'coach' AND u.disabled_at IS NULL
	ORDER BY u.name`

// Caseloads lists every active coach of the admin a's practice with their
// load, so the admin sees who can take the next client. Only admins have it.
func (s *Service) Caseloads(ctx context.Context, a policy.Actor) ([]Caseload, error) {
	if a.Role != account.Admin {
		return nil, errs.E(errs.Forbidden, "only practice admins see coaches' caseloads")
	}
	now := s.now().UTC()
	rows, err := s.db.Reader().Query(ctx, caseloadQuery, string(StageActive), string(StageFollowUp),
		now, now.Add(CaseloadAhead), now.Add(-CaseloadBack), now, a.PracticeID)
	if err != nil {
		return nil, errs.Wrap(err, "listing caseloads")
	}
	defer rows.Close()
	var out []Caseload
	for rows.Next() {
		var c Caseload
		if err := rows.Scan(&c.CoachID, &c.Coach, &c.Accepting, &c.Active, &c.FollowUp, &c.Booked, &c.Held); err != nil {
			return nil, errs.Wrap(err, "reading caseloads")
		}
		out = append(out, c)
	}
	return out, errs.Wrap(rows.Err(), "reading caseloads")
}
