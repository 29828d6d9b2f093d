package careteam

import (
	"context"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// SharedItem is one thing a clinician sees in a shared category.
type SharedItem struct {
	When   time.Time
	Title  string
	Detail string
	// ClosedAt is when the item was closed (a safety alert), for the page
	// to write on the reader's calendar after Detail; nil if it is open.
	ClosedAt *time.Time
	// SummaryID links an approved summary to its PDF (0 otherwise).
	SummaryID int64
}

// Source supplies a category's items for the care-team view. Each domain
// that owns a shareable category (sessions, scores, summaries, alerts,
// journal) registers one; the view reads each category through the policy,
// so a revoked consent hides it at once and every view is audited.
type Source interface {
	Category() policy.Category
	Shared(ctx context.Context, tx *store.Tx, clientID int64) ([]SharedItem, error)
}

// Section is one category of the clinician's view.
type Section struct {
	Category policy.Category
	Label    string
	Items    []SharedItem
}

// View is what a clinician sees about one client.
type View struct {
	ClientName string
	Purpose    string
	Until      *time.Time
	Sections   []Section
}

// ClinicianView returns exactly what the client shared with the clinician,
// one audited read per category. A client who shared nothing (or revoked)
// is NotFound.
func (s *Service) ClinicianView(ctx context.Context, a policy.Actor, clientID int64) (View, error) {
	if a.Role != account.Clinician {
		return View{}, errs.NotFoundf("not found")
	}
	consents, err := s.SharedWithMe(ctx, a)
	if err != nil {
		return View{}, err
	}
	var v View
	shared := map[policy.Category]bool{}
	for _, c := range consents {
		if c.ClientID != clientID {
			continue
		}
		v.ClientName, v.Purpose, v.Until = c.ClientName, c.Purpose, c.EndsAt
		for _, cat := range c.Categories {
			shared[cat] = true
		}
	}
	if len(shared) == 0 {
		// Nothing (any longer) shared: let the policy refuse, so the
		// attempt is audited and visible to the client.
		err := s.policy.Check(ctx, a, policy.Access{ClientID: clientID, Category: policy.Summaries, Action: policy.Read, ResourceType: "care_team_view"})
		if err == nil {
			err = errs.NotFoundf("not found")
		}
		return View{}, err
	}
	for _, cat := range policy.Shareable {
		if !shared[cat] {
			continue
		}
		sec, err := s.section(ctx, a, clientID, cat)
		if err != nil {
			return View{}, err
		}
		v.Sections = append(v.Sections, sec)
	}
	return v, nil
}

func (s *Service) section(ctx context.Context, a policy.Actor, clientID int64, cat policy.Category) (Section, error) {
	sec := Section{Category: cat, Label: ClinicianLabels[cat]}
	err := s.policy.Do(ctx, a, policy.Access{ClientID: clientID, Category: cat, Action: policy.Read, ResourceType: "care_team_view"},
		func(tx *store.Tx) error {
			for _, src := range s.sources {
				if src.Category() != cat {
					continue
				}
				items, err := src.Shared(ctx, tx, clientID)
				if err != nil {
					return err
				}
				sec.Items = append(sec.Items, items...)
			}
			return nil
		})
	return sec, err
}
