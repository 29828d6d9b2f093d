package alert

import (
	"context"

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
	var open []Alert
	for _, al := range list {
		if al.Open() {
			open = append(open, al)
		}
	}
	return open, nil
}
