package coach

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// GenOptions sets up a synthetic directory for benchmarks and demos.
type GenOptions struct {
	PracticeID int64
	Coaches    int
	Seed       uint64
	EmailTag   string // distinguishes generated accounts, e.g. "bench"
	VerifierID int64  // the admin recorded as verifying generated training
}

var (
	firstNames = []string{"Alex", "Jordan", "Sam", "Riley", "Morgan", "Casey", "Avery", "Quinn", "Rowan", "Elena", "Mateo",
		"Amara", "Noah", "Leila", "Kai", "Ines", "Tomas", "Yara", "Felix", "Nadia", "Oren", "Sofia", "Theo", "Mira", "Jonas"}
	lastNames = []string{"Rivera", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Haddad", "Kowalski", "Costa", "Brennan", "Sato",
		"Nguyen", "Adeyemi", "Fischer", "Romano", "Cohen", "Patel", "Silva", "Larsen", "Dubois", "Novak"}
	focuses = []string{"grief and loss", "trauma-informed integration", "ceremony aftercare", "creative expression",
		"relationships and family", "career and purpose", "spiritual emergence", "anxiety after difficult experiences",
		"nature-based practice", "embodiment and breath", "veterans and first responders", "LGBTQ+ clients",
		"clinical trial participants", "meaning and values", "sleep and daily routines", "addiction recovery support"}
	approaches = []string{"somatic awareness", "journaling prompts", "art making", "mindful movement", "walking sessions outdoors",
		"values work", "parts work", "breathwork", "meditation", "narrative practice", "motivational interviewing", "compassion practice"}
	places = []string{"Portland, OR", "Denver, CO", "Oakland, CA", "Austin, TX", "Brooklyn, NY", "Seattle, WA", "Boulder, CO", "Eugene, OR"}
)

// GenerateProfile makes one believable, valid profile from rng.
func GenerateProfile(rng *rand.Rand) Profile {
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	name := pick(firstNames) + " " + pick(lastNames)
	focus, approach := pick(focuses), pick(approaches)
	p := Profile{
		Name:     name,
		Headline: "Integration coach · " + focus,
		Bio: fmt.Sprintf("I support people after psychedelic experiences, with a focus on %s. Sessions draw on %s and %s. "+
			"I work alongside your therapist when you have one, never instead of them.", focus, approach, pick(approaches)),
		Answers: Answers{
			Training:   fmt.Sprintf("I completed %d hours of integration training and meet a supervisor monthly.", 60+rng.IntN(200)),
			Experience: "I have supported clients after " + pick([]string{"psilocybin", "MDMA", "ketamine", "ayahuasca"}) + " experiences in " + pick([]string{"clinical trials", "legal services", "ceremonies"}) + ".",
			Crisis:     "If a session brings up something overwhelming, we slow down, ground, and I share crisis resources; I refer to clinical care when that is what you need.",
			Therapy:    "I do not diagnose or treat. With your permission I coordinate with your therapist so our work supports theirs.",
		},
		Supervision: Supervision{Kind: pick([]string{SupervisionSupervisor, SupervisionPeerGroup, SupervisionNone}), Frequency: "monthly"},
		EthicsCode:  pick([]string{"Psychedelic Integration Coaches' code of ethics", "ICF Code of Ethics", ""}),
		YearsActive: rng.IntN(15),
		Currency:    "USD",
		FeeMinor:    int64(80+rng.IntN(18)*10) * 100,
		TimeZone:    pick([]string{"America/Los_Angeles", "America/Denver", "America/Chicago", "America/New_York", "Europe/London"}),
		Accepting:   rng.IntN(10) > 0,
	}
	for _, f := range tagFacets {
		var vals []string
		for _, o := range f.Options {
			if rng.IntN(100) < tagChance(f.Name) {
				vals = append(vals, o.Value)
			}
		}
		p.setValues(f.Name, vals)
	}
	if !p.Has(FacetLanguage, "en") && rng.IntN(4) > 0 {
		p.Languages = append([]string{"en"}, p.Languages...)
	}
	if len(p.Languages) == 0 {
		p.Languages = []string{"en"}
	}
	if len(p.Formats) == 0 {
		p.Formats = []string{"video"}
	}
	if len(p.Lengths) == 0 {
		p.Lengths = []string{"60"}
	}
	if p.Has(FacetFormat, "in_person") {
		p.Location = pick(places)
	}
	if rng.IntN(3) == 0 {
		p.Sliding = SlidingScale{MinMinor: p.FeeMinor / 2, MaxMinor: p.FeeMinor * 3 / 4, Spots: 1 + rng.IntN(4)}
	}
	for d := range 7 {
		if rng.IntN(7) < 3 {
			start := (8 + rng.IntN(8)) * 60
			p.Weekly = append(p.Weekly, Window{Weekday: time.Weekday(d), Start: start, End: start + (2+rng.IntN(4))*60})
		}
	}
	return p
}

