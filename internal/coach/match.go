package coach

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/humantime"
	"github.com/afterward/afterward/internal/store"
)

// Dispositions (from intake triage) that allow coaching.
const (
	DispositionCoaching              = "coaching"
	DispositionCoachingWithClinician = "coaching_with_clinician"
)

// MatchRequest is what matching needs from a completed intake. The intake
// flow fills it; nothing here reads intake answers.
type MatchRequest struct {
	ClientID     int64
	PracticeID   int64
	IntakeAt     time.Time // when the intake was completed
	ExperienceAt time.Time // zero when unknown
	Substance    string
	Context      string
	Language     string // "" accepts any
	Format       string // "video", "in_person" or "" for either
	Location     string // for in-person sessions
	TimeZone     string // the client's, for times in the reasons
	BudgetMinor  int64  // per session; 0 means no limit given
	Disposition  string
	// PreferredCoach is the coach the client started from ("Start with
	// this coach"); when they fit and have a slot, they come first.
	PreferredCoach int64
}

// DueAt is when the first session should happen: 72 hours after the
// experience (zero when the experience time is unknown).
func (m MatchRequest) DueAt() time.Time {
	if m.ExperienceAt.IsZero() {
		return time.Time{}
	}
	return m.ExperienceAt.Add(AvailableWithin)
}

// Suggestion is one coach suggested for a client, with the reasons.
type Suggestion struct {
	Coach      Profile
	Slot       time.Time // earliest open slot
	BeforeDue  bool      // the slot is before the first session is due
	Reasons    []string
	substance  bool
	context    bool
	withinBudg bool
	preferred  bool
}

// MaxSuggestions is how many coaches a client is offered at once.
const MaxSuggestions = 5

// Suggest ranks the practice's verified, accepting coaches for a client:
// above all by an open slot before the first session is due, then by
// experience with the substance and context and by budget, then earliest
// slot. Language, format and location are requirements. Coaches who
// declined or let a request to this client lapse are left out.
func (s *Service) Suggest(ctx context.Context, m MatchRequest) ([]Suggestion, error) {
	if m.Disposition != DispositionCoaching && m.Disposition != DispositionCoachingWithClinician {
		return nil, errs.E(errs.Conflict, "this intake's outcome does not allow coaching")
	}
	return s.suggest(ctx, s.db.Reader(), m)
}

func (s *Service) suggest(ctx context.Context, q store.Querier, m MatchRequest) ([]Suggestion, error) {
	now := s.now()
	profiles, err := listProfiles(ctx, q, `WHERE p.practice_id = ? AND p.status = 'published' AND p.accepting = ? AND p.verified = ?
		AND p.user_id NOT IN (SELECT coach_id FROM coach_requests WHERE client_id = ? AND status IN ('declined', 'expired'))
		ORDER BY p.user_id`, m.PracticeID, true, true, m.ClientID)
	if err != nil {
		return nil, err
	}
	var out []Suggestion
	for _, p := range profiles {
		if !p.VerifiedAt(now) || !fits(p, m) {
			continue
		}
		if p.Weekly, err = loadWindows(ctx, q, p.CoachID); err != nil {
			return nil, err
		}
		slot, err := s.nextOpen(ctx, q, p.CoachID, m.ClientID)
		if err != nil {
			return nil, err
		}
		if slot == nil {
			continue
		}
		out = append(out, explain(p, m, *slot))
	}
	slices.SortFunc(out, rankSuggestions)
	return out[:min(len(out), MaxSuggestions)], nil
}

// fits applies the hard requirements: language, format and location.
func fits(p Profile, m MatchRequest) bool {
	if m.Language != "" && !p.Has(FacetLanguage, m.Language) {
		return false
	}
	if m.Format != "" && !p.Has(FacetFormat, m.Format) {
		return false
	}
	if m.Format == "in_person" && m.Location != "" && !strings.Contains(strings.ToLower(p.Location), strings.ToLower(strings.TrimSpace(m.Location))) {
		return false
	}
	return true
}

func explain(p Profile, m MatchRequest, slot time.Time) Suggestion {
	sg := Suggestion{Coach: p, Slot: slot, preferred: m.PreferredCoach != 0 && m.PreferredCoach == p.CoachID}
	if sg.preferred {
		sg.Reasons = append(sg.Reasons, "the coach you chose when you signed up")
	}
	due := m.DueAt()
	sg.BeforeDue = !due.IsZero() && !slot.After(due)
	if sg.BeforeDue {
		sg.Reasons = append(sg.Reasons, "can meet before the first session is due (within 72 hours of the experience)")
	} else {
		sg.Reasons = append(sg.Reasons, "earliest open slot "+humantime.When(slot, humantime.In(m.TimeZone), slot))
	}
	if sg.substance = m.Substance != "" && p.Has(FacetSubstance, m.Substance); sg.substance {
		sg.Reasons = append(sg.Reasons, "experience with "+Label(FacetSubstance, m.Substance))
	}
	if sg.context = m.Context != "" && p.Has(FacetContext, m.Context); sg.context {
		sg.Reasons = append(sg.Reasons, "experience with "+strings.ToLower(Label(FacetContext, m.Context))+" settings")
	}
	if m.Language != "" {
		sg.Reasons = append(sg.Reasons, "speaks "+Label(FacetLanguage, m.Language))
	}
	if m.Format != "" {
		reason := "offers " + strings.ToLower(Label(FacetFormat, m.Format)) + " sessions"
		if m.Format == "in_person" {
			reason += " in " + p.Location
		}
		sg.Reasons = append(sg.Reasons, reason)
	}
	switch {
	case m.BudgetMinor == 0:
		sg.withinBudg = true
	case p.FeeMinor <= m.BudgetMinor:
		sg.withinBudg = true
		sg.Reasons = append(sg.Reasons, fmt.Sprintf("fee %s within budget", Money(p.FeeMinor, p.Currency)))
	case p.Sliding.Spots > 0 && p.Sliding.MinMinor <= m.BudgetMinor:
		sg.withinBudg = true
		sg.Reasons = append(sg.Reasons, fmt.Sprintf("sliding scale from %s fits the budget", Money(p.Sliding.MinMinor, p.Currency)))
	}
	return sg
}

func rankSuggestions(a, b Suggestion) int {
	for _, pair := range [][2]bool{{a.BeforeDue, b.BeforeDue}, {a.preferred, b.preferred}, {a.substance, b.substance}, {a.withinBudg, b.withinBudg}, {a.context, b.context}} {
		if pair[0] != pair[1] {
			if pair[0] {
				return -1
			}
			return 1
		}
	}
	if c := a.Slot.Compare(b.Slot); c != 0 {
		return c
	}
	return cmp.Compare(a.Coach.CoachID, b.Coach.CoachID)
}

// Money formats minor units with the currency, e.g. "USD 120" or "EUR 95.50".
func Money(minor int64, currency string) string {
	if minor%100 == 0 {
		return fmt.Sprintf("%s %d", currency, minor/100)
	}
	return fmt.Sprintf("%s %d.%02d", currency, minor/100, minor%100)
}
