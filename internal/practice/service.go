package practice

import (
	"context"
	"database/sql"
	"math"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// Service is the practice and roster use cases. Roster reads take the
// actor: one client's entry is decided and audited by the policy; the lists
// are the coach's own clients or the admin's own practice, never an id the
// caller passes.
type Service struct {
	db     *store.DB
	policy *policy.Policy
	now    func() time.Time
}

// NewService returns the practice service.
func NewService(db *store.DB, p *policy.Policy, now func() time.Time) *Service {
	return &Service{db: db, policy: p, now: now}
}

// Create adds a practice inside tx.
func (s *Service) Create(ctx context.Context, tx *store.Tx, p Practice) (Practice, error) {
	v := errs.Validation{}
	p.Name = strings.TrimSpace(p.Name)
	v.Check(p.Name != "", "name", "enter the practice's name")
	v.Check(p.Slug != "", "slug", "enter a short name for links")
	if _, err := time.LoadLocation(p.TimeZone); err != nil || p.TimeZone == "" {
		v.Add("time_zone", "choose a time zone such as America/New_York")
	}
	if err := v.Err(); err != nil {
		return Practice{}, err
	}
	if p.Region == "" {
		p.Region = "US"
	}
	if p.SignUp != SignUpOpen {
		p.SignUp = SignUpInvitation
	}
	var err error
	p.ID, err = store.InsertID(ctx, tx,
		`INSERT INTO practices (name, slug, region, time_zone, signup_mode, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
		p.Name, p.Slug, p.Region, p.TimeZone, string(p.SignUp), s.now())
	if store.IsUniqueViolation(err) {
		return Practice{}, errs.E(errs.Conflict, "a practice with that short name exists")
	}
	return p, errs.Wrap(err, "creating practice")
}

// Get returns a practice.
func (s *Service) Get(ctx context.Context, id int64) (Practice, error) {
	var p Practice
	err := s.db.Reader().QueryRow(ctx, `SELECT id, name, slug, region, time_zone, signup_mode FROM practices WHERE id = ?`, id).
		Scan(&p.ID, &p.Name, &p.Slug, &p.Region, &p.TimeZone, &p.SignUp)
	return p, store.NotFound(err, "practice")
}

// Home is the deployment's first practice: the one a stranger signs up to
// when they did not start from a coach's profile.
func (s *Service) Home(ctx context.Context) (Practice, error) {
	var id sql.NullInt64
	if err := s.db.Reader().QueryRow(ctx, `SELECT MIN(id) FROM practices`).Scan(&id); err != nil {
		return Practice{}, errs.Wrap(err, "reading practice")
	}
	if !id.Valid {
		return Practice{}, errs.NotFoundf("no practice yet")
	}
	return s.Get(ctx, id.Int64)
}

// SetSignUp stores the "who may sign up" setting inside tx (the caller
// authorizes and audits).
func (s *Service) SetSignUp(ctx context.Context, tx *store.Tx, practiceID int64, mode SignUpMode) error {
	_, err := tx.Exec(ctx, `UPDATE practices SET signup_mode = ? WHERE id = ?`, string(mode), practiceID)
	return errs.Wrap(err, "saving who may sign up")
}

// NewClient is the care record created with a client's account.
type NewClient struct {
	UserID       int64
	PracticeID   int64
	CoachID      int64
	Stage        Stage
	ExperienceAt *time.Time
	Substance    string
	Context      string
}

// AddClient creates the client's care record inside tx.
func (s *Service) AddClient(ctx context.Context, tx *store.Tx, c NewClient) error {
	if c.Stage == "" {
		c.Stage = StageInvited
	}
	var coach any
	if c.CoachID != 0 {
		coach = c.CoachID
	}
	_, err := tx.Exec(ctx,
		`INSERT INTO clients (user_id, practice_id, coach_id, stage, experience_at, substance, context, created_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		c.UserID, c.PracticeID, coach, string(c.Stage), c.ExperienceAt, c.Substance, c.Context, s.now())
	return errs.Wrap(err, "adding client")
}

const clientSelect = `SELECT c.user_id, u.name, u.email, COALESCE(c.coach_id, 0), COALESCE(co.name, ''), c.stage, c.experience_at, c.substance, c.context
	FROM clients c JOIN users u ON u.id = c.user_id LEFT JOIN users co ON co.id = c.coach_id`

// ClientsOfCoach lists the clients assigned to a, most recent experience
// first: none unless a is a coach (an admin recording a session on the
// billing page has no clients of their own).
func (s *Service) ClientsOfCoach(ctx context.Context, a policy.Actor) ([]Client, error) {
	if a.Role != account.Coach {
		return nil, nil
	}
	return s.listClients(ctx, s.db.Reader(), clientSelect+` WHERE c.coach_id = ? AND c.practice_id = ? AND u.disabled_at IS NULL ORDER BY c.experience_at DESC, u.name`, a.UserID, a.PracticeID)
}

// Roster is ClientsOfCoach with the coach dashboard's columns only: id,
// name, stage, experience time and substance (no email, context or coach
// name, which the dashboard's rows do not show), every client at once.
func (s *Service) Roster(ctx context.Context, a policy.Actor) ([]Client, error) {
	if a.Role != account.Coach {
		return nil, nil
	}
	return s.rosterRows(ctx, s.db.Reader(), a, 0, math.MaxInt32)
}

// RosterPageSize is how many clients the coach dashboard lists per page.
// A coach carrying 200 clients scans them in pages, as in practice
// management products' client lists, and the page shows the whole
// roster's counts; reading and writing all 200 rows on every view of the
// dashboard was most of its CPU (issue 17).
const RosterPageSize = 50

// RosterPage is one page of a coach's roster, most recent experience
// first, with the whole roster's counts.
type RosterPage struct {
	Clients     []Client
	Page, Pages int // 1-based; Pages ≥ 1
	Total       int // every assigned client
	Active      int // of which active or finding a coach
}

// RosterIn reads page (1-based; past the last page reads the last) of
// a's roster through q (a page's snapshot): nothing unless a is a coach.
func (s *Service) RosterIn(ctx context.Context, q store.Querier, a policy.Actor, page int) (RosterPage, error) {
	out := RosterPage{Page: 1, Pages: 1}
	if a.Role != account.Coach {
		return out, nil
	}
	// clients.user_disabled_at is the account's (migration 0035): the
	// count reads only the clients_roster index, no users row.
	err := q.QueryRow(ctx, `SELECT COUNT(*), COUNT(CASE WHEN c.stage IN ('active', 'matching') THEN 1 END)
		FROM clients c WHERE c.coach_id = ? AND c.practice_id = ? AND c.user_disabled_at IS NULL`, a.UserID, a.PracticeID).Scan(&out.Total, &out.Active)
	if err != nil {
		return out, errs.Wrap(err, "counting clients")
	}
	out.Pages = max(1, (out.Total+RosterPageSize-1)/RosterPageSize)
	out.Page = min(max(page, 1), out.Pages)
	out.Clients, err = s.rosterRows(ctx, q, a, (out.Page-1)*RosterPageSize, RosterPageSize)
	return out, err
}

// rosterRows reads limit roster rows from offset. The experience time is
// read as text on SQLite (store.TimeText): the driver's own timestamp
// parsing was a quarter of the roster's read.
func (s *Service) rosterRows(ctx context.Context, q store.Querier, a policy.Actor, offset, limit int) ([]Client, error) {
	rows, err := q.Query(ctx, rosterQuery[q.Dialect()], a.UserID, a.PracticeID, limit, offset)
	if err != nil {
		return nil, errs.Wrap(err, "listing clients")
	}
	defer rows.Close()
	n := min(limit, RosterPageSize)
	out := make([]Client, 0, n)
	// The experience times in one array rather than one allocation per
	// row (ExperienceAt points into it), and the scan targets declared
	// once: Scan takes their addresses, so per row each would escape.
	times := make([]time.Time, 0, n)
	var (
		c     Client
		stage string
		exp   store.Time
	)
	dest := []any{&c.UserID, &c.Name, &stage, &exp, &c.Substance}
	for rows.Next() {
		c, exp = Client{CoachID: a.UserID}, store.Time{}
		if err := rows.Scan(dest...); err != nil {
			return nil, errs.Wrap(err, "reading clients")
		}
		c.Stage = Stage(stage)
		if exp.Valid {
			times = append(times, exp.Time) // a regrown array leaves the earlier pointers on the old one, unchanged
			c.ExperienceAt = &times[len(times)-1]
		}
		out = append(out, c)
	}
	return out, errs.Wrap(rows.Err(), "reading clients")
}

// rosterQuery is the roster's query per engine (built once: the statement
// cache keys on the text). The id breaks ties so that pages neither
// repeat nor skip a client. The name and the account's disabled_at are
// the copies in clients (migration 0035), so the query reads only the
// clients_roster index, in its order, and stops after the page.
var rosterQuery = func() map[store.Dialect]string {
	out := map[store.Dialect]string{}
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		out[d] = `SELECT c.user_id, c.user_name, c.stage, ` + store.TimeText(d, "c.experience_at") + `, c.substance
		FROM clients c
		WHERE c.coach_id = ? AND c.practice_id = ? AND c.user_disabled_at IS NULL
		ORDER BY c.experience_at DESC, c.user_name, c.user_id LIMIT ? OFFSET ?`
	}
	return out
}()

// ClientsOfPractice lists every client of the admin a's practice (roster
// fields only, no clinical content). Only admins have this list.
func (s *Service) ClientsOfPractice(ctx context.Context, a policy.Actor) ([]Client, error) {
	if a.Role != account.Admin {
		return nil, errs.E(errs.Forbidden, "only practice admins have the practice roster")
	}
	return s.listClients(ctx, s.db.Reader(), clientSelect+` WHERE c.practice_id = ? AND u.disabled_at IS NULL ORDER BY u.name`, a.PracticeID)
}

// Client returns one client's roster entry to an actor the policy allows
// to read the client's roster (the client, their coach, an admin of the
// practice), audited. Anyone else gets not found.
func (s *Service) Client(ctx context.Context, a policy.Actor, clientID int64) (Client, error) {
	return s.ClientWith(ctx, a, clientID)
}

// ClientWith is Client with other parts of the page read in the same
// snapshot and audited in the same group commit (policy.ViewParts): the
// client's dashboard reads its hold and its work with it.
func (s *Service) ClientWith(ctx context.Context, a policy.Actor, clientID int64, with ...policy.Part) (Client, error) {
	acc := policy.Access{ClientID: clientID, Category: policy.Roster, Action: policy.Read, ResourceType: "client"}
	if a.Role == account.Clinician {
		// A clinician sees the roster entry (name, coach) of a client who
		// shares anything with them; the read is audited under that category.
		c, err := s.sharedWith(ctx, a, clientID)
		if err != nil {
			return Client{}, err
		}
		acc.Category = c
	}
	var out Client
	read := func(tx *store.Tx) error {
		clients, err := s.listClients(ctx, tx, clientSelect+` WHERE c.user_id = ?`, clientID)
		if err != nil {
			return err
		}
		if len(clients) == 0 {
			return errs.NotFoundf("client not found")
		}
		out = clients[0]
		return nil
	}
	err := s.policy.ViewParts(ctx, a, append([]policy.Part{{Access: acc, Read: read}}, with...)...)
	return out, err
}

// sharedWith is the first category the client shares with clinician a,
// or not found when they share nothing.
func (s *Service) sharedWith(ctx context.Context, a policy.Actor, clientID int64) (policy.Category, error) {
	for _, c := range policy.Shareable {
		err := policy.Decide(ctx, s.db.Reader(), a, clientID, c, policy.Read, s.now())
		if err == nil {
			return c, nil
		}
		if !errs.Is(err, errs.NotFound) {
			return "", err
		}
	}
	return "", policy.ErrNotFound
}

func (s *Service) listClients(ctx context.Context, q store.Querier, query string, args ...any) ([]Client, error) {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, errs.Wrap(err, "listing clients")
	}
	defer rows.Close()
	var out []Client
	for rows.Next() {
		var c Client
		var stage string
		var exp sql.NullTime
		if err := rows.Scan(&c.UserID, &c.Name, &c.Email, &c.CoachID, &c.CoachName, &stage, &exp, &c.Substance, &c.Context); err != nil {
			return nil, errs.Wrap(err, "reading clients")
		}
		c.setStage(stage, exp)
		out = append(out, c)
	}
	return out, errs.Wrap(rows.Err(), "reading clients")
}

// setStage fills the stage and experience date read from a roster row.
func (c *Client) setStage(stage string, exp sql.NullTime) {
	c.Stage = Stage(stage)
	if exp.Valid {
		t := exp.Time.UTC()
		c.ExperienceAt = &t
	}
}
