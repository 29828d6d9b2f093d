package alert

import (
	"context"
	"slices"

	"github.com/afterward/afterward/internal/policy"
)

// OpenQueue is the open alerts of the actor's safety queue (see Queue), for
// the coach dashboard: the same reading, audited the same way, without
// the alerts closed in the last 30 days.
func (s *Service) OpenQueue(ctx context.Context, a policy.Actor) ([]Alert, error) {
	list, err := s.Queue(ctx, a)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(list, func(al Alert) bool { return !al.Open() }), nil
}
