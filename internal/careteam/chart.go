package careteam

import (
	"context"

	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// ConsentsOf lists the consents a client has given, newest first, for
// whoever may read the client's roster (their coach, on the client chart).
// The read is authorized and audited.
func (s *Service) ConsentsOf(ctx context.Context, a policy.Actor, clientID int64) ([]Consent, error) {
	var out []Consent
	err := s.policy.Do(ctx, a, policy.Access{ClientID: clientID, Category: policy.Roster, Action: policy.Read, ResourceType: "consent"},
		func(*store.Tx) error {
			var err error
			out, err = s.list(ctx, `k.client_id = ?`, clientID)
			return err
		})
	return out, err
}
