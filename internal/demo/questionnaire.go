package demo

import (
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/questionnaire"
)

// scoreHistory is one demo client's scores: per instrument, totals at
// baseline, after sessions, then 3 and 6 months, as far as they have got.
type scoreHistory struct {
	email      string
	sessions90 int
	totals     map[string][]int
}

// Most improve; Marcus's anxiety gets reliably worse; Hannah shows a
// reliable, clinically important fall in depression.
var histories = []scoreHistory{
	{"hannah@client.example.org", 10, map[string][]int{"phq9": {17, 11, 8, 6}, "gad7": {14, 10, 8, 7}, "who5": {7, 12, 15, 17}}},
	{"marcus@client.example.org", 6, map[string][]int{"phq9": {14, 10, 9}, "gad7": {8, 11, 14}, "who5": {10, 11, 9}}},
	{"grace@client.example.org", 4, map[string][]int{"phq9": {12, 7}, "gad7": {10, 7}, "who5": {9, 14}}},
	{"tom@client.example.org", 3, map[string][]int{"phq9": {10}, "gad7": {8}, "who5": {11}}},
	{"sofia@client.example.org", 2, map[string][]int{"phq9": {8}, "gad7": {11}, "who5": {12}}},
	{"aisha@client.example.org", 1, map[string][]int{"phq9": {13}, "gad7": {9}, "who5": {8}}},
	{"david@client.example.org", 0, map[string][]int{"phq9": {11}, "gad7": {12}, "who5": {10}}},
}

var demoTimepoints = []string{questionnaire.Baseline, questionnaire.Post, "m3", "m6"}

// itemMax is the highest item value of each demo instrument.
var itemMax = map[string][2]int{"phq9": {9, 3}, "gad7": {7, 3}, "who5": {5, 5}}

// progress gives demo clients believable score histories, schedules the
// active clients' questionnaires (Elena's baseline is waiting for her), and
// adds a few hundred synthetic past clients so the practice outcomes page
// has enough clients to show its figures.
func (s *seeder) progress() error {
	svc := s.svc.Questionnaires
	for _, h := range histories {
		id, exp, err := s.clientByEmail(h.email)
		if err != nil {
			return err
		}
		if err := questionnaire.SetSessions90(s.ctx, s.tx, id, h.sessions90); err != nil {
			return err
		}
		for inst, totals := range h.totals {
			for i, total := range totals {
				slot := questionnaire.Slots(exp, nil, questionnaire.DefaultFollowUpMonths)[i]
				at := slot.DueAt.Add(26 * time.Hour)
				if at.After(s.now) {
					at = s.now.Add(-time.Hour)
				}
				if _, err := svc.Record(s.ctx, s.tx, id, inst, demoTimepoints[i], at, spread(itemMax[inst], total)); err != nil {
					return err
				}
			}
		}
	}
	for _, email := range []string{"elena@client.example.org", "david@client.example.org", "aisha@client.example.org", "sofia@client.example.org",
		"tom@client.example.org", "grace@client.example.org", "marcus@client.example.org"} {
		id, _, err := s.clientByEmail(email)
		if err != nil {
			return err
		}
		if err := svc.ScheduleClient(s.ctx, s.tx, id); err != nil {
			return err
		}
	}
	_, err := svc.GenerateSynthetic(s.ctx, s.tx, questionnaire.GenOptions{PracticeID: s.practice.ID, Clients: 360, Seed: 2026, Now: s.now, LostRate: 0.15, DoseEffect: 0.8})
	return err
}

func (s *seeder) clientByEmail(email string) (int64, time.Time, error) {
	var id int64
	var exp time.Time
	err := s.tx.QueryRow(s.ctx, `SELECT c.user_id, c.experience_at FROM clients c JOIN users u ON u.id = c.user_id WHERE u.email = ?`, email).Scan(&id, &exp)
	return id, exp.UTC(), errs.Wrap(err, "finding demo client")
}

// spread turns a total into item answers, filling items round-robin from
// the first so the last item (PHQ-9's item 9) stays 0 unless the others
// are full.
func spread(shape [2]int, total int) []int {
	n, max := shape[0], shape[1]
	out := make([]int, n)
	for i := 0; total > 0 && i < (n-1)*max; i++ {
		out[i%(n-1)]++
		total--
	}
	out[n-1] = min(total, max)
	return out
}
