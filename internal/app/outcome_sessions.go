package app

import (
	"context"
	"time"

	"github.com/afterward/afterward/internal/questionnaire"
	"github.com/afterward/afterward/internal/schedule"
	"github.com/afterward/afterward/internal/store"
)

// outcomeSessions is the questionnaires' SessionCounter: sessions held in
// the window after the experience, counted from appointments for every
// client with sessions on record, and from outcome_doses for the others
// (imported and synthetic clients whose sessions were never scheduled
// here).
type outcomeSessions struct{}

func (outcomeSessions) SessionsWithin(ctx context.Context, q store.Querier, practiceID int64, window time.Duration) (map[int64]int, error) {
	counts, err := schedule.HeldWithin(ctx, q, practiceID, window)
	if err != nil {
		return nil, err
	}
	doses, err := questionnaire.DoseTable{}.SessionsWithin(ctx, q, practiceID, window)
	if err != nil {
		return nil, err
	}
	for id, n := range doses {
		if _, real := counts[id]; !real {
			counts[id] = n
		}
	}
	return counts, nil
}
