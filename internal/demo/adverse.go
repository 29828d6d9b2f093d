package demo

import (
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/adverse"
	"github.com/afterward/afterward/internal/errs"
)

// demoReaction is one logged adverse reaction; ago is how long after the
// client's experience it happened.
type demoReaction struct {
	client string
	ago    time.Duration // before now
	adverse.Report
}

var demoReactions = []demoReaction{
	{"david@client.example.org", 40 * time.Hour, adverse.Report{Severity: adverse.Moderate,
		What:     "Panic and a racing heart the evening after the session; could not settle for about two hours.",
		Response: "Grounding exercise on a call; agreed to tell the trial's study physician the next morning.",
		FollowUp: "Study physician saw him the next day; check-in booked for Friday."}},
	{"tom@client.example.org", 33 * day, adverse.Report{Severity: adverse.Severe,
		What:     "Days of disorientation and very little sleep after the retreat; his partner called worried.",
		Response: "Spoke with him and his partner the same day; urged a same-day appointment with his GP, who saw him.",
		FollowUp: "Weekly check-ins until sleep is back to normal; the safety alert stays open until the GP's review."}},
	{"aisha@client.example.org", 9 * day, adverse.Report{Severity: adverse.Mild,
		What:     "Headache and tiredness for a day after the ceremony.",
		Response: "Rest, fluids, a light day; nothing else needed.",
	}},
}

// adverseReactions logs the demo's reactions through the service, as
// their coaches did; Tom's severe one raises a safety alert.
func (s *seeder) adverseReactions() error {
	if s.svc.Adverse == nil {
		return nil
	}
	for _, d := range demoReactions {
		var clientID, coachID, practiceID int64
		err := s.db.Reader().QueryRow(s.ctx, `SELECT c.user_id, c.coach_id, c.practice_id FROM clients c JOIN users u ON u.id = c.user_id WHERE u.email = ?`, d.client).
			Scan(&clientID, &coachID, &practiceID)
		if err != nil {
			return errs.Wrap(err, "finding demo client "+d.client)
		}
		r := d.Report
		r.OccurredAt = s.now.Add(-d.ago).Truncate(time.Hour)
		coach := s.actor(coachID, account.Coach)
		coach.PracticeID = practiceID
		if _, err := s.svc.Adverse.Record(s.ctx, coach, clientID, r); err != nil {
			return err
		}
	}
	return nil
}
