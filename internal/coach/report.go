package coach

import (
	"context"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// Report is a client's report about a coach: what happened, and when.
type Report struct {
	ID           int64
	CoachID      int64
	CoachName    string
	ReporterID   int64
	ReporterName string
	HappenedOn   time.Time
	What         string
	CreatedAt    time.Time
}

// Validate checks a report as the client writes it.
func (r *Report) Validate(now time.Time) error {
	v := errs.Validation{}
	r.What = strings.TrimSpace(r.What)
	v.Check(r.What != "", "what", "describe what happened")
	checkLen(v, "what", r.What, maxLong)
	v.Check(!r.HappenedOn.IsZero(), "happened_on", "enter the date it happened")
	v.Check(r.HappenedOn.IsZero() || !r.HappenedOn.After(now), "happened_on", "the date cannot be in the future")
	v.Check(r.HappenedOn.IsZero() || r.HappenedOn.After(now.AddDate(-10, 0, 0)), "happened_on", "enter a date in the last ten years")
	return v.Err()
}

// ReportCoach files a client's report about a coach of their practice. It
// goes to the admins' queue, and filing it is audited.
func (s *Service) ReportCoach(ctx context.Context, a policy.Actor, r Report) (Report, error) {
	if err := requireRole(a, account.Client, "report a coach"); err != nil {
		return r, err
	}
	now := s.now()
	if err := r.Validate(now); err != nil {
		return r, err
	}
	r.ReporterID, r.CreatedAt = a.UserID, now
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		if err := s.authorize(ctx, tx, a, a.UserID, "write"); err != nil {
			return err
		}
		var practiceID int64
		err := tx.QueryRow(ctx, `SELECT practice_id FROM coach_profiles WHERE user_id = ?`, r.CoachID).Scan(&practiceID)
		if err != nil || practiceID != a.PracticeID {
			return errs.NotFoundf("coach not found")
		}
		if s.deps.Vault == nil {
			return errs.E(errs.Internal, "reports cannot be filed without the vault")
		}
		r.ID, err = store.InsertID(ctx, tx, `INSERT INTO coach_reports (coach_id, reporter_id, happened_on, what, created_at)
			VALUES (?, ?, ?, '', ?) RETURNING id`, r.CoachID, r.ReporterID, r.HappenedOn.UTC(), now)
		if err != nil {
			return errs.Wrap(err, "filing report")
		}
		// What happened is the reporting client's account: sealed under
		// their key, so their erasure takes it too.
		if err := s.deps.Vault.SealInto(ctx, tx, r.ReporterID, "coach_reports", r.ID, map[string][]byte{"what_sealed": []byte(r.What)}); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "coach_report_filed", "coach_report", r.ID, a.UserID)
	})
	return r, err
}

// OpenReports lists the practice's open reports, newest first. Reading
// them is audited, one event per report.
func (s *Service) OpenReports(ctx context.Context, a policy.Actor) ([]Report, error) {
	if err := requireRole(a, account.Admin, "read reports"); err != nil {
		return nil, err
	}
	var out []Report
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		rows, err := tx.Query(ctx, `SELECT r.id, r.coach_id, p.display_name, r.reporter_id, u.name, r.happened_on, r.what, r.what_sealed, r.created_at
			FROM coach_reports r JOIN coach_profiles p ON p.user_id = r.coach_id JOIN users u ON u.id = r.reporter_id
			WHERE p.practice_id = ? AND r.status = 'open' ORDER BY r.created_at DESC, r.id DESC`, a.PracticeID)
		if err != nil {
			return errs.Wrap(err, "listing reports")
		}
		var sealed [][]byte
		var reporters []int64
		for rows.Next() {
			var r Report
			var ct []byte
			if err := rows.Scan(&r.ID, &r.CoachID, &r.CoachName, &r.ReporterID, &r.ReporterName, &r.HappenedOn, &r.What, &ct, &r.CreatedAt); err != nil {
				rows.Close()
				return errs.Wrap(err, "reading reports")
			}
			r.HappenedOn, r.CreatedAt = r.HappenedOn.UTC(), r.CreatedAt.UTC()
			out, sealed, reporters = append(out, r), append(sealed, ct), append(reporters, r.ReporterID)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return errs.Wrap(err, "reading reports")
		}
		if err := s.openReports(ctx, tx, out, sealed, reporters); err != nil {
			return err
		}
		for _, r := range out {
			if err := s.audit(ctx, tx, a, "read", "coach_report", r.ID, r.ReporterID); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// openReports opens the reports' text, reading every reporter's key in
// one query.
func (s *Service) openReports(ctx context.Context, tx *store.Tx, out []Report, sealed [][]byte, reporters []int64) error {
	if s.deps.Vault == nil {
		return errs.E(errs.Internal, "reports cannot be read without the vault")
	}
	open, err := s.deps.Vault.OpenersFor(ctx, tx, reporters)
	if err != nil {
		return err
	}
	for i := range out {
		aad := vault.AAD{Table: "coach_reports", RecordID: out[i].ID, Field: "what_sealed"}
		if out[i].What, err = open.Text(out[i].ReporterID, aad, out[i].What, sealed[i]); err != nil {
			return err
		}
	}
	return nil
}
