// Package coach is the coach directory: coaches' public profiles and the
// four questions answered in their own words, training credentials that an
// admin verifies, screening of profile text before it goes public, client
// reports, the public faceted search, and matching a client after intake to
// the coaches who can see them soonest.
//
// Rules worth knowing:
//   - a coach with under MinVerifiedHours verified, unexpired training
//     hours, no supervision or no code of ethics is "in training": listed,
//     but never suggested by automatic matching;
//   - profile text is screened when submitted; a flagged profile waits in
//     the admin review queue and is not public until approved;
//   - search uses each engine's full-text index only to find the matching
//     set; relevance, facets, sorting and paging are computed here, the same
//     way on SQLite and PostgreSQL, ties broken by coach id.
package coach

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/afterward/afterward/internal/errs"
)

// MinVerifiedHours is the training a coach needs before automatic matching.
const MinVerifiedHours = 100

// Status is where a profile is on its way to the public directory.
type Status string

const (
	Draft         Status = "draft"
	PendingReview Status = "pending_review" // flagged by the screener
	Returned      Status = "returned"       // an admin sent it back with a note
	Published     Status = "published"
)

// Supervision kinds.
const (
	SupervisionNone       = ""
	SupervisionSupervisor = "supervisor"
	SupervisionPeerGroup  = "peer_group"
)

// Package is a bundle of sessions at one price.
type Package struct {
	Name       string `json:"name"`
	Sessions   int    `json:"sessions"`
	PriceMinor int64  `json:"price_minor"`
}

// Profile is what a coach writes about themselves, and what the directory
// knows about them.
type Profile struct {
	CoachID     int64
	PracticeID  int64
	Name        string
	Headline    string
	Bio         string
	Answers     Answers
	Supervision Supervision
	EthicsCode  string
	YearsActive int

	Substances []string
	Contexts   []string
	Modalities []string
	Languages  []string
	Formats    []string
	Lengths    []string // "60", "90"
	Location   string   // where in-person sessions happen

	FeeMinor   int64
	Currency   string
	Sliding    SlidingScale
	Packages   []Package
	TimeZone   string
	Weekly     []Window
	Accepting  bool
	Status     Status
	ReviewNote string
	Flags      []Flag

	VerifiedHours int
	Verified      bool       // meets every requirement for automatic matching
	VerifiedUntil *time.Time // the earliest expiry among the counted credentials
	NextOpenAt    *time.Time
	Trainings     []Training
	UpdatedAt     time.Time
}

// Answers are the four questions a client should ask, answered by the coach.
type Answers struct {
	Training   string // training and supervision
	Experience string // experience with the client's substance or experience
	Crisis     string // handling crises and difficult emotions
	Therapy    string // boundaries with ongoing therapy
}

// Supervision is who oversees the coach's practice, and how often.
type Supervision struct {
	Kind      string
	Frequency string
}

// SlidingScale is a reduced-fee range with a number of places.
type SlidingScale struct {
	MinMinor, MaxMinor int64
	Spots              int
}

// InTraining reports whether the coach is shown as "in training" at now.
func (p Profile) InTraining(now time.Time) bool {
	return !p.VerifiedAt(now)
}

// VerifiedAt reports whether the verification still holds at now.
func (p Profile) VerifiedAt(now time.Time) bool {
	return p.Verified && (p.VerifiedUntil == nil || p.VerifiedUntil.After(now))
}

// Has reports whether the profile lists value under facet.
func (p Profile) Has(facet, value string) bool {
	return slices.Contains(p.values(facet), value)
}

func (p Profile) values(facet string) []string {
	switch facet {
	case FacetSubstance:
		return p.Substances
	case FacetContext:
		return p.Contexts
	case FacetModality:
		return p.Modalities
	case FacetLanguage:
		return p.Languages
	case FacetFormat:
		return p.Formats
	case FacetLength:
		return p.Lengths
	}
	return nil
}

// Text limits keep profiles readable and indexes small.
const (
	maxShort = 200
	maxLong  = 4000
)

