package privacy

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/humantime"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// RetentionYears is how long a client's records are kept after their last
// session (or, with no session, after the account was opened) before they
// may be destroyed: Oregon (OAR 333-333-5100) and Colorado (4 CCR 755-1)
// both require 5 years. Practices outside a regulated programme use the
// same period for the "past retention" list, but a client's own erasure
// request is not held back there (privacy law gives them that right and no
// records law says otherwise).
const RetentionYears = 5

// rules names the records rule of each regulated programme.
var rules = map[string]string{
	"oregon":   "Oregon's psilocybin services rules (OAR 333-333)",
	"colorado": "Colorado's natural medicine rules (4 CCR 755-1)",
}

// Retention is where a client's records stand against the retention rule.
type Retention struct {
	ClientID     int64
	Name         string
	Programme    string
	LastActivity time.Time
	Until        time.Time // records must be kept until this time
}

// Regulated reports whether a records law decides the period.
func (r Retention) Regulated() bool { return rules[r.Programme] != "" }

// Rule is the law the period comes from, in words.
func (r Retention) Rule() string { return rules[r.Programme] }

// Over reports whether the period has ended at now.
func (r Retention) Over(now time.Time) bool { return !now.Before(r.Until) }

// heldBack is the refusal of a destruction inside the retention period,
// naming the rule and the first day it becomes possible (a UTC calendar
// day: the rule counts from the record, not from the reader's zone).
func (r Retention) heldBack(who string) error {
	return errs.E(errs.Conflict, "%s kept for %d years after the last session under %s: they can be destroyed on request from %s",
		who, RetentionYears, r.Rule(), humantime.Day(r.Until, time.UTC))
}

// retentionSelect reads each client's practice programme and last activity:
// the latest of account creation, the last session that was not cancelled
// and the last adverse reaction.
const retentionSelect = `SELECT u.id, u.name, p.programme, u.created_at,
	(SELECT MAX(a.starts_at) FROM appointments a WHERE a.client_id = u.id AND a.status <> 'cancelled'),
	(SELECT MAX(r.occurred_at) FROM adverse_reactions r WHERE r.client_id = u.id)
	FROM users u JOIN practices p ON p.id = u.practice_id
	WHERE u.role = 'client'`

func scanRetention(sc interface{ Scan(...any) error }) (Retention, error) {
	var r Retention
	var session, adverse maxTime
	if err := sc.Scan(&r.ClientID, &r.Name, &r.Programme, &r.LastActivity, &session, &adverse); err != nil {
		return Retention{}, err
	}
	for _, t := range []maxTime{session, adverse} {
		if t.Valid && t.Time.After(r.LastActivity) {
			r.LastActivity = t.Time
		}
	}
	r.LastActivity = r.LastActivity.UTC()
	r.Until = r.LastActivity.AddDate(RetentionYears, 0, 0)
	return r, nil
}

// maxTime scans MAX() of a timestamp column: PostgreSQL answers a time,
// SQLite the stored text (an aggregate has no declared type to convert by).
type maxTime struct {
	Time  time.Time
	Valid bool
}

func (m *maxTime) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*m = maxTime{}
		return nil
	case time.Time:
		*m = maxTime{Time: x, Valid: true}
		return nil
	case []byte:
		return m.Scan(string(x))
	case string:
		for _, layout := range []string{"2006-01-02 15:04:05.999999999-07:00", time.RFC3339Nano, "2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05.999999999"} {
			if t, err := time.Parse(layout, x); err == nil {
				*m = maxTime{Time: t, Valid: true}
				return nil
			}
		}
	}
	return fmt.Errorf("reading a time from %T", v)
}

// RetentionOf reads one client's retention.
func RetentionOf(ctx context.Context, q store.Querier, clientID int64) (Retention, error) {
	r, err := scanRetention(q.QueryRow(ctx, retentionSelect+` AND u.id = ?`, clientID))
	if err != nil {
		return Retention{}, store.NotFound(err, "client")
	}
	return r, nil
}

