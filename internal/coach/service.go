package coach

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// Calendar is the schedule as matching needs it: the one source of a
// coach's open times, and the booker of first sessions. schedule.Service
// implements it; the app wires it. Without one, no slot is ever offered
// and accepting or assigning is refused: nothing claims a booking that
// was not made.
type Calendar interface {
	// NextFree is the coach's earliest open start before until for a
	// session of minutes, free for the client too (clientID 0: anyone).
	NextFree(ctx context.Context, q store.Querier, coachID, clientID int64, until time.Time, minutes int) (time.Time, bool, error)
	// IsFree reports whether start is still an open time.
	IsFree(ctx context.Context, q store.Querier, coachID, clientID int64, start time.Time, minutes int) (bool, error)
	// CheckSigned refuses, in words for the client when byClient, a client
	// who has not signed the practice's current coaching agreement: no
	// session can be booked for them, so no coach is asked yet.
	CheckSigned(ctx context.Context, q store.Querier, clientID int64, byClient bool) error
	// BookFirstSession creates the appointment in tx and returns its id.
	BookFirstSession(ctx context.Context, tx *store.Tx, a policy.Actor, clientID, coachID int64, start time.Time) (int64, error)
}

// Deps are the service's collaborators and settings, all given at
// construction.
type Deps struct {
	DB            *store.DB
	Now           func() time.Time // the clock (read as UTC)
	Screener      Screener         // nil: VettingScreener
	Calendar      Calendar         // nil: no open slots, and nothing can be booked
	Queue         notify.Enqueuer  // alerts admins when no first-session slot exists; nil: none
	BaseURL       string           // links in those alerts
	RespondWithin time.Duration    // how long a coach has to answer a request; 0: DefaultRespondWithin
	Notices       *notify.Notices  // nil: requests and answers send no email
	Vault         *vault.Vault     // seals clients' reports about coaches; required to file or read them
}

// DefaultRespondWithin leaves room inside the 72-hour window for a second
// and third suggestion when a coach does not answer.
const DefaultRespondWithin = 8 * time.Hour

// Service is the directory, credential, review and matching use cases.
type Service struct {
	db    *store.DB
	now   func() time.Time
	deps  Deps
	index *directoryIndex
}

// NewService returns the coach service.
func NewService(d Deps) *Service {
	if d.Screener == nil {
		d.Screener = VettingScreener{}
	}
	if d.RespondWithin <= 0 {
		d.RespondWithin = DefaultRespondWithin
	}
	now := d.Now
	return &Service{db: d.DB, now: func() time.Time { return now().UTC().Truncate(time.Microsecond) }, deps: d, index: &directoryIndex{}}
}

// authorize asks the policy whether actor may act on the client's data;
// every method that touches a client's data goes through here.
func (s *Service) authorize(ctx context.Context, q store.Querier, a policy.Actor, clientID int64, act policy.Action) error {
	return policy.Decide(ctx, q, a, clientID, policy.Roster, act, s.now())
}

func requireRole(a policy.Actor, role account.Role, what string) error {
	if a.Role != role {
		return errs.E(errs.Forbidden, "only %ss can %s", role, what)
	}
	return nil
}

func (s *Service) audit(ctx context.Context, tx *store.Tx, a policy.Actor, action, resource string, id, clientID int64) error {
	err := audit.Append(ctx, tx, audit.Event{At: s.now(), ActorID: a.UserID, ActorRole: string(a.Role), Action: action,
		ResourceType: resource, ResourceID: strconv.FormatInt(id, 10), ClientID: clientID, Outcome: audit.OutcomeOK})
	return err
}

// Public returns a published profile for anyone to read.
func (s *Service) Public(ctx context.Context, coachID int64) (Profile, error) {
	p, err := loadProfile(ctx, s.db.Reader(), coachID)
	if err != nil {
		return Profile{}, err
	}
	if p.Status != Published {
		return Profile{}, errs.NotFoundf("coach not found")
	}
	return p, nil
}

// Own returns the coach's own profile in any state; NotFound before the
// first save.
func (s *Service) Own(ctx context.Context, a policy.Actor) (Profile, error) {
	if err := requireRole(a, account.Coach, "edit a coach profile"); err != nil {
		return Profile{}, err
	}
	return loadProfile(ctx, s.db.Reader(), a.UserID)
}