// Validate checks a profile as the coach submits it and normalises it.
func (p *Profile) Validate() error {
	v := errs.Validation{}
	p.Name = strings.TrimSpace(p.Name)
	p.Headline = strings.TrimSpace(p.Headline)
	v.Check(p.Name != "", "name", "enter your name as clients should see it")
	checkLen(v, "name", p.Name, maxShort)
	checkLen(v, "headline", p.Headline, maxShort)
	checkLen(v, "location", p.Location, maxShort)
	checkLen(v, "ethics_code", p.EthicsCode, maxShort)
	checkLen(v, "supervision_frequency", p.Supervision.Frequency, maxShort)
	for field, text := range map[string]*string{"bio": &p.Bio, "answer_training": &p.Answers.Training,
		"answer_experience": &p.Answers.Experience, "answer_crisis": &p.Answers.Crisis, "answer_therapy": &p.Answers.Therapy} {
		*text = strings.TrimSpace(*text)
		v.Check(*text != "", field, "write a few sentences in your own words")
		checkLen(v, field, *text, maxLong)
	}
	switch p.Supervision.Kind {
	case SupervisionNone, SupervisionSupervisor, SupervisionPeerGroup:
	default:
		v.Add("supervision_kind", "choose a supervisor, a peer group, or none")
	}
	v.Check(p.YearsActive >= 0 && p.YearsActive <= 80, "years_practice", "enter whole years between 0 and 80")
	p.validateTags(v)
	p.validateMoney(v)
	if _, err := time.LoadLocation(p.TimeZone); err != nil || p.TimeZone == "" {
		v.Add("time_zone", "choose a time zone such as America/Denver")
	}
	if err := validateWindows(p.Weekly); err != nil {
		v.Add("availability", err.Error())
	}
	return v.Err()
}

func (p *Profile) validateTags(v errs.Validation) {
	for _, f := range tagFacets {
		vals := normaliseValues(p.values(f.Name))
		for _, val := range vals {
			if _, ok := tagBit(f.Name, val); !ok {
				v.Add(f.Name, "choose from the listed options")
			}
		}
		p.setValues(f.Name, vals)
	}
	p.setTags(p.Tags()) // the options' own order, whatever order they came in
	v.Check(len(p.Languages) > 0, FacetLanguage, "choose at least one language")
	v.Check(len(p.Formats) > 0, FacetFormat, "choose video, in person, or both")
	v.Check(len(p.Lengths) > 0, FacetLength, "choose 60 or 90 minutes, or both")
	p.Location = strings.TrimSpace(p.Location)
	if p.Has(FacetFormat, "in_person") {
		v.Check(p.Location != "", "location", "say where in-person sessions take place")
	}
}

func (p *Profile) validateMoney(v errs.Validation) {
	p.Currency = strings.ToUpper(strings.TrimSpace(p.Currency))
	if p.Currency == "" {
		p.Currency = "USD"
	}
	v.Check(len(p.Currency) == 3 && strings.Trim(p.Currency, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "", "currency", "use a three-letter code such as USD")
	v.Check(p.FeeMinor > 0 && p.FeeMinor <= 10_000_00, "fee", "enter a fee per session between 1 and 10,000")
	s := p.Sliding
	if s.Spots > 0 || s.MinMinor > 0 || s.MaxMinor > 0 {
		v.Check(s.MinMinor > 0 && s.MinMinor <= s.MaxMinor, "sliding_min", "the lowest fee must be above 0 and not above the highest")
		v.Check(s.MaxMinor <= p.FeeMinor, "sliding_max", "the highest sliding-scale fee cannot exceed your standard fee")
		v.Check(s.Spots > 0 && s.Spots <= 100, "sliding_spots", "offer between 1 and 100 sliding-scale places")
	}
	for _, pk := range p.Packages {
		if strings.TrimSpace(pk.Name) == "" || pk.Sessions < 2 || pk.Sessions > 52 || pk.PriceMinor <= 0 {
			v.Add("packages", "each package needs a name, 2 to 52 sessions and a price")
		}
	}
}

func (p *Profile) setValues(facet string, vals []string) {
	switch facet {
	case FacetSubstance:
		p.Substances = vals
	case FacetContext:
		p.Contexts = vals
	case FacetModality:
		p.Modalities = vals
	case FacetLanguage:
		p.Languages = vals
	case FacetFormat:
		p.Formats = vals
	case FacetLength:
		p.Lengths = vals
	}
}

func normaliseValues(vals []string) []string {
	out := make([]string, 0, len(vals))
	for _, v := range vals {
		v = strings.ToLower(strings.TrimSpace(v))
		if v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

func checkLen(v errs.Validation, field, s string, max int) {
	v.Check(utf8.RuneCountInString(s) <= max, field, "is too long")
	v.Check(utf8.ValidString(s) && !strings.ContainsRune(s, 0), field, "contains characters we cannot store")
}
