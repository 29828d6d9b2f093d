package notify

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// Prefs are what a person wants to be told by email, and when not to be.
// The zero value is the default: every topic on, no quiet hours. Safety
// alerts, sign-in links and reminders of booked sessions are not topics:
// they are always sent.
type Prefs struct {
	Muted map[Topic]bool
	// QuietStart and QuietEnd are minutes after midnight in the person's
	// time zone; equal means no quiet hours. They may wrap midnight
	// (22:00–07:00).
	QuietStart, QuietEnd int
}

// Validate names each wrong field.
func (p Prefs) Validate() error {
	v := errs.Validation{}
	v.Check(p.QuietStart >= 0 && p.QuietStart < 24*60, "quiet_start", "choose a time of day")
	v.Check(p.QuietEnd >= 0 && p.QuietEnd < 24*60, "quiet_end", "choose a time of day")
	for t := range p.Muted {
		known := false
		for _, k := range Topics {
			known = known || k.Topic == t
		}
		v.Check(known, "topics", "choose from the listed kinds of email")
	}
	return v.Err()
}

// Quiet reports whether quiet hours are set.
func (p Prefs) Quiet() bool { return p.QuietStart != p.QuietEnd }

// SendAt is when an email for an event at now should go: now, or the end
// of the person's quiet hours when now falls inside them.
func (p Prefs) SendAt(now time.Time, tz string) time.Time {
	if !p.Quiet() {
		return now
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		loc = time.UTC
	}
	local := now.In(loc)
	mins := local.Hour()*60 + local.Minute()
	in := mins >= p.QuietStart && mins < p.QuietEnd
	if p.QuietStart > p.QuietEnd { // wraps midnight
		in = mins >= p.QuietStart || mins < p.QuietEnd
	}
	if !in {
		return now
	}
	end := time.Date(local.Year(), local.Month(), local.Day(), p.QuietEnd/60, p.QuietEnd%60, 0, 0, loc)
	if !end.After(local) {
		end = end.AddDate(0, 0, 1)
	}
	return end.UTC()
}

// LoadPrefs reads a person's preferences (the defaults when none saved).
func LoadPrefs(ctx context.Context, q store.Querier, userID int64) (Prefs, error) {
	p := Prefs{Muted: map[Topic]bool{}}
	var muted string
	err := q.QueryRow(ctx, `SELECT muted, quiet_start, quiet_end FROM notify_prefs WHERE user_id = ?`, userID).Scan(&muted, &p.QuietStart, &p.QuietEnd)
	if errors.Is(err, sql.ErrNoRows) {
		return p, nil
	}
	if err != nil {
		return p, errs.Wrap(err, "reading email preferences")
	}
	for _, t := range strings.Split(muted, ",") {
		if t != "" {
			p.Muted[Topic(t)] = true
		}
	}
	return p, nil
}

// SavePrefs replaces a person's preferences.
func SavePrefs(ctx context.Context, db *store.DB, userID int64, p Prefs, now time.Time) error {
	if err := p.Validate(); err != nil {
		return err
	}
	var muted []string
	for _, t := range Topics {
		if p.Muted[t.Topic] {
			muted = append(muted, string(t.Topic))
		}
	}
	return db.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO notify_prefs (user_id, muted, quiet_start, quiet_end, updated_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (user_id) DO UPDATE SET muted = excluded.muted, quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end, updated_at = excluded.updated_at`,
			userID, strings.Join(muted, ","), p.QuietStart, p.QuietEnd, now.UTC())
		return errs.Wrap(err, "saving email preferences")
	})
}

// PrefStore is a person's own preferences, for the Settings page.
type PrefStore struct {
	DB  *store.DB
	Now func() time.Time
}

// Load returns userID's preferences.
func (ps PrefStore) Load(ctx context.Context, userID int64) (Prefs, error) {
	return LoadPrefs(ctx, ps.DB.Reader(), userID)
}

// Save replaces userID's preferences.
func (ps PrefStore) Save(ctx context.Context, userID int64, p Prefs) error {
	return SavePrefs(ctx, ps.DB, userID, p, ps.Now())
}