// SaveProfile validates and screens the coach's profile. A clean profile
// is published at once; a flagged one waits for an admin's review and is
// not public meanwhile.
func (s *Service) SaveProfile(ctx context.Context, a policy.Actor, p Profile) (Profile, error) {
	if err := requireRole(a, account.Coach, "edit a coach profile"); err != nil {
		return Profile{}, err
	}
	if err := p.Validate(); err != nil {
		return p, err
	}
	now := s.now()
	p.CoachID, p.PracticeID, p.UpdatedAt, p.ReviewNote = a.UserID, a.PracticeID, now, ""
	p.Flags = screenProfile(s.deps.Screener, p)
	p.Status = Published
	if len(p.Flags) > 0 {
		p.Status = PendingReview
	}
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		if err := saveProfile(ctx, tx, p); err != nil {
			return err
		}
		// The schedule reads weekly hours in the account's zone: keep it the
		// profile's, so the hours mean the same on both pages.
		if _, err := tx.Exec(ctx, `UPDATE users SET time_zone = ? WHERE id = ?`, p.TimeZone, p.CoachID); err != nil {
			return errs.Wrap(err, "saving time zone")
		}
		if _, err := tx.Exec(ctx, `UPDATE coach_profiles SET submitted_at = ? WHERE user_id = ?`, now, p.CoachID); err != nil {
			return errs.Wrap(err, "saving profile")
		}
		if err := refreshVerification(ctx, tx, p.CoachID, now); err != nil {
			return err
		}
		return s.RefreshNextOpen(ctx, tx, p.CoachID)
	})
	if err != nil {
		return p, err
	}
	return loadProfile(ctx, s.db.Reader(), p.CoachID)
}

// ReviewQueue lists the practice's flagged profiles waiting for an admin.
func (s *Service) ReviewQueue(ctx context.Context, a policy.Actor) ([]Profile, error) {
	if err := requireRole(a, account.Admin, "review coach profiles"); err != nil {
		return nil, err
	}
	return listProfiles(ctx, s.db.Reader(), `WHERE p.practice_id = ? AND p.status = 'pending_review' ORDER BY p.submitted_at, p.user_id`, a.PracticeID)
}

// PracticeCoaches lists every coach profile of the admin's practice, by
// name, for choosing a coach to assign.
func (s *Service) PracticeCoaches(ctx context.Context, a policy.Actor) ([]Profile, error) {
	if err := requireRole(a, account.Admin, "list the practice's coaches"); err != nil {
		return nil, err
	}
	return listProfiles(ctx, s.db.Reader(), `WHERE p.practice_id = ? ORDER BY p.display_name, p.user_id`, a.PracticeID)
}

// Approve publishes a profile waiting for review.
func (s *Service) Approve(ctx context.Context, a policy.Actor, coachID int64) error {
	return s.review(ctx, a, coachID, Published, "")
}

// Return sends a profile back to its coach with a note; it stays private.
func (s *Service) Return(ctx context.Context, a policy.Actor, coachID int64, note string) error {
	note = strings.TrimSpace(note)
	v := errs.Validation{}
	v.Check(note != "", "note", "tell the coach what to change")
	checkLen(v, "note", note, maxLong)
	if err := v.Err(); err != nil {
		return err
	}
	return s.review(ctx, a, coachID, Returned, note)
}

func (s *Service) review(ctx context.Context, a policy.Actor, coachID int64, to Status, note string) error {
	if err := requireRole(a, account.Admin, "review coach profiles"); err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *store.Tx) error {
		p, err := scanProfile(tx.QueryRow(ctx, `SELECT `+profileColumns+` FROM coach_profiles p WHERE p.user_id = ?`, coachID))
		if err != nil || p.PracticeID != a.PracticeID {
			return errs.NotFoundf("coach not found")
		}
		if p.Status != PendingReview {
			return errs.E(errs.Conflict, "this profile is not waiting for review")
		}
		if err := setStatus(ctx, tx, coachID, to, note, a.UserID, s.now()); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "coach_profile_review", "coach_profile", coachID, 0)
	})
}

