package app

import (
	"context"

	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// fhirService exports a client's FHIR bundle for a signed-in actor: the
// client themselves or their coach. The bundle holds the whole record, so
// it is authorized as the most sensitive category (session notes), which
// admins reach only through break-glass and clinicians never.
type fhirService struct{ a *App }

func (f fhirService) ClientBundle(ctx context.Context, actor policy.Actor, clientID int64) ([]byte, error) {
	var body []byte
	err := f.a.Policy.View(ctx, actor, policy.Access{ClientID: clientID, Category: policy.Notes, Action: policy.Read, ResourceType: "fhir_bundle"},
		func(tx *store.Tx) error {
			var err error
			body, err = f.a.FHIR.Export(ctx, tx, clientID)
			return err
		})
	return body, err
}
