package questionnaire

import (
	"context"
	"database/sql"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/measure"
	"github.com/afterward/afterward/internal/store"
)

// scored is a questionnaire's score as stored.
type scored struct {
	total    *int
	severity string
	risk     string
}

// scoreAnswers scores with internal/measure and decides whether the answers
// call the safety response: PHQ-9 item 9 ≥ 1, or C-SSRS moderate or high.
func scoreAnswers(def *measure.Definition, answers []int) (scored, error) {
	if def.Scoring.Method == measure.MethodCSSRS {
		if len(answers) != 7 {
			return scored{}, errs.E(errs.Invalid, "the C-SSRS screener has 7 answers")
		}
		yes := func(i int) bool { return answers[i] == 1 }
		risk := measure.CSSRSRisk(measure.CSSRSAnswers{Q1: yes(0), Q2: yes(1), Q3: yes(2), Q4: yes(3), Q5: yes(4), Q6: yes(5), Q6Within3Months: yes(6)})
		out := scored{severity: risk}
		if risk == measure.RiskModerate || risk == measure.RiskHigh {
			out.risk = risk
		}
		return out, nil
	}
	r, err := measure.Score(def, answers)
	if err != nil {
		return scored{}, errs.E(errs.Invalid, "%v", err)
	}
	out := scored{total: &r.Total, severity: r.Severity}
	for _, f := range r.Flags {
		if def.ID == "phq9" && f == "item9_positive" {
			out.risk = RiskPHQ9Item9
		}
	}
	return out, nil
}

// insertResponse inserts a response and returns its id and timepoint. For
// tpo.openAt the timepoint is that of the instrument's earliest scheduled
// assignment open then (as DueFor lists them), or "" for an extra check-in.
func insertResponse(ctx context.Context, tx *store.Tx, clientID int64, instrument string, tpo timepointOf, at time.Time, sc scored, now time.Time) (int64, string, error) {
	var total any
	if sc.total != nil {
		total = *sc.total
	}
	timepoint, args := `?`, []any{tpo.given}
	if !tpo.openAt.IsZero() {
		timepoint = `COALESCE((SELECT timepoint FROM measure_assignments WHERE client_id = ? AND instrument = ?
			AND completed_at IS NULL AND due_at <= ? AND expires_at > ? ORDER BY due_at, timepoint LIMIT 1), '')`
		args = []any{clientID, instrument, tpo.openAt, tpo.openAt}
	}
	args = append([]any{instrument}, args...)
	args = append(args, at, total, sc.severity, sc.risk, now, clientID)
	// Query, not QueryRow: it refuses a time past dates.MaxYear (an
	// imported paper form's date) as InsertID does.
	rows, err := tx.Query(ctx, `INSERT INTO measure_responses (client_id, practice_id, instrument, timepoint, answered_at, total, severity, risk, created_at)
		SELECT user_id, practice_id, ?, `+timepoint+`, ?, ?, ?, ?, ? FROM clients WHERE user_id = ? RETURNING id, timepoint`, args...)
	if err != nil {
		return 0, "", err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return 0, "", err
		}
		return 0, "", sql.ErrNoRows
	}
	var id int64
	var tp string
	if err := rows.Scan(&id, &tp); err != nil {
		return 0, "", err
	}
	return id, tp, rows.Close()
}

func listDue(ctx context.Context, q store.Querier, clientID int64, now time.Time) ([]Due, error) {
	rows, err := q.Query(ctx, `SELECT instrument, timepoint, due_at, expires_at FROM measure_assignments
		WHERE client_id = ? AND completed_at IS NULL AND due_at <= ? AND expires_at > ? ORDER BY due_at, instrument`, clientID, now, now)
	if err != nil {
		return nil, errs.Wrap(err, "listing due questionnaires")
	}
	defer rows.Close()
	var out []Due
	for rows.Next() {
		var d Due
		if err := rows.Scan(&d.Instrument, &d.Timepoint, &d.DueAt, &d.ExpiresAt); err != nil {
			return nil, errs.Wrap(err, "reading due questionnaires")
		}
		d.DueAt, d.ExpiresAt = d.DueAt.UTC(), d.ExpiresAt.UTC()
		out = append(out, d)
	}
	return out, errs.Wrap(rows.Err(), "reading due questionnaires")
}

func listResponses(ctx context.Context, q store.Querier, clientID int64) ([]Response, error) {
	rows, err := q.Query(ctx, `SELECT id, instrument, timepoint, answered_at, total, severity, risk FROM measure_responses
		WHERE client_id = ? ORDER BY instrument, answered_at, id`, clientID)
	if err != nil {
		return nil, errs.Wrap(err, "listing questionnaire responses")
	}
	defer rows.Close()
	var out []Response
	for rows.Next() {
		r := Response{ClientID: clientID}
		var total sql.NullInt64
		if err := rows.Scan(&r.ID, &r.Instrument, &r.Timepoint, &r.AnsweredAt, &total, &r.Severity, &r.Risk); err != nil {
			return nil, errs.Wrap(err, "reading questionnaire responses")
		}
		r.AnsweredAt = r.AnsweredAt.UTC()
		if total.Valid {
			t := int(total.Int64)
			r.Total = &t
		}
		out = append(out, r)
	}
	return out, errs.Wrap(rows.Err(), "reading questionnaire responses")
}

// sessionsWithin counts each client's sessions in the window after the
// experience: from appointments (s.sessions) for every client with
// sessions on record, and from outcome_doses for the others (imported and
// synthetic clients whose sessions were never scheduled here).
func (s *Service) sessionsWithin(ctx context.Context, q store.Querier, practiceID int64, window time.Duration) (map[int64]int, error) {
	counts := map[int64]int{}
	if s.sessions != nil {
		var err error
		if counts, err = s.sessions.SessionsWithin(ctx, q, practiceID, window); err != nil {
			return nil, err
		}
	}
	doses, err := doseTableSessions(ctx, q, practiceID)
	if err != nil {
		return nil, err
	}
	for id, n := range doses {
		if _, scheduled := counts[id]; !scheduled {
			counts[id] = n
		}
	}
	return counts, nil
}

// doseTableSessions reads sessions_90d from outcome_doses (filled by
// imports, the demo and the generator); its window is always the first 90
// days.
func doseTableSessions(ctx context.Context, q store.Querier, practiceID int64) (map[int64]int, error) {
	rows, err := q.Query(ctx, `SELECT d.client_id, d.sessions_90d FROM outcome_doses d JOIN clients c ON c.user_id = d.client_id WHERE c.practice_id = ?`, practiceID)
	if err != nil {
		return nil, errs.Wrap(err, "reading session counts")
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, errs.Wrap(err, "reading session counts")
		}
		out[id] = n
	}
	return out, errs.Wrap(rows.Err(), "reading session counts")
}

// SetSessions90 records a client's sessions in the first 90 days (imports
// and the demo, until appointments are counted).
func SetSessions90(ctx context.Context, tx *store.Tx, clientID int64, n int) error {
	_, err := tx.Exec(ctx, `INSERT INTO outcome_doses (client_id, sessions_90d) VALUES (?, ?)
		ON CONFLICT (client_id) DO UPDATE SET sessions_90d = excluded.sessions_90d`, clientID, n)
	return errs.Wrap(err, "recording session count")
}
