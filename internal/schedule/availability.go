package schedule

import (
	"context"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/dates"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// dayFormat is how days off are stored: a date in the coach's time zone.
const dayFormat = "2006-01-02"

func requireCoach(a policy.Actor) error {
	if a.Role != account.Coach {
		return errs.E(errs.Forbidden, "only coaches keep a schedule")
	}
	return nil
}

// SetAvailability replaces the coach's weekly availability.
func (s *Service) SetAvailability(ctx context.Context, actor policy.Actor, ws []Window) error {
	if err := requireCoach(actor); err != nil {
		return err
	}
	if err := ValidateWindows(ws); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM availability WHERE coach_id = ?`, actor.UserID); err != nil {
			return errs.Wrap(err, "saving availability")
		}
		for _, w := range ws {
			if _, err := tx.Exec(ctx, `INSERT INTO availability (coach_id, weekday, start_minute, end_minute) VALUES (?, ?, ?, ?)`,
				actor.UserID, int(w.Weekday), w.Start, w.End); err != nil {
				return errs.Wrap(err, "saving availability")
			}
		}
		return s.changed(ctx, tx, actor.UserID)
	})
}

// AddDayOff marks a date (in the coach's time zone) as unavailable.
func (s *Service) AddDayOff(ctx context.Context, actor policy.Actor, day, note string) error {
	if err := requireCoach(actor); err != nil {
		return err
	}
	if d, err := time.Parse(dayFormat, day); err != nil {
		return errs.Validation{"day": "enter a date like 2026-07-04"}.Err()
	} else if !dates.Near(d, s.now()) {
		return errs.Validation{"day": dates.NearMessage}.Err()
	}
	return s.inTx(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO availability_exceptions (coach_id, day, note) VALUES (?, ?, ?)`, actor.UserID, day, note)
		if store.IsUniqueViolation(err) {
			return nil // already off: adding it again changes nothing
		}
		if err != nil {
			return errs.Wrap(err, "saving the day off")
		}
		return s.changed(ctx, tx, actor.UserID)
	})
}

// SetPlace saves where the coach meets clients.
func (s *Service) SetPlace(ctx context.Context, actor policy.Actor, p Place) error {
	if err := requireCoach(actor); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM meeting_places WHERE coach_id = ?`, actor.UserID); err != nil {
			return errs.Wrap(err, "saving the meeting place")
		}
		_, err := tx.Exec(ctx, `INSERT INTO meeting_places (coach_id, room_url, address) VALUES (?, ?, ?)`, actor.UserID, p.RoomURL, p.Address)
		return errs.Wrap(err, "saving the meeting place")
	})
}

// SetNoticePolicy sets a practice's booking and cancellation rules (admins).
func (s *Service) SetNoticePolicy(ctx context.Context, actor policy.Actor, p NoticePolicy) error {
	if actor.Role != account.Admin {
		return errs.E(errs.Forbidden, "the practice admin sets the notice policy")
	}
	v := errs.Validation{}
	v.Check(p.MinBooking >= 0, "min_booking", "use zero or more")
	v.Check(p.CancelNotice >= 0, "cancel_notice", "use zero or more")
	if err := v.Err(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM notice_policies WHERE practice_id = ?`, actor.PracticeID); err != nil {
			return errs.Wrap(err, "saving the notice policy")
		}
		_, err := tx.Exec(ctx, `INSERT INTO notice_policies (practice_id, min_booking_minutes, cancel_notice_minutes)
			VALUES (?, ?, ?)`, actor.PracticeID,
			int(p.MinBooking/time.Minute), int(p.CancelNotice/time.Minute))
		return errs.Wrap(err, "saving the notice policy")
	})
}

// Availability is a coach's week, days off and time zone.
type Availability struct {
	TimeZone *time.Location
	Windows  []Window
	DaysOff  map[string]bool
}

func loadAvailability(ctx context.Context, q store.Querier, coachID int64) (Availability, error) {
	loc, err := userTimeZone(ctx, q, coachID)
	if err != nil {
		return Availability{}, err
	}
	av := Availability{TimeZone: loc, DaysOff: map[string]bool{}}
	rows, err := q.Query(ctx, `SELECT weekday, start_minute, end_minute FROM availability WHERE coach_id = ? ORDER BY weekday, start_minute`, coachID)
	if err != nil {
		return av, errs.Wrap(err, "reading availability")
	}
	defer rows.Close()
	for rows.Next() {
		var w Window
		var wd int
		if err := rows.Scan(&wd, &w.Start, &w.End); err != nil {
			return av, errs.Wrap(err, "reading availability")
		}
		w.Weekday = time.Weekday(wd)
		av.Windows = append(av.Windows, w)
	}
	days, err := q.Query(ctx, `SELECT day FROM availability_exceptions WHERE coach_id = ?`, coachID)
	if err != nil {
		return av, errs.Wrap(err, "reading days off")
	}
	defer days.Close()
	for days.Next() {
		var d string
		if err := days.Scan(&d); err != nil {
			return av, errs.Wrap(err, "reading days off")
		}
		av.DaysOff[d] = true
	}
	return av, nil
}

