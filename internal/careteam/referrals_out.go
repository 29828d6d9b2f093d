package careteam

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// ReferralSources say where a referral out was started.
var ReferralSources = map[string]string{"safety_queue": "Safety queue", "intake": "Intake result", "note": "Session note", "": "Client record"}

// NewReferralOut is a coach's referral of a client to a partner.
type NewReferralOut struct {
	ClientID, PartnerID, SummaryID int64
	Reason, Urgency, Source        string
}

// ReferralOut is one referral of a client to a partner.
type ReferralOut struct {
	ID                   int64
	ClientID             int64
	ClientName, Partner  string
	PartnerKind          string
	Urgency, Status      string
	Source, SummaryTitle string
	CreatedAt, UpdatedAt time.Time
}

// ReferralOptions is what the referral form offers: the practice's
// partners and the client's approved summaries.
type ReferralOptions struct {
	ClientName string
	Partners   []Recipient
	Summaries  []Recipient
}

func (s *Service) coachAccess(ctx context.Context, a policy.Actor, clientID int64, act policy.Action, id int64, fn func(tx *store.Tx) error) error {
	if a.Role != account.Coach {
		return policy.ErrNotFound
	}
	return s.policy.Do(ctx, a, policy.Access{ClientID: clientID, Category: policy.Notes, Action: act, ResourceType: "referral", ResourceID: id}, fn)
}

// ReferralOptions lists the partners and approved summaries for the form.
func (s *Service) ReferralOptions(ctx context.Context, a policy.Actor, clientID int64) (ReferralOptions, error) {
	var o ReferralOptions
	err := s.coachAccess(ctx, a, clientID, policy.Read, 0, func(tx *store.Tx) error {
		if err := tx.QueryRow(ctx, `SELECT name FROM users WHERE id = ?`, clientID).Scan(&o.ClientName); err != nil {
			return errs.Wrap(err, "reading client")
		}
		err := each(ctx, tx, `SELECT id, name || ' (' || kind || ')' FROM referral_partners WHERE practice_id = ? ORDER BY kind DESC, name`, []any{a.PracticeID},
			func(rows *sql.Rows) error {
				var r Recipient
				err := rows.Scan(&r.ID, &r.Name)
				o.Partners = append(o.Partners, r)
				return err
			})
		if err != nil {
			return errs.Wrap(err, "listing partners")
		}
		return each(ctx, tx, `SELECT id, title FROM care_summaries WHERE client_id = ? AND status = 'approved' ORDER BY created_at DESC`, []any{clientID},
			func(rows *sql.Rows) error {
				var r Recipient
				err := rows.Scan(&r.ID, &r.Name)
				o.Summaries = append(o.Summaries, r)
				return err
			})
	})
	return o, err
}

// ReferOut records a coach's referral of their client to a partner, with a
// summary the client approved. The policy decides before the form is
// checked.
func (s *Service) ReferOut(ctx context.Context, a policy.Actor, n NewReferralOut) (int64, error) {
	var id int64
	err := s.coachAccess(ctx, a, n.ClientID, policy.Write, 0, func(tx *store.Tx) error {
		n.Reason = strings.TrimSpace(n.Reason)
		v := errs.Validation{}
		var summaryOK int
		var partner string
		_ = tx.QueryRow(ctx, `SELECT name FROM referral_partners WHERE id = ? AND practice_id = ?`, n.PartnerID, a.PracticeID).Scan(&partner)
		_ = tx.QueryRow(ctx, `SELECT COUNT(*) FROM care_summaries WHERE id = ? AND client_id = ? AND status = 'approved'`, n.SummaryID, n.ClientID).Scan(&summaryOK)
		v.Check(partner != "", "partner", "choose one of the practice's referral partners")
		v.Check(summaryOK == 1, "summary", "choose a summary the client approved (write one and ask them first)")
		v.Check(n.Reason != "" && len(n.Reason) <= 2000, "reason", "say why you are referring (up to 2,000 characters)")
		v.Check(validUrgency(n.Urgency), "urgency", "choose routine, soon or urgent")
		_, known := ReferralSources[n.Source]
		v.Check(known, "source", "unknown starting point")
		if err := v.Err(); err != nil {
			return err
		}
		now := s.now()
		var err error
		id, err = store.InsertID(ctx, tx, `INSERT INTO referrals (practice_id, direction, referrer_id, client_id, partner_id, partner_name, summary_id, source, reason, urgency, status, created_at, updated_at)
			VALUES (?, 'out', ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?) RETURNING id`,
			a.PracticeID, a.UserID, n.ClientID, n.PartnerID, partner, n.SummaryID, n.Source, n.Reason, n.Urgency, now, now)
		return errs.Wrap(err, "saving referral")
	})
	return id, err
}

// SetReferralStatus tracks a referral out until it is accepted or closed.
func (s *Service) SetReferralStatus(ctx context.Context, a policy.Actor, id int64, status string) error {
	var clientID int64
	if err := s.db.Reader().QueryRow(ctx, `SELECT client_id FROM referrals WHERE id = ? AND direction = 'out'`, id).Scan(&clientID); err != nil {
		return errs.NotFoundf("referral not found")
	}
	return s.coachAccess(ctx, a, clientID, policy.Write, id, func(tx *store.Tx) error {
		if status != "accepted" && status != "closed" {
			return errs.Validation{"status": "choose accepted or closed"}.Err()
		}
		res, err := tx.Exec(ctx, `UPDATE referrals SET status = ?, updated_at = ? WHERE id = ? AND status = 'open'`, status, s.now(), id)
		if err != nil {
			return errs.Wrap(err, "updating referral")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.E(errs.Conflict, "this referral is no longer open")
		}
		return nil
	})
}

// ReferralsOut lists the referrals out of a coach's clients, open first.
func (s *Service) ReferralsOut(ctx context.Context, a policy.Actor) ([]ReferralOut, error) {
	if a.Role != account.Coach {
		return nil, errs.E(errs.Forbidden, "only coaches refer clients out")
	}
	var out []ReferralOut
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		return each(ctx, tx, `SELECT r.id, r.client_id, u.name, r.partner_name, COALESCE(p.kind, ''), r.urgency, r.status, r.source, COALESCE(cs.title, ''), r.created_at, r.updated_at
			FROM referrals r JOIN clients c ON c.user_id = r.client_id JOIN users u ON u.id = r.client_id
			LEFT JOIN referral_partners p ON p.id = r.partner_id LEFT JOIN care_summaries cs ON cs.id = r.summary_id
			WHERE r.direction = 'out' AND (c.coach_id = ? OR r.referrer_id = ?)
			ORDER BY CASE WHEN r.status = 'open' THEN 0 ELSE 1 END, r.created_at DESC, r.id DESC`, []any{a.UserID, a.UserID}, func(rows *sql.Rows) error {
			var r ReferralOut
			err := rows.Scan(&r.ID, &r.ClientID, &r.ClientName, &r.Partner, &r.PartnerKind, &r.Urgency, &r.Status, &r.Source, &r.SummaryTitle, &r.CreatedAt, &r.UpdatedAt)
			out = append(out, r)
			return err
		})
	})
	return out, errs.Wrap(err, "listing referrals")
}
