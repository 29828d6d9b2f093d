package progress

import (
	"context"
	"database/sql"
	"time"

	"github.com/afterward/afterward/internal/store"
)

// Rows is a TimelineSource for a package whose events are one row each:
// query takes the client id and selects (time, label, number); describe
// turns label and number into the event's content-free title and detail.
// Rows with no time are skipped.
func Rows(kind Kind, query string, describe func(label string, n int64) (title, detail string), link string) TimelineSource {
	return SourceFunc(func(ctx context.Context, tx *store.Tx, clientID int64) ([]Event, error) {
		rows, err := tx.Query(ctx, query, clientID)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []Event
		for rows.Next() {
			var at sql.NullTime
			var label string
			var n int64
			if err := rows.Scan(&at, &label, &n); err != nil {
				return nil, err
			}
			if !at.Valid {
				continue
			}
			title, detail := describe(label, n)
			out = append(out, Event{At: at.Time.UTC().Truncate(time.Second), Kind: kind, Title: title, Detail: detail, Link: link})
		}
		return out, rows.Err()
	})
}
