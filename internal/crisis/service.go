package crisis

import (
	"context"
	"strconv"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// Service reads and saves practices' crisis settings and resolves the help
// a practice's people see.
type Service struct {
	db  *store.DB
	now func() time.Time
}

// NewService returns the crisis settings service.
func NewService(db *store.DB, now func() time.Time) *Service {
	return &Service{db: db, now: now}
}

// ForPractice is the region, with the practice's overrides, its clients
// see.
func (s *Service) ForPractice(ctx context.Context, practiceID int64) (Region, error) {
	return RegionOf(ctx, s.db.Reader(), practiceID)
}

// RegionOf is ForPractice on any querier (inside a transaction).
func RegionOf(ctx context.Context, q store.Querier, practiceID int64) (Region, error) {
	var region string
	if err := q.QueryRow(ctx, `SELECT region FROM practices WHERE id = ?`, practiceID).Scan(&region); err != nil {
		return Region{}, store.NotFound(err, "practice")
	}
	set, err := Load(ctx, q, practiceID)
	if err != nil {
		return Region{}, err
	}
	return set.Apply(region), nil
}

// Settings returns the admin's practice's settings.
func (s *Service) Settings(ctx context.Context, a policy.Actor) (Settings, error) {
	if a.Role != account.Admin {
		return Settings{}, errs.E(errs.Forbidden, "only the practice admin sets crisis help")
	}
	return Load(ctx, s.db.Reader(), a.PracticeID)
}

// Save validates and saves the admin's practice's settings, with an audit
// event naming who changed them.
func (s *Service) Save(ctx context.Context, a policy.Actor, set Settings) error {
	if a.Role != account.Admin {
		return errs.E(errs.Forbidden, "only the practice admin sets crisis help")
	}
	set.Normalize()
	set.PracticeID = a.PracticeID
	if err := set.Validate(); err != nil {
		return err
	}
	now := s.now().UTC()
	return s.db.InTx(ctx, func(tx *store.Tx) error {
		if err := save(ctx, tx, set, a.UserID, now); err != nil {
			return err
		}
		err := audit.Append(ctx, tx, audit.Stamp(ctx, audit.Event{At: now, ActorID: a.UserID, ActorRole: string(a.Role),
			Action: "safety_settings_saved", ResourceType: "practice", ResourceID: strconv.FormatInt(a.PracticeID, 10), Outcome: audit.OutcomeOK}))
		return errs.Wrap(err, "auditing the safety settings")
	})
}