// PastRetention lists the practice's clients whose retention period has
// ended and whose records are not yet destroyed, oldest first. Admins only.
func (s *Service) PastRetention(ctx context.Context, a policy.Actor) ([]Retention, error) {
	if a.Role != account.Admin {
		return nil, errs.E(errs.Forbidden, "only practice admins see records past retention")
	}
	rows, err := s.db.Reader().Query(ctx, retentionSelect+` AND u.practice_id = ?
		AND NOT EXISTS (SELECT 1 FROM vault_data_keys k WHERE k.client_id = u.id AND k.destroyed_at IS NOT NULL)
		ORDER BY u.id`, a.PracticeID)
	if err != nil {
		return nil, errs.Wrap(err, "listing records past retention")
	}
	defer rows.Close()
	var out []Retention
	now := s.now()
	for rows.Next() {
		r, err := scanRetention(rows)
		if err != nil {
			return nil, errs.Wrap(err, "listing records past retention")
		}
		if r.Over(now) {
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Until.Before(out[j].Until) })
	return out, errs.Wrap(rows.Err(), "listing records past retention")
}

// Certificate is a destruction certificate: what was destroyed, when, by
// whom, on whose request, and a digest of the records. It holds no name,
// address or content: the client is named by number only.
type Certificate struct {
	ID              int64
	PracticeID      int64
	PracticeName    string
	ClientID        int64
	Programme       string
	RequestedBy     string // client | practice
	DestroyedBy     int64  // 0: the scheduled erasure of the client's own request
	DestroyedByName string
	DestroyedAt     time.Time
	RetentionUntil  *time.Time
	Records         map[string]int64 // rows destroyed or anonymised, per table
	RecordsSHA256   string
	SHA256          string // of the certificate's own text
}

// Text is the certificate's canonical text, the one its SHA-256 covers.
func (c Certificate) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Destruction certificate\npractice: %d\nclient: #%d\nprogramme: %s\nrequested by: %s\ndestroyed by: %s\ndestroyed at: %s\n",
		c.PracticeID, c.ClientID, c.Programme, c.RequestedBy, c.destroyer(), c.DestroyedAt.UTC().Format(time.RFC3339))
	if c.RetentionUntil != nil {
		fmt.Fprintf(&b, "retention until: %s\n", c.RetentionUntil.UTC().Format(time.RFC3339))
	}
	for _, t := range c.Tables() {
		fmt.Fprintf(&b, "records %s: %d\n", t, c.Records[t])
	}
	fmt.Fprintf(&b, "records sha256: %s\n", c.RecordsSHA256)
	return b.String()
}

func (c Certificate) destroyer() string {
	if c.DestroyedBy == 0 {
		return "scheduled erasure"
	}
	return "user #" + strconv.FormatInt(c.DestroyedBy, 10)
}

// Tables lists the tables in Records, sorted.
func (c Certificate) Tables() []string {
	out := make([]string, 0, len(c.Records))
	for t := range c.Records {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// Destroy destroys a client's records at an admin's hand, on the client's
// written request or the practice's own decision once the retention period
// has ended. Inside the period it is refused naming the rule.
func (s *Service) Destroy(ctx context.Context, a policy.Actor, clientID int64, requestedBy string, confirmed bool) (Certificate, error) {
	if a.Role != account.Admin {
		return Certificate{}, errs.E(errs.Forbidden, "only practice admins destroy records")
	}
	var cert Certificate
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		var practiceID int64
		err := tx.QueryRow(ctx, `SELECT practice_id FROM users WHERE id = ? AND role = 'client'`, clientID).Scan(&practiceID)
		if err != nil || practiceID != a.PracticeID {
			return errs.NotFoundf("client not found")
		}
		v := errs.Validation{}
		v.Check(requestedBy == "client" || requestedBy == "practice", "requested_by", "say whose request this is: the client's or the practice's")
		v.Check(confirmed, "confirm", "tick the box to confirm the destruction")
		if err := v.Err(); err != nil {
			return err
		}
		if erased, err := vault.IsErased(ctx, tx, clientID); err != nil || erased {
			return joinErr(err, errs.E(errs.Conflict, "this client's records are already destroyed"))
		}
		r, err := RetentionOf(ctx, tx, clientID)
		if err != nil {
			return err
		}
		if !r.Over(s.now()) {
			if r.Regulated() {
				return r.heldBack("These records must be")
			}
			return errs.E(errs.Conflict, "these records are inside the practice's %d-year retention period until %s; the client can erase them themselves from their Privacy page",
				RetentionYears, humantime.Day(r.Until, time.UTC))
		}
		cert, err = s.destroy(ctx, tx, clientID, requestedBy, a.UserID)
		return err
	})
	return cert, err
}

