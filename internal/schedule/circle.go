package schedule

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/calendar"
	"github.com/afterward/afterward/internal/dates"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/intake"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// Circle is a group integration circle.
type Circle struct {
	ID        int64
	CoachID   int64
	CoachName string
	Topic     string
	Capacity  int
	Members   int
	FeeMinor  int64
	Currency  string
	Location  string
	Meetings  []Meeting
	Joined    bool // the viewing client is a member
}

// Meeting is one date of a circle.
type Meeting struct {
	ID      int64
	Start   time.Time
	Minutes int
}

// NewCircle is what a coach fills in to open a circle.
type NewCircle struct {
	Topic    string
	Capacity int
	FeeMinor int64
	Currency string
	Location string
	Starts   []time.Time
	Minutes  int
}

// Validate checks a new circle.
func (n *NewCircle) Validate(now time.Time) error {
	v := errs.Validation{}
	n.Topic, n.Location = strings.TrimSpace(n.Topic), strings.TrimSpace(n.Location)
	v.Check(n.Topic != "" && len(n.Topic) <= 200, "topic", "enter a topic of at most 200 characters")
	v.Check(n.Capacity >= 2 && n.Capacity <= 40, "capacity", "choose between 2 and 40 places")
	v.Check(n.FeeMinor >= 0, "fee", "enter zero or more")
	v.Check(len(n.Currency) == 3, "currency", "use a three-letter currency code")
	v.Check(n.Location != "" && len(n.Location) <= 300, "location", "enter a video link or an address")
	v.Check(len(n.Starts) > 0 && len(n.Starts) <= 24, "dates", "add between 1 and 24 dates")
	for _, t := range n.Starts {
		v.Check(t.After(now), "dates", "choose dates in the future")
		v.Check(dates.Near(t, now), "dates", dates.NearMessage)
	}
	v.Check(n.Minutes >= 30 && n.Minutes <= 240, "minutes", "choose between 30 and 240 minutes")
	return v.Err()
}

