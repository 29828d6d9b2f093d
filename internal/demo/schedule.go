package demo

import (
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/schedule"
)

// demoSession is a session relative to now: at is its start, status what
// happened (booked for future ones).
type demoSession struct {
	client  string // email
	at      time.Duration
	minutes int
	status  schedule.Status
	format  schedule.Format
}

const hour = time.Hour

// demoSessions gives Jonah a session earlier today and one later today,
// more this week, and his clients a history; Priya's clients too.
func demoSessions() []demoSession {
	v, p := schedule.Video, schedule.InPerson
	return []demoSession{
		{"elena@client.example.org", 20 * hour, 90, schedule.Booked, v},
		{"aisha@client.example.org", -8*day + 2*hour, 90, schedule.Held, v},
		{"aisha@client.example.org", -1*day - 3*hour, 60, schedule.Held, p},
		{"aisha@client.example.org", 2*day + 1*hour, 60, schedule.Booked, v},
		{"sofia@client.example.org", -19 * day, 90, schedule.Held, v},
		{"sofia@client.example.org", -12 * day, 60, schedule.Held, v},
		{"sofia@client.example.org", -5 * day, 60, schedule.NoShow, v},
		{"sofia@client.example.org", -3 * hour, 60, schedule.Held, v},
		{"sofia@client.example.org", 3*day + 2*hour, 60, schedule.Booked, p},
		{"david@client.example.org", 3 * hour, 60, schedule.Booked, v},
		{"tom@client.example.org", -33 * day, 90, schedule.Held, v},
		{"tom@client.example.org", -19 * day, 60, schedule.Held, v},
		{"tom@client.example.org", -5 * day, 60, schedule.Held, v},
		{"tom@client.example.org", 4 * day, 60, schedule.Booked, v},
		{"grace@client.example.org", -60 * day, 90, schedule.Held, v},
		{"grace@client.example.org", -46 * day, 60, schedule.Held, v},
		{"grace@client.example.org", 6 * day, 60, schedule.Cancelled, v},
	}
}

// scheduling gives coaches availability and rooms, and clients sessions and
// a circle, through the schedule service with a moving clock so past
// sessions obey the same rules as new ones.
func (s *seeder) scheduling() error {
	clock := s.now
	svc := schedule.NewService(schedule.Deps{Policy: policy.New(nil, func() time.Time { return clock }, nil), Now: func() time.Time { return clock }}).Within(s.tx)
	var week []schedule.Window
	for d := time.Monday; d <= time.Friday; d++ {
		week = append(week, schedule.Window{Weekday: d, Start: 8 * 60, End: 18 * 60})
	}
	for i, p := range staff[1:4] {
		coach := s.actor(s.staffIDs[i+1], p.role)
		if err := svc.SetAvailability(s.ctx, coach, week); err != nil {
			return err
		}
		place := schedule.Place{RoomURL: "https://meet.example.org/riverbend-" + firstWord(p.email), Address: "1420 SE Belmont St, Portland, OR"}
		if err := svc.SetPlace(s.ctx, coach, place); err != nil {
			return err
		}
	}
	base := s.now.Truncate(15 * time.Minute)
	for _, d := range demoSessions() {
		clientID, coachID, err := s.clientAndCoach(d.client)
		if err != nil {
			return err
		}
		coach := s.actor(coachID, account.Coach)
		start := base.Add(d.at)
		clock = start.Add(-3 * day)
		a, err := svc.Book(s.ctx, coach, schedule.Booking{ClientID: clientID, Start: start, Minutes: d.minutes, Format: d.format})
		if err != nil {
			return err
		}
		switch d.status {
		case schedule.Held, schedule.NoShow:
			clock = start.Add(time.Hour)
			_, err = svc.MarkAttendance(s.ctx, coach, a.ID, d.status)
		case schedule.Cancelled:
			clock = s.now.Add(-day)
			_, err = svc.Cancel(s.ctx, s.actor(clientID, account.Client), a.ID)
		}
		if err != nil {
			return err
		}
	}
	clock = s.now
	if err := s.circle(svc, base); err != nil {
		return err
	}
	return s.plans()
}

func (s *seeder) circle(svc *schedule.Service, base time.Time) error {
	jonah := s.actor(s.staffIDs[1], account.Coach)
	first := base.Add(2 * day).Truncate(day).Add(26 * hour) // 18:00 or 19:00 in Portland
	id, err := svc.OpenCircle(s.ctx, jonah, schedule.NewCircle{
		Topic: "Coming home: carrying a retreat into daily life", Capacity: 8, FeeMinor: 3500, Currency: "USD",
		Location: "https://meet.example.org/riverbend-circle", Minutes: 90,
		Starts: []time.Time{first, first.Add(7 * day), first.Add(14 * day), first.Add(21 * day)}})
	if err != nil {
		return err
	}
	for _, email := range []string{"aisha@client.example.org", "sofia@client.example.org", "tom@client.example.org"} {
		clientID, _, err := s.clientAndCoach(email)
		if err != nil {
			return err
		}
		if err := svc.JoinCircle(s.ctx, s.actor(clientID, account.Client), id); err != nil {
			return err
		}
	}
	return nil
}

func (s *seeder) actor(id int64, role account.Role) policy.Actor {
	return policy.Actor{UserID: id, PracticeID: s.practice.ID, Role: role}
}

func (s *seeder) clientAndCoach(email string) (clientID, coachID int64, err error) {
	err = s.tx.QueryRow(s.ctx, `SELECT c.user_id, COALESCE(c.coach_id, 0) FROM clients c JOIN users u ON u.id = c.user_id WHERE u.email = ?`, email).
		Scan(&clientID, &coachID)
	return clientID, coachID, errs.Wrap(err, "finding demo client "+email)
}

func firstWord(email string) string {
	for i, r := range email {
		if r == '@' || r == '.' {
			return email[:i]
		}
	}
	return email
}
