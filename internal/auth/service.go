package auth

import (
	"context"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/store"
)

// Deps are the service's collaborators and settings, all given at
// construction.
type Deps struct {
	DB        *store.DB
	Now       func() time.Time // the clock (UTC)
	Accounts  *account.Service
	Practices *practice.Service
	Queue     notify.Enqueuer // email and sign-in-link jobs
	Sealer    Sealer          // seals TOTP secrets
	BaseURL   string          // links in emails, e.g. https://care.example.org
	Demo      bool            // demo mode: DemoTOTPSecret may be installed
}

// Service is the sign-in, two-step, link, reset and invitation use cases.
type Service struct {
	db   *store.DB
	now  func() time.Time
	deps Deps
}

// NewService returns the auth service.
func NewService(d Deps) *Service {
	return &Service{db: d.DB, now: d.Now, deps: d}
}

// sealSecret and openSecret are the only places a TOTP secret crosses the
// sealing boundary; the account id is bound in, so a sealed secret copied
// to another account does not open.
func (s *Service) sealSecret(ctx context.Context, tx *store.Tx, userID int64, secret string) ([]byte, error) {
	sealed, err := s.deps.Sealer.Seal(ctx, tx, userID, []byte(secret))
	return sealed, errs.Wrap(err, "sealing two-step secret")
}

func (s *Service) openSecret(ctx context.Context, tx *store.Tx, userID int64, sealed []byte) (string, error) {
	plain, err := s.deps.Sealer.Open(ctx, tx, userID, sealed)
	return string(plain), errs.Wrap(err, "opening two-step secret")
}

// link is an absolute URL to a path of this deployment.
func (s *Service) link(path string) string { return s.deps.BaseURL + path }

// inTx runs fn in a write transaction.
func (s *Service) inTx(ctx context.Context, fn func(tx *store.Tx) error) error {
	return s.db.InTx(ctx, fn)
}
