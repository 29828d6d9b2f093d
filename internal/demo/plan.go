package demo

import (
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/note"
	"github.com/afterward/afterward/internal/plan"
	"github.com/afterward/afterward/internal/policy"
)

// demoPlans: cadence and intentions per client in integration.
var demoPlans = []struct {
	client     string
	cadence    plan.Cadence
	sessions   int
	minutes    int
	intentions string
}{
	{"elena@client.example.org", plan.Weekly, 8, 90, "Understand the grief that surfaced; find a steadier morning routine."},
	{"david@client.example.org", plan.Weekly, 10, 60, "Keep the sense of safety from the trial sessions alive at home."},
	{"aisha@client.example.org", plan.Weekly, 8, 60, "Bring the ceremony's calm into family life; set boundaries at work."},
	{"sofia@client.example.org", plan.Biweekly, 6, 60, "Make room for creativity again; reconnect with friends."},
	{"tom@client.example.org", plan.Biweekly, 6, 60, "Less drinking; more time outdoors."},
	{"grace@client.example.org", plan.Weekly, 4, 60, "Keep the relief from ketamine sessions going with small habits."},
}

// plans gives clients in integration a plan, notes for their held sessions
// (the most recent ones left unsigned, so some are overdue) and
// insights → intentions → actions with some checked off.
func (s *seeder) plans() error {
	clock := s.now
	plans := plan.NewService(plan.Deps{Policy: policy.New(nil, func() time.Time { return clock }, nil), Vault: s.svc.Vault, Now: func() time.Time { return clock }}).Within(s.tx)
	for _, d := range demoPlans {
		clientID, coachID, err := s.clientAndCoach(d.client)
		if err != nil {
			return err
		}
		var exp time.Time
		if err := s.tx.QueryRow(s.ctx, `SELECT experience_at FROM clients WHERE user_id = ?`, clientID).Scan(&exp); err != nil {
			return errs.Wrap(err, "reading demo experience")
		}
		_, err = plans.Save(s.ctx, s.actor(coachID, account.Coach), clientID, plan.Input{ExperienceAt: exp, Cadence: d.cadence,
			PlannedSessions: d.sessions, SessionMinutes: d.minutes, Intentions: d.intentions})
		if err != nil {
			return err
		}
	}
	if err := s.notes(); err != nil {
		return err
	}
	return s.work(plans)
}

func (s *seeder) notes() error {
	rows, err := s.tx.Query(s.ctx, `SELECT id, coach_id, client_id, starts_at FROM appointments WHERE status = 'held' ORDER BY starts_at`)
	if err != nil {
		return errs.Wrap(err, "listing demo sessions")
	}
	type held struct {
		id, coach, client int64
		at                time.Time
	}
	var sessions []held
	for rows.Next() {
		var h held
		if err := rows.Scan(&h.id, &h.coach, &h.client, &h.at); err != nil {
			rows.Close()
			return errs.Wrap(err, "listing demo sessions")
		}
		sessions = append(sessions, h)
	}
	rows.Close()
	clock := s.now
	if s.svc.Vault == nil {
		return nil // no vault, no notes: nothing is stored unsealed
	}
	clockFn := func() time.Time { return clock }
	notes := note.NewService(nil, policy.New(nil, clockFn, nil), s.svc.Vault, clockFn).Within(s.tx)
	body := note.Sections{
		Processing:   "Went back over the closing hours of the experience: the sense of being held, and the sadness that followed.",
		Patterns:     "Linked the sadness to how rarely they rest; the same pattern shows up at work and with family.",
		Implementing: "Agreed on two small steps for the week (see actions).",
		Creative:     "Will keep a short evening journal; brought a drawing from the ceremony.",
		Private:      "Keep an eye on sleep. No clinical concerns today.",
	}
	addendum := false // the first signed note gets its client's addendum
	for _, h := range sessions {
		clock = h.at.Add(2 * time.Hour)
		coach := s.actor(h.coach, account.Coach)
		if s.now.Sub(h.at) < 11*day && s.now.Sub(h.at) > 2*day {
			_, err = notes.Save(s.ctx, coach, h.id, body) // left unsigned: overdue on the dashboard
		} else if s.now.Sub(h.at) >= 11*day {
			_, err = notes.SignOff(s.ctx, coach, h.id, body)
			if err == nil && !addendum {
				addendum, clock = true, h.at.Add(3*day)
				_, err = notes.AddAddendum(s.ctx, s.actor(h.client, account.Client), h.id,
					"For the record: the drawing I brought was from the morning after, not from the ceremony itself. The sadness eased once I started resting on Sundays.")
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (s *seeder) work(plans *plan.Service) error {
	items := []struct {
		client, insight, intention string
		actions                    []string
		done                       int
	}{
		{"aisha@client.example.org", "I keep saying yes when I mean no.", "Protect two evenings a week for family",
			[]string{"Tell my manager I am offline after 6 on Tuesdays", "Plan Thursday dinner with the kids", "Write three lines in the journal each night"}, 2},
		{"sofia@client.example.org", "Painting made me feel like myself again.", "Paint for twenty minutes, three times a week",
			[]string{"Set up the easel by the window", "Join the Saturday sketch group", "Show one painting to a friend"}, 1},
		{"elena@client.example.org", "The grief is about my father, not about me failing.", "Make space for grief without fixing it",
			[]string{"Visit the park we used to walk in"}, 0},
	}
	for _, it := range items {
		clientID, coachID, err := s.clientAndCoach(it.client)
		if err != nil {
			return err
		}
		coach := s.actor(coachID, account.Coach)
		insight, err := plans.AddInsight(s.ctx, coach, clientID, it.insight)
		if err != nil {
			return err
		}
		intention, err := plans.AddIntention(s.ctx, coach, clientID, insight, it.intention)
		if err != nil {
			return err
		}
		for i, a := range it.actions {
			due := s.now.AddDate(0, 0, 2*i-2).Format("2006-01-02")
			id, err := plans.AddAction(s.ctx, coach, intention, a, due)
			if err != nil {
				return err
			}
			if i < it.done {
				if err := plans.CheckAction(s.ctx, s.actor(clientID, account.Client), id, true); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
