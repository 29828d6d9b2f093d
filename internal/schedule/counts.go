package schedule

import (
	"context"
	"database/sql"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// HeldWithin counts, for every client of the practice who has any session
// on record and a known experience date, the sessions held in the window
// after the experience (client id → count, zeros included). Clients
// without sessions are absent, so a caller can tell "none held" from "not
// scheduled here". The experience date is the plan's, else the client's.
func HeldWithin(ctx context.Context, q store.Querier, practiceID int64, window time.Duration) (map[int64]int, error) {
	rows, err := q.Query(ctx, `SELECT a.client_id, p.experience_at, c.experience_at, a.starts_at, a.status
		FROM appointments a JOIN clients c ON c.user_id = a.client_id LEFT JOIN plans p ON p.client_id = a.client_id
		WHERE c.practice_id = ? AND COALESCE(p.experience_at, c.experience_at) IS NOT NULL`, practiceID)
	if err != nil {
		return nil, errs.Wrap(err, "counting sessions")
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var planned, recorded sql.NullTime
		var start time.Time
		var status string
		if err := rows.Scan(&id, &planned, &recorded, &start, &status); err != nil {
			return nil, errs.Wrap(err, "counting sessions")
		}
		experience := recorded.Time
		if planned.Valid {
			experience = planned.Time
		}
		out[id] += heldIn(experience, window, start, Status(status))
	}
	return out, errs.Wrap(rows.Err(), "counting sessions")
}

// heldIn is 1 for a held session in [experience, experience+window).
func heldIn(experience time.Time, window time.Duration, start time.Time, st Status) int {
	if st == Held && !start.Before(experience) && start.Before(experience.Add(window)) {
		return 1
	}
	return 0
}
