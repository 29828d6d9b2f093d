package schedule

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// appointmentSelect is the sessions' select list per engine (built once:
// the statement cache keys on the text). The two timestamps are read
// through store.TimeText: the driver's own parsing of a TIMESTAMP column
// first tries a layout that never matches and allocates an error, for
// every session the coach dashboard's week lists (issue 17's profile).
var appointmentSelect = func() map[store.Dialect]string {
	out := map[store.Dialect]string{}
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		out[d] = `SELECT a.id, a.uid, a.practice_id, a.coach_id, co.name, a.client_id, cl.name,
	` + store.TimeText(d, "a.starts_at") + `, a.minutes, a.format, a.location, a.status, a.late_cancel, a.sequence, ` + store.TimeText(d, "a.updated_at") + `, a.session_type
	FROM appointments a JOIN users co ON co.id = a.coach_id JOIN users cl ON cl.id = a.client_id`
	}
	return out
}()

func scanAppointment(row interface{ Scan(...any) error }) (Appointment, error) {
	return newAppointmentScanner().scan(row)
}

// appointmentScanner holds one row's scan targets for every row of a
// list: Scan takes their addresses, so targets declared per row (and the
// argument list) were a handful of heap allocations per row.
type appointmentScanner struct {
	a                    Appointment
	format, status, kind string
	start, updated       store.Time
	dest                 []any
}

func newAppointmentScanner() *appointmentScanner {
	s := &appointmentScanner{}
	a := &s.a
	s.dest = []any{&a.ID, &a.UID, &a.PracticeID, &a.CoachID, &a.CoachName, &a.ClientID, &a.ClientName,
		&s.start, &a.Minutes, &s.format, &a.Location, &s.status, &a.LateCancel, &a.Sequence, &s.updated, &s.kind}
	return s
}

func (s *appointmentScanner) scan(row interface{ Scan(...any) error }) (Appointment, error) {
	s.a, s.start, s.updated = Appointment{}, store.Time{}, store.Time{}
	err := row.Scan(s.dest...)
	a := s.a
	a.Format, a.Status, a.SessionType = Format(s.format), Status(s.status), SessionType(s.kind)
	a.Start, a.UpdatedAt = s.start.Time, s.updated.Time // UTC, as store.Time scans them
	return a, err
}

func appointmentByID(ctx context.Context, q store.Querier, id int64) (Appointment, error) {
	a, err := scanAppointment(q.QueryRow(ctx, appointmentSelect[q.Dialect()]+` WHERE a.id = ?`, id))
	if err != nil {
		return Appointment{}, store.NotFound(err, "session")
	}
	return a, nil
}

func listAppointments(ctx context.Context, q store.Querier, where string, args ...any) ([]Appointment, error) {
	rows, err := q.Query(ctx, appointmentSelect[q.Dialect()]+` WHERE `+where+` ORDER BY a.starts_at, a.id`, args...)
	if err != nil {
		return nil, errs.Wrap(err, "listing sessions")
	}
	defer rows.Close()
	var out []Appointment
	sc := newAppointmentScanner()
	for rows.Next() {
		a, err := sc.scan(rows)
		if err != nil {
			return nil, errs.Wrap(err, "reading sessions")
		}
		out = append(out, a)
	}
	return out, errs.Wrap(rows.Err(), "listing sessions")
}

// claimSlots inserts the slot rows of [start, start+minutes) for each owner.
// A unique violation means someone else holds part of that time.
func claimSlots(ctx context.Context, tx *store.Tx, appointmentID int64, start time.Time, minutes int, owners ...int64) error {
	for _, owner := range owners {
		for t := start; t.Before(start.Add(time.Duration(minutes) * time.Minute)); t = t.Add(SlotSize) {
			_, err := tx.Exec(ctx, `INSERT INTO appointment_slots (owner_id, slot_start, appointment_id) VALUES (?, ?, ?)`,
				owner, t.UTC(), appointmentID)
			if store.IsUniqueViolation(err) {
				return errs.E(errs.Conflict, "that time is no longer free; please choose another")
			}
			if err != nil {
				return errs.Wrap(err, "reserving the time")
			}
		}
	}
	return nil
}

func releaseSlots(ctx context.Context, tx *store.Tx, appointmentID int64) error {
	_, err := tx.Exec(ctx, `DELETE FROM appointment_slots WHERE appointment_id = ?`, appointmentID)
	return errs.Wrap(err, "releasing the time")
}

// busySlots lists the occupied slot starts of owners in [from, to).
func busySlots(ctx context.Context, q store.Querier, from, to time.Time, owners ...int64) (map[time.Time]bool, error) {
	busy := map[time.Time]bool{}
	for _, owner := range owners {
		rows, err := q.Query(ctx, `SELECT slot_start FROM appointment_slots WHERE owner_id = ? AND slot_start >= ? AND slot_start < ?`,
			owner, from.UTC(), to.UTC())
		if err != nil {
			return nil, errs.Wrap(err, "reading busy times")
		}
		for rows.Next() {
			var t time.Time
			if err := rows.Scan(&t); err != nil {
				rows.Close()
				return nil, errs.Wrap(err, "reading busy times")
			}
			busy[t.UTC()] = true
		}
		rows.Close()
	}
	return busy, nil
}

// clientCoach is the assigned coach and practice of a client.
func clientCoach(ctx context.Context, q store.Querier, clientID int64) (coachID, practiceID int64, err error) {
	var coach sql.NullInt64
	err = q.QueryRow(ctx, `SELECT coach_id, practice_id FROM clients WHERE user_id = ?`, clientID).Scan(&coach, &practiceID)
	if err != nil {
		return 0, 0, store.NotFound(err, "client")
	}
	if !coach.Valid {
		return 0, 0, errs.E(errs.Conflict, "this client has no coach yet; sessions can be booked once a coach is assigned")
	}
	return coach.Int64, practiceID, nil
}

func userTimeZone(ctx context.Context, q store.Querier, userID int64) (*time.Location, error) {
	var tz string
	if err := q.QueryRow(ctx, `SELECT time_zone FROM users WHERE id = ?`, userID).Scan(&tz); err != nil {
		return nil, store.NotFound(err, "account")
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return time.UTC, nil
	}
	return loc, nil
}

func noticePolicy(ctx context.Context, q store.Querier, practiceID int64) (NoticePolicy, error) {
	var p NoticePolicy
	var minBooking, cancel int
	err := q.QueryRow(ctx, `SELECT min_booking_minutes, cancel_notice_minutes FROM notice_policies WHERE practice_id = ?`, practiceID).
		Scan(&minBooking, &cancel)
	if errors.Is(err, sql.ErrNoRows) {
		return DefaultNoticePolicy, nil
	}
	if err != nil {
		return p, errs.Wrap(err, "reading the notice policy")
	}
	p.MinBooking, p.CancelNotice = time.Duration(minBooking)*time.Minute, time.Duration(cancel)*time.Minute
	return p, nil
}

func placeOf(ctx context.Context, q store.Querier, coachID int64) (Place, error) {
	var p Place
	err := q.QueryRow(ctx, `SELECT room_url, address FROM meeting_places WHERE coach_id = ?`, coachID).Scan(&p.RoomURL, &p.Address)
	if errors.Is(err, sql.ErrNoRows) {
		return Place{}, nil
	}
	return p, errs.Wrap(err, "reading the meeting place")
}

func randomUID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b) + "@afterward"
}
