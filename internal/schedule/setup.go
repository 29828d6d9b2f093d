package schedule

import (
	"context"
	"sort"

	"github.com/afterward/afterward/internal/policy"
)

// Setup is what a coach has set for booking: the week, days off (sorted)
// and where they meet.
type Setup struct {
	Windows []Window
	DaysOff []string
	Place   Place
}

// SetupOf returns the coach's own booking setup.
func (s *Service) SetupOf(ctx context.Context, actor policy.Actor) (Setup, error) {
	if err := requireCoach(actor); err != nil {
		return Setup{}, err
	}
	av, err := loadAvailability(ctx, s.reader(), actor.UserID)
	if err != nil {
		return Setup{}, err
	}
	out := Setup{Windows: av.Windows}
	for d := range av.DaysOff {
		out.DaysOff = append(out.DaysOff, d)
	}
	sort.Strings(out.DaysOff)
	out.Place, err = placeOf(ctx, s.reader(), actor.UserID)
	return out, err
}
