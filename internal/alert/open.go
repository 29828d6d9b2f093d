package alert

import (
	"context"
	"slices"

	"github.com/afterward/afterward/internal/policy"
)

// OpenQueue is the open alerts of the actor's safety queue (see Queue), for
// the coach dashboard: the same reading, audited the same way, without
// the alerts closed in the last 30 days.
//
// with are the page's other audited lists (intake.ClinicianNeededList):
// they are read in the same snapshot and their events recorded in the
// same group commit (policy.ViewLists), so the page pays one read
// transaction and one wait for durability instead of one per list. Each
// list is ready once OpenQueue returned nil.
func (s *Service) OpenQueue(ctx context.Context, a policy.Actor, with ...*policy.List) ([]Alert, error) {
	var list []Alert
	l, err := s.queueList(a, &list)
	if err != nil {
		return nil, err
	}
	if err := s.policy.ViewLists(ctx, a, append([]*policy.List{l}, with...)...); err != nil {
		return nil, err
	}
	withhold(list, l.May)
	return slices.DeleteFunc(list, func(al Alert) bool { return !al.Open() }), nil
}
