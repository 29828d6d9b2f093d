package coach

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/humantime"
	"github.com/afterward/afterward/internal/intake"
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// RequestStatus is where a client's request to a coach stands.
type RequestStatus string

const (
	RequestPending   RequestStatus = "pending"
	RequestAccepted  RequestStatus = "accepted"
	RequestDeclined  RequestStatus = "declined"
	RequestExpired   RequestStatus = "expired"
	RequestCancelled RequestStatus = "cancelled"
)

// Request is a client's request to a coach (or an admin's assignment).
type Request struct {
	ID             int64
	ClientID       int64
	ClientName     string
	CoachID        int64
	CoachName      string
	Status         RequestStatus
	IntakeAt       time.Time
	DueAt          *time.Time
	CreatedAt      time.Time
	RespondBy      time.Time
	FirstSessionAt *time.Time
	WantedAt       *time.Time // the open time the client chose when asking; nil: the earliest
	AppointmentID  int64      // the booked first session (accepted requests)
	Substance      string
	Context        string
}

// Wait is how long a client waited from intake to their first session.
func (r Request) Wait() (time.Duration, bool) {
	if r.FirstSessionAt == nil {
		return 0, false
	}
	return r.FirstSessionAt.Sub(r.IntakeAt), true
}

const requestSelect = `SELECT r.id, r.client_id, cu.name, r.coach_id, p.display_name, r.status, r.intake_at, r.due_at, r.created_at,
	r.respond_by, r.first_session_at, r.wanted_at, COALESCE(r.appointment_id, 0), c.substance, c.context
	FROM coach_requests r JOIN users cu ON cu.id = r.client_id JOIN clients c ON c.user_id = r.client_id
	JOIN coach_profiles p ON p.user_id = r.coach_id `

func listRequests(ctx context.Context, q store.Querier, where string, args ...any) ([]Request, error) {
	rows, err := q.Query(ctx, requestSelect+where, args...)
	if err != nil {
		return nil, errs.Wrap(err, "listing requests")
	}
	defer rows.Close()
	var out []Request
	for rows.Next() {
		var r Request
		var status string
		var due, first, wanted sql.NullTime
		if err := rows.Scan(&r.ID, &r.ClientID, &r.ClientName, &r.CoachID, &r.CoachName, &status, &r.IntakeAt, &due, &r.CreatedAt,
			&r.RespondBy, &first, &wanted, &r.AppointmentID, &r.Substance, &r.Context); err != nil {
			return nil, errs.Wrap(err, "reading requests")
		}
		r.Status, r.DueAt, r.FirstSessionAt, r.WantedAt = RequestStatus(status), utcPtr(due), utcPtr(first), utcPtr(wanted)
		r.IntakeAt, r.CreatedAt, r.RespondBy = r.IntakeAt.UTC(), r.CreatedAt.UTC(), r.RespondBy.UTC()
		out = append(out, r)
	}
	return out, errs.Wrap(rows.Err(), "reading requests")
}

// RequestCoach asks a coach of the client's practice to take the client.
// The client (or an admin) may do it once the intake allows coaching and
// the client is not on hold; one request waits at a time, and the coach
// has RespondWithin to answer. Accepting books the first session at the
// coach's earliest open time before it is due.
func (s *Service) RequestCoach(ctx context.Context, a policy.Actor, m MatchRequest, coachID int64) (Request, error) {
	return s.RequestCoachAt(ctx, a, m, coachID, time.Time{})
}

