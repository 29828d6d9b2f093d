package intake

import (
	"context"
	"slices"

	"github.com/afterward/afterward/internal/policy"
)

// ClinicianNeeded is the actor's clients (see List) whose submitted intake
// asked for a clinician alongside coaching that is not recorded yet, for
// the coach dashboard.
func (s *Service) ClinicianNeeded(ctx context.Context, a policy.Actor) ([]Summary, error) {
	list, err := s.List(ctx, a)
	if err != nil {
		return nil, err
	}
	return clinicianNeeded(list), nil
}

// ClinicianNeededList is ClinicianNeeded as one list of a page's
// policy.ViewLists (alert.OpenQueue reads it with the open alerts): once
// that returned nil, done returns the clients.
func (s *Service) ClinicianNeededList(a policy.Actor) (l *policy.List, done func() []Summary, err error) {
	var list []Summary
	if l, err = listOf(a, &list); err != nil {
		return nil, nil, err
	}
	return l, func() []Summary {
		withhold(list, l.May)
		return clinicianNeeded(list)
	}, nil
}

func clinicianNeeded(list []Summary) []Summary {
	return slices.DeleteFunc(list, func(sm Summary) bool { return !sm.Submitted || !sm.Outcome.ClinicianNeeded() })
}
