package demo

import (
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/regulated"
)

// The demo practice works under Oregon's psilocybin services: Elena, Leo
// and Tom came to integration coaching after sessions at an Oregon
// service centre whose facilitator is their coach. Their forms are signed
// through the service as they would sign in the browser, and their
// sessions logged as their facilitators did.

// demoForm is one form a demo client signed.
type demoForm struct {
	client, key string
	answers     map[string]string
}

var demoForms = []demoForm{
	{"elena@client.example.org", "client-information", map[string]string{"lithium": "no", "current_treatment": "yes",
		"current_treatment_details": "Talk therapy every other week with a licensed counsellor.", "mushroom_allergy": "no", "session_medications": "no",
		"interpreter": "no", "harm_thoughts": "no", "harm_history": "no", "diagnoses": "yes", "diagnoses_details": "Generalised anxiety disorder (2019)."}},
	{"elena@client.example.org", "transportation-plan", map[string]string{"method": "Picked up by a support person",
		"who": "My sister Ana, 541-555-0142", "backup": "Taxi booked by the centre", "no_driving": "yes"}},
	{"elena@client.example.org", "touch-consent", map[string]string{"consents": "yes", "consents_details": "A hand on my shoulder or holding my hand.",
		"limits": "I will say 'pause' to stop.", "withdraw": "yes"}},
	{"elena@client.example.org", "sb303-client-data", map[string]string{"age": "30–39", "county": "Lane", "languages": "English", "disability": "No",
		"income": "$50,000–$99,999", "veteran": "No", "reasons": "Depression or anxiety"}},
	{"leo@client.example.org", "client-information", map[string]string{"lithium": "no", "current_treatment": "no", "mushroom_allergy": "no",
		"session_medications": "no", "interpreter": "no", "harm_thoughts": "no", "harm_history": "no", "diagnoses": "no"}},
	{"leo@client.example.org", "transportation-plan", map[string]string{"method": "Taxi or ride-share", "who": "Ride-share booked by the centre's front desk",
		"backup": "My partner Jo, 503-555-0199", "no_driving": "yes"}},
	{"leo@client.example.org", "sb303-client-data", map[string]string{"age": "40–49", "county": "Multnomah", "reasons": "Grief or end of life", "opt_out": "yes"}},
	{"tom@client.example.org", "client-information", map[string]string{"lithium": "no", "current_treatment": "no", "mushroom_allergy": "no",
		"session_medications": "no", "interpreter": "no", "harm_thoughts": "no", "harm_history": "no", "diagnoses": "no"}},
	{"tom@client.example.org", "transportation-plan", map[string]string{"method": "Picked up by a support person", "who": "My partner, Dana, 971-555-0110",
		"backup": "Stay at the centre's partner hotel", "no_driving": "yes"}},
	{"tom@client.example.org", "sb303-client-data", map[string]string{"age": "50–59", "county": "Deschutes", "reasons": "Personal growth"}},
}

// demoLog is one logged session; ago is when it started, before now.
type demoLog struct {
	client  string
	ago     time.Duration
	minutes int
	regulated.Entry
	certify bool
}

func followed(b bool) *bool { return &b }

var demoLogged = []demoLog{
	{"elena@client.example.org", 12 * day, 75, regulated.Entry{Kind: regulated.Preparation}, false},
	{"elena@client.example.org", 26 * time.Hour, 360, regulated.Entry{Kind: regulated.Administration, ProductID: "OR-PSI-24-01877", Amount: "25 mg psilocybin",
		Dose: regulated.SingleDose, Intention: "Depression or anxiety", TransportFollowed: followed(true), IntegrationOffered: true}, false},
	{"leo@client.example.org", 9 * day, 60, regulated.Entry{Kind: regulated.Preparation}, false},
	{"leo@client.example.org", 32 * time.Hour, 330, regulated.Entry{Kind: regulated.Administration, ProductID: "OR-PSI-24-01877", Amount: "20 mg psilocybin",
		Dose: regulated.SingleDose, Intention: "Grief or end of life", TransportFollowed: followed(false),
		Deviation: "His ride-share cancelled; the centre's facilitator waited with him until his partner collected him at 18:40.", IntegrationOffered: true}, false},
	{"tom@client.example.org", 41 * day, 90, regulated.Entry{Kind: regulated.Preparation}, false},
	{"tom@client.example.org", 35 * day, 420, regulated.Entry{Kind: regulated.Administration, ProductID: "OR-PSI-24-01502", Amount: "3.5 g dried mushroom",
		Dose: regulated.MultipleDose, Group: true, Intention: "Personal growth", TransportFollowed: followed(true), IntegrationOffered: true}, false},
	{"tom@client.example.org", 32 * day, 60, regulated.Entry{Kind: regulated.Integration}, true},
}

