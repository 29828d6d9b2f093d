package questionnaire

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/progress"
	"github.com/afterward/afterward/internal/store"
)

// Timeline is the questionnaires' progress.TimelineSource: one event per
// response with its instrument and total score (never the answers).
func Timeline(ctx context.Context, tx *store.Tx, clientID int64) ([]progress.Event, error) {
	rows, err := tx.Query(ctx, `SELECT answered_at, instrument, COALESCE(total, -1) FROM measure_responses WHERE client_id = ? ORDER BY answered_at`, clientID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []progress.Event
	for rows.Next() {
		var at sql.NullTime
		var instrument string
		var total int64
		if err := rows.Scan(&at, &instrument, &total); err != nil {
			return nil, err
		}
		if !at.Valid {
			continue
		}
		detail := "answered"
		if total >= 0 {
			detail = fmt.Sprintf("score %d", total)
		}
		out = append(out, progress.Event{At: at.Time.UTC().Truncate(time.Second), Kind: progress.Questionnaire,
			Title: "Questionnaire: " + strings.ToUpper(instrument), Detail: detail, Link: "/measures"})
	}
	return out, rows.Err()
}
