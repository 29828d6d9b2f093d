package crisis

import (
	"context"
	"strconv"
	"sync"
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

	// The regions ForPractice resolved recently, by practice: every HTML
	// page shows its practice's crisis lines, and they change only when an
	// admin saves the settings. Not clinical data.
	mu      sync.Mutex
	regions map[int64]cachedRegion
	gen     uint64 // bumped by every save, so a read that raced one is not kept
}

type cachedRegion struct {
	r       Region
	expires time.Time
}

// RegionTTL is how long a server shows a practice's crisis lines without
// reading them again. A save through this server takes effect at once;
// the other servers sharing the database (a cluster) show it within this
// time.
const RegionTTL = 5 * time.Second

// NewService returns the crisis settings service.
func NewService(db *store.DB, now func() time.Time) *Service {
	return &Service{db: db, now: now, regions: map[int64]cachedRegion{}}
}

// ForPractice is the region, with the practice's overrides, its clients
// see. It is read at most once per RegionTTL per practice; the Region is
// shared, so callers must not modify its lines.
func (s *Service) ForPractice(ctx context.Context, practiceID int64) (Region, error) {
	t := time.Now()
	s.mu.Lock()
	c, ok := s.regions[practiceID]
	gen := s.gen
	s.mu.Unlock()
	if ok && t.Before(c.expires) {
		return c.r, nil
	}
	r, err := RegionOf(ctx, s.db.Reader(), practiceID)
	if err != nil {
		return Region{}, err
	}
	s.mu.Lock()
	if s.gen == gen {
		s.regions[practiceID] = cachedRegion{r: r, expires: t.Add(RegionTTL)}
	}
	s.mu.Unlock()
	return r, nil
}

// forget drops every cached region: a save changed one.
func (s *Service) forget() {
	s.mu.Lock()
	s.gen++
	clear(s.regions)
	s.mu.Unlock()
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
	defer s.forget() // after the commit (or the failure): a read that started before does not stay cached
	return s.db.InTx(ctx, func(tx *store.Tx) error {
		if err := save(ctx, tx, set, a.UserID, now); err != nil {
			return err
		}
		err := audit.Append(ctx, tx, audit.Stamp(ctx, audit.Event{At: now, ActorID: a.UserID, ActorRole: string(a.Role),
			Action: "safety_settings_saved", ResourceType: "practice", ResourceID: strconv.FormatInt(a.PracticeID, 10), Outcome: audit.OutcomeOK}))
		return errs.Wrap(err, "auditing the safety settings")
	})
}
