package demo

import (
	"context"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/coach"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// demoProfiles are the three demo coaches' own words.
var demoProfiles = map[string]coach.Profile{
	"jonah@riverbend.example.org": {
		Headline: "Integration after legal psilocybin services and clinical trials",
		Bio: "I spent ten years as a hospice chaplain before training in psychedelic integration. I help people slow down after an experience, " +
			"put words to what happened, and find one or two changes they can actually keep.\n\nSessions are conversational, with journaling prompts between them.",
		Answers: coach.Answers{
			Training:   "I completed a 160-hour integration coaching programme and a 40-hour ethics and boundaries course. I meet a clinical supervisor every two weeks to review my cases.",
			Experience: "Most of my clients come from Oregon psilocybin service centres and MDMA and psilocybin trials. I have also supported people after ceremonial ayahuasca.",
			Crisis:     "If something overwhelming comes up, we slow down and ground first. I share crisis lines, and when someone needs more than coaching I help them reach clinical care the same day.",
			Therapy:    "I am not a therapist and do not diagnose or treat. If you have a therapist, with your permission I keep them informed so our work supports theirs.",
		},
		Supervision: coach.Supervision{Kind: coach.SupervisionSupervisor, Frequency: "every two weeks"},
		EthicsCode:  "Psychedelic Integration Coaches' code of ethics", YearsActive: 6,
		Substances: []string{"psilocybin", "mdma", "ayahuasca"}, Contexts: []string{"clinical_trial", "legal_service", "ceremonial"},
		Modalities: []string{"talk", "journaling", "nature"}, Languages: []string{"en", "es"}, Formats: []string{"video", "in_person"},
		Lengths: []string{"60", "90"}, Location: "Portland, OR", FeeMinor: 140_00, Currency: "USD",
		Sliding:  coach.SlidingScale{MinMinor: 70_00, MaxMinor: 110_00, Spots: 3},
		Packages: []coach.Package{{Name: "Six-week integration", Sessions: 6, PriceMinor: 780_00}},
		TimeZone: "America/Los_Angeles", Accepting: true,
		Weekly: weekdays(8*60, 18*60),
	},
	"priya@riverbend.example.org": {
		Headline: "Somatic and art-based integration, ketamine and psilocybin",
		Bio: "I am a movement teacher and art facilitator. After an experience, the body often remembers before words arrive: " +
			"we work with breath, drawing and gentle movement to help insights land.",
		Answers: coach.Answers{
			Training:   "220 hours across two integration programmes, plus somatic practitioner training. I am part of a peer supervision group that meets monthly.",
			Experience: "I work mostly with people after ketamine therapy and legal psilocybin sessions in Colorado.",
			Crisis:     "I keep sessions paced so nothing is forced. If distress becomes too much, we pause, use grounding, and I connect you with crisis support or your clinician.",
			Therapy:    "Coaching sits beside therapy, never in its place. I ask your permission before speaking with your therapist, and I never advise on medication.",
		},
		Supervision: coach.Supervision{Kind: coach.SupervisionPeerGroup, Frequency: "monthly"},
		EthicsCode:  "ICF Code of Ethics", YearsActive: 4,
		Substances: []string{"ketamine", "psilocybin"}, Contexts: []string{"legal_service", "personal"},
		Modalities: []string{"art", "movement", "somatic"}, Languages: []string{"en"}, Formats: []string{"video"},
		Lengths: []string{"60"}, FeeMinor: 120_00, Currency: "USD", TimeZone: "America/Denver", Accepting: true,
		Weekly: weekdays(9*60, 15*60),
	},
	"sam@riverbend.example.org": {
		Headline: "Integration for trial participants, in London and online",
		Bio:      "I support people after clinical trial dosing days and follow them through the months after, with a focus on meaning, relationships and work.",
		Answers: coach.Answers{
			Training:   "A 120-hour integration certificate; I meet my supervisor monthly.",
			Experience: "Mostly psilocybin and MDMA trial participants in the UK and EU.",
			Crisis:     "We stop, ground and, if needed, I help you reach the trial team, your GP or crisis services.",
			Therapy:    "I coordinate with the trial's therapists when you agree, and never replace them.",
		},
		Supervision: coach.Supervision{Kind: coach.SupervisionSupervisor, Frequency: "monthly"},
		EthicsCode:  "EMCC Global Code of Ethics", YearsActive: 3,
		Substances: []string{"psilocybin", "mdma"}, Contexts: []string{"clinical_trial"}, Modalities: []string{"talk", "journaling"},
		Languages: []string{"en", "fr"}, Formats: []string{"video", "in_person"}, Lengths: []string{"60", "90"}, Location: "London, UK",
		FeeMinor: 95_00, Currency: "USD", TimeZone: "Europe/London", Accepting: false,
		Weekly: weekdays(10*60, 16*60),
	},
}

// demoTraining hours per coach: Jonah and Priya verified, Sam's waiting.
var demoTraining = map[string]struct {
	name, provider string
	hours          int
	verify         bool
}{
	"jonah@riverbend.example.org": {"Psychedelic Integration Coaching Certificate", "Pacific Integration Institute", 160, true},
	"priya@riverbend.example.org": {"Integration Practitioner Programme", "Front Range Integration School", 220, true},
	"sam@riverbend.example.org":   {"Integration Coaching Certificate", "London Integration Collective", 120, false},
}

func weekdays(start, end int) []coach.Window {
	var ws []coach.Window
	for d := time.Monday; d <= time.Saturday; d++ {
		ws = append(ws, coach.Window{Weekday: d, Start: start, End: end})
	}
	return ws
}

// seedCoaches gives the demo coaches full profiles, adds twenty generated
// directory coaches, one flagged profile waiting for review and one client
// report. It runs after the practice is committed because the coach
// service works in its own transactions.
func seedCoaches(ctx context.Context, db *store.DB, svc Services, now time.Time) error {
	admin, _, err := actorByEmail(ctx, db, "maya@riverbend.example.org")
	if err != nil {
		return err
	}
	for email, p := range demoProfiles {
		a, name, err := actorByEmail(ctx, db, email)
		if err != nil {
			return err
		}
		if err := seedProfile(ctx, svc.Coaches, admin, a, name, email, p); err != nil {
			return err
		}
	}
	if err := seedFirstSession(ctx, db, svc.Coaches, now); err != nil {
		return err
	}
	if err := coach.Generate(ctx, db, coach.GenOptions{PracticeID: admin.PracticeID, Coaches: 20, Seed: 2026, EmailTag: "riverbend", VerifierID: admin.UserID}, now); err != nil {
		return err
	}
	if err := seedFlagged(ctx, db, svc, admin); err != nil {
		return err
	}
	return seedReport(ctx, db, svc.Coaches, now)
}

func seedProfile(ctx context.Context, svc *coach.Service, admin, a policy.Actor, name, email string, p coach.Profile) error {
	p.Name = name
	if _, err := svc.SaveProfile(ctx, a, p); err != nil {
		return err
	}
	tr := demoTraining[email]
	t, err := svc.AddTraining(ctx, a, coach.Training{Name: tr.name, Provider: tr.provider, Hours: tr.hours, Year: 2023})
	if err != nil || !tr.verify {
		return err
	}
	return svc.VerifyTraining(ctx, admin, t.ID)
}

func seedFlagged(ctx context.Context, db *store.DB, svc Services, admin policy.Actor) error {
	var u account.User
	err := db.InTx(ctx, func(tx *store.Tx) error {
		var err error
		u, err = svc.Accounts.Create(ctx, tx, account.NewUser{PracticeID: admin.PracticeID, Email: "rowan@riverbend.example.org",
			Name: "Rowan Blake", Role: account.Coach, Password: Password, TimeZone: "America/Los_Angeles"})
		return err
	})
	if err != nil {
		return err
	}
	p := demoProfiles["priya@riverbend.example.org"]
	p.Name, p.Headline = "Rowan Blake", "Ceremony preparation and integration"
	p.Bio = "I have walked this path for fifteen years. I guarantee you will leave our work healed and whole. " +
		"Sessions blend conversation and breathwork."
	_, err = svc.Coaches.SaveProfile(ctx, policy.ActorOf(u), p)
	return err
}

// seedFirstSession: Sara asks Jonah after her low-risk intake and he
// accepts, which books her first session through the schedule (a real
// appointment before her experience + 72 hours, with its confirmations),
// exactly as in the product. Jonah works Monday to Saturday, so an open
// time exists within her window whenever the demo starts.
func seedFirstSession(ctx context.Context, db *store.DB, svc *coach.Service, now time.Time) error {
	sara, _, err := actorByEmail(ctx, db, "sara@client.example.org")
	if err != nil {
		return err
	}
	jonah, _, err := actorByEmail(ctx, db, "jonah@riverbend.example.org")
	if err != nil {
		return err
	}
	c := clientByEmail("sara@client.example.org")
	m := coach.MatchRequest{ClientID: sara.UserID, PracticeID: sara.PracticeID, IntakeAt: now, ExperienceAt: now.Add(-c.ago).Truncate(time.Hour),
		Substance: c.substance, Context: c.context, Disposition: coach.DispositionCoaching}
	r, err := svc.RequestCoach(ctx, sara, m, jonah.UserID)
	if err != nil {
		return err
	}
	_, err = svc.Respond(ctx, jonah, r.ID, true)
	return err
}

// seedReport files Tom's report about the newest generated coach.
func seedReport(ctx context.Context, db *store.DB, svc *coach.Service, now time.Time) error {
	tom, _, err := actorByEmail(ctx, db, "tom@client.example.org")
	if err != nil {
		return err
	}
	var coachID int64
	if err := db.Reader().QueryRow(ctx, `SELECT user_id FROM coach_profiles WHERE practice_id = ? AND status = 'published' ORDER BY user_id DESC`, tom.PracticeID).Scan(&coachID); err != nil {
		return err
	}
	_, err = svc.ReportCoach(ctx, tom, coach.Report{CoachID: coachID, HappenedOn: now.AddDate(0, 0, -3).Truncate(24 * time.Hour),
		What: "In a free introductory call the coach suggested I try a second substance before my next session. That did not feel right."})
	return err
}

func actorByEmail(ctx context.Context, db *store.DB, email string) (policy.Actor, string, error) {
	var a policy.Actor
	var role, name string
	err := db.Reader().QueryRow(ctx, `SELECT id, practice_id, role, name FROM users WHERE email = ?`, email).Scan(&a.UserID, &a.PracticeID, &role, &name)
	a.Role = account.Role(role)
	return a, name, store.NotFound(err, "demo account")
}
