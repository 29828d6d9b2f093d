package coach

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

const profileColumns = `p.user_id, p.practice_id, p.display_name, p.headline, p.bio, p.answer_training, p.answer_experience,
	p.answer_crisis, p.answer_therapy, p.supervision_kind, p.supervision_frequency, p.ethics_code, p.years_practice, p.tags,
	p.location, p.fee_minor, p.currency, p.sliding_min_minor, p.sliding_max_minor, p.sliding_spots, p.packages, p.time_zone,
	p.accepting, p.status, p.review_flags, p.review_note, p.verified_hours, p.verified, p.verified_until, p.next_open_at, p.updated_at`

func scanProfile(row interface{ Scan(...any) error }) (Profile, error) {
	var p Profile
	var tags int64
	var packages, flags, status string
	var until, next sql.NullTime
	err := row.Scan(&p.CoachID, &p.PracticeID, &p.Name, &p.Headline, &p.Bio, &p.Answers.Training, &p.Answers.Experience,
		&p.Answers.Crisis, &p.Answers.Therapy, &p.Supervision.Kind, &p.Supervision.Frequency, &p.EthicsCode, &p.YearsActive, &tags,
		&p.Location, &p.FeeMinor, &p.Currency, &p.Sliding.MinMinor, &p.Sliding.MaxMinor, &p.Sliding.Spots, &packages, &p.TimeZone,
		&p.Accepting, &status, &flags, &p.ReviewNote, &p.VerifiedHours, &p.Verified, &until, &next, &p.UpdatedAt)
	if err != nil {
		return p, err
	}
	p.Status = Status(status)
	p.setTags(tags)
	p.VerifiedUntil, p.NextOpenAt = utcPtr(until), utcPtr(next)
	p.UpdatedAt = p.UpdatedAt.UTC()
	if packages != "" {
		_ = json.Unmarshal([]byte(packages), &p.Packages) // written by us; a bad value shows no packages
	}
	if flags != "" {
		_ = json.Unmarshal([]byte(flags), &p.Flags)
	}
	return p, nil
}

func utcPtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

func nullTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC()
}

func loadProfile(ctx context.Context, q store.Querier, coachID int64) (Profile, error) {
	p, err := scanProfile(q.QueryRow(ctx, `SELECT `+profileColumns+` FROM coach_profiles p WHERE p.user_id = ?`, coachID))
	if err != nil {
		return Profile{}, store.NotFound(err, "coach")
	}
	if p.Weekly, err = loadWindows(ctx, q, coachID); err != nil {
		return Profile{}, err
	}
	p.Trainings, err = trainingsOf(ctx, q, coachID)
	return p, err
}

func listProfiles(ctx context.Context, q store.Querier, where string, args ...any) ([]Profile, error) {
	rows, err := q.Query(ctx, `SELECT `+profileColumns+` FROM coach_profiles p `+where, args...)
	if err != nil {
		return nil, errs.Wrap(err, "listing coaches")
	}
	defer rows.Close()
	var out []Profile
	for rows.Next() {
		p, err := scanProfile(rows)
		if err != nil {
			return nil, errs.Wrap(err, "reading coaches")
		}
		out = append(out, p)
	}
	return out, errs.Wrap(rows.Err(), "reading coaches")
}

