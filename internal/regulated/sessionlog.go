package regulated

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/addendum"
	"github.com/afterward/afterward/internal/adverse"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// Kind is a regulated session's type.
type Kind string

const (
	Preparation    Kind = "preparation"
	Administration Kind = "administration"
	Integration    Kind = "integration"
)

// Kinds in the order a form offers them.
var Kinds = []Kind{Preparation, Administration, Integration}

// Label is the kind in plain words.
func (k Kind) Label() string {
	switch k {
	case Preparation:
		return "Preparation"
	case Administration:
		return "Administration"
	case Integration:
		return "Integration"
	}
	return string(k)
}

// Doses: a single dose, or more than one during the session.
const (
	SingleDose   = "single"
	MultipleDose = "multiple"
)

// MaxSession bounds a logged session's length.
const MaxSession = 24 * time.Hour

// Entry is one logged session.
type Entry struct {
	ID            int64
	ClientID      int64
	AppointmentID int64 // the booked appointment, 0 for none
	Kind          Kind
	StartedAt     time.Time
	EndedAt       time.Time
	Group         bool
	// Administration only.
	ProductID          string
	Amount             string // with its unit, e.g. "25 mg psilocybin"
	Dose               string // SingleDose or MultipleDose
	Intention          string // one of ReasonOptions
	TransportFollowed  *bool
	Deviation          string           // sealed: how the transportation plan was not followed
	MedicalCare        bool             // an adverse reaction needed medical or emergency care
	AdverseID          int64            // the reaction in the adverse-reaction log
	AdverseSeverity    adverse.Severity // its severity, when linked
	IntegrationOffered bool
	// Integration only: the facilitator's certification of completion.
	CertifiedBy string
	CertifiedAt *time.Time
	RecordedBy  string
	CreatedAt   time.Time
	Addenda     []addendum.Addendum // the client's, beside the entry; oldest first
}

// Minutes is the session's length.
func (e Entry) Minutes() int { return int(e.EndedAt.Sub(e.StartedAt).Minutes()) }

// Validate checks an entry at now; the field names are the form's.
func (e *Entry) Validate(prog practice.Programme, now time.Time) error {
	v := errs.Validation{}
	v.Check(slices.Contains(Kinds, e.Kind), "kind", "choose preparation, administration or integration")
	v.Check(!e.StartedAt.IsZero(), "started_at", "enter when the session started")
	v.Check(!e.EndedAt.IsZero(), "ended_at", "enter when the session ended")
	if !e.StartedAt.IsZero() && !e.EndedAt.IsZero() {
		v.Check(e.EndedAt.After(e.StartedAt), "ended_at", "the end must be after the start")
		v.Check(e.EndedAt.Sub(e.StartedAt) <= MaxSession, "ended_at", "a session lasts at most 24 hours")
		v.Check(!e.EndedAt.After(now.Add(5*time.Minute)), "ended_at", "log a session once it has ended: the end is in the future")
		v.Check(now.Sub(e.StartedAt) < 5*366*24*time.Hour, "started_at", "enter a start within the last five years")
	}
	e.ProductID, e.Amount, e.Deviation = strings.TrimSpace(e.ProductID), strings.TrimSpace(e.Amount), strings.TrimSpace(e.Deviation)
	if e.Kind != Administration {
		e.ProductID, e.Amount, e.Dose, e.Intention, e.TransportFollowed, e.Deviation = "", "", "", "", nil, ""
		e.MedicalCare, e.AdverseID, e.IntegrationOffered = false, 0, false
		return v.Err()
	}
	v.Check(e.ProductID != "", "product_id", "enter the product's id from its label")
	v.Check(len(e.ProductID) <= 100, "product_id", "use at most 100 characters")
	v.Check(e.Amount != "", "amount", "enter the amount with its unit, e.g. 25 mg")
	v.Check(len(e.Amount) <= 50, "amount", "use at most 50 characters")
	v.Check(e.Dose == SingleDose || e.Dose == MultipleDose, "dose", "choose single or multiple dose")
	v.Check(e.Intention == "" || slices.Contains(ReasonOptions, e.Intention), "intention", "choose one of the intentions")
	v.Check(prog != practice.Colorado || e.Intention != "", "intention", "choose the client's intention: Colorado's administration log records it")
	v.Check(e.TransportFollowed != nil, "transport", "say whether the transportation plan was followed")
	if e.TransportFollowed != nil {
		v.Check(*e.TransportFollowed || e.Deviation != "", "deviation", "describe how the client left instead of the plan")
		if *e.TransportFollowed {
			e.Deviation = ""
		}
	}
	v.Check(len(e.Deviation) <= MaxAnswer, "deviation", "keep this under 2,000 characters")
	return v.Err()
}

