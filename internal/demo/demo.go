// Package demo fills a database with a believable sample practice: one
// admin, three coaches, a clinician and a dozen clients at different points
// of their integration journey, with dates relative to now so the demo is
// always current. Every capability adds its own demo data here.
package demo

import (
	"context"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/adverse"
	"github.com/afterward/afterward/internal/agreement"
	"github.com/afterward/afterward/internal/alert"
	"github.com/afterward/afterward/internal/auth"
	"github.com/afterward/afterward/internal/careteam"
	"github.com/afterward/afterward/internal/coach"
	"github.com/afterward/afterward/internal/crisis"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/intake"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/questionnaire"
	"github.com/afterward/afterward/internal/regulated"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// Password is every demo account's password. Demo mode only.
const Password = "riverbend-demo-2026"

// Slug identifies the demo practice; seeding is skipped when it exists.
const Slug = "riverbend"

// Login is one demo account to print. State is where a client stands, in
// words (Seed fills it from the database: "in integration", "awaiting a
// coach", "on hold: referred out", …); empty for staff.
type Login struct {
	Role, Name, Email, State string
}

// Services are the domain services the seed goes through, so demo data
// obeys the same rules as real data.
type Services struct {
	Accounts  *account.Service
	Practices *practice.Service
	Auth      *auth.Service // nil: staff get no demo two-step secret
	Intakes   *intake.Service
	Alerts    *alert.Service
	// ClientSpace builds the journal, check-in and message services on a
	// given clock (nil: no client-space demo data).
	ClientSpace    func(now func() time.Time) ClientSpace
	Coaches        *coach.Service
	Questionnaires *questionnaire.Service
	// Sealer seals demo summaries (nil: no referral or summary demo data).
	Sealer careteam.Sealer
	Vault  *vault.Vault // seals the demo session notes
	// Crisis saves the demo practice's crisis help (nil: defaults only).
	Crisis *crisis.Service
	// Agreements signs the coaching agreement for all clients but one
	// (nil: nobody has signed).
	Agreements *agreement.Service
	// Adverse logs the demo's adverse reactions (nil: none).
	Adverse *adverse.Service
	// Regulated switches the demo practice to Oregon's programme and
	// signs and logs its regulated records (nil: no programme).
	Regulated *regulated.Service
}

// Seed creates the demo practice unless it exists, and returns the logins.
func Seed(ctx context.Context, db *store.DB, svc Services, now time.Time) ([]Login, error) {
	var exists int
	if err := db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM practices WHERE slug = ?`, Slug).Scan(&exists); err != nil {
		return nil, errs.Wrap(err, "checking for demo data")
	}
	if exists == 0 {
		err := db.InTx(ctx, func(tx *store.Tx) error {
			s := &seeder{ctx: ctx, tx: tx, svc: svc, now: now}
			return s.run()
		})
		if err != nil {
			return nil, err
		}
		// After the roster is committed: these services open their own
		// transactions (policy, audit, vault).
		s := &seeder{ctx: ctx, db: db, svc: svc, now: now}
		if err := s.clientSpace(); err != nil {
			return nil, err
		}
		if err := s.safetySignals(); err != nil {
			return nil, err
		}
		// Signed before matching: a coach is asked, and a first session
		// booked, only for a client who signed the current agreement.
		if err := s.agreements(); err != nil {
			return nil, err
		}
		if err := seedCoaches(ctx, db, svc, now); err != nil {
			return nil, err
		}
		if err := s.adverseReactions(); err != nil {
			return nil, err
		}
		if err := s.regulatedRecords(); err != nil {
			return nil, err
		}
	}
	return withStates(ctx, db.Reader(), Logins(), now)
}

type person struct {
	role        account.Role
	name, email string
	tz          string
}

var staff = []person{
	{account.Admin, "Maya Alvarez", "maya@riverbend.example.org", "America/Los_Angeles"},
	{account.Coach, "Jonah Reyes", "jonah@riverbend.example.org", "America/Los_Angeles"},
	{account.Coach, "Priya Natarajan", "priya@riverbend.example.org", "America/Denver"},
	{account.Coach, "Sam Okafor", "sam@riverbend.example.org", "Europe/London"},
	{account.Clinician, "Dr. Rachel Green", "rachel.green@clinic.example.org", "America/Los_Angeles"},
}

// demoClient is a client at one point of the journey; experience is how
// long ago the experience was (0 = not yet recorded), coach an index into
// staff (0 = none).
type demoClient struct {
	name, email, tz    string
	coach              int
	stage              practice.Stage
	ago                time.Duration
	substance, context string
}

const day = 24 * time.Hour

var clients = []demoClient{
	{"Elena Marsh", "elena@client.example.org", "America/Los_Angeles", 1, practice.StageActive, 20 * time.Hour, "psilocybin", "legal_service"},
	{"David Chen", "david@client.example.org", "America/New_York", 1, practice.StageActive, 60 * time.Hour, "mdma", "clinical_trial"},
	{"Leo Park", "leo@client.example.org", "America/Los_Angeles", 1, practice.StageActive, 26 * time.Hour, "psilocybin", "legal_service"}, // first session not booked yet
	{"Aisha Rahman", "aisha@client.example.org", "America/Chicago", 1, practice.StageActive, 10 * day, "ayahuasca", "ceremonial"},
	{"Sofia Rossi", "sofia@client.example.org", "Europe/Rome", 1, practice.StageActive, 21 * day, "lsd", "personal"},
	{"Tom Becker", "tom@client.example.org", "America/Denver", 2, practice.StageActive, 35 * day, "psilocybin", "legal_service"},
	{"Grace Liu", "grace@client.example.org", "America/Los_Angeles", 2, practice.StageActive, 63 * day, "ketamine", "legal_service"},
	{"Mei Tanaka", "mei@client.example.org", "America/Denver", 2, practice.StageActive, 4 * day, "ketamine", "legal_service"}, // first-session window missed
	{"Marcus Bell", "marcus@client.example.org", "Europe/London", 3, practice.StageFollowUp, 120 * day, "psilocybin", "clinical_trial"},
	{"Hannah Novak", "hannah@client.example.org", "Europe/Berlin", 3, practice.StageCompleted, 210 * day, "mdma", "clinical_trial"},
	{"Omar Haddad", "omar@client.example.org", "America/New_York", 0, practice.StageIntake, 2 * day, "psilocybin", "ceremonial"},
	{"Sara Lind", "sara@client.example.org", "America/Los_Angeles", 0, practice.StageMatching, 20 * time.Hour, "psilocybin", "legal_service"}, // matched in seedFirstSession
	{"Kenji Watanabe", "kenji@client.example.org", "America/Los_Angeles", 0, practice.StageMatching, 30 * time.Hour, "psilocybin", "legal_service"},
	{"Noor Said", "noor@client.example.org", "America/New_York", 0, practice.StageMatching, 40 * time.Hour, "mdma", "personal"},
	{"Ben Carter", "ben@client.example.org", "America/Chicago", 0, practice.StageReferredOut, 7 * day, "other", "unintentional"},
	{"Rosa Delgado", "rosa@client.example.org", "America/Denver", 0, practice.StageOnHold, 10 * time.Hour, "ayahuasca", "ceremonial"},
	{"Lucía Ortega", "lucia@client.example.org", "America/Los_Angeles", 0, practice.StageInvited, 0, "", ""},
}

// Logins lists every demo account.
func Logins() []Login {
	var out []Login
	for _, p := range staff {
		out = append(out, Login{Role: string(p.role), Name: p.name, Email: p.email})
	}
	for _, c := range clients {
		out = append(out, Login{Role: "client", Name: c.name, Email: c.email})
	}
	return out
}

type seeder struct {
	ctx       context.Context
	db        *store.DB
	tx        *store.Tx
	svc       Services
	now       time.Time
	practice  practice.Practice
	staffIDs  []int64
	clientIDs map[string]int64 // by email
}

func (s *seeder) run() error {
	var err error
	s.practice, err = s.svc.Practices.Create(s.ctx, s.tx, practice.Practice{
		Name: "Riverbend Integration Collective", Slug: Slug, Region: "US", TimeZone: "America/Los_Angeles",
		SignUp: practice.SignUpOpen}) // the demo shows sign-up
	if err != nil {
		return err
	}
	for _, p := range staff {
		u, err := s.user(p)
		if err != nil {
			return err
		}
		s.staffIDs = append(s.staffIDs, u.ID)
	}
	s.clientIDs = map[string]int64{}
	for _, c := range clients {
		if err := s.client(c); err != nil {
			return err
		}
	}
	if err := s.twoStep(); err != nil {
		return err
	}
	if err := s.careTeam(); err != nil {
		return err
	}
	if err := s.contacts(); err != nil {
		return err
	}
	if err := s.teamThread(); err != nil {
		return err
	}
	if err := s.noteTemplates(); err != nil {
		return err
	}
	if err := s.intakes(); err != nil {
		return err
	}
	if err := s.scheduling(); err != nil {
		return err
	}
	if err := s.billing(); err != nil {
		return err
	}
	if err := s.referrals(); err != nil {
		return err
	}
	if err := s.pastRetention(); err != nil {
		return err
	}
	return s.progress()
}

func insertID(s *seeder, query string, args ...any) (int64, error) {
	return store.InsertID(s.ctx, s.tx, query, args...)
}

func (s *seeder) user(p person) (account.User, error) {
	return s.svc.Accounts.Create(s.ctx, s.tx, account.NewUser{
		PracticeID: s.practice.ID, Email: p.email, Name: p.name, Role: p.role, Password: Password, TimeZone: p.tz})
}

func (s *seeder) client(c demoClient) error {
	u, err := s.user(person{account.Client, c.name, c.email, c.tz})
	if err != nil {
		return err
	}
	s.clientIDs[c.email] = u.ID
	nc := practice.NewClient{UserID: u.ID, PracticeID: s.practice.ID, Stage: c.stage, Substance: c.substance, Context: c.context}
	if c.coach > 0 {
		nc.CoachID = s.staffIDs[c.coach]
	}
	if c.ago > 0 {
		at := s.now.Add(-c.ago).Truncate(time.Hour)
		nc.ExperienceAt = &at
	}
	if s.clientIDs == nil {
		s.clientIDs = map[string]int64{}
	}
	s.clientIDs[c.email] = u.ID
	return s.svc.Practices.AddClient(s.ctx, s.tx, nc)
}