// RequestCoachAt is RequestCoach with the open time the client chose (one
// the schedule offers for this coach, e.g. from Calendar.NextFree or
// schedule.Service.CoachOpenTimes); zero means the earliest. Accepting
// books that time if it is still open, else the earliest before the due
// time. A time that is not open is a field error on "start".
func (s *Service) RequestCoachAt(ctx context.Context, a policy.Actor, m MatchRequest, coachID int64, at time.Time) (Request, error) {
	now := s.now()
	var id int64
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		if err := s.authorize(ctx, tx, a, m.ClientID, policy.Write); err != nil {
			return err
		}
		var practiceID int64
		var status string
		var accepting bool
		// The coach is looked up before anything about the client is
		// answered: another practice's coach is "not found", whatever the
		// client's intake says.
		err := tx.QueryRow(ctx, `SELECT practice_id, status, accepting FROM coach_profiles WHERE user_id = ?`, coachID).Scan(&practiceID, &status, &accepting)
		if err != nil || practiceID != m.PracticeID || Status(status) != Published {
			return errs.NotFoundf("coach not found")
		}
		if m.Disposition != DispositionCoaching && m.Disposition != DispositionCoachingWithClinician {
			return errs.E(errs.Conflict, "this intake's outcome does not allow coaching")
		}
		if err := intake.CheckNotOnHold(ctx, tx, m.ClientID); err != nil {
			return err
		}
		if !accepting {
			return errs.E(errs.Conflict, "this coach is not accepting new clients")
		}
		if s.deps.Calendar != nil {
			if err := s.deps.Calendar.CheckSigned(ctx, tx, m.ClientID, true); err != nil {
				return err
			}
		}
		wanted, err := s.checkWanted(ctx, tx, coachID, m.ClientID, at)
		if err != nil {
			return err
		}
		var due any
		if d := m.DueAt(); !d.IsZero() {
			due = d
		}
		id, err = store.InsertID(ctx, tx, `INSERT INTO coach_requests (client_id, coach_id, status, intake_at, due_at, created_at, respond_by, wanted_at)
			VALUES (?, ?, 'pending', ?, ?, ?, ?, ?) RETURNING id`, m.ClientID, coachID, m.IntakeAt.UTC(), due, now, now.Add(s.deps.RespondWithin), wanted)
		if store.IsUniqueViolation(err) {
			return errs.E(errs.Conflict, "a request is already waiting for a coach's answer")
		}
		if err != nil {
			return errs.Wrap(err, "requesting coach")
		}
		if err := s.tell(ctx, tx, coachID, notify.CoachRequested, id, "/coach/requests"); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "coach_request", "coach_request", id, m.ClientID)
	})
	if err != nil {
		return Request{}, err
	}
	return s.request(ctx, s.db.Reader(), id)
}

func (s *Service) request(ctx context.Context, q store.Querier, id int64) (Request, error) {
	rs, err := listRequests(ctx, q, `WHERE r.id = ?`, id)
	if err != nil {
		return Request{}, err
	}
	if len(rs) == 0 {
		return Request{}, errs.NotFoundf("request not found")
	}
	return rs[0], nil
}

// ClientRequests lists a client's requests, newest first.
func (s *Service) ClientRequests(ctx context.Context, a policy.Actor, clientID int64) ([]Request, error) {
	if err := s.authorize(ctx, s.db.Reader(), a, clientID, policy.Read); err != nil {
		return nil, err
	}
	return listRequests(ctx, s.db.Reader(), `WHERE r.client_id = ? ORDER BY r.created_at DESC, r.id DESC`, clientID)
}

// PendingForCoach lists the requests waiting for the coach's answer. The
// coach sees the client's name, substance, context and due time: what the
// client shared by asking.
func (s *Service) PendingForCoach(ctx context.Context, a policy.Actor) ([]Request, error) {
	if err := requireRole(a, account.Coach, "answer requests"); err != nil {
		return nil, err
	}
	return listRequests(ctx, s.db.Reader(), `WHERE r.coach_id = ? AND r.status = 'pending' AND r.respond_by > ? ORDER BY r.respond_by, r.id`, a.UserID, s.now())
}

// Answer is Respond with the decision as the form sends it ("accept" or
// "decline"), checked once the request is known to be the coach's, so
// nobody else learns anything from a malformed answer.
func (s *Service) Answer(ctx context.Context, a policy.Actor, requestID int64, decision string) (Request, error) {
	if err := requireRole(a, account.Coach, "answer requests"); err != nil {
		return Request{}, err
	}
	if r, err := s.request(ctx, s.db.Reader(), requestID); err != nil || r.CoachID != a.UserID {
		return Request{}, errs.NotFoundf("request not found")
	}
	if decision != "accept" && decision != "decline" {
		return Request{}, errs.Validation{"decision": "choose accept or decline"}.Err()
	}
	return s.Respond(ctx, a, requestID, decision == "accept")
}

