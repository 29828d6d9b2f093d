package intake

import (
	"context"
	"database/sql"
	"time"

	"github.com/afterward/afterward/internal/progress"
	"github.com/afterward/afterward/internal/store"
)

// Timeline is the intake's progress.TimelineSource: one event when the
// client submitted their intake, never the answers or the outcome.
func Timeline(ctx context.Context, tx *store.Tx, clientID int64) ([]progress.Event, error) {
	rows, err := tx.Query(ctx, `SELECT submitted_at FROM intakes WHERE client_id = ? AND submitted_at IS NOT NULL`, clientID)
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
		out = append(out, progress.Event{At: at.Time.UTC().Truncate(time.Second), Kind: progress.Intake,
			Title: "Intake completed", Detail: "Screening answers reviewed with your coach"})
	}
	return out, rows.Err()
}