type sealedEntry struct {
	Deviation string `json:"deviation,omitempty"`
}

func entryAAD(id int64) vault.AAD {
	return vault.AAD{Table: "regulated_sessions", RecordID: id, Field: "sealed"}
}

// sessionsTable is the session log's table, the vault AAD table of its
// sealed columns.
const sessionsTable = "regulated_sessions"

// doseColumns are an administration's product id, amount and dose, each
// sealed in its own column (migration 0033) under AAD field = the column's
// name; the plaintext columns product_id, amount and dose stay empty (rows
// written before are sealed at start by privacy.SealLegacyText).
var doseColumns = [3]string{"product_id_sealed", "amount_sealed", "dose_sealed"}

// sealedDose is an administration's sealed columns as read, with the
// plaintext columns of a row not sealed yet.
type sealedDose struct {
	plain  [3]string
	sealed [3][]byte
}

// sealDose seals an administration's product id, amount and dose into row id.
func (s *Service) sealDose(ctx context.Context, tx *store.Tx, e Entry) error {
	if e.Kind != Administration {
		return nil
	}
	return s.vault.SealInto(ctx, tx, e.ClientID, sessionsTable, e.ID, map[string][]byte{
		doseColumns[0]: []byte(e.ProductID), doseColumns[1]: []byte(e.Amount), doseColumns[2]: []byte(e.Dose)})
}

// open returns the product id, amount and dose of row id: opened from the
// sealed columns, or the plaintext of a row written before they existed.
func (d sealedDose) open(op *vault.Opener, id int64) (product, amount, dose string, err error) {
	out := d.plain
	for i, ct := range d.sealed {
		if ct == nil {
			continue
		}
		pt, err := op.Open(vault.AAD{Table: sessionsTable, RecordID: id, Field: doseColumns[i]}, ct)
		if err != nil {
			return "", "", "", err
		}
		out[i] = string(pt)
	}
	return out[0], out[1], out[2], nil
}

// doseSelect reads the plaintext and sealed dose columns of e, in
// sealedDose's order.
const doseSelect = `e.product_id, e.amount, e.dose, e.product_id_sealed, e.amount_sealed, e.dose_sealed`

func (d *sealedDose) dests() []any {
	return []any{&d.plain[0], &d.plain[1], &d.plain[2], &d.sealed[0], &d.sealed[1], &d.sealed[2]}
}

// Log records a session the client's facilitator held, in one audited
// transaction. Only the client's coach (their facilitator) logs, and only
// in a practice under a programme; a booked appointment it names must be
// the client's, of the same type.
func (s *Service) Log(ctx context.Context, a policy.Actor, clientID int64, e Entry) (Entry, error) {
	err := s.do(ctx, a, policy.Access{ClientID: clientID, Action: policy.Write, ResourceType: "regulated_session"}, func(tx *store.Tx) error {
		if a.Role != account.Coach {
			return errs.E(errs.Forbidden, "the client's facilitator logs their sessions")
		}
		prog, err := practice.ProgrammeOf(ctx, tx, a.PracticeID)
		if err != nil {
			return err
		}
		if !prog.Regulated() {
			return errs.E(errs.Conflict, "the session log applies when the practice works under Oregon's or Colorado's programme")
		}
		if err := e.Validate(prog, s.now()); err != nil {
			return err
		}
		if e.AppointmentID != 0 {
			var kind string
			err := tx.QueryRow(ctx, `SELECT session_type FROM appointments WHERE id = ? AND client_id = ?`, e.AppointmentID, clientID).Scan(&kind)
			if err != nil || kind != string(e.Kind) {
				return errs.Validation{"appointment_id": "choose one of this client's booked " + strings.ToLower(e.Kind.Label()) + " sessions, or none"}.Err()
			}
		}
		now := s.now().UTC()
		var appt, followed any
		if e.AppointmentID != 0 {
			appt = e.AppointmentID
		}
		if e.TransportFollowed != nil {
			followed = *e.TransportFollowed
		}
		e.ClientID, e.CreatedAt = clientID, now
		e.ID, err = store.InsertID(ctx, tx, `INSERT INTO regulated_sessions (client_id, practice_id, appointment_id, session_type, started_at, ended_at, group_session,
			intention, transport_followed, integration_offered, sealed, recorded_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			clientID, a.PracticeID, appt, string(e.Kind), e.StartedAt.UTC(), e.EndedAt.UTC(), e.Group, e.Intention,
			followed, e.IntegrationOffered, []byte{}, a.UserID, now)
		if err != nil {
			return errs.Wrap(err, "saving the session log")
		}
		if err := s.sealDose(ctx, tx, e); err != nil {
			return err
		}
		plain, err := json.Marshal(sealedEntry{Deviation: e.Deviation})
		if err != nil {
			return errs.Wrap(err, "encoding the session log")
		}
		sealed, err := s.vault.Seal(ctx, tx, clientID, entryAAD(e.ID), plain)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE regulated_sessions SET sealed = ? WHERE id = ?`, sealed, e.ID)
		return errs.Wrap(err, "sealing the session log")
	})
	return e, err
}

