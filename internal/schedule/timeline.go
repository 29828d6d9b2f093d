package schedule

import (
	"context"
	"fmt"
	"time"

	"github.com/afterward/afterward/internal/progress"
	"github.com/afterward/afterward/internal/store"
)

// Timeline is the schedule's progress.TimelineSource: the client's sessions
// held, missed and booked, each linking to its own page (a "Session booked"
// names the appointment it is about). Content-free: status and length only.
func Timeline(ctx context.Context, tx *store.Tx, clientID int64) ([]progress.Event, error) {
	rows, err := tx.Query(ctx, `SELECT id, starts_at, status, minutes FROM appointments WHERE client_id = ? AND status IN ('held', 'no_show', 'booked') ORDER BY starts_at`, clientID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	titles := map[string]string{"held": "Session held", "no_show": "Missed session", "booked": "Session booked"}
	var out []progress.Event
	for rows.Next() {
		var id int64
		var at time.Time
		var status string
		var minutes int
		if err := rows.Scan(&id, &at, &status, &minutes); err != nil {
			return nil, err
		}
		out = append(out, progress.Event{At: at.UTC().Truncate(time.Second), Kind: progress.Session, Title: titles[status],
			Detail: fmt.Sprintf("%d minutes", minutes), Link: fmt.Sprintf("/sessions/%d", id)})
	}
	return out, rows.Err()
}
