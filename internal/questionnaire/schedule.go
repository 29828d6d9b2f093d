package questionnaire

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// Slot is one scheduled timepoint: when its questionnaires are due and
// until when they can be answered.
type Slot struct {
	Timepoint        string
	DueAt, ExpiresAt time.Time
}

// Slots computes the schedule from the experience date: baseline at the
// experience, "post" after the last planned session (or experience + 8
// weeks when no plan says), then each follow-up month after the experience.
func Slots(experience time.Time, lastSession *time.Time, months []int) []Slot {
	post := experience.Add(PostFallback)
	if lastSession != nil && lastSession.After(experience) {
		post = *lastSession
	}
	out := []Slot{{Baseline, experience, experience.Add(Window)}, {Post, post, post.Add(Window)}}
	for _, m := range months {
		due := experience.AddDate(0, m, 0)
		out = append(out, Slot{"m" + strconv.Itoa(m), due, due.Add(Window)})
	}
	return out
}

// Validate checks a practice schedule against the instruments that can be
// administered.
func (s *Service) validateSchedule(sc Schedule) error {
	v := errs.Validation{}
	if len(sc.Battery) == 0 {
		v.Add("battery", "choose at least one questionnaire")
	}
	for _, id := range sc.Battery {
		if _, err := s.administrable(id); err != nil {
			v.Add("battery", fmt.Sprintf("%s cannot be administered", id))
		}
	}
	seen := map[int]bool{}
	for _, m := range sc.FollowUpMonths {
		if m < 1 || m > 36 || seen[m] {
			v.Add("follow_up_months", "use distinct months between 1 and 36")
		}
		seen[m] = true
	}
	return v.Err()
}

// SetSchedule saves a practice's battery and follow-up months (admin).
func (s *Service) SetSchedule(ctx context.Context, tx *store.Tx, practiceID int64, sc Schedule) error {
	if err := s.validateSchedule(sc); err != nil {
		return err
	}
	months := make([]string, len(sc.FollowUpMonths))
	for i, m := range sc.FollowUpMonths {
		months[i] = strconv.Itoa(m)
	}
	_, err := tx.Exec(ctx, `INSERT INTO measure_schedules (practice_id, battery, follow_up_months, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (practice_id) DO UPDATE SET battery = excluded.battery, follow_up_months = excluded.follow_up_months, updated_at = excluded.updated_at`,
		practiceID, strings.Join(sc.Battery, ","), strings.Join(months, ","), s.now())
	return errs.Wrap(err, "saving questionnaire schedule")
}

// ScheduleFor returns a practice's schedule, or the default.
func (s *Service) ScheduleFor(ctx context.Context, q store.Querier, practiceID int64) (Schedule, error) {
	var battery, months string
	err := q.QueryRow(ctx, `SELECT battery, follow_up_months FROM measure_schedules WHERE practice_id = ?`, practiceID).Scan(&battery, &months)
	if err != nil {
		if errs.Is(store.NotFound(err, "schedule"), errs.NotFound) {
			return Schedule{Battery: DefaultBattery, FollowUpMonths: DefaultFollowUpMonths}, nil
		}
		return Schedule{}, errs.Wrap(err, "reading questionnaire schedule")
	}
	sc := Schedule{Battery: strings.Split(battery, ",")}
	for _, m := range strings.Split(months, ",") {
		if n, err := strconv.Atoi(m); err == nil {
			sc.FollowUpMonths = append(sc.FollowUpMonths, n)
		}
	}
	return sc, nil
}