// Respond records the coach's answer. Accepting assigns the client to the
// coach and books the first session, in one transaction; when there is no
// open time before it is due, nothing is assigned or booked, the request
// keeps waiting, the coach is told why and the practice admins are alerted.
func (s *Service) Respond(ctx context.Context, a policy.Actor, requestID int64, accept bool) (Request, error) {
	if err := requireRole(a, account.Coach, "answer requests"); err != nil {
		return Request{}, err
	}
	now := s.now()
	var asked Request
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		r, err := s.request(ctx, tx, requestID)
		if err != nil || r.CoachID != a.UserID {
			return errs.NotFoundf("request not found")
		}
		if r.Status != RequestPending || !r.RespondBy.After(now) {
			return errs.E(errs.Conflict, "this request is no longer waiting for an answer")
		}
		if !accept {
			if err := updateRequest(ctx, tx, r.ID, RequestDeclined, nil, 0, now); err != nil {
				return err
			}
			if err := s.tell(ctx, tx, r.ClientID, notify.RequestAnswered, r.ID, "/dashboard"); err != nil {
				return err
			}
			return s.audit(ctx, tx, a, "coach_request_declined", "coach_request", r.ID, r.ClientID)
		}
		asked = r
		return s.assign(ctx, tx, a, r)
	})
	if err != nil {
		return Request{}, s.alertIfNoSlot(ctx, err, asked)
	}
	return s.request(ctx, s.db.Reader(), requestID)
}

// assign assigns the client to the coach, books the first session and
// marks the request accepted with it, in the caller's transaction. The
// session is at the client's chosen time if it is still open, else at the
// coach's earliest open time before the first session is due (72 hours
// after the experience); a client already past that (a late start, or no
// experience time) gets the earliest open time in the next three weeks.
func (s *Service) assign(ctx context.Context, tx *store.Tx, a policy.Actor, r Request) error {
	if err := intake.CheckNotOnHold(ctx, tx, r.ClientID); err != nil {
		return err
	}
	if s.deps.Calendar == nil {
		return errs.E(errs.Conflict, "sessions cannot be booked on this server yet, so nobody can be assigned; ask the administrator to set up scheduling")
	}
	now := s.now()
	if _, err := tx.Exec(ctx, `UPDATE clients SET coach_id = ?, stage = 'active' WHERE user_id = ?`, r.CoachID, r.ClientID); err != nil {
		return errs.Wrap(err, "assigning client")
	}
	slot, err := s.firstSlot(ctx, tx, r)
	if err != nil {
		return err
	}
	apptID, err := s.deps.Calendar.BookFirstSession(ctx, tx, a, r.ClientID, r.CoachID, slot)
	if err != nil {
		return err
	}
	if err := updateRequest(ctx, tx, r.ID, RequestAccepted, &slot, apptID, now); err != nil {
		return err
	}
	if err := s.RefreshNextOpen(ctx, tx, r.CoachID); err != nil {
		return err
	}
	if err := s.tell(ctx, tx, r.ClientID, notify.RequestAnswered, r.ID, "/dashboard"); err != nil {
		return err
	}
	return s.audit(ctx, tx, a, "coach_assigned", "coach_request", r.ID, r.ClientID)
}

const firstMinutes = int(FirstSessionLength / time.Minute)

// firstSlot picks the first session's time (see assign), or a noSlot
// error that says plainly that nothing was booked.
func (s *Service) firstSlot(ctx context.Context, tx *store.Tx, r Request) (time.Time, error) {
	cal, now := s.deps.Calendar, s.now()
	if r.WantedAt != nil {
		ok, err := cal.IsFree(ctx, tx, r.CoachID, r.ClientID, *r.WantedAt, firstMinutes)
		if err != nil || ok {
			return *r.WantedAt, err
		}
	}
	until := now.Add(searchHorizon)
	if r.DueAt != nil && r.DueAt.After(now) {
		until = *r.DueAt
	}
	slot, ok, err := cal.NextFree(ctx, tx, r.CoachID, r.ClientID, until, firstMinutes)
	if err != nil {
		return time.Time{}, err
	}
	if !ok {
		var tz string // the coach's: the refusal is read by them (or an admin beside them)
		if err := tx.QueryRow(ctx, `SELECT time_zone FROM users WHERE id = ?`, r.CoachID).Scan(&tz); err != nil {
			return time.Time{}, store.NotFound(err, "coach")
		}
		return time.Time{}, noSlot(r.CoachName, until, humantime.In(tz), r.DueAt != nil && until.Equal(*r.DueAt))
	}
	return slot, nil
}

// checkWanted checks a time the client chose: it must be one the schedule
// offers now. Zero is no choice (nil).
func (s *Service) checkWanted(ctx context.Context, q store.Querier, coachID, clientID int64, at time.Time) (any, error) {
	if at.IsZero() {
		return nil, nil
	}
	if s.deps.Calendar != nil {
		ok, err := s.deps.Calendar.IsFree(ctx, q, coachID, clientID, at.UTC(), firstMinutes)
		if err != nil {
			return nil, err
		}
		if ok {
			return at.UTC(), nil
		}
	}
	return nil, errs.Validation{"start": "that time is no longer open; choose another of the coach's open times"}.Err()
}

