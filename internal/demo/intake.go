package demo

import (
	"strconv"
	"time"

	"github.com/afterward/afterward/internal/alert"
	"github.com/afterward/afterward/internal/intake"
	"github.com/afterward/afterward/internal/safety"
)

// intakes seeds referral partners, four intakes at different points and
// a closed safety alert in Jonah's queue (open ones: safetySignals).
func (s *seeder) intakes() error {
	if s.svc.Intakes == nil {
		return nil
	}
	for _, p := range []intake.Partner{
		{Kind: "psychiatric", Name: "Cedar Psychiatric Associates", Phone: "+1 503 555 0142", URL: "https://cedar-psych.example.org", Note: "Adult psychiatry; sees new patients within two weeks."},
		{Kind: "medical", Name: "Riverside Urgent Care", Phone: "+1 503 555 0199", Note: "Walk-in medical care, 8am–10pm daily."},
		{Kind: "therapy", Name: "Harbor Counseling Collective", Phone: "+1 503 555 0170", URL: "https://harbor-counseling.example.org", Note: "Trauma-informed therapists; sliding scale."},
	} {
		p.PracticeID = s.practice.ID
		if _, err := intake.InsertPartner(s.ctx, s.tx, p, s.now); err != nil {
			return err
		}
	}
	for _, d := range []struct {
		email  string
		submit bool
		tweak  func(intake.Answers)
	}{
		{"omar@client.example.org", false, func(a intake.Answers) { partial(a) }},
		{"david@client.example.org", true, func(a intake.Answers) { a["has_therapist"] = "yes"; a["clinician_name"] = "Dr. Rachel Green" }},
		{"kenji@client.example.org", true, func(a intake.Answers) { // low risk: awaiting a coach, on a budget
			a["format"], a["budget"], a["budget_amount"] = "either", intake.BudgetSliding, "90"
		}},
		{"sara@client.example.org", true, func(intake.Answers) {}}, // low risk: asks Jonah, who accepts
		{"noor@client.example.org", true, func(a intake.Answers) {
			for i := 1; i <= 7; i++ {
				a["gad7_"+strconv.Itoa(i)] = "2" // total 14: moderate anxiety, so a clinician alongside
			}
		}},
		{"ben@client.example.org", true, func(a intake.Answers) { a["adverse_effects"] = "yes" }},
		{"rosa@client.example.org", true, func(a intake.Answers) { a["medical_symptoms"] = "yes" }},
	} {
		c := clientByEmail(d.email)
		a := completeAnswers(s.now.Add(-c.ago).Truncate(time.Hour), c.tz, c.substance, c.context)
		d.tweak(a)
		if _, err := s.svc.Intakes.Import(s.ctx, s.tx, s.clientIDs[d.email], a, d.submit, s.now); err != nil {
			return err
		}
	}
	return s.alerts()
}

func (s *seeder) alerts() error {
	jonah := s.staffIDs[1]
	closed := s.clientIDs["aisha@client.example.org"]
	raised := s.svc.Alerts.WithClock(func() time.Time { return s.now.Add(-3 * day) })
	id, err := raised.Raise(s.ctx, s.tx, closed, alert.Source{Kind: "questionnaire", ID: 1}, safety.Concern, alert.ReasonPHQ9Item9)
	if err != nil {
		return err
	}
	return s.svc.Alerts.CloseInTx(s.ctx, s.tx, id, jonah,
		"Called Aisha the same afternoon. She feels safe, has her therapist's number and a plan for hard evenings. Checking in again at Thursday's session.",
		s.now.Add(-2*day))
}

func clientByEmail(email string) demoClient {
	for _, c := range clients {
		if c.email == email {
			return c
		}
	}
	return demoClient{}
}

// completeAnswers is an intake with no risk indicated: every step answered.
func completeAnswers(at time.Time, tz, substance, context string) intake.Answers {
	loc, err := time.LoadLocation(tz)
	if err != nil {
		loc = time.UTC
	}
	a := intake.Answers{
		"experience_date": at.In(loc).Format(time.DateOnly), "experience_time": at.In(loc).Format("15:04"), "experience_tz": tz,
		"substance": substance, "context": context,
		"intentions": "To understand the grief I have been carrying since my father died, and to be kinder to myself.",
		"hopes":      "Making sense of what I saw, and keeping the sense of calm going at work and at home.",
		"language":   "en", "format": "video", "budget": intake.BudgetUsual,
		"has_therapist": "no", "has_psychiatrist": "no",
		"psychosis": "none", "bipolar": "none", "mood_episode_now": "no", "substance_use": "none",
		"medical_symptoms": "no", "adverse_effects": "no",
	}
	for _, k := range []string{"q1", "q2", "q6"} {
		a["cssrs_"+k] = "0"
	}
	for i := 1; i <= 9; i++ {
		a["phq9_"+strconv.Itoa(i)] = "0"
	}
	a["phq9_2"], a["phq9_3"] = "1", "1"
	for i := 1; i <= 7; i++ {
		a["gad7_"+strconv.Itoa(i)] = "0"
	}
	a["gad7_1"] = "1"
	return a
}

// partial keeps the first four steps only: an intake in progress.
func partial(a intake.Answers) {
	for k := range a {
		switch k {
		case "experience_date", "experience_time", "experience_tz", "substance", "context", "intentions", "hopes",
			"language", "format", "budget", "budget_amount", "has_therapist", "has_psychiatrist":
		default:
			delete(a, k)
		}
	}
}
