package intake

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/triage"
)

const outcomeColumns = `i.submitted_at, COALESCE(i.disposition, ''), i.reasons, i.first_session_due, i.late_start, i.needs_clinician,
	i.clinician_recorded_at, i.cleared_at, COALESCE(i.cleared_by, 0)`

// scanOutcome reads outcomeColumns after the given leading destinations.
func scanOutcome(scan func(...any) error, lead ...any) (Outcome, bool, error) {
	var o Outcome
	var submitted, due, clinician, cleared sql.NullTime
	var disposition, reasons string
	err := scan(append(lead, &submitted, &disposition, &reasons, &due, &o.LateStart, &o.NeedsClinician, &clinician, &cleared, &o.ClearedBy)...)
	if err != nil {
		return o, false, err
	}
	o.Disposition = triage.Disposition(disposition)
	if reasons != "" {
		o.Reasons = strings.Split(reasons, ",")
	}
	o.SubmittedAt, o.FirstSessionDue = submitted.Time.UTC(), due.Time.UTC()
	o.ClinicianRecorded, o.ClearedAt = timePtr(clinician), timePtr(cleared)
	return o, submitted.Valid, nil
}

func timePtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

// loadIntake returns the intake row and its sealed answers (nil before the
// first save).
func loadIntake(ctx context.Context, q store.Querier, clientID int64) (Intake, []byte, error) {
	in := Intake{ClientID: clientID}
	var sealed []byte
	var err error
	in.Outcome, in.Submitted, err = scanOutcome(q.QueryRow(ctx, `SELECT i.id, i.step, i.answers, `+outcomeColumns+
		` FROM intakes i WHERE i.client_id = ?`, clientID).Scan, &in.ID, &in.Step, &sealed)
	if err != nil {
		return in, nil, store.NotFound(err, "intake")
	}
	return in, sealed, nil
}

func insertIntake(ctx context.Context, tx *store.Tx, clientID int64, now time.Time) (int64, error) {
	id, err := store.InsertID(ctx, tx, `INSERT INTO intakes (client_id, created_at, updated_at) VALUES (?, ?, ?) RETURNING id`, clientID, now, now)
	if store.IsUniqueViolation(err) {
		return 0, errs.E(errs.Conflict, "the intake was started elsewhere; please reload the page")
	}
	return id, errs.Wrap(err, "starting intake")
}

func updateStep(ctx context.Context, tx *store.Tx, id int64, step string, now time.Time) error {
	_, err := tx.Exec(ctx, `UPDATE intakes SET step = ?, updated_at = ? WHERE id = ?`, step, now, id)
	return errs.Wrap(err, "saving intake step")
}

func saveOutcome(ctx context.Context, tx *store.Tx, id int64, o Outcome) error {
	_, err := tx.Exec(ctx, `UPDATE intakes SET step = ?, submitted_at = ?, disposition = ?, reasons = ?, first_session_due = ?,
		late_start = ?, needs_clinician = ?, updated_at = ? WHERE id = ?`,
		StepReview, o.SubmittedAt, string(o.Disposition), strings.Join(o.Reasons, ","), o.FirstSessionDue,
		o.LateStart, o.NeedsClinician, o.SubmittedAt, id)
	return errs.Wrap(err, "saving triage outcome")
}

// saveExperience keeps the experience as an instant (UTC) with the zone
// the client gave, so every 72-hour window is exact rather than midnight
// of a date; the care record and the plan take it from here.
func saveExperience(ctx context.Context, tx *store.Tx, id int64, at time.Time, zone string) error {
	_, err := tx.Exec(ctx, `UPDATE intakes SET experience_at = ?, experience_tz = ? WHERE id = ?`, at.UTC(), zone, id)
	return errs.Wrap(err, "saving the experience time")
}

// updateClient copies the experience to the care record (the roster and
// the 72-hour window read it there) and moves the client's stage.
func updateClient(ctx context.Context, tx *store.Tx, clientID int64, in triage.Intake, stage practice.Stage) error {
	_, err := tx.Exec(ctx, `UPDATE clients SET experience_at = ?, substance = ?, context = ?,
		stage = CASE WHEN ? = 'matching' AND coach_id IS NOT NULL THEN 'active' ELSE ? END WHERE user_id = ?`,
		in.Experience.Date.UTC(), in.Experience.Substance, in.Experience.Context, string(stage), string(stage), clientID)
	return errs.Wrap(err, "updating client after intake")
}

func recordClearance(ctx context.Context, tx *store.Tx, clientID, by int64, now time.Time) error {
	res, err := tx.Exec(ctx, `UPDATE intakes SET cleared_at = ?, cleared_by = ?, updated_at = ?
		WHERE client_id = ? AND disposition IN ('refer_clinical', 'emergency') AND cleared_at IS NULL`, now, by, now, clientID)
	if err != nil {
		return errs.Wrap(err, "recording clearance")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.Conflict, "there is no clinical hold to clear for this client")
	}
	_, err = tx.Exec(ctx, `UPDATE clients SET stage = CASE WHEN coach_id IS NULL THEN 'matching' ELSE 'active' END
		WHERE user_id = ? AND stage IN ('referred_out', 'on_hold')`, clientID)
	return errs.Wrap(err, "updating client stage")
}

func recordClinician(ctx context.Context, tx *store.Tx, clientID, by int64, now time.Time) error {
	res, err := tx.Exec(ctx, `UPDATE intakes SET clinician_recorded_at = ?, clinician_recorded_by = ?, updated_at = ?
		WHERE client_id = ? AND submitted_at IS NOT NULL AND clinician_recorded_at IS NULL`, now, by, now, clientID)
	if err != nil {
		return errs.Wrap(err, "recording clinician")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.Conflict, "a clinician is already recorded, or the intake is not submitted yet")
	}
	return nil
}

func listSummaries(ctx context.Context, q store.Querier, where string, args ...any) ([]Summary, error) {
	rows, err := q.Query(ctx, `SELECT c.user_id, u.name, COALESCE(co.name, ''), i.step, `+outcomeColumns+`
		FROM intakes i JOIN clients c ON c.user_id = i.client_id JOIN users u ON u.id = c.user_id
		LEFT JOIN users co ON co.id = c.coach_id
		WHERE u.disabled_at IS NULL AND `+where+` ORDER BY CASE WHEN i.submitted_at IS NULL THEN 1 ELSE 0 END, i.first_session_due, u.name`, args...)
	if err != nil {
		return nil, errs.Wrap(err, "listing intakes")
	}
	defer rows.Close()
	var out []Summary
	for rows.Next() {
		var s Summary
		var err error
		s.Outcome, s.Submitted, err = scanOutcome(rows.Scan, &s.ClientID, &s.ClientName, &s.CoachName, &s.Step)
		if err != nil {
			return nil, errs.Wrap(err, "reading intakes")
		}
		out = append(out, s)
	}
	return out, errs.Wrap(rows.Err(), "reading intakes")
}
