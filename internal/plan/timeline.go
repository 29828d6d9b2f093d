package plan

import (
	"context"
	"database/sql"
	"time"

	"github.com/afterward/afterward/internal/progress"
	"github.com/afterward/afterward/internal/store"
)

// Timeline is the plan's progress.TimelineSource: one event per action the
// client marked done, never what the action was.
func Timeline(ctx context.Context, tx *store.Tx, clientID int64) ([]progress.Event, error) {
	rows, err := tx.Query(ctx, `SELECT done_at FROM actions WHERE client_id = ? AND done_at IS NOT NULL ORDER BY done_at`, clientID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []progress.Event
	for rows.Next() {
		var at sql.NullTime
		if err := rows.Scan(&at); err != nil {
			return nil, err
		}
		if !at.Valid {
			continue
		}
		out = append(out, progress.Event{At: at.Time.UTC().Truncate(time.Second), Kind: progress.Intention,
			Title: "Step taken", Detail: "an action you set with your coach", Link: "/dashboard"})
	}
	return out, rows.Err()
}
