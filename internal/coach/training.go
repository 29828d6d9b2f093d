package coach

import (
	"bytes"
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// CredentialStatus is where an admin's check of a training stands.
type CredentialStatus string

const (
	Unverified CredentialStatus = "unverified"
	Verified   CredentialStatus = "verified"
	Rejected   CredentialStatus = "rejected"
)

// MaxCertificateBytes bounds an uploaded certificate.
const MaxCertificateBytes = 5 << 20

// CertificateType names an upload by its content, never by what the browser
// claims: "application/pdf", "image/png", "image/jpeg", or "" for anything
// else (which Validate refuses).
func CertificateType(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return "application/pdf"
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png"
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return "image/jpeg"
	}
	return ""
}

// Training is one programme a coach completed, with its certificate.
type Training struct {
	ID              int64
	CoachID         int64
	CoachName       string // filled in admin lists
	Name            string
	Provider        string
	Hours           int
	Year            int
	CertificateName string
	CertificateType string
	Certificate     []byte // only loaded by Certificate
	ExpiresAt       *time.Time
	Status          CredentialStatus
	VerifiedByName  string
	VerifiedAt      *time.Time
	RejectionReason string
}

// Expired reports whether the certificate has lapsed at now.
func (t Training) Expired(now time.Time) bool {
	return t.ExpiresAt != nil && !t.ExpiresAt.After(now)
}

// Validate checks a training as a coach enters it.
func (t *Training) Validate(now time.Time) error {
	v := errs.Validation{}
	t.Name, t.Provider = strings.TrimSpace(t.Name), strings.TrimSpace(t.Provider)
	v.Check(t.Name != "", "training_name", "enter the programme's name")
	v.Check(t.Provider != "", "training_provider", "enter who provided it")
	checkLen(v, "training_name", t.Name, maxShort)
	checkLen(v, "training_provider", t.Provider, maxShort)
	v.Check(t.Hours > 0 && t.Hours <= 5000, "training_hours", "enter the hours, between 1 and 5000")
	v.Check(t.Year >= 1960 && t.Year <= now.Year(), "training_year", "enter the year you completed it")
	v.Check(len(t.Certificate) <= MaxCertificateBytes, "certificate", "upload a file of at most 5 MB")
	if len(t.Certificate) > 0 {
		ok := t.CertificateType == "application/pdf" || t.CertificateType == "image/png" || t.CertificateType == "image/jpeg"
		v.Check(ok, "certificate", "upload a PDF, PNG or JPEG")
	}
	checkLen(v, "certificate", t.CertificateName, maxShort)
	return v.Err()
}

const trainingColumns = `t.id, t.coach_id, COALESCE(p.display_name, ''), t.name, t.provider, t.hours, t.year, t.certificate_name,
	t.certificate_type, t.expires_at, t.status, COALESCE(u.name, ''), t.verified_at, t.rejection_reason`

const trainingFrom = ` FROM coach_trainings t JOIN coach_profiles p ON p.user_id = t.coach_id LEFT JOIN users u ON u.id = t.verified_by`

func listTrainings(ctx context.Context, q store.Querier, where string, args ...any) ([]Training, error) {
	rows, err := q.Query(ctx, `SELECT `+trainingColumns+trainingFrom+` `+where, args...)
	if err != nil {
		return nil, errs.Wrap(err, "listing trainings")
	}
	defer rows.Close()
	var out []Training
	for rows.Next() {
		var t Training
		var status string
		var exp, at sql.NullTime
		if err := rows.Scan(&t.ID, &t.CoachID, &t.CoachName, &t.Name, &t.Provider, &t.Hours, &t.Year, &t.CertificateName,
			&t.CertificateType, &exp, &status, &t.VerifiedByName, &at, &t.RejectionReason); err != nil {
			return nil, errs.Wrap(err, "reading trainings")
		}
		t.Status, t.ExpiresAt, t.VerifiedAt = CredentialStatus(status), utcPtr(exp), utcPtr(at)
		out = append(out, t)
	}
	return out, errs.Wrap(rows.Err(), "reading trainings")
}

func trainingsOf(ctx context.Context, q store.Querier, coachID int64) ([]Training, error) {
	return listTrainings(ctx, q, `WHERE t.coach_id = ? ORDER BY t.year DESC, t.id`, coachID)
}

func trainingByID(ctx context.Context, q store.Querier, id int64) (Training, error) {
	ts, err := listTrainings(ctx, q, `WHERE t.id = ?`, id)
	if err != nil {
		return Training{}, err
	}
	if len(ts) == 0 {
		return Training{}, errs.NotFoundf("training not found")
	}
	return ts[0], nil
}

func insertTraining(ctx context.Context, tx *store.Tx, t Training, now time.Time) (int64, error) {
	id, err := store.InsertID(ctx, tx, `INSERT INTO coach_trainings (coach_id, name, provider, hours, year, certificate_name,
		certificate_type, certificate, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		t.CoachID, t.Name, t.Provider, t.Hours, t.Year, t.CertificateName, t.CertificateType, t.Certificate, nullTime(t.ExpiresAt), now)
	return id, errs.Wrap(err, "adding training")
}

// refreshVerification recomputes a coach's verified hours and whether they
// meet every requirement for automatic matching, at now. VerifiedUntil is
// the earliest expiry among the counted certificates: after it the coach
// is shown as in training until the next refresh recounts.
func refreshVerification(ctx context.Context, tx *store.Tx, coachID int64, now time.Time) error {
	var supervision, ethics string
	err := tx.QueryRow(ctx, `SELECT supervision_kind, ethics_code FROM coach_profiles WHERE user_id = ?`, coachID).Scan(&supervision, &ethics)
	if err != nil {
		return store.NotFound(err, "coach")
	}
	hours, until, err := verifiedHours(ctx, tx, coachID, now)
	if err != nil {
		return err
	}
	verified := hours >= MinVerifiedHours && supervision != "" && ethics != ""
	// Unchanged values are not written (each write bumps the directory
	// version, which rebuilds the search index).
	_, err = tx.Exec(ctx, `UPDATE coach_profiles SET verified_hours = ?, verified_until = ?, verified = ? WHERE user_id = ?
		AND (verified_hours IS DISTINCT FROM ? OR verified_until IS DISTINCT FROM ? OR verified IS DISTINCT FROM ?)`,
		hours, nullTime(until), verified, coachID, hours, nullTime(until), verified)
	return errs.Wrap(err, "saving verification")
}

// verifiedHours sums verified, unexpired training hours and finds the
// earliest expiry among them (aggregates lose SQLite's time type, so the
// rows are summed here).
func verifiedHours(ctx context.Context, q store.Querier, coachID int64, now time.Time) (int, *time.Time, error) {
	rows, err := q.Query(ctx, `SELECT hours, expires_at FROM coach_trainings
		WHERE coach_id = ? AND status = 'verified' AND (expires_at IS NULL OR expires_at > ?)`, coachID, now)
	if err != nil {
		return 0, nil, errs.Wrap(err, "counting verified hours")
	}
	defer rows.Close()
	hours := 0
	var until *time.Time
	for rows.Next() {
		var h int
		var exp sql.NullTime
		if err := rows.Scan(&h, &exp); err != nil {
			return 0, nil, errs.Wrap(err, "counting verified hours")
		}
		hours += h
		if e := utcPtr(exp); e != nil && (until == nil || e.Before(*until)) {
			until = e
		}
	}
	return hours, until, errs.Wrap(rows.Err(), "counting verified hours")
}
