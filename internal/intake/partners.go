package intake

import (
	"context"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// Validate checks a partner before it is saved.
func (p *Partner) Validate() error {
	v := errs.Validation{}
	p.Name, p.Phone, p.URL, p.Note = strings.TrimSpace(p.Name), strings.TrimSpace(p.Phone), strings.TrimSpace(p.URL), strings.TrimSpace(p.Note)
	v.Check(slices.Contains(PartnerKinds, p.Kind), "kind", "choose psychiatric, medical or therapy")
	v.Check(p.Name != "", "name", "enter the partner's name")
	v.Check(len(p.Name) <= maxShortText, "name", "use at most 200 characters")
	v.Check(len(p.Phone) <= 40, "phone", "use at most 40 characters")
	if p.URL != "" {
		u, err := url.Parse(p.URL)
		v.Check(err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "", "url", "enter a web address starting with https://")
	}
	v.Check(len(p.Note) <= 500, "note", "use at most 500 characters")
	v.Check(p.Phone != "" || p.URL != "", "phone", "enter a phone number or a web address so clients can reach them")
	return v.Err()
}

// Partners lists a practice's referral partners, psychiatric first.
func (s *Service) Partners(ctx context.Context, practiceID int64) ([]Partner, error) {
	rows, err := s.db.Reader().Query(ctx, `SELECT id, practice_id, kind, name, phone, url, note FROM referral_partners
		WHERE practice_id = ? ORDER BY kind DESC, name`, practiceID)
	if err != nil {
		return nil, errs.Wrap(err, "listing referral partners")
	}
	defer rows.Close()
	var out []Partner
	for rows.Next() {
		var p Partner
		if err := rows.Scan(&p.ID, &p.PracticeID, &p.Kind, &p.Name, &p.Phone, &p.URL, &p.Note); err != nil {
			return nil, errs.Wrap(err, "reading referral partners")
		}
		out = append(out, p)
	}
	return out, errs.Wrap(rows.Err(), "reading referral partners")
}

// AddPartner adds a referral partner to the admin's practice.
func (s *Service) AddPartner(ctx context.Context, a policy.Actor, p Partner) (Partner, error) {
	if a.Role != account.Admin {
		return p, errs.E(errs.Forbidden, "only practice admins manage referral partners")
	}
	if err := p.Validate(); err != nil {
		return p, err
	}
	p.PracticeID = a.PracticeID
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		var err error
		if p.ID, err = InsertPartner(ctx, tx, p, s.now()); err != nil {
			return err
		}
		return s.auditPartner(ctx, tx, a, p.ID, "referral_partner_added")
	})
	return p, err
}

// InsertPartner validates and writes a partner in tx; the demo seed uses
// it directly, inside its own transaction.
func InsertPartner(ctx context.Context, tx *store.Tx, p Partner, now time.Time) (int64, error) {
	if err := p.Validate(); err != nil {
		return 0, err
	}
	id, err := store.InsertID(ctx, tx, `INSERT INTO referral_partners (practice_id, kind, name, phone, url, note, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, p.PracticeID, p.Kind, p.Name, p.Phone, p.URL, p.Note, now.UTC())
	if store.IsUniqueViolation(err) {
		return 0, &errs.Error{Kind: errs.Invalid, Msg: "please correct the highlighted fields", Fields: map[string]string{"name": "a partner with this name exists"}}
	}
	return id, errs.Wrap(err, "saving referral partner")
}

// RemovePartner deletes a referral partner of the admin's practice.
func (s *Service) RemovePartner(ctx context.Context, a policy.Actor, id int64) error {
	if a.Role != account.Admin {
		return errs.E(errs.Forbidden, "only practice admins manage referral partners")
	}
	return s.db.InTx(ctx, func(tx *store.Tx) error {
		res, err := tx.Exec(ctx, `DELETE FROM referral_partners WHERE id = ? AND practice_id = ?`, id, a.PracticeID)
		if err != nil {
			return errs.Wrap(err, "removing referral partner")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.NotFoundf("referral partner not found")
		}
		return s.auditPartner(ctx, tx, a, id, "referral_partner_removed")
	})
}

func (s *Service) auditPartner(ctx context.Context, tx *store.Tx, a policy.Actor, id int64, action string) error {
	err := audit.Append(ctx, tx, audit.Stamp(ctx, audit.Event{At: s.now(), ActorID: a.UserID, ActorRole: string(a.Role), Action: action,
		ResourceType: "referral_partner", ResourceID: strconv.FormatInt(id, 10), Outcome: audit.OutcomeOK}))
	return errs.Wrap(err, "auditing referral partner change")
}