func tagChance(facet string) int {
	switch facet {
	case FacetLanguage:
		return 8
	case FacetSubstance, FacetModality:
		return 35
	default:
		return 45
	}
}

// Generate writes opt.Coaches published profiles, with accounts, verified
// training for most of them, availability and search index, in one
// transaction. It is for benchmarks and the demo; real profiles go through
// SaveProfile.
func Generate(ctx context.Context, db *store.DB, opt GenOptions, now time.Time) error {
	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))
	tag := strings.ToLower(strings.TrimSpace(opt.EmailTag))
	if tag == "" {
		tag = "gen"
	}
	return db.InTx(ctx, func(tx *store.Tx) error {
		for i := range opt.Coaches {
			p := GenerateProfile(rng)
			if err := p.Validate(); err != nil {
				return fmt.Errorf("generated profile %d is invalid: %w", i, err)
			}
			if err := insertGenerated(ctx, tx, opt, fmt.Sprintf("coach%d.%s@directory.example.org", i, tag), p, rng, now); err != nil {
				return err
			}
		}
		return nil
	})
}

func insertGenerated(ctx context.Context, tx *store.Tx, opt GenOptions, email string, p Profile, rng *rand.Rand, now time.Time) error {
	id, err := store.InsertID(ctx, tx, `INSERT INTO users (practice_id, email, name, role, time_zone, created_at) VALUES (?, ?, ?, 'coach', ?, ?) RETURNING id`,
		opt.PracticeID, email, p.Name, p.TimeZone, now) // the schedule reads the hours in this zone
	if err != nil {
		return errs.Wrap(err, "generating coach account")
	}
	p.CoachID, p.PracticeID, p.Status, p.UpdatedAt = id, opt.PracticeID, Published, now
	if err := saveProfile(ctx, tx, p); err != nil {
		return err
	}
	verifier := opt.VerifierID
	if verifier == 0 {
		verifier = id
	}
	hours := []int{40, 60, 120, 150}[rng.IntN(4)]
	_, err = tx.Exec(ctx, `INSERT INTO coach_trainings (coach_id, name, provider, hours, year, status, verified_by, verified_at, created_at)
		VALUES (?, 'Psychedelic integration coaching certificate', 'Integration Training Collective', ?, ?, 'verified', ?, ?, ?)`,
		id, hours, now.Year()-1-rng.IntN(5), verifier, now, now)
	if err != nil {
		return errs.Wrap(err, "generating training")
	}
	// Computed here rather than re-read: a new coach has nothing booked.
	loc, _ := time.LoadLocation(p.TimeZone)
	var next any
	if t, ok := EarliestSlot(p.Weekly, loc, now.Add(MinNotice), FirstSessionLength, nil); ok {
		next = t
	}
	verified := hours >= MinVerifiedHours && p.Supervision.Kind != "" && p.EthicsCode != ""
	_, err = tx.Exec(ctx, `UPDATE coach_profiles SET verified_hours = ?, verified = ?, next_open_at = ? WHERE user_id = ?`, hours, verified, next, id)
	return errs.Wrap(err, "generating verification")
}
