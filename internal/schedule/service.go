package schedule

import (
	"context"
	"strconv"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/intake"
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// Service is the scheduling use cases.
type Service struct {
	db        *store.DB
	policy    *policy.Policy
	billing   Biller     // nil: sessions are not billed (command line, some tests)
	agreement Agreements // nil: no signed agreement required (command line, some tests)
	now       func() time.Time
	queue     notify.Enqueuer // nil: no reminders (command line, some tests)
	reminders []Reminder
	baseURL   string    // links in emails
	tx        *store.Tx // set by Within
}

// Deps are the service's collaborators, all given at construction.
type Deps struct {
	DB *store.DB
	// Policy authorizes and audits every access to a client's sessions.
	Policy *policy.Policy
	Now    func() time.Time
	// Queue takes reminders, first-session notices and the directory's
	// FreeTimeChangedArgs; nil: none (command line, some tests).
	Queue notify.Enqueuer
	// Billing charges held, late-cancelled and missed sessions; nil: not
	// billed (command line, some tests).
	Billing Biller
	// Agreements refuses bookings for clients who have not signed the
	// current agreement; nil: none required (command line, some tests).
	Agreements Agreements
	// BaseURL prefixes the links in emails.
	BaseURL string
	// Reminders are sent before each session; nil: DefaultReminders, an
	// empty list: none (tests use short lead times).
	Reminders []Reminder
}

// NewService returns the scheduling service.
func NewService(d Deps) *Service {
	if d.Reminders == nil {
		d.Reminders = DefaultReminders
	}
	return &Service{db: d.DB, policy: d.Policy, now: d.Now, queue: d.Queue, billing: d.Billing, agreement: d.Agreements,
		baseURL: d.BaseURL, reminders: d.Reminders}
}

// Biller charges for sessions inside the scheduling transaction, so a
// session is never marked held (or cancelled late, or missed) without its
// charge. The app passes billing in.
type Biller interface {
	BillSession(ctx context.Context, tx *store.Tx, a Appointment) error
	ChargeLateCancellation(ctx context.Context, tx *store.Tx, a Appointment) error
	ChargeNoShow(ctx context.Context, tx *store.Tx, a Appointment) error
}

// Agreements is the rule that a client signs their practice's current
// coaching agreement before a session is booked; the app passes the
// agreement package's gate in.
type Agreements interface {
	CheckSigned(ctx context.Context, q store.Querier, clientID int64, byClient bool) error
}

// CheckSigned applies the agreement rule to clientID in q (nil when no
// rule is wired): matching asks it before a client requests a coach, so
// the request never waits on a booking that would be refused.
func (s *Service) CheckSigned(ctx context.Context, q store.Querier, clientID int64, byClient bool) error {
	if s.agreement == nil {
		return nil
	}
	return s.agreement.CheckSigned(ctx, q, clientID, byClient)
}

// checkAgreement applies the agreement rule, if wired, in q.
func (s *Service) checkAgreement(ctx context.Context, q store.Querier, actor policy.Actor, clientID int64) error {
	if s.agreement == nil {
		return nil
	}
	return s.agreement.CheckSigned(ctx, q, clientID, actor.Role == account.Client)
}

// authorize is the one place this service asks the policy about a client's
// sessions: it decides and audits (category Attendance), then runs fn (nil
// for a plain read) in the same transaction.
func (s *Service) authorize(ctx context.Context, a policy.Actor, clientID int64, act policy.Action, id int64, fn func(tx *store.Tx) error) error {
	if fn == nil {
		fn = func(*store.Tx) error { return nil }
	}
	acc := policy.Access{ClientID: clientID, Category: policy.Attendance, Action: act, ResourceType: "appointment", ResourceID: id}
	if s.tx != nil {
		return s.policy.DoIn(ctx, s.tx, a, acc, fn)
	}
	return s.policy.Do(ctx, a, acc, fn)
}

// change runs fn on a live session the actor may change, in one audited
// transaction.
func (s *Service) change(ctx context.Context, actor policy.Actor, id int64, fn func(tx *store.Tx, a Appointment) error) error {
	a, err := appointmentByID(ctx, s.reader(), id)
	if err != nil {
		return err
	}
	return s.authorize(ctx, actor, a.ClientID, policy.Write, id, func(tx *store.Tx) error {
		a, err := appointmentByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if !a.Live() {
			return errs.E(errs.Conflict, "this session is %s and can no longer be changed", a.Status.Label())
		}
		return fn(tx, a)
	})
}

// Book creates a session with the client's coach. Clients book inside the
// coach's availability and the practice's booking notice; coaches and admins
// may book any free future time.
func (s *Service) Book(ctx context.Context, actor policy.Actor, b Booking) (Appointment, error) {
	var out Appointment
	err := s.authorize(ctx, actor, b.ClientID, policy.Write, 0, func(tx *store.Tx) error {
		// Checked once authorized, so a stranger learns nothing.
		if err := intake.CheckNotOnHold(ctx, tx, b.ClientID); err != nil {
			return err
		}
		if err := s.checkAgreement(ctx, tx, actor, b.ClientID); err != nil {
			return err
		}
		if err := b.Validate(s.now()); err != nil {
			return err
		}
		coachID, practiceID, err := clientCoach(ctx, tx, b.ClientID)
		if err != nil {
			return err
		}
		if err := s.checkTime(ctx, tx, actor, coachID, practiceID, b.Start, b.Minutes); err != nil {
			return err
		}
		if err := checkProgramme(ctx, tx, practiceID, b); err != nil {
			return err
		}
		location, err := s.location(ctx, tx, coachID, b)
		if err != nil {
			return err
		}
		out, err = s.insert(ctx, tx, practiceID, coachID, b, location)
		return err
	})
	return out, err
}

// insert creates a live appointment, claims its time for coach and client
// (a conflict when either is taken), schedules its reminders, sends both
// people the confirmation with the .ics and refreshes what the directory
// shows as the coach's next open slot, all in tx.
func (s *Service) insert(ctx context.Context, tx *store.Tx, practiceID, coachID int64, b Booking, location string) (Appointment, error) {
	now := s.now()
	id, err := store.InsertID(ctx, tx, `INSERT INTO appointments
		(uid, practice_id, coach_id, client_id, starts_at, minutes, format, location, status, created_at, updated_at, session_type)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'booked', ?, ?, ?) RETURNING id`,
		randomUID(), practiceID, coachID, b.ClientID, b.Start, b.Minutes, string(b.Format), location, now, now, string(b.SessionType))
	if err != nil {
		return Appointment{}, errs.Wrap(err, "booking the session")
	}
	if err := claimSlots(ctx, tx, id, b.Start, b.Minutes, coachID, b.ClientID); err != nil {
		return Appointment{}, err
	}
	a, err := appointmentByID(ctx, tx, id)
	if err != nil {
		return a, err
	}
	if err := s.scheduleReminders(ctx, tx, a); err != nil {
		return a, err
	}
	if err := s.confirm(ctx, tx, a, Booked); err != nil {
		return a, err
	}
	return a, s.changed(ctx, tx, coachID)
}

// checkTime applies the rules about when a session may start.
func (s *Service) checkTime(ctx context.Context, q store.Querier, actor policy.Actor, coachID, practiceID int64, start time.Time, minutes int) error {
	now := s.now()
	if !start.After(now) {
		return errs.Validation{"start": "choose a time in the future"}.Err()
	}
	if actor.Role != account.Client {
		return nil
	}
	p, err := noticePolicy(ctx, q, practiceID)
	if err != nil {
		return err
	}
	if start.Before(now.Add(p.MinBooking)) {
		return errs.Validation{"start": "book at least " + hours(p.MinBooking) + " ahead"}.Err()
	}
	ok, err := s.available(ctx, q, coachID, start, minutes)
	if err != nil {
		return err
	}
	if !ok {
		return errs.Validation{"start": "your coach is not available then; choose one of the open times"}.Err()
	}
	return nil
}

func (s *Service) location(ctx context.Context, q store.Querier, coachID int64, b Booking) (string, error) {
	place, err := placeOf(ctx, q, coachID)
	if err != nil {
		return "", err
	}
	if b.Format == Video {
		if place.RoomURL == "" {
			return "", errs.Validation{"format": "this coach has no video room yet; choose in person"}.Err()
		}
		return place.RoomURL, nil
	}
	if b.Address != "" {
		return b.Address, nil
	}
	if place.Address == "" {
		return "", errs.Validation{"address": "enter where you will meet"}.Err()
	}
	return place.Address, nil
}

// Reschedule moves a live session. Clients may move it only before the
// cancellation notice window starts.
func (s *Service) Reschedule(ctx context.Context, actor policy.Actor, id int64, start time.Time) (Appointment, error) {
	start = start.UTC()
	var out Appointment
	err := s.change(ctx, actor, id, func(tx *store.Tx, a Appointment) error {
		var err error
		b := Booking{ClientID: a.ClientID, Start: start, Minutes: a.Minutes, Format: a.Format, Address: a.Location}
		if err := b.Validate(s.now()); err != nil {
			return err
		}
		if actor.Role == account.Client {
			p, err := noticePolicy(ctx, tx, a.PracticeID)
			if err != nil {
				return err
			}
			if a.Start.Sub(s.now()) < p.CancelNotice {
				return errs.E(errs.Conflict, "this session starts within %s: it can no longer be moved, only cancelled (a late-cancellation fee may apply)", hours(p.CancelNotice))
			}
		}
		if err := s.checkTime(ctx, tx, actor, a.CoachID, a.PracticeID, start, a.Minutes); err != nil {
			return err
		}
		if err := releaseSlots(ctx, tx, a.ID); err != nil {
			return err
		}
		if err := claimSlots(ctx, tx, a.ID, start, a.Minutes, a.CoachID, a.ClientID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE appointments SET starts_at = ?, sequence = sequence + 1, updated_at = ? WHERE id = ?`,
			start, s.now(), a.ID); err != nil {
			return errs.Wrap(err, "moving the session")
		}
		if out, err = appointmentByID(ctx, tx, a.ID); err != nil {
			return err
		}
		if err := s.scheduleReminders(ctx, tx, out); err != nil {
			return err
		}
		if err := s.confirm(ctx, tx, out, Booked); err != nil {
			return err
		}
		return s.changed(ctx, tx, a.CoachID)
	})
	return out, err
}

// Cancel cancels a live session and frees its time. A client's cancellation
// inside the notice window is marked late (billing charges the fee).
// Pending reminders find the session cancelled and send nothing.
func (s *Service) Cancel(ctx context.Context, actor policy.Actor, id int64) (Appointment, error) {
	var out Appointment
	err := s.change(ctx, actor, id, func(tx *store.Tx, a Appointment) error {
		late := false
		if actor.Role == account.Client {
			p, err := noticePolicy(ctx, tx, a.PracticeID)
			if err != nil {
				return err
			}
			late = a.Start.Sub(s.now()) < p.CancelNotice
		}
		if err := releaseSlots(ctx, tx, a.ID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE appointments SET status = 'cancelled', late_cancel = ?, cancelled_by = ?,
			sequence = sequence + 1, updated_at = ? WHERE id = ?`, late, actor.UserID, s.now(), a.ID); err != nil {
			return errs.Wrap(err, "cancelling the session")
		}
		var err error
		if out, err = appointmentByID(ctx, tx, a.ID); err != nil {
			return err
		}
		if err := s.confirm(ctx, tx, out, Cancelled); err != nil {
			return err
		}
		if err := s.changed(ctx, tx, a.CoachID); err != nil {
			return err
		}
		if late && s.billing != nil {
			return s.billing.ChargeLateCancellation(ctx, tx, out)
		}
		return nil
	})
	return out, err
}

// MarkAttendance records that a session was held or the client did not come.
// Only the coach (or an admin) records it, and only once the session began.
func (s *Service) MarkAttendance(ctx context.Context, actor policy.Actor, id int64, st Status) (Appointment, error) {
	if actor.Role == account.Client {
		return Appointment{}, errs.E(errs.Forbidden, "your coach records attendance")
	}
	var out Appointment
	err := s.change(ctx, actor, id, func(tx *store.Tx, a Appointment) error {
		// Checked once the session is known to be the actor's, so a
		// stranger's request learns nothing.
		if st != Held && st != NoShow {
			return errs.Validation{"status": "choose held or no-show"}.Err()
		}
		if a.Start.After(s.now()) {
			return errs.E(errs.Conflict, "attendance can be recorded once the session has started")
		}
		if _, err := tx.Exec(ctx, `UPDATE appointments SET status = ?, updated_at = ? WHERE id = ?`, string(st), s.now(), a.ID); err != nil {
			return errs.Wrap(err, "recording attendance")
		}
		var err error
		if out, err = appointmentByID(ctx, tx, a.ID); err != nil {
			return err
		}
		return s.bill(ctx, tx, out)
	})
	return out, err
}

// Get returns one session the actor may see.
func (s *Service) Get(ctx context.Context, actor policy.Actor, id int64) (Appointment, error) {
	a, err := appointmentByID(ctx, s.reader(), id)
	if err != nil {
		return Appointment{}, err
	}
	if err := s.authorize(ctx, actor, a.ClientID, policy.Read, id, nil); err != nil {
		return Appointment{}, err
	}
	return a, nil
}

// Upcoming lists the actor's own sessions (as coach or as client) that end
// after from, cancelled ones included, up to to.
func (s *Service) Upcoming(ctx context.Context, actor policy.Actor, from, to time.Time) ([]Appointment, error) {
	from, to = from.Add(-90*time.Minute).UTC(), to.UTC()
	if actor.Role == account.Coach {
		// A coach is never a session's client (clients are client
		// accounts): one range of appointments_coach_start, in order,
		// instead of merging two index searches and sorting.
		return listAppointments(ctx, s.reader(), `a.coach_id = ? AND a.starts_at >= ? AND a.starts_at < ?`, actor.UserID, from, to)
	}
	return listAppointments(ctx, s.reader(), `(a.coach_id = ? OR a.client_id = ?) AND a.starts_at >= ? AND a.starts_at < ?`,
		actor.UserID, actor.UserID, from, to)
}

// OfClient lists every session of one client.
func (s *Service) OfClient(ctx context.Context, actor policy.Actor, clientID int64) ([]Appointment, error) {
	if err := s.authorize(ctx, actor, clientID, policy.Read, 0, nil); err != nil {
		return nil, err
	}
	return listAppointments(ctx, s.reader(), `a.client_id = ?`, clientID)
}

// bill charges a session that was just marked held or missed.
func (s *Service) bill(ctx context.Context, tx *store.Tx, a Appointment) error {
	switch {
	case s.billing == nil:
		return nil
	case a.Status == Held:
		return s.billing.BillSession(ctx, tx, a)
	case a.Status == NoShow:
		return s.billing.ChargeNoShow(ctx, tx, a)
	}
	return nil
}

func hours(d time.Duration) string {
	if d%time.Hour == 0 {
		h := int(d.Hours())
		if h == 1 {
			return "1 hour"
		}
		return strconv.Itoa(h) + " hours"
	}
	return strconv.Itoa(int(d.Minutes())) + " minutes"
}

// Within returns a copy of the service that runs every use case inside tx
// instead of its own transactions (the demo seeds a whole practice in one).
func (s *Service) Within(tx *store.Tx) *Service {
	c := *s
	c.tx = tx
	return &c
}

func (s *Service) inTx(ctx context.Context, fn func(tx *store.Tx) error) error {
	return store.Scope{DB: s.db, Tx: s.tx}.InTx(ctx, fn)
}

func (s *Service) reader() store.Querier {
	return store.Scope{DB: s.db, Tx: s.tx}.Reader()
}

// Notice is the notice policy of the actor's practice.
func (s *Service) Notice(ctx context.Context, actor policy.Actor) (NoticePolicy, error) {
	return noticePolicy(ctx, s.reader(), actor.PracticeID)
}
