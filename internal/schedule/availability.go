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
		return nil
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
		return errs.Wrap(err, "saving the day off")
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
	v.Check(p.LateCancelFee >= 0, "late_cancel_fee", "use zero or more")
	v.Check(p.NoShowFee >= 0, "no_show_fee", "use zero or more")
	v.Check(len(p.Currency) == 3, "currency", "use a three-letter currency code")
	if err := v.Err(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM notice_policies WHERE practice_id = ?`, actor.PracticeID); err != nil {
			return errs.Wrap(err, "saving the notice policy")
		}
		_, err := tx.Exec(ctx, `INSERT INTO notice_policies (practice_id, min_booking_minutes, cancel_notice_minutes,
			late_cancel_fee_minor, no_show_fee_minor, currency) VALUES (?, ?, ?, ?, ?, ?)`, actor.PracticeID,
			int(p.MinBooking/time.Minute), int(p.CancelNotice/time.Minute), p.LateCancelFee, p.NoShowFee, p.Currency)
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
	coachID, practiceID, err := clientCoach(ctx, q, clientID)
	if err != nil {
		return nil, err
	}
	av, err := loadAvailability(ctx, q, coachID)
	if err != nil {
		return nil, err
	}
	p, err := noticePolicy(ctx, q, practiceID)
	if err != nil {
		return nil, err
	}
	now := s.now()
	from := now.Add(p.MinBooking).Truncate(30 * time.Minute).Add(30 * time.Minute)
	to := now.AddDate(0, 0, days)
	busy, err := busySlots(ctx, q, from, to.Add(2*time.Hour), coachID, clientID)
	if err != nil {
		return nil, err
	}
	var out []time.Time
	for t := from; t.Before(to); t = t.Add(30 * time.Minute) {
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
