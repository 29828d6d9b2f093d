package careteam

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// Opener opens a sealed field (the vault); careteam needs only this.
type Opener interface {
	Open(ctx context.Context, q store.Querier, clientID int64, aad vault.AAD, ciphertext []byte) ([]byte, error)
	// OpenersFor reads many clients' keys at once, for lists.
	OpenersFor(ctx context.Context, q store.Querier, clientIDs []int64) (*vault.Openers, error)
}

// Sources returns the view's sources for every shareable category. Each
// reads only what its category promises: dates, statuses and totals — never
// free text the client did not choose to share.
func Sources(v Opener) []Source {
	return []Source{Attendance{}, Scores{}, SafetyAlerts{}, Journal{Vault: v}, Summaries{Vault: v}, CheckIns{Vault: v}}
}

// sourceQuery runs q and turns each row into an item with scan.
func sourceQuery(ctx context.Context, tx *store.Tx, scan func(rows *sql.Rows) (SharedItem, error), q string, args ...any) ([]SharedItem, error) {
	rows, err := tx.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SharedItem
	for rows.Next() {
		it, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// Attendance lists sessions: date, length and status.
type Attendance struct{}

func (Attendance) Category() policy.Category { return policy.Attendance }

// AttendanceLabels names appointment statuses for clinicians.
var AttendanceLabels = map[string]string{"booked": "Booked", "held": "Held", "cancelled": "Cancelled", "no_show": "Did not attend"}

func (Attendance) Shared(ctx context.Context, tx *store.Tx, clientID int64) ([]SharedItem, error) {
	return sourceQuery(ctx, tx, func(rows *sql.Rows) (SharedItem, error) {
		var it SharedItem
		var minutes int
		var status string
		err := rows.Scan(&it.When, &minutes, &status)
		it.Title, it.Detail = "Session: "+AttendanceLabels[status], fmt.Sprintf("%d minutes", minutes)
		return it, err
	}, `SELECT starts_at, minutes, status FROM appointments WHERE client_id = ? ORDER BY starts_at DESC`, clientID)
}

// Scores lists questionnaire totals and severity.
type Scores struct{}

func (Scores) Category() policy.Category { return policy.Scores }

func (Scores) Shared(ctx context.Context, tx *store.Tx, clientID int64) ([]SharedItem, error) {
	return sourceQuery(ctx, tx, func(rows *sql.Rows) (SharedItem, error) {
		var it SharedItem
		var instrument, severity string
		var total sql.NullInt64
		err := rows.Scan(&it.When, &instrument, &total, &severity)
		it.Title = strings.ToUpper(instrument)
		if total.Valid {
			it.Detail = fmt.Sprintf("total %d", total.Int64)
		}
		if severity != "" {
			it.Detail = strings.TrimPrefix(it.Detail+", "+strings.ReplaceAll(severity, "_", " "), ", ")
		}
		return it, err
	}, `SELECT answered_at, instrument, total, severity FROM measure_responses WHERE client_id = ? ORDER BY answered_at DESC`, clientID)
}

// SafetyAlerts lists alerts by level and whether they are closed; never
// their reason or follow-up text.
type SafetyAlerts struct{}

func (SafetyAlerts) Category() policy.Category { return policy.SafetyAlerts }

func (SafetyAlerts) Shared(ctx context.Context, tx *store.Tx, clientID int64) ([]SharedItem, error) {
	return sourceQuery(ctx, tx, func(rows *sql.Rows) (SharedItem, error) {
		var it SharedItem
		var level string
		var closed sql.NullTime
		err := rows.Scan(&it.When, &level, &closed)
		it.Title, it.Detail = "Safety alert: "+level, "open"
		if closed.Valid {
			at := closed.Time.UTC()
			it.Detail, it.ClosedAt = "closed", &at
		}
		return it, err
	}, `SELECT created_at, level, closed_at FROM safety_alerts WHERE client_id = ? ORDER BY created_at DESC`, clientID)
}

// Journal lists the titles of entries the client shared (never bodies).
type Journal struct{ Vault Opener }

func (Journal) Category() policy.Category { return policy.Journal }

func (j Journal) Shared(ctx context.Context, tx *store.Tx, clientID int64) ([]SharedItem, error) {
	type row struct {
		id    int64
		when  time.Time
		title []byte
	}
	var sealed []row
	_, err := sourceQuery(ctx, tx, func(rows *sql.Rows) (SharedItem, error) {
		var r row
		err := rows.Scan(&r.id, &r.when, &r.title)
		sealed = append(sealed, r)
		return SharedItem{}, err
	}, `SELECT id, shared_at, title FROM journal_entries WHERE client_id = ? AND status = 'saved' AND shared_at IS NOT NULL ORDER BY shared_at DESC`, clientID)
	if err != nil {
		return nil, err
	}
	out := make([]SharedItem, 0, len(sealed))
	for _, r := range sealed {
		title := "Untitled entry"
		if len(r.title) > 0 {
			plain, err := j.Vault.Open(ctx, tx, clientID, vault.AAD{Table: "journal_entries", RecordID: r.id, Field: "title"}, r.title)
			if err != nil {
				return nil, err
			}
			if t := strings.TrimSpace(string(plain)); t != "" {
				title = t
			}
		}
		out = append(out, SharedItem{When: r.when.UTC(), Title: title, Detail: "Journal entry"})
	}
	return out, nil
}

// CheckIns lists check-in ratings and, opened, the line written with each.
type CheckIns struct{ Vault Opener }

func (CheckIns) Category() policy.Category { return policy.CheckIns }

func (c CheckIns) Shared(ctx context.Context, tx *store.Tx, clientID int64) ([]SharedItem, error) {
	type row struct {
		id   int64
		item SharedItem
		note []byte
	}
	var rs []row
	_, err := sourceQuery(ctx, tx, func(rows *sql.Rows) (SharedItem, error) {
		var r row
		var mood, anxiety, sleep, connection int
		err := rows.Scan(&r.id, &r.item.When, &mood, &anxiety, &sleep, &connection, &r.note)
		r.item.Title = "Check-in"
		r.item.Detail = fmt.Sprintf("mood %d, anxiety %d, sleep %d, connection %d (of 5)", mood, anxiety, sleep, connection)
		rs = append(rs, r)
		return SharedItem{}, err
	}, `SELECT id, created_at, mood, anxiety, sleep, connection, note FROM checkins WHERE client_id = ? ORDER BY created_at DESC LIMIT 60`, clientID)
	if err != nil {
		return nil, err
	}
	out := make([]SharedItem, 0, len(rs))
	for _, r := range rs {
		if len(r.note) > 0 {
			plain, err := c.Vault.Open(ctx, tx, clientID, vault.AAD{Table: "checkins", RecordID: r.id, Field: "note"}, r.note)
			if err != nil {
				return nil, err
			}
			r.item.Detail += ": " + string(plain)
		}
		r.item.When = r.item.When.UTC()
		out = append(out, r.item)
	}
	return out, nil
}
