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
	"github.com/afterward/afterward/internal/vault"
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
		var sealed [][]byte
		err = each(ctx, tx, `SELECT id, title, title_sealed FROM care_summaries WHERE client_id = ? AND status = 'approved' ORDER BY created_at DESC`, []any{clientID},
			func(rows *sql.Rows) error {
				var r Recipient
				var ct []byte
				err := rows.Scan(&r.ID, &r.Name, &ct)
				o.Summaries, sealed = append(o.Summaries, r), append(sealed, ct)
				return err
			})
		if err != nil {
			return errs.Wrap(err, "listing summaries")
		}
		open, err := s.vault.OpenersFor(ctx, tx, []int64{clientID})
		if err != nil {
			return err
		}
		for i := range o.Summaries {
			if o.Summaries[i].Name, err = SummaryTitle(open.For(clientID), o.Summaries[i].ID, o.Summaries[i].Name, sealed[i]); err != nil {
				return err
			}
		}
		return nil
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
			VALUES (?, 'out', ?, ?, ?, ?, ?, ?, '', ?, 'open', ?, ?) RETURNING id`,
			a.PracticeID, a.UserID, n.ClientID, n.PartnerID, partner, n.SummaryID, n.Source, n.Urgency, now, now)
		if err != nil {
			return errs.Wrap(err, "saving referral")
		}
		return SealReferralReason(ctx, tx, s.vault, id, ReferralSubject("out", n.ClientID, a.PracticeID), n.Reason)
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
	type row struct {
		ReferralOut
		summaryID sql.NullInt64
		title     []byte
	}
	var list []row
	var out []ReferralOut
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		err := each(ctx, tx, `SELECT r.id, r.client_id, u.name, r.partner_name, COALESCE(p.kind, ''), r.urgency, r.status, r.source, cs.id, COALESCE(cs.title, ''), cs.title_sealed,
			r.created_at, r.updated_at
			FROM referrals r JOIN clients c ON c.user_id = r.client_id JOIN users u ON u.id = r.client_id
			LEFT JOIN referral_partners p ON p.id = r.partner_id LEFT JOIN care_summaries cs ON cs.id = r.summary_id
			WHERE r.direction = 'out' AND (c.coach_id = ? OR r.referrer_id = ?)
			ORDER BY CASE WHEN r.status = 'open' THEN 0 ELSE 1 END, r.created_at DESC, r.id DESC`, []any{a.UserID, a.UserID}, func(rows *sql.Rows) error {
			var r row
			err := rows.Scan(&r.ID, &r.ClientID, &r.ClientName, &r.Partner, &r.PartnerKind, &r.Urgency, &r.Status, &r.Source, &r.summaryID, &r.SummaryTitle, &r.title,
				&r.CreatedAt, &r.UpdatedAt)
			list = append(list, r)
			return err
		})
		if err != nil {
			return err
		}
		// The summaries are the referred clients': their keys, read at once.
		clients := make([]int64, len(list))
		for i, r := range list {
			clients[i] = r.ClientID
		}
		open, err := s.vault.OpenersFor(ctx, tx, clients)
		if err != nil {
			return err
		}
		for _, r := range list {
			if r.summaryID.Valid {
				if r.SummaryTitle, err = SummaryTitle(open.For(r.ClientID), r.summaryID.Int64, r.SummaryTitle, r.title); err != nil {
					return err
				}
			}
			out = append(out, r.ReferralOut)
		}
		return nil
	})
	return out, errs.Wrap(err, "listing referrals")
}

// ReferralSubject is the vault subject whose key seals a referral's
// reason: the client of a referral out; the practice for a referral in,
// which is made about someone who may never have an account (the same
// rule as privacy.SealedTexts in SQL).
func ReferralSubject(direction string, clientID, practiceID int64) int64 {
	if direction == "out" {
		return clientID
	}
	return vault.PracticeSubject(practiceID)
}

func referralReasonAAD(id int64) vault.AAD {
	return vault.AAD{Table: "referrals", RecordID: id, Field: "reason_sealed"}
}

// SealReferralReason seals a referral's reason under subject's key into
// reason_sealed, in tx; the plaintext column stays empty.
func SealReferralReason(ctx context.Context, tx *store.Tx, v Sealer, id, subject int64, reason string) error {
	if v == nil {
		return errs.E(errs.Internal, "referrals cannot be recorded without the vault")
	}
	return v.SealInto(ctx, tx, subject, "referrals", id, map[string][]byte{"reason_sealed": []byte(reason)})
}
