package fhir

import (
	"context"
	"strconv"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// Service exports a client's bundle to a signed-in actor or to the
// operator, deciding and auditing each export.
type Service struct {
	db       *store.DB
	policy   *policy.Policy
	exporter *Exporter
	now      func() time.Time
}

// Deps are the service's collaborators, all given at construction.
type Deps struct {
	DB       *store.DB
	Policy   *policy.Policy
	Exporter *Exporter // writes the bundle
	Now      func() time.Time
}

// NewService returns the export service over d.Exporter.
func NewService(d Deps) *Service {
	return &Service{db: d.DB, policy: d.Policy, exporter: d.Exporter, now: d.Now}
}

// ClientBundle exports the client's bundle for a signed-in actor: the
// client themselves or their coach. The bundle holds the whole record, so it
// is authorized as the most sensitive category (session notes), which
// admins reach only through break-glass and clinicians never.
func (s *Service) ClientBundle(ctx context.Context, actor policy.Actor, clientID int64) ([]byte, error) {
	var body []byte
	err := s.policy.View(ctx, actor, policy.Access{ClientID: clientID, Category: policy.Notes, Action: policy.Read, ResourceType: "fhir_bundle"},
		func(tx *store.Tx) error {
			var err error
			body, err = s.exporter.Export(ctx, tx, clientID)
			return err
		})
	return body, err
}

// OperatorExport exports the bundle of the client with this email address
// for `afterward export fhir`: the operator at the server holds the master
// key, so there is no actor to decide on; the export is audited as
// channel=cli in its transaction. An unknown address is errs.NotFound.
func (s *Service) OperatorExport(ctx context.Context, email string) ([]byte, error) {
	var body []byte
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		id, err := account.ClientIDByEmail(ctx, tx, email)
		if err != nil {
			return err
		}
		if body, err = s.exporter.Export(ctx, tx, id); err != nil {
			return err
		}
		err = audit.Append(ctx, tx, audit.Event{At: s.now(), Action: audit.ActionExport, ResourceType: "fhir_bundle",
			ResourceID: strconv.FormatInt(id, 10), ClientID: id, Outcome: audit.OutcomeOK, Detail: "channel=cli"})
		return err
	})
	return body, err
}
