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
	return slices.DeleteFunc(list, func(sm Summary) bool { return !sm.Submitted || !sm.Outcome.ClinicianNeeded() }), nil
}
