package schedule

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/intake"
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// The care model's promise: a first session within 72 hours of the
// experience. This file tracks it: who is still waiting, whose window has
// passed, and the reminders and alerts on the way.
const (
	FirstSessionWindow = 72 * time.Hour
	// missedKept: a missed window stays on the lists this long (or until a
	// session is booked), so nobody is silently dropped.
	missedKept = 30 * 24 * time.Hour
)

// FirstSessionReminders are sent to a client without a booked first
// session (and their coach, if any) this long after the experience.
var FirstSessionReminders = []time.Duration{24 * time.Hour, 48 * time.Hour}

// Waiting is a client whose first session is not booked yet.
type Waiting struct {
	ClientID     int64
	Name         string
	CoachID      int64 // 0: no coach yet
	CoachName    string
	ExperienceAt time.Time
	DueAt        time.Time // experience + 72 hours
}

// Missed reports whether the 72-hour window has passed at now.
func (w Waiting) Missed(now time.Time) bool { return !now.Before(w.DueAt) }

// waitingClients lists the clients (of one coach, or of a practice) whose
// experience time is known, who have no session booked, held or missed,
// who are not on hold (they cannot be booked) and whose window closes
// after since. Holds are decided by the intake package. The client's
// name and the account's disabled_at are the copies in clients (migration
// 0035), so for one coach the clients_roster index alone narrows the
// clients to those whose window is recent.
func waitingClients(ctx context.Context, q store.Querier, where string, since time.Time, args ...any) ([]Waiting, error) {
	rows, err := q.Query(ctx, `SELECT c.user_id, c.user_name, COALESCE(c.coach_id, 0), COALESCE(co.name, ''), c.experience_at
		FROM clients c LEFT JOIN users co ON co.id = c.coach_id
		WHERE `+where+` AND c.user_disabled_at IS NULL AND c.experience_at IS NOT NULL AND c.experience_at > ?
		AND c.stage IN ('matching', 'active')
		AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.client_id = c.user_id AND a.status <> 'cancelled')
		ORDER BY c.experience_at, c.user_id`, append(args, since.Add(-FirstSessionWindow))...)
	if err != nil {
		return nil, errs.Wrap(err, "finding clients without a first session")
	}
	var all []Waiting
	for rows.Next() {
		var w Waiting
		var exp sql.NullTime
		if err := rows.Scan(&w.ClientID, &w.Name, &w.CoachID, &w.CoachName, &exp); err != nil {
			rows.Close()
			return nil, errs.Wrap(err, "finding clients without a first session")
		}
		w.ExperienceAt = exp.Time.UTC()
		w.DueAt = w.ExperienceAt.Add(FirstSessionWindow)
		all = append(all, w)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, "finding clients without a first session")
	}
	out := all[:0]
	for _, w := range all {
		hold, err := intake.HoldOn(ctx, q, w.ClientID)
		if err != nil {
			return nil, err
		}
		if hold == intake.NoHold {
			out = append(out, w)
		}
	}
	return out, nil
}

// FirstSessionsDue lists, for a coach their own clients and for an admin
// the practice's (assigned or not), the clients without a booked first
// session: due, whose 72-hour window is still open (soonest first), and
// missed, whose window passed within the last 30 days. A client leaves
// both lists as soon as a session is booked.
func (s *Service) FirstSessionsDue(ctx context.Context, actor policy.Actor) (due, missed []Waiting, err error) {
	var list []Waiting
	now := s.now()
	switch actor.Role {
	case account.Coach:
		// A coach's clients are of the coach's practice (as on the roster).
		list, err = waitingClients(ctx, s.reader(), `c.coach_id = ? AND c.practice_id = ?`, now.Add(-missedKept), actor.UserID, actor.PracticeID)
	case account.Admin:
		list, err = waitingClients(ctx, s.reader(), `c.practice_id = ?`, now.Add(-missedKept), actor.PracticeID)
	default:
		return nil, nil, errs.E(errs.Forbidden, "the first-session lists are for coaches and practice admins")
	}
	for _, w := range list {
		if w.Missed(now) {
			missed = append(missed, w)
		} else {
			due = append(due, w)
		}
	}
	return due, missed, err
}

