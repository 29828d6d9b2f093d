package progress

import (
	"context"
	"database/sql"

	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// Service builds timelines.
type Service struct {
	policy  *policy.Policy
	sources []TimelineSource
}

// Deps are the service's collaborators, all given at construction.
type Deps struct {
	Policy *policy.Policy
	// Sources are merged into the timeline; the experience source is
	// always included.
	Sources []TimelineSource
}

// NewService returns the timeline service.
func NewService(d Deps) *Service {
	return &Service{policy: d.Policy, sources: append([]TimelineSource{SourceFunc(experience)}, d.Sources...)}
}

// Timeline returns the client's journey, newest first. It is a read of the
// client's plan-level record: the client, their coach, or a break-glass
// admin.
func (s *Service) Timeline(ctx context.Context, actor policy.Actor, clientID int64) ([]Event, error) {
	var lists [][]Event
	err := s.policy.View(ctx, actor, policy.Access{ClientID: clientID, Category: policy.Plan, Action: policy.Read, ResourceType: "timeline"},
		func(tx *store.Tx) error {
			for _, src := range s.sources {
				evs, err := src.Timeline(ctx, tx, clientID)
				if err != nil {
					return err
				}
				lists = append(lists, evs)
			}
			return nil
		})
	if err != nil {
		return nil, err
	}
	return Merge(lists...), nil
}

// experience is the source for the experience itself.
func experience(ctx context.Context, tx *store.Tx, clientID int64) ([]Event, error) {
	var at sql.NullTime
	var substance string
	err := tx.QueryRow(ctx, `SELECT experience_at, substance FROM clients WHERE user_id = ?`, clientID).Scan(&at, &substance)
	if err != nil {
		return nil, store.NotFound(err, "client")
	}
	if !at.Valid {
		return nil, nil
	}
	detail := ""
	if substance != "" {
		detail = "Substance: " + substance
	}
	return []Event{{At: at.Time.UTC(), Kind: Experience, Title: "Your experience", Detail: detail}}, nil
}
