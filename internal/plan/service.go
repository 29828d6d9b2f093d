package plan

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// Service is the plan use cases.
type Service struct {
	db     *store.DB
	policy *policy.Policy
	now    func() time.Time
	queue  notify.Enqueuer // nil: no follow-up invitations
	vault  *vault.Vault    // seals insights, intentions and actions
	tx     *store.Tx       // set by Within
}

// Deps are the service's collaborators, all given at construction.
type Deps struct {
	DB     *store.DB
	Policy *policy.Policy
	// Vault seals the client's insights, intentions and actions under their
	// data key (required to write them).
	Vault *vault.Vault
	Now   func() time.Time
	Queue notify.Enqueuer // nil: no follow-up invitations
}

// NewService returns the plan service.
func NewService(d Deps) *Service {
	return &Service{db: d.DB, policy: d.Policy, vault: d.Vault, now: d.Now, queue: d.Queue}
}

// Within returns a copy that runs inside tx (for seeding).
func (s *Service) Within(tx *store.Tx) *Service {
	c := *s
	c.tx = tx
	return &c
}

func (s *Service) inTx(ctx context.Context, fn func(tx *store.Tx) error) error {
	return store.Scope{DB: s.db, Tx: s.tx}.InTx(ctx, fn)
}

func (s *Service) reader() store.Querier {
	return store.Scope{DB: s.db, Tx: s.tx}.Reader()
}

// authorize is the one place this service asks the policy: it decides and
// audits (category Plan), then runs fn (nil for a plain read) in the same
// transaction.
func (s *Service) authorize(ctx context.Context, a policy.Actor, clientID int64, act policy.Action, resource string, fn func(tx *store.Tx) error) error {
	if fn == nil {
		fn = func(*store.Tx) error { return nil }
	}
	acc := access(clientID, act, resource)
	if s.tx != nil {
		return s.policy.DoIn(ctx, s.tx, a, acc, fn)
	}
	if act == policy.Read {
		return s.policy.View(ctx, a, acc, fn) // reads write nothing: a snapshot, audited by group commit
	}
	return s.policy.Do(ctx, a, acc, fn)
}

// access is an access to a client's plan.
func access(clientID int64, act policy.Action, resource string) policy.Access {
	return policy.Access{ClientID: clientID, Category: policy.Plan, Action: act, ResourceType: resource}
}