// WatchFirstSessions is the periodic task that keeps the promise in view.
// For each client without a booked first session it sends, at most once
// each, a reminder at experience + 24 h and + 48 h (to the client, and to
// the coach if there is one; only the latest that applies, so a client who
// arrives late gets one, not two), and once the window has passed, one
// alert to the coach and the practice's admins. It returns how many emails
// it queued (a repeat run queues the same dedupe keys, which send once).
func (s *Service) WatchFirstSessions(ctx context.Context) (int, error) {
	if s.queue == nil {
		return 0, nil
	}
	now := s.now()
	list, err := waitingClients(ctx, s.reader(), `1 = 1`, now.Add(-missedKept))
	if err != nil {
		return 0, err
	}
	n := 0
	err = s.inTx(ctx, func(tx *store.Tx) error {
		for _, w := range list {
			emails, err := s.promiseEmails(ctx, tx, w, now)
			if err != nil {
				return err
			}
			for _, e := range emails {
				if err := notify.Queue(ctx, s.queue, tx, e, time.Time{}); err != nil {
					return errs.Wrap(err, "queueing first-session reminders")
				}
				n++
			}
		}
		return nil
	})
	return n, err
}

// promiseEmails are the emails due for one waiting client at now. They
// name no one and carry no clinical content: they link to the pages.
func (s *Service) promiseEmails(ctx context.Context, q store.Querier, w Waiting, now time.Time) ([]notify.Email, error) {
	since := now.Sub(w.ExperienceAt)
	exp := w.ExperienceAt.Unix()
	if w.Missed(now) {
		to, err := s.staffToAlert(ctx, q, w)
		if err != nil {
			return nil, err
		}
		var out []notify.Email
		for _, addr := range to {
			out = append(out, notify.Email{To: addr, Subject: "First-session window missed",
				Text:      fmt.Sprintf("A client's first integration session was not booked within 72 hours of their experience. Please book it as soon as you can, or find them another coach.\n\nFirst sessions due and missed: %s/dashboard\n", s.baseURL),
				DedupeKey: fmt.Sprintf("first-session-missed:client:%d:exp:%d:to:%s", w.ClientID, exp, addr)})
		}
		return out, nil
	}
	var mark time.Duration
	for _, r := range FirstSessionReminders {
		if since >= r {
			mark = r
		}
	}
	if mark == 0 {
		return nil, nil
	}
	key := fmt.Sprintf("first-session-reminder-%dh:client:%d:exp:%d", int(mark.Hours()), w.ClientID, exp)
	clientEmail, err := emailOf(ctx, q, w.ClientID)
	if err != nil {
		return nil, err
	}
	where := s.baseURL + "/sessions"
	if w.CoachID == 0 {
		where = s.baseURL + "/coaches/suggestions"
	}
	out := []notify.Email{{To: clientEmail, Subject: "Your first integration session",
		Text:      fmt.Sprintf("Integration works best when the first session is within 72 hours of your experience, and %s of them have passed. Book it here: %s\n\nIf you are in danger now, call your local emergency number or a crisis line.\n", hours(mark), where),
		DedupeKey: key + ":client"}}
	if w.CoachID != 0 {
		coachEmail, err := emailOf(ctx, q, w.CoachID)
		if err != nil {
			return nil, err
		}
		out = append(out, notify.Email{To: coachEmail, Subject: "A client is waiting for a first session",
			Text:      fmt.Sprintf("A client assigned to you has no first session booked, and %s of their 72-hour window have passed.\n\nOpen your dashboard: %s/dashboard\n", hours(mark), s.baseURL),
			DedupeKey: key + ":coach"})
	}
	return out, nil
}

// staffToAlert is the client's coach (if any) and the practice's admins.
func (s *Service) staffToAlert(ctx context.Context, q store.Querier, w Waiting) ([]string, error) {
	rows, err := q.Query(ctx, `SELECT u.email FROM users u JOIN clients c ON c.practice_id = u.practice_id
		WHERE c.user_id = ? AND u.disabled_at IS NULL AND (u.role = 'admin' OR u.id = c.coach_id) ORDER BY u.id`, w.ClientID)
	if err != nil {
		return nil, errs.Wrap(err, "finding whom to alert")
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var e string
		if err := rows.Scan(&e); err != nil {
			return nil, errs.Wrap(err, "finding whom to alert")
		}
		out = append(out, e)
	}
	return out, errs.Wrap(rows.Err(), "finding whom to alert")
}

func emailOf(ctx context.Context, q store.Querier, userID int64) (string, error) {
	var e string
	err := q.QueryRow(ctx, `SELECT email FROM users WHERE id = ?`, userID).Scan(&e)
	return e, store.NotFound(err, "account")
}