// Allows reports whether a session [start, start+minutes) lies inside one
// window on a day that is not off, in the coach's local time (so the same
// 10:00 window is right on both sides of a daylight-saving change).
func (av Availability) Allows(start time.Time, minutes int) bool {
	local := start.In(av.TimeZone)
	if av.DaysOff[local.Format(dayFormat)] {
		return false
	}
	from := local.Hour()*60 + local.Minute()
	for _, w := range av.Windows {
		if w.Contains(local.Weekday(), from, from+minutes) {
			return true
		}
	}
	return false
}

func (s *Service) available(ctx context.Context, q store.Querier, coachID int64, start time.Time, minutes int) (bool, error) {
	av, err := loadAvailability(ctx, q, coachID)
	if err != nil {
		return false, err
	}
	return av.Allows(start, minutes), nil
}

// OpenTimes lists the start times a client could book with their coach in
// the next days, every 30 minutes inside availability, free for both.
func (s *Service) OpenTimes(ctx context.Context, actor policy.Actor, clientID int64, days, minutes int) ([]time.Time, error) {
	if err := s.authorize(ctx, actor, clientID, policy.Read, 0, nil); err != nil {
		return nil, err
	}
	q := s.reader()
	coachID, _, err := clientCoach(ctx, q, clientID)
	if err != nil {
		return nil, err
	}
	return s.freeTimes(ctx, q, coachID, clientID, s.now().AddDate(0, 0, days), minutes, 0)
}

// CoachOpenTimes lists a coach's open start times in the next days for a
// session of minutes: what a person choosing this coach may pick before
// asking (the coach's free time is public, like the directory's next open
// slot, which is the first of these).
func (s *Service) CoachOpenTimes(ctx context.Context, coachID int64, days, minutes int) ([]time.Time, error) {
	return s.freeTimes(ctx, s.reader(), coachID, 0, s.now().AddDate(0, 0, days), minutes, 0)
}

// NextFree is the coach's earliest open start before until for a session
// of minutes, free for the client too when clientID is not 0; ok is false
// when there is none. q may be the caller's transaction. The coach
// directory's next open slot and first-session booking read it.
func (s *Service) NextFree(ctx context.Context, q store.Querier, coachID, clientID int64, until time.Time, minutes int) (time.Time, bool, error) {
	times, err := s.freeTimes(ctx, q, coachID, clientID, until, minutes, 1)
	if err != nil || len(times) == 0 {
		return time.Time{}, false, err
	}
	return times[0], true, nil
}

// IsFree reports whether start is one of the open times NextFree would
// offer (a slot a client chose, checked again when the coach accepts).
func (s *Service) IsFree(ctx context.Context, q store.Querier, coachID, clientID int64, start time.Time, minutes int) (bool, error) {
	times, err := s.freeTimes(ctx, q, coachID, clientID, start.Add(time.Minute), minutes, 0)
	if err != nil || len(times) == 0 {
		return false, err
	}
	return times[len(times)-1].Equal(start.UTC()), nil
}

// openStep is how often an open time starts.
const openStep = 30 * time.Minute

// freeTimes is the one source of open times: every 30 minutes from the
// practice's booking notice after now until to, where a session of
// minutes lies inside the coach's weekly hours on a day that is not off,
// and is free for the coach and (clientID not 0) the client; at most limit
// (0: all). The client's booking page, the coach directory and
// first-session booking all read it, so what one offers the others offer.
func (s *Service) freeTimes(ctx context.Context, q store.Querier, coachID, clientID int64, to time.Time, minutes, limit int) ([]time.Time, error) {
	av, err := loadAvailability(ctx, q, coachID)
	if err != nil {
		return nil, err
	}
	var practiceID int64
	if err := q.QueryRow(ctx, `SELECT practice_id FROM users WHERE id = ?`, coachID).Scan(&practiceID); err != nil {
		return nil, store.NotFound(err, "coach")
	}
	p, err := noticePolicy(ctx, q, practiceID)
	if err != nil {
		return nil, err
	}
	earliest := s.now().Add(p.MinBooking)
	from := earliest.Truncate(openStep)
	if from.Before(earliest) {
		from = from.Add(openStep)
	}
	owners := []int64{coachID}
	if clientID != 0 {
		owners = append(owners, clientID)
	}
	busy, err := busySlots(ctx, q, from, to.Add(2*time.Hour), owners...)
	if err != nil {
		return nil, err
	}
	var out []time.Time
	for t := from; t.Before(to) && (limit == 0 || len(out) < limit); t = t.Add(openStep) {
		if av.Allows(t, minutes) && free(busy, t, minutes) {
			out = append(out, t)
		}
	}
	return out, nil
}

func free(busy map[time.Time]bool, start time.Time, minutes int) bool {
	for t := start; t.Before(start.Add(time.Duration(minutes) * time.Minute)); t = t.Add(SlotSize) {
		if busy[t] {
			return false
		}
	}
	return true
}