// demoAddendum is a client's addendum to one of their regulated records:
// a signed form (key) or their logged session of kind.
type demoAddendum struct {
	client, key string
	kind        regulated.Kind
	text        string
}

var demoAddenda = []demoAddendum{
	{"elena@client.example.org", "transportation-plan", "", "Ana has a new number since I signed this: 541-555-0178. The back-up taxi still stands."},
	{"leo@client.example.org", "", regulated.Administration, "For the record: Jo was in the lobby by 18:15, and I was the one who asked to wait inside a little longer."},
}

// regulatedRecords switches the demo practice to Oregon's programme, has
// the clients sign their forms, and logs their sessions; Tom's severe
// reaction is linked to his administration as needing medical care, and
// Aisha was denied services (a health condition).
func (s *seeder) regulatedRecords() error {
	if s.svc.Regulated == nil {
		return nil
	}
	var practiceID, adminID int64
	err := s.db.Reader().QueryRow(s.ctx, `SELECT p.id, u.id FROM practices p JOIN users u ON u.practice_id = p.id AND u.role = 'admin' WHERE p.slug = ?`, Slug).
		Scan(&practiceID, &adminID)
	if err != nil {
		return errs.Wrap(err, "finding the demo practice")
	}
	admin := policy.Actor{UserID: adminID, PracticeID: practiceID, Role: account.Admin}
	if err := s.svc.Practices.SetProgramme(s.ctx, admin, practice.Oregon); err != nil {
		return err
	}
	who := func(email string) (client, coach policy.Actor, name string, err error) {
		var clientID, coachID int64
		err = s.db.Reader().QueryRow(s.ctx, `SELECT c.user_id, COALESCE(c.coach_id, 0), u.name FROM clients c JOIN users u ON u.id = c.user_id WHERE u.email = ?`, email).
			Scan(&clientID, &coachID, &name)
		client = policy.Actor{UserID: clientID, PracticeID: practiceID, Role: account.Client}
		coach = policy.Actor{UserID: coachID, PracticeID: practiceID, Role: account.Coach}
		return client, coach, name, errs.Wrap(err, "finding demo client "+email)
	}
	records := map[string]int64{} // "email/form key" or "email/kind" → the record
	for _, f := range demoForms {
		client, _, name, err := who(f.client)
		if err != nil {
			return err
		}
		form, err := regulated.Lookup(practice.Oregon, f.key)
		if err != nil {
			return err
		}
		sig, err := s.svc.Regulated.Sign(s.ctx, client, regulated.Filled{Key: f.key, Version: form.Version, Hash: form.Hash(), Answers: f.answers, Name: name})
		if err != nil {
			return err
		}
		records[f.client+"/"+f.key] = sig.ID
	}
	for _, d := range demoLogged {
		client, coach, _, err := who(d.client)
		if err != nil {
			return err
		}
		e := d.Entry
		e.StartedAt = s.now.Add(-d.ago).Truncate(15 * time.Minute)
		e.EndedAt = e.StartedAt.Add(time.Duration(d.minutes) * time.Minute)
		got, err := s.svc.Regulated.Log(s.ctx, coach, client.UserID, e)
		if err != nil {
			return err
		}
		records[d.client+"/"+string(e.Kind)] = got.ID
		if d.certify {
			if err := s.svc.Regulated.Update(s.ctx, coach, got.ID, regulated.Certify, 0); err != nil {
				return err
			}
		}
		if d.client == "tom@client.example.org" && e.Kind == regulated.Administration {
			var reaction int64
			err := s.db.Reader().QueryRow(s.ctx, `SELECT id FROM adverse_reactions WHERE client_id = ? AND severity = 'severe'`, client.UserID).Scan(&reaction)
			if err != nil {
				return errs.Wrap(err, "finding Tom's reaction")
			}
			if err := s.svc.Regulated.Update(s.ctx, coach, got.ID, regulated.LinkAdverse, reaction); err != nil {
				return err
			}
		}
	}
	for _, d := range demoAddenda {
		client, _, _, err := who(d.client)
		if err != nil {
			return err
		}
		kind, key := regulated.FormRecord, d.key
		if d.kind != "" {
			kind, key = regulated.SessionRecord, string(d.kind)
		}
		if _, err := s.svc.Regulated.AddAddendum(s.ctx, client, kind, records[d.client+"/"+key], d.text); err != nil {
			return err
		}
	}
	_, coach, _, err := who("aisha@client.example.org")
	if err != nil {
		return err
	}
	var aisha int64
	if err := s.db.Reader().QueryRow(s.ctx, `SELECT id FROM users WHERE email = 'aisha@client.example.org'`).Scan(&aisha); err != nil {
		return errs.Wrap(err, "finding Aisha")
	}
	return s.svc.Regulated.Deny(s.ctx, coach, aisha, "Health condition or medication")
}
