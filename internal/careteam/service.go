package careteam

import (
	"context"
	"database/sql"
	"errors"
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

// Service is the care-team use cases.
type Service struct {
	db      *store.DB
	policy  *policy.Policy
	now     func() time.Time
	sources []Source
	vault   Sealer
	invite  Invite
	notices *notify.Notices
}

// Deps are the service's collaborators, all given at construction.
type Deps struct {
	DB     *store.DB
	Policy *policy.Policy
	Now    func() time.Time
	// Vault seals purposes, summaries and team messages; required for
	// those use cases.
	Vault Sealer
	// Invite sends a referred person an invitation (auth); nil: referrals
	// are recorded without an invitation.
	Invite Invite
	// Notices tells a team message's recipient by a content-free email,
	// through their preferences and quiet hours; nil: no emails (command
	// line, some tests).
	Notices *notify.Notices
	// Sources are the categories a shared view shows (Sources(vault)).
	Sources []Source
}

// NewService returns the care-team service.
func NewService(d Deps) *Service {
	return &Service{db: d.DB, policy: d.Policy, now: d.Now, vault: d.Vault, invite: d.Invite, notices: d.Notices, sources: d.Sources}
}

// Recipient is someone a client can share with.
type Recipient struct {
	ID         int64
	Name       string
	Unverified bool // invited by this client; not yet verified by the practice
}

// offeredClinician is the condition on users u for a clinician a client
// may share with: active, of the client's practice, and verified by an
// admin — or invited by this very client (anyone can claim to be a
// clinician, so an unverified one is offered to nobody else). Arguments:
// practice id, client id.
const offeredClinician = `u.practice_id = ? AND u.role = 'clinician' AND u.disabled_at IS NULL
	AND (u.verified_at IS NOT NULL OR EXISTS (SELECT 1 FROM invitations i WHERE i.user_id = u.id AND i.invited_by = ?))`

// Recipients lists the clinicians the client may share with.
func (s *Service) Recipients(ctx context.Context, a policy.Actor) ([]Recipient, error) {
	if a.Role != account.Client {
		return nil, errs.E(errs.Forbidden, "only clients share their record")
	}
	rows, err := s.db.Reader().Query(ctx, `SELECT u.id, u.name, u.verified_at IS NULL FROM users u WHERE `+offeredClinician+` ORDER BY u.name`, a.PracticeID, a.UserID)
	if err != nil {
		return nil, errs.Wrap(err, "listing clinicians")
	}
	defer rows.Close()
	var out []Recipient
	for rows.Next() {
		var r Recipient
		if err := rows.Scan(&r.ID, &r.Name, &r.Unverified); err != nil {
			return nil, errs.Wrap(err, "reading clinicians")
		}
		out = append(out, r)
	}
	return out, errs.Wrap(rows.Err(), "reading clinicians")
}

// Grant records a new consent from the client.
func (s *Service) Grant(ctx context.Context, a policy.Actor, tz string, g Grant) (int64, error) {
	if a.Role != account.Client {
		return 0, errs.E(errs.Forbidden, "only clients share their record")
	}
	now := s.now()
	ends, err := g.Validate(tz, now)
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.db.InTx(ctx, func(tx *store.Tx) error {
		var n int
		err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM users u WHERE u.id = ? AND `+offeredClinician, g.RecipientID, a.PracticeID, a.UserID).Scan(&n)
		if err != nil || n == 0 {
			return &errs.Error{Kind: errs.Invalid, Msg: "choose who to share with", Fields: map[string]string{"recipient": "choose one of the listed clinicians"}}
		}
		id, err = store.InsertID(ctx, tx, `INSERT INTO consents (client_id, recipient_id, purpose, starts_at, ends_at, created_at)
			VALUES (?, ?, '', ?, ?, ?) RETURNING id`, a.UserID, g.RecipientID, now, ends, now)
		if err != nil {
			return errs.Wrap(err, "recording consent")
		}
		// The purpose is the client's own words: sealed under their key.
		if s.vault == nil {
			return errs.E(errs.Internal, "consents cannot be recorded without the vault")
		}
		if err := s.vault.SealInto(ctx, tx, a.UserID, "consents", id, map[string][]byte{"purpose_sealed": []byte(g.Purpose)}); err != nil {
			return err
		}
		for _, c := range uniq(g.Categories) {
			if _, err := tx.Exec(ctx, `INSERT INTO consent_categories (consent_id, category) VALUES (?, ?)`, id, string(c)); err != nil {
				return errs.Wrap(err, "recording consent")
			}
		}
		return s.audit(ctx, tx, a, "consent_granted", id, "categories="+joinCats(g.Categories))
	})
	return id, err
}

// Revoke ends a consent at once.
func (s *Service) Revoke(ctx context.Context, a policy.Actor, consentID int64) error {
	return s.db.InTx(ctx, func(tx *store.Tx) error {
		res, err := tx.Exec(ctx, `UPDATE consents SET revoked_at = ? WHERE id = ? AND client_id = ? AND revoked_at IS NULL`, s.now(), consentID, a.UserID)
		if err != nil {
			return errs.Wrap(err, "revoking consent")
		}
		if n, _ := res.RowsAffected(); n == 0 || a.Role != account.Client {
			return errs.NotFoundf("consent not found")
		}
		return s.audit(ctx, tx, a, "consent_revoked", consentID, "")
	})
}

func (s *Service) audit(ctx context.Context, tx *store.Tx, a policy.Actor, action string, consentID int64, detail string) error {
	err := audit.Append(ctx, tx, audit.Stamp(ctx, audit.Event{At: s.now(), ActorID: a.UserID, ActorRole: string(a.Role),
		Action: action, ResourceType: "consent", ResourceID: strconv.FormatInt(consentID, 10), ClientID: a.UserID,
		Outcome: audit.OutcomeOK, Detail: detail}))
	return err
}

// ClientConsents lists every consent the client has given, newest first.
func (s *Service) ClientConsents(ctx context.Context, a policy.Actor) ([]Consent, error) {
	if a.Role != account.Client {
		return nil, errs.E(errs.Forbidden, "only clients have consents")
	}
	return s.list(ctx, `k.client_id = ?`, a.UserID)
}

// SharedWithMe lists the active consents given to a clinician.
func (s *Service) SharedWithMe(ctx context.Context, a policy.Actor) ([]Consent, error) {
	if a.Role != account.Clinician {
		return nil, errs.E(errs.Forbidden, "only clinicians receive shared records")
	}
	now := s.now()
	all, err := s.list(ctx, `k.recipient_id = ?`, a.UserID)
	var active []Consent
	for _, c := range all {
		if c.Active(now) {
			active = append(active, c)
		}
	}
	return active, err
}

func (s *Service) list(ctx context.Context, where string, arg int64) ([]Consent, error) {
	rows, err := s.db.Reader().Query(ctx, `SELECT k.id, k.client_id, cu.name, k.recipient_id, ru.name, k.purpose, k.purpose_sealed, k.starts_at, k.ends_at, k.revoked_at,
		COALESCE((SELECT `+groupConcat(s.db.Dialect)+` FROM consent_categories cc WHERE cc.consent_id = k.id), '')
		FROM consents k JOIN users cu ON cu.id = k.client_id JOIN users ru ON ru.id = k.recipient_id
		WHERE `+where+` ORDER BY k.created_at DESC, k.id DESC`, arg)
	if err != nil {
		return nil, errs.Wrap(err, "listing consents")
	}
	var out []Consent
	var sealed [][]byte
	var clients []int64
	for rows.Next() {
		var c Consent
		var ends, revoked sql.NullTime
		var cats string
		var ct []byte
		if err := rows.Scan(&c.ID, &c.ClientID, &c.ClientName, &c.RecipientID, &c.RecipientName, &c.Purpose, &ct, &c.StartsAt, &ends, &revoked, &cats); err != nil {
			rows.Close()
			return nil, errs.Wrap(err, "reading consents")
		}
		c.EndsAt, c.RevokedAt = timePtr(ends), timePtr(revoked)
		for _, x := range strings.Split(cats, ",") {
			if x != "" {
				c.Categories = append(c.Categories, policy.Category(x))
			}
		}
		out, sealed, clients = append(out, c), append(sealed, ct), append(clients, c.ClientID)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, "reading consents")
	}
	if s.vault == nil {
		return out, nil // purposes not yet sealed (no vault: tests of other parts)
	}
	// A clinician's list spans clients: their keys are read at once.
	open, err := s.vault.OpenersFor(ctx, s.db.Reader(), clients)
	if err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Purpose, err = open.Text(out[i].ClientID, purposeAAD(out[i].ID), out[i].Purpose, sealed[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// groupConcat is the one dialect difference here: SQLite's group_concat
// versus PostgreSQL's string_agg, both ordered by category.
func groupConcat(d store.Dialect) string {
	if d == store.Postgres {
		return `string_agg(cc.category, ',' ORDER BY cc.category)`
	}
	return `group_concat(cc.category, ',')`
}

func timePtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

func uniq(cs []policy.Category) []policy.Category {
	seen := map[policy.Category]bool{}
	var out []policy.Category
	for _, c := range cs {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

func joinCats(cs []policy.Category) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = string(c)
	}
	return strings.Join(parts, ",")
}

func categoriesOf(ctx context.Context, q store.Querier, consentID int64) ([]policy.Category, error) {
	rows, err := q.Query(ctx, `SELECT category FROM consent_categories WHERE consent_id = ? ORDER BY category`, consentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []policy.Category
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out = append(out, policy.Category(c))
	}
	return out, rows.Err()
}

func purposeAAD(consentID int64) vault.AAD {
	return vault.AAD{Table: "consents", RecordID: consentID, Field: "purpose_sealed"}
}

// OpenPurpose returns a consent's purpose: the sealed column when it is
// set (opened with the client's key; empty once they are erased), else
// the plaintext column of a row written before purposes were sealed and
// not yet sealed at start-up.
func OpenPurpose(ctx context.Context, v Opener, q store.Querier, clientID, consentID int64, plain string, sealed []byte) (string, error) {
	if sealed == nil || v == nil {
		return plain, nil
	}
	b, err := v.Open(ctx, q, clientID, purposeAAD(consentID), sealed)
	if errors.Is(err, vault.ErrErased) {
		return "", nil
	}
	return string(b), err
}