// AddTraining records a training with its certificate, unverified.
func (s *Service) AddTraining(ctx context.Context, a policy.Actor, t Training) (Training, error) {
	if err := requireRole(a, account.Coach, "add trainings"); err != nil {
		return t, err
	}
	now := s.now()
	if len(t.Certificate) > 0 {
		t.CertificateType = CertificateType(t.Certificate) // by content, whatever the upload claimed
	}
	if err := t.Validate(now); err != nil {
		return t, err
	}
	t.CoachID, t.Status = a.UserID, Unverified
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM coach_profiles WHERE user_id = ?`, a.UserID).Scan(&n); err != nil || n == 0 {
			return errs.E(errs.Conflict, "save your profile before adding trainings")
		}
		var err error
		t.ID, err = insertTraining(ctx, tx, t, now)
		return err
	})
	return t, err
}

// PendingCredentials lists the practice's unverified trainings, oldest
// first.
func (s *Service) PendingCredentials(ctx context.Context, a policy.Actor) ([]Training, error) {
	if err := requireRole(a, account.Admin, "verify credentials"); err != nil {
		return nil, err
	}
	return listTrainings(ctx, s.db.Reader(), `WHERE p.practice_id = ? AND t.status = 'unverified' ORDER BY t.id`, a.PracticeID)
}

// VerifyTraining marks a training verified by the admin, now.
func (s *Service) VerifyTraining(ctx context.Context, a policy.Actor, trainingID int64) error {
	return s.decideTraining(ctx, a, trainingID, Verified, "")
}

// RejectTraining marks a training rejected with a reason.
func (s *Service) RejectTraining(ctx context.Context, a policy.Actor, trainingID int64, reason string) error {
	return s.decideTraining(ctx, a, trainingID, Rejected, strings.TrimSpace(reason))
}

func (s *Service) decideTraining(ctx context.Context, a policy.Actor, trainingID int64, to CredentialStatus, reason string) error {
	if err := requireRole(a, account.Admin, "verify credentials"); err != nil {
		return err
	}
	now := s.now()
	return s.db.InTx(ctx, func(tx *store.Tx) error {
		var coachID, practiceID int64
		err := tx.QueryRow(ctx, `SELECT t.coach_id, p.practice_id FROM coach_trainings t JOIN coach_profiles p ON p.user_id = t.coach_id WHERE t.id = ?`,
			trainingID).Scan(&coachID, &practiceID)
		if err != nil || practiceID != a.PracticeID {
			return errs.NotFoundf("training not found")
		}
		// Validated after the record is known to be the admin's, so the
		// answer reveals nothing about other practices' records.
		if to == Rejected {
			v := errs.Validation{}
			v.Check(reason != "", "reason", "say why the credential was not accepted")
			checkLen(v, "reason", reason, maxShort)
			if err := v.Err(); err != nil {
				return err
			}
		}
		_, err = tx.Exec(ctx, `UPDATE coach_trainings SET status = ?, verified_by = ?, verified_at = ?, rejection_reason = ? WHERE id = ?`,
			string(to), a.UserID, now, reason, trainingID)
		if err != nil {
			return errs.Wrap(err, "recording the decision")
		}
		if err := refreshVerification(ctx, tx, coachID, now); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "coach_credential_"+string(to), "coach_training", trainingID, 0)
	})
}

// Certificate returns a training's uploaded file to its coach or to an
// admin of the practice.
func (s *Service) Certificate(ctx context.Context, a policy.Actor, trainingID int64) (Training, error) {
	t, err := trainingByID(ctx, s.db.Reader(), trainingID)
	if err != nil {
		return t, err
	}
	var practiceID int64
	if err := s.db.Reader().QueryRow(ctx, `SELECT practice_id FROM coach_profiles WHERE user_id = ?`, t.CoachID).Scan(&practiceID); err != nil {
		return t, store.NotFound(err, "training")
	}
	if t.CoachID != a.UserID && (a.Role != account.Admin || practiceID != a.PracticeID) {
		return Training{}, errs.NotFoundf("training not found")
	}
	err = s.db.Reader().QueryRow(ctx, `SELECT certificate FROM coach_trainings WHERE id = ?`, trainingID).Scan(&t.Certificate)
	return t, errs.Wrap(err, "reading certificate")
}

// staleWithin: a stored next open slot this close to now is recomputed by
// Refresh, so it never falls inside a practice's booking notice (which
// the schedule applies) without being replaced.
const staleWithin = 24 * time.Hour

// refreshBatch is how many coaches Refresh updates per transaction.
const refreshBatch = 200

// Refresh recounts verification (certificates expire) and recomputes every
// published coach's earliest open slot whose stored one has passed. It is
// the periodic job; it returns how many coaches it refreshed.
func (s *Service) Refresh(ctx context.Context) (int, error) {
	now := s.now()
	rows, err := s.db.Reader().Query(ctx, `SELECT user_id FROM coach_profiles WHERE status = 'published'
		AND ((next_open_at IS NOT NULL AND next_open_at < ?) OR (verified_until IS NOT NULL AND verified_until <= ?))`, now.Add(staleWithin), now)
	if err != nil {
		return 0, errs.Wrap(err, "finding stale coaches")
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, errs.Wrap(err, "finding stale coaches")
		}
		ids = append(ids, id)
	}
	rows.Close()
	// A batch of coaches per transaction: every committed change bumps
	// the directory version, and each bump makes the next search rebuild
	// the in-memory index (issue 17: thousands of one-coach transactions
	// after a quiet night kept every search rebuilding).
	for batch := range slices.Chunk(ids, refreshBatch) {
		err := s.db.InTx(ctx, func(tx *store.Tx) error {
			for _, id := range batch {
				if err := refreshVerification(ctx, tx, id, now); err != nil {
					return err
				}
				if err := s.RefreshNextOpen(ctx, tx, id); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}