// OpenCircle creates a circle led by the actor (a coach).
func (s *Service) OpenCircle(ctx context.Context, actor policy.Actor, n NewCircle) (int64, error) {
	if err := requireCoach(actor); err != nil {
		return 0, err
	}
	if err := n.Validate(s.now()); err != nil {
		return 0, err
	}
	var id int64
	err := s.inTx(ctx, func(tx *store.Tx) error {
		var err error
		id, err = store.InsertID(ctx, tx, `INSERT INTO circles (practice_id, coach_id, topic, capacity, fee_minor, currency, location, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, actor.PracticeID, actor.UserID, n.Topic, n.Capacity, n.FeeMinor,
			strings.ToUpper(n.Currency), n.Location, s.now())
		if err != nil {
			return errs.Wrap(err, "opening the circle")
		}
		for _, t := range n.Starts {
			_, err := tx.Exec(ctx, `INSERT INTO circle_meetings (circle_id, starts_at, minutes) VALUES (?, ?, ?)`, id, t.UTC(), n.Minutes)
			if store.IsUniqueViolation(err) {
				return errs.Validation{"dates": "each date only once"}.Err()
			}
			if err != nil {
				return errs.Wrap(err, "opening the circle")
			}
		}
		return nil
	})
	return id, err
}

// JoinCircle adds the actor (a client) to a circle of their practice while
// places are left, once they have signed the current coaching agreement
// (a circle is booked care like a session). The seat is taken with one conditional UPDATE, so two
// clients can never take the last place together.
func (s *Service) JoinCircle(ctx context.Context, actor policy.Actor, circleID int64) error {
	if actor.Role != account.Client {
		return errs.E(errs.Forbidden, "clients join circles")
	}
	return s.authorize(ctx, actor, actor.UserID, policy.Write, 0, func(tx *store.Tx) error {
		if err := intake.CheckNotOnHold(ctx, tx, actor.UserID); err != nil {
			return err
		}
		if err := s.checkAgreement(ctx, tx, actor, actor.UserID); err != nil {
			return err
		}
		res, err := tx.Exec(ctx, `UPDATE circles SET member_count = member_count + 1
			WHERE id = ? AND practice_id = ? AND member_count < capacity`, circleID, actor.PracticeID)
		if err != nil {
			return errs.Wrap(err, "joining the circle")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			if _, err := circleByID(ctx, tx, circleID, actor.PracticeID); err != nil {
				return err
			}
			return errs.E(errs.Conflict, "this circle is full")
		}
		_, err = tx.Exec(ctx, `INSERT INTO circle_members (circle_id, client_id, joined_at) VALUES (?, ?, ?)`, circleID, actor.UserID, s.now())
		if store.IsUniqueViolation(err) {
			return errs.E(errs.Conflict, "you are already in this circle")
		}
		return errs.Wrap(err, "joining the circle")
	})
}

// RecordAttendance notes whether a member came to one meeting (the coach
// who leads the circle).
func (s *Service) RecordAttendance(ctx context.Context, actor policy.Actor, meetingID, clientID int64, attended bool) error {
	return s.inTx(ctx, func(tx *store.Tx) error {
		var coachID int64
		err := tx.QueryRow(ctx, `SELECT c.coach_id FROM circle_meetings m JOIN circles c ON c.id = m.circle_id
			JOIN circle_members cm ON cm.circle_id = c.id AND cm.client_id = ? WHERE m.id = ?`, clientID, meetingID).Scan(&coachID)
		if err != nil || coachID != actor.UserID {
			return store.NotFound(errOr(err), "circle meeting")
		}
		if _, err := tx.Exec(ctx, `DELETE FROM circle_attendance WHERE meeting_id = ? AND client_id = ?`, meetingID, clientID); err != nil {
			return errs.Wrap(err, "recording attendance")
		}
		_, err = tx.Exec(ctx, `INSERT INTO circle_attendance (meeting_id, client_id, attended) VALUES (?, ?, ?)`, meetingID, clientID, attended)
		return errs.Wrap(err, "recording attendance")
	})
}

// Attendance is whether each member came to each meeting: meeting id →
// client id → attended (absent key: not recorded).
func (s *Service) Attendance(ctx context.Context, actor policy.Actor, circleID int64) (map[int64]map[int64]bool, error) {
	c, err := circleByID(ctx, s.reader(), circleID, actor.PracticeID)
	if err != nil || c.CoachID != actor.UserID {
		return nil, store.NotFound(errOr(err), "circle")
	}
	rows, err := s.reader().Query(ctx, `SELECT a.meeting_id, a.client_id, a.attended FROM circle_attendance a
		JOIN circle_meetings m ON m.id = a.meeting_id WHERE m.circle_id = ?`, circleID)
	if err != nil {
		return nil, errs.Wrap(err, "reading attendance")
	}
	defer rows.Close()
	out := map[int64]map[int64]bool{}
	for rows.Next() {
		var m, c int64
		var att bool
		if err := rows.Scan(&m, &c, &att); err != nil {
			return nil, errs.Wrap(err, "reading attendance")
		}
		if out[m] == nil {
			out[m] = map[int64]bool{}
		}
		out[m][c] = att
	}
	return out, nil
}

// CircleMember is one person in a circle.
type CircleMember struct {
	ClientID int64
	Name     string
}

// Members lists a circle's members (for the coach who leads it).
func (s *Service) Members(ctx context.Context, actor policy.Actor, circleID int64) ([]CircleMember, error) {
	c, err := circleByID(ctx, s.reader(), circleID, actor.PracticeID)
	if err != nil || c.CoachID != actor.UserID {
		return nil, store.NotFound(errOr(err), "circle")
	}
	rows, err := s.reader().Query(ctx, `SELECT u.id, u.name FROM circle_members m JOIN users u ON u.id = m.client_id
		WHERE m.circle_id = ? ORDER BY u.name`, circleID)
	if err != nil {
		return nil, errs.Wrap(err, "listing members")
	}
	defer rows.Close()
	var out []CircleMember
	for rows.Next() {
		var m CircleMember
		if err := rows.Scan(&m.ClientID, &m.Name); err != nil {
			return nil, errs.Wrap(err, "listing members")
		}
		out = append(out, m)
	}
	return out, nil
}

// Circles lists the circles of the actor's practice with their meetings.
func (s *Service) Circles(ctx context.Context, actor policy.Actor) ([]Circle, error) {
	q := s.reader()
	rows, err := q.Query(ctx, circleSelect+` WHERE c.practice_id = ? ORDER BY c.id`, actor.UserID, actor.PracticeID)
	if err != nil {
		return nil, errs.Wrap(err, "listing circles")
	}
	var out []Circle
	for rows.Next() {
		c, err := scanCircle(rows)
		if err != nil {
			rows.Close()
			return nil, errs.Wrap(err, "listing circles")
		}
		out = append(out, c)
	}
	rows.Close()
	for i := range out {
		if out[i].Meetings, err = meetingsOf(ctx, q, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

const circleSelect = `SELECT c.id, c.coach_id, u.name, c.topic, c.capacity, c.member_count, c.fee_minor, c.currency, c.location,
	EXISTS (SELECT 1 FROM circle_members m WHERE m.circle_id = c.id AND m.client_id = ?)
	FROM circles c JOIN users u ON u.id = c.coach_id`

func scanCircle(row interface{ Scan(...any) error }) (Circle, error) {
	var c Circle
	err := row.Scan(&c.ID, &c.CoachID, &c.CoachName, &c.Topic, &c.Capacity, &c.Members, &c.FeeMinor, &c.Currency, &c.Location, &c.Joined)
	return c, err
}

func circleByID(ctx context.Context, q store.Querier, id, practiceID int64) (Circle, error) {
	c, err := scanCircle(q.QueryRow(ctx, circleSelect+` WHERE c.id = ? AND c.practice_id = ?`, 0, id, practiceID))
	if err != nil {
		return Circle{}, store.NotFound(err, "circle")
	}
	return c, nil
}

func meetingsOf(ctx context.Context, q store.Querier, circleID int64) ([]Meeting, error) {
	rows, err := q.Query(ctx, `SELECT id, starts_at, minutes FROM circle_meetings WHERE circle_id = ? ORDER BY starts_at`, circleID)
	if err != nil {
		return nil, errs.Wrap(err, "listing circle dates")
	}
	defer rows.Close()
	var out []Meeting
	for rows.Next() {
		var m Meeting
		if err := rows.Scan(&m.ID, &m.Start, &m.Minutes); err != nil {
			return nil, errs.Wrap(err, "listing circle dates")
		}
		m.Start = m.Start.UTC()
		out = append(out, m)
	}
	return out, nil
}

// circleMeetingsOf is every meeting of the circles a person leads or joined,
// as calendar events.
func circleMeetingsOf(ctx context.Context, q store.Querier, userID int64) ([]calendar.Event, error) {
	rows, err := q.Query(ctx, `SELECT m.id, m.starts_at, m.minutes, c.topic, c.location FROM circle_meetings m
		JOIN circles c ON c.id = m.circle_id
		WHERE c.coach_id = ? OR EXISTS (SELECT 1 FROM circle_members cm WHERE cm.circle_id = c.id AND cm.client_id = ?)
		ORDER BY m.starts_at`, userID, userID)
	if err != nil {
		return nil, errs.Wrap(err, "listing circle dates")
	}
	defer rows.Close()
	var out []calendar.Event
	for rows.Next() {
		var id int64
		var start time.Time
		var minutes int
		var topic, loc string
		if err := rows.Scan(&id, &start, &minutes, &topic, &loc); err != nil {
			return nil, errs.Wrap(err, "listing circle dates")
		}
		out = append(out, calendar.Event{UID: fmt.Sprintf("circle-meeting-%d@afterward", id), Start: start.UTC(),
			End: start.UTC().Add(time.Duration(minutes) * time.Minute), Summary: "Integration circle: " + topic,
			Location: loc, Status: calendar.Confirmed})
	}
	return out, nil
}

// errOr keeps a real error, or says "not found" for a nil one.
func errOr(err error) error {
	if err == nil {
		return errs.NotFoundf("not found")
	}
	return err
}