// ScheduleClient creates the client's questionnaires from their experience
// date and enqueues an invitation for each timepoint still open, in tx.
// Timepoints already answered or already expired are skipped; running it
// again changes nothing (one row per client, instrument and timepoint).
func (s *Service) ScheduleClient(ctx context.Context, tx *store.Tx, clientID int64) error {
	var practiceID int64
	var experience sql.NullTime
	err := tx.QueryRow(ctx, `SELECT practice_id, experience_at FROM clients WHERE user_id = ?`, clientID).Scan(&practiceID, &experience)
	if err != nil {
		return store.NotFound(err, "client")
	}
	if !experience.Valid {
		return errs.E(errs.Invalid, "the experience date is not recorded yet")
	}
	sc, err := s.ScheduleFor(ctx, tx, practiceID)
	if err != nil {
		return err
	}
	var last *time.Time
	if s.plans != nil {
		at, ok, err := s.plans.LastPlannedSession(ctx, tx, clientID)
		if err != nil {
			return err
		}
		if ok {
			last = &at
		}
	}
	now := s.now()
	for _, slot := range Slots(experience.Time.UTC(), last, sc.FollowUpMonths) {
		if !slot.ExpiresAt.After(now) {
			continue
		}
		created, err := s.createSlot(ctx, tx, clientID, sc.Battery, slot)
		if err != nil {
			return err
		}
		if created {
			if err := s.enqueueInvite(ctx, tx, InviteArgs{ClientID: clientID, Timepoint: slot.Timepoint}, slot.DueAt); err != nil {
				return err
			}
		}
	}
	return nil
}

// createSlot inserts the slot's questionnaires not yet answered; it reports
// whether any row was created.
func (s *Service) createSlot(ctx context.Context, tx *store.Tx, clientID int64, battery []string, slot Slot) (bool, error) {
	created := false
	for _, inst := range battery {
		var answered int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM measure_responses WHERE client_id = ? AND instrument = ? AND timepoint = ?`,
			clientID, inst, slot.Timepoint).Scan(&answered); err != nil {
			return false, errs.Wrap(err, "checking answered questionnaires")
		}
		if answered > 0 {
			continue
		}
		res, err := tx.Exec(ctx, `INSERT INTO measure_assignments (client_id, instrument, timepoint, due_at, expires_at, created_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (client_id, instrument, timepoint) DO NOTHING`,
			clientID, inst, slot.Timepoint, slot.DueAt, slot.ExpiresAt, s.now())
		if err != nil {
			return false, errs.Wrap(err, "scheduling questionnaire")
		}
		if n, _ := res.RowsAffected(); n > 0 {
			created = true
		}
	}
	return created, nil
}

// ScheduleUnscheduled schedules every client with an experience date and no
// questionnaires yet (a periodic task; idempotent). It returns how many.
func (s *Service) ScheduleUnscheduled(ctx context.Context) (int, error) {
	rows, err := s.db.Reader().Query(ctx, `SELECT c.user_id FROM clients c WHERE c.experience_at IS NOT NULL
		AND c.stage IN ('intake', 'matching', 'active', 'follow_up')
		AND NOT EXISTS (SELECT 1 FROM measure_assignments a WHERE a.client_id = c.user_id) LIMIT 500`)
	if err != nil {
		return 0, errs.Wrap(err, "listing unscheduled clients")
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, errs.Wrap(err, "listing unscheduled clients")
		}
		ids = append(ids, id)
	}
	rows.Close()
	for _, id := range ids {
		if err := s.db.InTx(ctx, func(tx *store.Tx) error { return s.ScheduleClient(ctx, tx, id) }); err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}

// InviteArgs is the job that invites a client to a timepoint's
// questionnaires and reminds them until they are done or expire.
type InviteArgs struct {
	ClientID  int64  `json:"client_id"`
	Timepoint string `json:"timepoint"`
	Reminder  int    `json:"reminder"` // 0 = the invitation
}

func (InviteArgs) Kind() string { return "measure_invite" }

func (s *Service) enqueueInvite(ctx context.Context, tx *store.Tx, args InviteArgs, at time.Time) error {
	opts := &river.InsertOpts{MaxAttempts: 5, UniqueOpts: river.UniqueOpts{ByArgs: true}}
	if at.After(s.now()) {
		opts.ScheduledAt = at
	}
	return s.jobs.Enqueue(ctx, tx, args, opts)
}