// Change is a facilitator's later entry on a logged session.
type Change string

const (
	OfferIntegration Change = "offer"   // an administration: the integration session was offered
	Certify          Change = "certify" // an integration: its completion is certified
	LinkAdverse      Change = "adverse" // an administration: a reaction needing medical or emergency care
)

// Update applies a change to a logged session, audited, by the client's
// facilitator: offering integration after an administration, linking an
// adverse reaction that needed medical or emergency care to it, or
// certifying an integration session's completion (who and when are
// recorded; a certification is not changed afterwards).
func (s *Service) Update(ctx context.Context, a policy.Actor, entryID int64, c Change, adverseID int64) error {
	var clientID int64
	var kind string
	if err := s.db.Reader().QueryRow(ctx, `SELECT client_id, session_type FROM regulated_sessions WHERE id = ?`, entryID).Scan(&clientID, &kind); err != nil {
		return store.NotFound(err, "logged session")
	}
	acc := policy.Access{ClientID: clientID, Action: policy.Write, ResourceType: "regulated_session", ResourceID: entryID, Detail: "change=" + string(c)}
	return s.do(ctx, a, acc, func(tx *store.Tx) error {
		if a.Role != account.Coach {
			return errs.E(errs.Forbidden, "the client's facilitator records this")
		}
		switch {
		case c == OfferIntegration && Kind(kind) == Administration:
			_, err := tx.Exec(ctx, `UPDATE regulated_sessions SET integration_offered = ? WHERE id = ?`, true, entryID)
			return errs.Wrap(err, "recording the offer")
		case c == Certify && Kind(kind) == Integration:
			res, err := tx.Exec(ctx, `UPDATE regulated_sessions SET certified_by = ?, certified_at = ? WHERE id = ? AND certified_at IS NULL`, a.UserID, s.now().UTC(), entryID)
			if err != nil {
				return errs.Wrap(err, "certifying the session")
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return errs.E(errs.Conflict, "this integration session's completion is already certified")
			}
			return nil
		case c == LinkAdverse && Kind(kind) == Administration:
			var n int
			if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM adverse_reactions WHERE id = ? AND client_id = ?`, adverseID, clientID).Scan(&n); err != nil {
				return errs.Wrap(err, "checking the adverse reaction")
			}
			if n == 0 {
				return errs.Validation{"adverse_id": "choose one of this client's logged adverse reactions"}.Err()
			}
			_, err := tx.Exec(ctx, `UPDATE regulated_sessions SET medical_care = ?, adverse_id = ? WHERE id = ?`, true, adverseID, entryID)
			return errs.Wrap(err, "linking the adverse reaction")
		}
		return errs.Validation{"action": "offering integration and linking a reaction apply to an administration session; certifying to an integration session"}.Err()
	})
}

// Log lists the client's logged sessions, oldest first, for the client's
// facilitator (an audited read).
func (s *Service) SessionLog(ctx context.Context, a policy.Actor, clientID int64) ([]Entry, error) {
	var out []Entry
	err := s.do(ctx, a, policy.Access{ClientID: clientID, Action: policy.Read, ResourceType: "regulated_session"}, func(tx *store.Tx) error {
		var err error
		out, err = s.entries(ctx, tx, `e.client_id = ?`, clientID)
		return err
	})
	return out, err
}

// entries reads logged sessions matching cond, opening their sealed part.
func (s *Service) entries(ctx context.Context, tx *store.Tx, cond string, args ...any) ([]Entry, error) {
	rows, err := tx.Query(ctx, `SELECT e.id, e.client_id, COALESCE(e.appointment_id, 0), e.session_type, e.started_at, e.ended_at, e.group_session,
		`+doseSelect+`, e.intention, e.transport_followed, e.medical_care, COALESCE(e.adverse_id, 0), COALESCE(r.severity, ''), e.integration_offered,
		COALESCE(c.name, ''), e.certified_at, u.name, e.created_at, e.sealed
		FROM regulated_sessions e JOIN users u ON u.id = e.recorded_by LEFT JOIN users c ON c.id = e.certified_by
		LEFT JOIN adverse_reactions r ON r.id = e.adverse_id
		WHERE `+cond+` ORDER BY e.started_at, e.id`, args...)
	if err != nil {
		return nil, errs.Wrap(err, "listing the session log")
	}
	type row struct {
		e      Entry
		sealed []byte
		dose   sealedDose
	}
	var raw []row
	for rows.Next() {
		var x row
		var kind string
		var followed sql.NullBool
		var certified sql.NullTime
		var severity string
		dest := append([]any{&x.e.ID, &x.e.ClientID, &x.e.AppointmentID, &kind, &x.e.StartedAt, &x.e.EndedAt, &x.e.Group}, x.dose.dests()...)
		if err := rows.Scan(append(dest, &x.e.Intention, &followed, &x.e.MedicalCare, &x.e.AdverseID, &severity, &x.e.IntegrationOffered, &x.e.CertifiedBy, &certified,
			&x.e.RecordedBy, &x.e.CreatedAt, &x.sealed)...); err != nil {
			rows.Close()
			return nil, errs.Wrap(err, "reading the session log")
		}
		x.e.Kind, x.e.AdverseSeverity = Kind(kind), adverse.Severity(severity)
		x.e.StartedAt, x.e.EndedAt = x.e.StartedAt.UTC(), x.e.EndedAt.UTC()
		if followed.Valid {
			x.e.TransportFollowed = &followed.Bool
		}
		if certified.Valid {
			t := certified.Time.UTC()
			x.e.CertifiedAt = &t
		}
		raw = append(raw, x)
	}
	err = rows.Err()
	if cerr := rows.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, errs.Wrap(err, "reading the session log")
	}
	out := make([]Entry, 0, len(raw))
	// One data-key read per client, not one per sealed field (issue 17:
	// the export opened four fields per entry, each reading the key).
	ops, err := s.vault.OpenersFor(ctx, tx, nil)
	if err != nil {
		return nil, err
	}
	for _, x := range raw {
		op := ops.For(x.e.ClientID)
		plain, err := op.Open(entryAAD(x.e.ID), x.sealed)
		if err != nil {
			return nil, err
		}
		var p sealedEntry
		if err := json.Unmarshal(plain, &p); err != nil {
			return nil, errs.Wrap(err, "decoding the session log")
		}
		x.e.Deviation = p.Deviation
		if x.e.ProductID, x.e.Amount, x.e.Dose, err = x.dose.open(op, x.e.ID); err != nil {
			return nil, err
		}
		if x.e.Addenda, err = sessionAddenda.List(ctx, tx, s.vault, x.e.ClientID, x.e.ID); err != nil {
			return nil, err
		}
		out = append(out, x.e)
	}
	return out, nil
}

// DenialReasons are the reasons a practice records when it denies
// services; Oregon's quarterly report counts denials by reason.
var DenialReasons = []string{"Lithium in the last 30 days", "Health condition or medication", "Risk of harm to self or others",
	"Client information form not completed", "Transportation plan not in place", "Other"}

// Deny records that services were denied to the client, with the reason
// as a category (no free text), by their facilitator, audited.
func (s *Service) Deny(ctx context.Context, a policy.Actor, clientID int64, reason string) error {
	return s.do(ctx, a, policy.Access{ClientID: clientID, Action: policy.Write, ResourceType: "regulated_denial"}, func(tx *store.Tx) error {
		if a.Role != account.Coach {
			return errs.E(errs.Forbidden, "the client's facilitator records a denial")
		}
		if !slices.Contains(DenialReasons, reason) {
			return errs.Validation{"reason": "choose the reason services were denied"}.Err()
		}
		_, err := tx.Exec(ctx, `INSERT INTO regulated_denials (client_id, practice_id, reason, denied_at, recorded_by) VALUES (?, ?, ?, ?, ?)`,
			clientID, a.PracticeID, reason, s.now().UTC(), a.UserID)
		return errs.Wrap(err, "saving the denial")
	})
}

// Denial is one recorded denial.
type Denial struct {
	Reason   string
	DeniedAt time.Time
}

// Denials lists the client's recorded denials, for their facilitator.
func (s *Service) Denials(ctx context.Context, a policy.Actor, clientID int64) ([]Denial, error) {
	var out []Denial
	err := s.do(ctx, a, policy.Access{ClientID: clientID, Action: policy.Read, ResourceType: "regulated_denial"}, func(tx *store.Tx) error {
		rows, err := tx.Query(ctx, `SELECT reason, denied_at FROM regulated_denials WHERE client_id = ? ORDER BY denied_at`, clientID)
		if err != nil {
			return errs.Wrap(err, "listing denials")
		}
		defer rows.Close()
		for rows.Next() {
			var d Denial
			if err := rows.Scan(&d.Reason, &d.DeniedAt); err != nil {
				return errs.Wrap(err, "reading denials")
			}
			out = append(out, d)
		}
		return errs.Wrap(rows.Err(), "reading denials")
	})
	return out, err
}