func saveProfile(ctx context.Context, tx *store.Tx, p Profile) error {
	packages, flags := "", ""
	if len(p.Packages) > 0 {
		b, _ := json.Marshal(p.Packages)
		packages = string(b)
	}
	if len(p.Flags) > 0 {
		b, _ := json.Marshal(p.Flags)
		flags = string(b)
	}
	search := normalised(p.Name, p.Headline, p.Bio, p.Answers.Training, p.Answers.Experience, p.Answers.Crisis, p.Answers.Therapy)
	args := []any{p.PracticeID, p.Name, p.Headline, p.Bio, p.Answers.Training, p.Answers.Experience, p.Answers.Crisis,
		p.Answers.Therapy, p.Supervision.Kind, p.Supervision.Frequency, p.EthicsCode, p.YearsActive, p.Tags(), p.Location,
		p.FeeMinor, p.Currency, p.Sliding.MinMinor, p.Sliding.MaxMinor, p.Sliding.Spots, packages, p.TimeZone, p.Accepting,
		string(p.Status), flags, p.ReviewNote, search, normalised(p.Name), normalised(p.Headline), p.UpdatedAt, p.CoachID}
	res, err := tx.Exec(ctx, `UPDATE coach_profiles SET practice_id = ?, display_name = ?, headline = ?, bio = ?,
		answer_training = ?, answer_experience = ?, answer_crisis = ?, answer_therapy = ?, supervision_kind = ?,
		supervision_frequency = ?, ethics_code = ?, years_practice = ?, tags = ?, location = ?, fee_minor = ?, currency = ?,
		sliding_min_minor = ?, sliding_max_minor = ?, sliding_spots = ?, packages = ?, time_zone = ?, accepting = ?, status = ?,
		review_flags = ?, review_note = ?, search_text = ?, name_text = ?, headline_text = ?, updated_at = ? WHERE user_id = ?`, args...)
	if err != nil {
		return errs.Wrap(err, "saving coach profile")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		_, err = tx.Exec(ctx, `INSERT INTO coach_profiles (practice_id, display_name, headline, bio, answer_training,
			answer_experience, answer_crisis, answer_therapy, supervision_kind, supervision_frequency, ethics_code,
			years_practice, tags, location, fee_minor, currency, sliding_min_minor, sliding_max_minor, sliding_spots, packages,
			time_zone, accepting, status, review_flags, review_note, search_text, name_text, headline_text, updated_at, user_id)
			VALUES (`+placeholders(len(args))+`)`, args...)
		if err != nil {
			return errs.Wrap(err, "creating coach profile")
		}
	}
	// Weekly hours live in the schedule's availability (the availability
	// page edits them); a profile saved with hours writes those same rows,
	// one without (the profile form) leaves them as they are.
	if p.Weekly != nil {
		if err := replaceWindows(ctx, tx, p.CoachID, p.Weekly); err != nil {
			return err
		}
	}
	return syncSearchIndex(ctx, tx, p.CoachID, p.Status, search)
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// syncSearchIndex keeps SQLite's FTS table in step with the profile: only
// published profiles are indexed. PostgreSQL's tsvector is a generated
// column and needs nothing.
func syncSearchIndex(ctx context.Context, tx *store.Tx, coachID int64, status Status, search string) error {
	if tx.Dialect() != store.SQLite {
		return nil
	}
	if _, err := tx.Exec(ctx, `DELETE FROM coach_fts WHERE rowid = ?`, coachID); err != nil {
		return errs.Wrap(err, "updating search index")
	}
	if status != Published {
		return nil
	}
	_, err := tx.Exec(ctx, `INSERT INTO coach_fts (rowid, search_text) VALUES (?, ?)`, coachID, search)
	return errs.Wrap(err, "updating search index")
}

func setStatus(ctx context.Context, tx *store.Tx, coachID int64, status Status, note string, reviewer int64, at time.Time) error {
	_, err := tx.Exec(ctx, `UPDATE coach_profiles SET status = ?, review_note = ?, reviewed_by = ?, reviewed_at = ? WHERE user_id = ?`,
		string(status), note, reviewer, at, coachID)
	if err != nil {
		return errs.Wrap(err, "updating profile status")
	}
	var search string
	if err := tx.QueryRow(ctx, `SELECT search_text FROM coach_profiles WHERE user_id = ?`, coachID).Scan(&search); err != nil {
		return store.NotFound(err, "coach")
	}
	return syncSearchIndex(ctx, tx, coachID, status, search)
}

func replaceWindows(ctx context.Context, tx *store.Tx, coachID int64, ws []Window) error {
	if _, err := tx.Exec(ctx, `DELETE FROM availability WHERE coach_id = ?`, coachID); err != nil {
		return errs.Wrap(err, "saving availability")
	}
	for _, w := range ws {
		_, err := tx.Exec(ctx, `INSERT INTO availability (coach_id, weekday, start_minute, end_minute) VALUES (?, ?, ?, ?)`,
			coachID, int(w.Weekday), w.Start, w.End)
		if err != nil {
			return errs.Wrap(err, "saving availability")
		}
	}
	return nil
}

func loadWindows(ctx context.Context, q store.Querier, coachID int64) ([]Window, error) {
	rows, err := q.Query(ctx, `SELECT weekday, start_minute, end_minute FROM availability WHERE coach_id = ? ORDER BY weekday, start_minute`, coachID)
	if err != nil {
		return nil, errs.Wrap(err, "reading availability")
	}
	defer rows.Close()
	var out []Window
	for rows.Next() {
		var w Window
		var wd int
		if err := rows.Scan(&wd, &w.Start, &w.End); err != nil {
			return nil, errs.Wrap(err, "reading availability")
		}
		w.Weekday = time.Weekday(wd)
		out = append(out, w)
	}
	return out, errs.Wrap(rows.Err(), "reading availability")
}

// nextOpen is the coach's earliest open slot for a first session in the
// next three weeks, from the schedule (the one source of open times); nil
// when there is none or no schedule is wired.
func (s *Service) nextOpen(ctx context.Context, q store.Querier, coachID, clientID int64) (*time.Time, error) {
	if s.deps.Calendar == nil {
		return nil, nil
	}
	t, ok, err := s.deps.Calendar.NextFree(ctx, q, coachID, clientID, s.now().Add(searchHorizon), int(FirstSessionLength/time.Minute))
	if err != nil || !ok {
		return nil, err
	}
	return &t, nil
}

// RefreshNextOpen stores the coach's earliest open slot for search, in tx.
// NextOpenWorker calls it whenever the schedule says the coach's free time
// changed, so the directory follows what booking would offer.
func (s *Service) RefreshNextOpen(ctx context.Context, tx *store.Tx, coachID int64) error {
	next, err := s.nextOpen(ctx, tx, coachID, 0)
	if err != nil {
		return err
	}
	// Only a changed slot is written: an unchanged one would still bump
	// the directory version and rebuild every server's search index.
	_, err = tx.Exec(ctx, `UPDATE coach_profiles SET next_open_at = ? WHERE user_id = ? AND next_open_at IS DISTINCT FROM ?`,
		nullTime(next), coachID, nullTime(next))
	return errs.Wrap(err, "saving next open slot")
}