// Save creates or changes a client's plan. Only the client's coach adjusts
// it; every version is kept in plan_history.
func (s *Service) Save(ctx context.Context, actor policy.Actor, clientID int64, in Input) (Plan, error) {
	if actor.Role != account.Coach {
		return Plan{}, errs.E(errs.Forbidden, "the coach sets the integration plan")
	}
	var out Plan
	err := s.authorize(ctx, actor, clientID, policy.Write, "plan", func(tx *store.Tx) error {
		// The experience is the instant the client gave at intake (date,
		// time and zone), kept on the care record; a typed date is used
		// only for a client who has none.
		if at, ok, err := recordedExperience(ctx, tx, clientID); err != nil {
			return err
		} else if ok {
			in.ExperienceAt = at
		}
		// Validated once authorized, so a stranger learns nothing.
		if err := in.Normalize(); err != nil {
			return err
		}
		now := s.now()
		months := joinInts(in.FollowUpMonths)
		// The intentions are the client's words: sealed, like every
		// version of the plan kept in its history.
		res, err := tx.Exec(ctx, `UPDATE plans SET experience_at = ?, cadence = ?, planned_sessions = ?, session_minutes = ?,
			follow_up_months = ?, intentions = '', version = version + 1, updated_by = ?, updated_at = ? WHERE client_id = ?`,
			in.ExperienceAt, string(in.Cadence), in.PlannedSessions, in.SessionMinutes, months, actor.UserID, now, clientID)
		if err != nil {
			return errs.Wrap(err, "saving the plan")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			_, err = tx.Exec(ctx, `INSERT INTO plans (client_id, experience_at, cadence, planned_sessions, session_minutes,
				follow_up_months, intentions, version, updated_by, updated_at, created_at) VALUES (?, ?, ?, ?, ?, ?, '', 1, ?, ?, ?)`,
				clientID, in.ExperienceAt, string(in.Cadence), in.PlannedSessions, in.SessionMinutes, months, actor.UserID, now, now)
			if err != nil {
				return errs.Wrap(err, "saving the plan")
			}
		}
		if s.vault == nil {
			return errs.E(errs.Internal, "plan: the vault is not configured")
		}
		var planID int64
		if err := tx.QueryRow(ctx, `SELECT id FROM plans WHERE client_id = ?`, clientID).Scan(&planID); err != nil {
			return errs.Wrap(err, "saving the plan")
		}
		if err := s.vault.SealInto(ctx, tx, clientID, "plans", planID, map[string][]byte{"intentions_sealed": []byte(in.Intentions)}); err != nil {
			return err
		}
		if out, err = s.planOf(ctx, tx, clientID); err != nil {
			return err
		}
		if out.Version >= 1<<historyVersionBits {
			return errs.E(errs.Conflict, "this plan has been changed too many times to keep its history")
		}
		snapshot, _ := json.Marshal(out)
		sealed, err := s.vault.Seal(ctx, tx, clientID, historyAAD(out.ID, out.Version), snapshot)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO plan_history (plan_id, version, snapshot, snapshot_sealed, changed_by, changed_at) VALUES (?, ?, '', ?, ?, ?)`,
			out.ID, out.Version, sealed, actor.UserID, now)
		return errs.Wrap(err, "keeping the plan's history")
	})
	return out, err
}

// recordedExperience is the client's experience instant from the care
// record (filled from the intake); ok is false when none is recorded.
func recordedExperience(ctx context.Context, q store.Querier, clientID int64) (time.Time, bool, error) {
	var at sql.NullTime
	if err := q.QueryRow(ctx, `SELECT experience_at FROM clients WHERE user_id = ?`, clientID).Scan(&at); err != nil {
		return time.Time{}, false, store.NotFound(err, "client")
	}
	return at.Time.UTC(), at.Valid, nil
}

// Get returns a client's plan.
func (s *Service) Get(ctx context.Context, actor policy.Actor, clientID int64) (Plan, error) {
	if err := s.authorize(ctx, actor, clientID, policy.Read, "plan", nil); err != nil {
		return Plan{}, err
	}
	return s.planOf(ctx, s.reader(), clientID)
}

// History lists every version of a client's plan, newest first.
func (s *Service) History(ctx context.Context, actor policy.Actor, clientID int64) ([]Change, error) {
	if err := s.authorize(ctx, actor, clientID, policy.Read, "plan_history", nil); err != nil {
		return nil, err
	}
	q := s.reader()
	rows, err := q.Query(ctx, `SELECT h.plan_id, h.version, u.name, h.changed_at, h.snapshot, h.snapshot_sealed FROM plan_history h
		JOIN plans p ON p.id = h.plan_id JOIN users u ON u.id = h.changed_by WHERE p.client_id = ? ORDER BY h.version DESC`, clientID)
	if err != nil {
		return nil, errs.Wrap(err, "reading the plan's history")
	}
	type version struct {
		Change
		planID int64
		plain  string
		sealed []byte
	}
	var list []version
	for rows.Next() {
		var v version
		if err := rows.Scan(&v.planID, &v.Version, &v.ChangedBy, &v.ChangedAt, &v.plain, &v.sealed); err != nil {
			rows.Close()
			return nil, errs.Wrap(err, "reading the plan's history")
		}
		list = append(list, v)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, "reading the plan's history")
	}
	// Opened once the rows are read: inside a transaction (Within) one
	// connection cannot read the key while a result set is open.
	open := openerFor(ctx, s.vault, q, clientID)
	out := make([]Change, 0, len(list))
	for _, v := range list {
		aad := historyAAD(v.planID, v.Version)
		snap, err := OpenText(open, aad.Table, aad.RecordID, aad.Field, v.plain, v.sealed)
		if err != nil {
			return nil, err
		}
		if snap != "" { // empty once the client is erased
			if err := json.Unmarshal([]byte(snap), &v.Plan); err != nil {
				return nil, errs.Wrap(err, "reading the plan's history")
			}
		}
		out = append(out, v.Change)
	}
	return out, nil
}

// plan_history is keyed by (plan_id, version); its sealed snapshot binds
// both as one record id: the plan id shifted past any version number.
const (
	historyVersionBits = 20
	// HistoryIDSQL is historyAAD's record id in SQL (privacy.SealedTexts).
	HistoryIDSQL = "(plan_id * 1048576 + version)"
)

func historyAAD(planID int64, version int) vault.AAD {
	return vault.AAD{Table: "plan_history", RecordID: planID<<historyVersionBits | int64(version), Field: "snapshot_sealed"}
}

// Adherence is one client's figures (their sessions from the schedule).
func (s *Service) Adherence(ctx context.Context, actor policy.Actor, clientID int64) (Adherence, error) {
	p, err := s.Get(ctx, actor, clientID)
	if err != nil {
		return Adherence{}, err
	}
	sessions, err := sessionsOf(ctx, s.reader(), clientID)
	if err != nil {
		return Adherence{}, err
	}
	return Compute(p.ExperienceAt, p.Cadence, sessions), nil
}

// PracticeAdherence sums the figures over a coach's clients (coach) or the
// whole practice (admin). Only counts leave the service: no clinical content.
func (s *Service) PracticeAdherence(ctx context.Context, actor policy.Actor) (PracticeAdherence, error) {
	var where string
	var arg int64
	switch actor.Role {
	case account.Coach:
		where, arg = `c.coach_id = ?`, actor.UserID
	case account.Admin:
		where, arg = `c.practice_id = ?`, actor.PracticeID
	default:
		return PracticeAdherence{}, errs.E(errs.Forbidden, "practice figures are for coaches and admins")
	}
	rows, err := s.reader().Query(ctx, `SELECT p.client_id, p.experience_at, p.cadence FROM plans p
		JOIN clients c ON c.user_id = p.client_id WHERE `+where, arg)
	if err != nil {
		return PracticeAdherence{}, errs.Wrap(err, "reading plans")
	}
	type row struct {
		id      int64
		exp     time.Time
		cadence string
	}
	var plans []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.exp, &r.cadence); err != nil {
			rows.Close()
			return PracticeAdherence{}, errs.Wrap(err, "reading plans")
		}
		plans = append(plans, r)
	}
	rows.Close()
	var figures []ClientFigures
	for _, r := range plans {
		sessions, err := sessionsOf(ctx, s.reader(), r.id)
		if err != nil {
			return PracticeAdherence{}, err
		}
		figures = append(figures, ClientFigures{Adherence: Compute(r.exp, Cadence(r.cadence), sessions), Experience: r.exp})
	}
	return Summarize(figures, s.now()), nil
}

// FollowUps invites clients to their follow-up questionnaires when a
// check-in month comes due (within the last 30 days), once per check-in.
// It runs as a periodic task.
func (s *Service) FollowUps(ctx context.Context, baseURL string) (int, error) {
	if s.queue == nil {
		return 0, nil
	}
	rows, err := s.reader().Query(ctx, `SELECT p.client_id, u.email, p.experience_at, p.follow_up_months FROM plans p
		JOIN users u ON u.id = p.client_id WHERE u.disabled_at IS NULL`)
	if err != nil {
		return 0, errs.Wrap(err, "finding follow-ups")
	}
	var due []notify.Email
	now := s.now()
	for rows.Next() {
		var id int64
		var to, months string
		var exp time.Time
		if err := rows.Scan(&id, &to, &exp, &months); err != nil {
			rows.Close()
			return 0, errs.Wrap(err, "finding follow-ups")
		}
		for _, m := range splitInts(months) {
			at := exp.AddDate(0, m, 0)
			if at.After(now) || now.Sub(at) > 30*24*time.Hour {
				continue
			}
			due = append(due, notify.Email{To: to, Subject: "Your " + strconv.Itoa(m) + "-month check-in",
				Text:      "It has been " + strconv.Itoa(m) + " months since your experience. A few short questions help you and your coach see how integration is going.\n\nSign in to answer: " + baseURL + "/dashboard\n",
				DedupeKey: "follow-up:client:" + strconv.FormatInt(id, 10) + ":month:" + strconv.Itoa(m)})
		}
	}
	rows.Close()
	err = s.inTx(ctx, func(tx *store.Tx) error {
		for _, e := range due {
			if err := notify.Queue(ctx, s.queue, tx, e, time.Time{}); err != nil {
				return err
			}
		}
		return nil
	})
	return len(due), err
}

func joinInts(xs []int) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.Itoa(x)
	}
	return strings.Join(parts, ",")
}

func splitInts(s string) []int {
	var out []int
	for _, p := range strings.Split(s, ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(p)); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// Progress is done and total actions of one client.
type Progress struct{ Done, Total int }

// ProgressOfClients is the action progress of those of clientIDs who are
// the coach's clients, in one query: the coach dashboard asks for its
// roster page's clients only (reading all of a coach's clients cost the
// page ~60 µs on SQLite with 200 of them, issue 17). Clients with no
// actions are absent; so is anyone not assigned to the coach.
func (s *Service) ProgressOfClients(ctx context.Context, actor policy.Actor, clientIDs []int64) (map[int64]Progress, error) {
	out := map[int64]Progress{}
	if actor.Role != account.Coach || len(clientIDs) == 0 {
		return out, nil
	}
	args := make([]any, 0, len(clientIDs)+1)
	args = append(args, actor.UserID)
	for _, id := range clientIDs {
		args = append(args, id)
	}
	rows, err := s.reader().Query(ctx, `SELECT a.client_id, COUNT(*), COUNT(a.done_at) FROM actions a
		JOIN clients c ON c.user_id = a.client_id WHERE c.coach_id = ? AND a.client_id IN (?`+strings.Repeat(", ?", len(clientIDs)-1)+`)
		GROUP BY a.client_id`, args...)
	if err != nil {
		return nil, errs.Wrap(err, "reading progress")
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var p Progress
		if err := rows.Scan(&id, &p.Total, &p.Done); err != nil {
			return nil, errs.Wrap(err, "reading progress")
		}
		out[id] = p
	}
	return out, rows.Err()
}

// FollowUp is a follow-up check-in that is due.
type FollowUp struct {
	ClientID   int64
	ClientName string
	Months     int
	Due        time.Time
}

// FollowUpsDue lists the coach's clients whose check-in falls between 30
// days ago and `ahead` from now.
func (s *Service) FollowUpsDue(ctx context.Context, actor policy.Actor, ahead time.Duration) ([]FollowUp, error) {
	if actor.Role != account.Coach {
		return nil, nil
	}
	rows, err := s.reader().Query(ctx, `SELECT p.client_id, u.name, p.experience_at, p.follow_up_months FROM plans p
		JOIN clients c ON c.user_id = p.client_id JOIN users u ON u.id = p.client_id WHERE c.coach_id = ?`, actor.UserID)
	if err != nil {
		return nil, errs.Wrap(err, "reading follow-ups")
	}
	defer rows.Close()
	now := s.now()
	var out []FollowUp
	for rows.Next() {
		var f FollowUp
		var exp time.Time
		var months string
		if err := rows.Scan(&f.ClientID, &f.ClientName, &exp, &months); err != nil {
			return nil, errs.Wrap(err, "reading follow-ups")
		}
		for _, m := range splitInts(months) {
			due := exp.UTC().AddDate(0, m, 0)
			if due.After(now.Add(-30*24*time.Hour)) && due.Before(now.Add(ahead)) {
				f.Months, f.Due = m, due
				out = append(out, f)
			}
		}
	}
	return out, rows.Err()
}
