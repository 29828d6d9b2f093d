package app

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/progress"
	"github.com/afterward/afterward/internal/store"
)

// Timeline sources for the client's journey that live in packages wired
// after the client space: sessions, intake, questionnaires and actions
// done. Each is a content-free summary read in the timeline's audited
// transaction.
func timelineSources() []progress.TimelineSource {
	return []progress.TimelineSource{
		sessionEvents,
		timelineQuery(progress.Intake, `SELECT submitted_at, COALESCE(disposition, ''), 0 FROM intakes WHERE client_id = ? AND submitted_at IS NOT NULL`,
			func(string, int64) (string, string) {
				return "Intake completed", "Screening answers reviewed with your coach"
			}, ""),
		timelineQuery(progress.Questionnaire, `SELECT answered_at, instrument, COALESCE(total, -1) FROM measure_responses WHERE client_id = ? ORDER BY answered_at`,
			func(instrument string, total int64) (string, string) {
				if total < 0 {
					return "Questionnaire: " + strings.ToUpper(instrument), "answered"
				}
				return "Questionnaire: " + strings.ToUpper(instrument), fmt.Sprintf("score %d", total)
			}, "/measures"),
		timelineQuery(progress.Intention, `SELECT done_at, '', 0 FROM actions WHERE client_id = ? AND done_at IS NOT NULL ORDER BY done_at`,
			func(string, int64) (string, string) { return "Step taken", "an action you set with your coach" }, "/dashboard"),
	}
}

// timelineQuery turns rows of (time, label, number) into events.
func timelineQuery(kind progress.Kind, query string, describe func(label string, n int64) (title, detail string), link string) progress.TimelineSource {
	return progress.SourceFunc(func(ctx context.Context, tx *store.Tx, clientID int64) ([]progress.Event, error) {
		rows, err := tx.Query(ctx, query, clientID)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []progress.Event
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
			out = append(out, progress.Event{At: at.Time.UTC().Truncate(time.Second), Kind: kind, Title: title, Detail: detail, Link: link})
		}
		return out, rows.Err()
	})
}

// sessionEvents are the client's sessions, each linking to its own page
// (a "Session booked" names the appointment it is about).
var sessionEvents = progress.SourceFunc(func(ctx context.Context, tx *store.Tx, clientID int64) ([]progress.Event, error) {
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
})