func updateRequest(ctx context.Context, tx *store.Tx, id int64, to RequestStatus, first *time.Time, appointmentID int64, now time.Time) error {
	var appt any
	if appointmentID != 0 {
		appt = appointmentID
	}
	_, err := tx.Exec(ctx, `UPDATE coach_requests SET status = ?, responded_at = ?, first_session_at = ?, appointment_id = ? WHERE id = ?`,
		string(to), now, nullTime(first), appt, id)
	return errs.Wrap(err, "updating request")
}

// AssignDirect lets an admin assign a client to a coach of the practice
// without a request: the first session is booked at the coach's earliest
// open slot, and any waiting request is cancelled.
func (s *Service) AssignDirect(ctx context.Context, a policy.Actor, clientID, coachID int64, intakeAt time.Time) (Request, error) {
	if err := requireRole(a, account.Admin, "assign coaches"); err != nil {
		return Request{}, err
	}
	now := s.now()
	var id int64
	var asked Request
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		if err := s.authorize(ctx, tx, a, clientID, policy.Write); err != nil {
			return err
		}
		var practiceID int64
		if err := tx.QueryRow(ctx, `SELECT practice_id FROM coach_profiles WHERE user_id = ?`, coachID).Scan(&practiceID); err != nil || practiceID != a.PracticeID {
			// The client is the record acted on (authorized above); the coach
			// is a choice on the form, so a wrong one is a field error.
			return errs.Validation{"coach_id": "choose a coach of your practice"}.Err()
		}
		if _, err := tx.Exec(ctx, `UPDATE coach_requests SET status = 'cancelled', responded_at = ? WHERE client_id = ? AND status = 'pending'`, now, clientID); err != nil {
			return errs.Wrap(err, "cancelling waiting request")
		}
		// The first session is due 72 hours after the experience, as for a
		// client's own request.
		var exp sql.NullTime
		if err := tx.QueryRow(ctx, `SELECT experience_at FROM clients WHERE user_id = ?`, clientID).Scan(&exp); err != nil {
			return errs.Wrap(err, "reading the experience time")
		}
		var due any
		if exp.Valid {
			due = exp.Time.UTC().Add(AvailableWithin)
		}
		var err error
		id, err = store.InsertID(ctx, tx, `INSERT INTO coach_requests (client_id, coach_id, status, intake_at, due_at, created_at, respond_by, assigned_by)
			VALUES (?, ?, 'pending', ?, ?, ?, ?, ?) RETURNING id`, clientID, coachID, intakeAt.UTC(), due, now, now, a.UserID)
		if err != nil {
			return errs.Wrap(err, "assigning coach")
		}
		r, err := s.request(ctx, tx, id)
		if err != nil {
			return err
		}
		asked = r
		return s.assign(ctx, tx, a, r)
	})
	if err != nil {
		return Request{}, s.alertIfNoSlot(ctx, err, asked)
	}
	return s.request(ctx, s.db.Reader(), id)
}

// ExpireRequests marks requests whose answer time has passed as expired,
// so the client is offered the next suggestion. It returns how many.
func (s *Service) ExpireRequests(ctx context.Context) (int, error) {
	var n int64
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		res, err := tx.Exec(ctx, `UPDATE coach_requests SET status = 'expired', responded_at = ? WHERE status = 'pending' AND respond_by <= ?`, s.now(), s.now())
		if err != nil {
			return errs.Wrap(err, "expiring requests")
		}
		n, _ = res.RowsAffected()
		return nil
	})
	return int(n), err
}

// Waits lists, for the admin's practice, each accepted request with how
// long the client waited from intake to first session, longest first.
func (s *Service) Waits(ctx context.Context, a policy.Actor) ([]Request, error) {
	if err := requireRole(a, account.Admin, "see waiting times"); err != nil {
		return nil, err
	}
	rs, err := listRequests(ctx, s.db.Reader(), `WHERE c.practice_id = ? AND r.status = 'accepted' ORDER BY r.id`, a.PracticeID)
	if err != nil {
		return nil, err
	}
	sortByWait(rs)
	return rs, nil
}

func sortByWait(rs []Request) {
	slices.SortStableFunc(rs, func(a, b Request) int {
		wa, _ := a.Wait()
		wb, _ := b.Wait()
		return cmp.Compare(wb, wa)
	})
}