func joinErr(err, otherwise error) error {
	if err != nil {
		return err
	}
	return otherwise
}

// certifiedTables are the client's records the certificate's digest lists
// by id (table, id), taken before they are destroyed.
var certifiedTables = []struct{ table, column string }{
	{"appointments", "client_id"}, {"session_notes", "client_id"}, {"journal_entries", "client_id"},
	{"checkins", "client_id"}, {"messages", "client_id"}, {"measure_responses", "client_id"},
	{"intakes", "client_id"}, {"safety_alerts", "client_id"}, {"adverse_reactions", "client_id"},
	{"plans", "client_id"}, {"insights", "client_id"}, {"intentions", "client_id"}, {"actions", "client_id"},
	{"consents", "client_id"}, {"care_summaries", "client_id"}, {"referrals", "client_id"},
	{"attachments", "client_id"}, {"agreement_signatures", "client_id"}, {"invoices", "client_id"},
	{"care_team_messages", "client_id"}, {"break_glass", "client_id"}, {"note_addenda", "client_id"},
	{"regulated_forms", "client_id"}, {"regulated_sessions", "client_id"}, {"regulated_addenda", "client_id"},
}

// destroy is the one destruction path, in the caller's transaction: the
// data key is destroyed (everything sealed is gone), every plaintext field
// is removed or anonymised, the account is closed, and a certificate and a
// content-free audit event are written.
func (s *Service) destroy(ctx context.Context, tx *store.Tx, clientID int64, requestedBy string, by int64) (Certificate, error) {
	now := s.now()
	r, err := RetentionOf(ctx, tx, clientID)
	if err != nil {
		return Certificate{}, err
	}
	var practiceID int64
	if err := tx.QueryRow(ctx, `SELECT practice_id FROM users WHERE id = ?`, clientID).Scan(&practiceID); err != nil {
		return Certificate{}, store.NotFound(err, "client")
	}
	digest := sha256.New()
	records := map[string]int64{}
	for _, t := range certifiedTables {
		rows, err := tx.Query(ctx, `SELECT id FROM `+t.table+` WHERE `+t.column+` = ? ORDER BY id`, clientID)
		if err != nil {
			return Certificate{}, errs.Wrap(err, "listing records to destroy")
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return Certificate{}, errs.Wrap(err, "listing records to destroy")
			}
			fmt.Fprintf(digest, "%s:%d\n", t.table, id)
			records[t.table]++
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return Certificate{}, errs.Wrap(err, "listing records to destroy")
		}
	}
	if err := s.vault.Shred(ctx, tx, clientID); err != nil {
		return Certificate{}, err
	}
	if _, err := anonymise(ctx, tx, clientID, now); err != nil {
		return Certificate{}, err
	}
	cert := Certificate{PracticeID: practiceID, ClientID: clientID, Programme: r.Programme, RequestedBy: requestedBy,
		DestroyedBy: by, DestroyedAt: now, Records: records, RecordsSHA256: hex.EncodeToString(digest.Sum(nil))}
	if r.Regulated() {
		until := r.Until
		cert.RetentionUntil = &until
	}
	sum := sha256.Sum256([]byte(cert.Text()))
	cert.SHA256 = hex.EncodeToString(sum[:])
	recs, _ := json.Marshal(records)
	var destroyedBy any
	if by != 0 {
		destroyedBy = by
	}
	cert.ID, err = store.InsertID(ctx, tx, `INSERT INTO destruction_certificates (practice_id, client_id, programme, requested_by, destroyed_by,
		destroyed_at, retention_until, records, records_sha256, certificate_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		practiceID, clientID, cert.Programme, requestedBy, destroyedBy, now, cert.RetentionUntil, string(recs), cert.RecordsSHA256, cert.SHA256)
	if err != nil {
		return Certificate{}, errs.Wrap(err, "writing the destruction certificate")
	}
	role := string(account.Admin)
	if by == 0 {
		role = ""
	}
	err = audit.Append(ctx, tx, audit.Stamp(ctx, audit.Event{At: now, ActorID: by, ActorRole: role, Action: audit.ActionErased,
		ResourceType: "client", ResourceID: strconv.FormatInt(clientID, 10), ClientID: clientID, Outcome: audit.OutcomeOK,
		Detail: "certificate=" + strconv.FormatInt(cert.ID, 10) + " requested_by=" + requestedBy}))
	return cert, err
}

// Certificates lists the practice's destruction certificates, newest first.
func (s *Service) Certificates(ctx context.Context, a policy.Actor) ([]Certificate, error) {
	if a.Role != account.Admin {
		return nil, errs.E(errs.Forbidden, "only practice admins see destruction certificates")
	}
	return s.certificates(ctx, `WHERE c.practice_id = ? ORDER BY c.destroyed_at DESC, c.id DESC`, a.PracticeID)
}

// CertificateByID returns one certificate of the admin's practice.
func (s *Service) CertificateByID(ctx context.Context, a policy.Actor, id int64) (Certificate, error) {
	if a.Role != account.Admin {
		return Certificate{}, errs.E(errs.Forbidden, "only practice admins see destruction certificates")
	}
	out, err := s.certificates(ctx, `WHERE c.practice_id = ? AND c.id = ?`, a.PracticeID, id)
	if err != nil {
		return Certificate{}, err
	}
	if len(out) == 0 {
		return Certificate{}, errs.NotFoundf("certificate not found")
	}
	return out[0], nil
}

func (s *Service) certificates(ctx context.Context, where string, args ...any) ([]Certificate, error) {
	rows, err := s.db.Reader().Query(ctx, `SELECT c.id, c.practice_id, p.name, c.client_id, c.programme, c.requested_by, COALESCE(c.destroyed_by, 0),
		COALESCE(u.name, ''), c.destroyed_at, c.retention_until, c.records, c.records_sha256, c.certificate_sha256
		FROM destruction_certificates c JOIN practices p ON p.id = c.practice_id LEFT JOIN users u ON u.id = c.destroyed_by `+where, args...)
	if err != nil {
		return nil, errs.Wrap(err, "reading destruction certificates")
	}
	defer rows.Close()
	var out []Certificate
	for rows.Next() {
		var c Certificate
		var until sql.NullTime
		var recs string
		if err := rows.Scan(&c.ID, &c.PracticeID, &c.PracticeName, &c.ClientID, &c.Programme, &c.RequestedBy, &c.DestroyedBy,
			&c.DestroyedByName, &c.DestroyedAt, &until, &recs, &c.RecordsSHA256, &c.SHA256); err != nil {
			return nil, errs.Wrap(err, "reading destruction certificates")
		}
		c.DestroyedAt = c.DestroyedAt.UTC()
		if until.Valid {
			t := until.Time.UTC()
			c.RetentionUntil = &t
		}
		if err := json.Unmarshal([]byte(recs), &c.Records); err != nil {
			return nil, errs.Wrap(err, "reading destruction certificates")
		}
		out = append(out, c)
	}
	return out, errs.Wrap(rows.Err(), "reading destruction certificates")
}
