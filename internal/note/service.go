package note

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// Service is the session-note use cases.
type Service struct {
	db     *store.DB
	policy *policy.Policy
	vault  *vault.Vault
	now    func() time.Time
	tx     *store.Tx // set by Within
}

// NewService returns the note service: the policy authorizes and audits
// every access, the vault seals every version.
func NewService(db *store.DB, p *policy.Policy, v *vault.Vault, now func() time.Time) *Service {
	return &Service{db: db, policy: p, vault: v, now: now}
}

// Within returns a copy that runs inside tx (for seeding).
func (s *Service) Within(tx *store.Tx) *Service {
	c := *s
	c.tx = tx
	return &c
}

func (s *Service) reader() store.Querier {
	return store.Scope{DB: s.db, Tx: s.tx}.Reader()
}

// session is what a note needs to know about its appointment.
type session struct {
	clientID, coachID int64
	start             time.Time
	minutes           int
	status            string
}

// authorize is the one place this service asks the policy: it decides and
// audits (category Notes), then runs fn in the same transaction. Notes are
// the coach's working record: clients never read them here, and only the
// session's coach writes.
func (s *Service) authorize(ctx context.Context, a policy.Actor, appointmentID int64, act policy.Action, fn func(tx *store.Tx, ses session) error) error {
	var ses session
	err := s.reader().QueryRow(ctx, `SELECT client_id, coach_id, starts_at, minutes, status FROM appointments WHERE id = ?`, appointmentID).
		Scan(&ses.clientID, &ses.coachID, &ses.start, &ses.minutes, &ses.status)
	if err != nil {
		return store.NotFound(err, "session")
	}
	if a.Role == account.Client {
		return policy.ErrNotFound
	}
	acc := policy.Access{ClientID: ses.clientID, Category: policy.Notes, Action: act, ResourceType: "session_note", ResourceID: appointmentID}
	run := func(tx *store.Tx) error {
		if act == policy.Write && a.UserID != ses.coachID {
			return errs.E(errs.Forbidden, "only the session's coach writes its note")
		}
		return fn(tx, ses)
	}
	if s.tx != nil {
		return s.policy.DoIn(ctx, s.tx, a, acc, run)
	}
	return s.policy.Do(ctx, a, acc, run)
}

func (ses session) end() time.Time { return ses.start.Add(time.Duration(ses.minutes) * time.Minute) }

// Save writes a new draft version. It fails once the note is locked.
func (s *Service) Save(ctx context.Context, actor policy.Actor, appointmentID int64, body Sections) (Note, error) {
	return s.write(ctx, actor, appointmentID, body, Draft, "")
}

// SignOff saves the sections as the signed version and locks the note.
func (s *Service) SignOff(ctx context.Context, actor policy.Actor, appointmentID int64, body Sections) (Note, error) {
	if err := body.Validate(); err != nil {
		return Note{}, err
	}
	if body.Empty() {
		// A signed note is locked for good: an empty one would be a
		// permanent record of nothing.
		return Note{}, errs.Validation{"processing": "write in at least one section before signing"}.Err()
	}
	return s.write(ctx, actor, appointmentID, body, Signed, "")
}

// Amend adds a dated amendment with a reason to a locked note; the earlier
// versions stay as they were.
func (s *Service) Amend(ctx context.Context, actor policy.Actor, appointmentID int64, body Sections, reason string) (Note, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" || len(reason) > 500 {
		return Note{}, errs.Validation{"reason": "say briefly why you amend the note"}.Err()
	}
	return s.write(ctx, actor, appointmentID, body, Amendment, reason)
}

func (s *Service) write(ctx context.Context, actor policy.Actor, appointmentID int64, body Sections, kind Kind, reason string) (Note, error) {
	if err := body.Validate(); err != nil {
		return Note{}, err
	}
	var n Note
	err := s.authorize(ctx, actor, appointmentID, policy.Write, func(tx *store.Tx, ses session) error {
		now := s.now()
		if ses.start.After(now) || ses.status == "cancelled" {
			return errs.E(errs.Conflict, "a note can be written once the session has taken place")
		}
		id, signed, err := s.ensureNote(ctx, tx, appointmentID, ses)
		if err != nil {
			return err
		}
		locked := signed || now.After(ses.end().Add(LockAfter))
		if locked && kind != Amendment {
			return errs.E(errs.Conflict, "this note is locked; add an amendment instead")
		}
		if !locked && kind == Amendment {
			return errs.E(errs.Conflict, "this note is not locked yet; edit it directly")
		}
		if err := s.appendVersion(ctx, tx, ses.clientID, id, kind, body, reason, actor.UserID, now); err != nil {
			return err
		}
		n, err = s.load(ctx, tx, actor, appointmentID, ses)
		return err
	})
	return n, err
}

func (s *Service) ensureNote(ctx context.Context, tx *store.Tx, appointmentID int64, ses session) (id int64, signed bool, err error) {
	var signedAt sql.NullTime
	err = tx.QueryRow(ctx, `SELECT id, signed_at FROM session_notes WHERE appointment_id = ?`, appointmentID).Scan(&id, &signedAt)
	if errors.Is(err, sql.ErrNoRows) {
		id, err = store.InsertID(ctx, tx, `INSERT INTO session_notes (appointment_id, client_id, coach_id, version, created_at)
			VALUES (?, ?, ?, 0, ?) RETURNING id`, appointmentID, ses.clientID, ses.coachID, s.now())
		return id, false, errs.Wrap(err, "starting the note")
	}
	return id, signedAt.Valid, errs.Wrap(err, "reading the note")
}

func (s *Service) appendVersion(ctx context.Context, tx *store.Tx, clientID, noteID int64, kind Kind, body Sections, reason string, author int64, now time.Time) error {
	var version int
	if err := tx.QueryRow(ctx, `SELECT version + 1 FROM session_notes WHERE id = ?`, noteID).Scan(&version); err != nil {
		return errs.Wrap(err, "saving the note")
	}
	sealed, err := s.seal(ctx, tx, clientID, noteID, version, body)
	if err != nil {
		return errs.Wrap(err, "sealing the note")
	}
	if _, err := tx.Exec(ctx, `INSERT INTO session_note_versions (note_id, version, kind, body, reason, author_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, noteID, version, string(kind), sealed, reason, author, now); err != nil {
		return errs.Wrap(err, "saving the note")
	}
	set := `UPDATE session_notes SET version = ? WHERE id = ?`
	args := []any{version, noteID}
	if kind == Signed {
		set = `UPDATE session_notes SET version = ?, signed_at = ? WHERE id = ?`
		args = []any{version, now, noteID}
	}
	_, err = tx.Exec(ctx, set, args...)
	return errs.Wrap(err, "saving the note")
}

// Get returns a session's note with every version. The private section is
// shown only to the session's coach. A session without a note yet returns
// an empty, unlocked note (NotFound is kept for sessions one may not see).
func (s *Service) Get(ctx context.Context, actor policy.Actor, appointmentID int64) (Note, error) {
	var n Note
	err := s.authorize(ctx, actor, appointmentID, policy.Read, func(tx *store.Tx, ses session) error {
		var err error
		n, err = s.load(ctx, tx, actor, appointmentID, ses)
		return err
	})
	return n, err
}

func (s *Service) load(ctx context.Context, q store.Querier, actor policy.Actor, appointmentID int64, ses session) (Note, error) {
	n := Note{AppointmentID: appointmentID, ClientID: ses.clientID, CoachID: ses.coachID}
	var signedAt sql.NullTime
	err := q.QueryRow(ctx, `SELECT id, signed_at FROM session_notes WHERE appointment_id = ?`, appointmentID).Scan(&n.ID, &signedAt)
	if errors.Is(err, sql.ErrNoRows) {
		n.Locked = s.now().After(ses.end().Add(LockAfter))
		return n, nil
	}
	if err != nil {
		return Note{}, errs.Wrap(err, "reading the note")
	}
	if signedAt.Valid {
		t := signedAt.Time.UTC()
		n.SignedAt = &t
	}
	n.Locked = signedAt.Valid || s.now().After(ses.end().Add(LockAfter))
	if n.Versions, err = s.versions(ctx, q, ses.clientID, n.ID, actor.UserID == ses.coachID); err != nil {
		return Note{}, err
	}
	if len(n.Versions) > 0 {
		n.Current = n.Versions[len(n.Versions)-1].Sections
	}
	if n.Addenda, err = addenda.List(ctx, q, s.vault, ses.clientID, n.ID); err != nil {
		return Note{}, err
	}
	return n, nil
}

func (s *Service) versions(ctx context.Context, q store.Querier, clientID, noteID int64, showPrivate bool) ([]Version, error) {
	rows, err := q.Query(ctx, `SELECT v.version, v.kind, v.reason, u.name, v.created_at, v.body FROM session_note_versions v
		JOIN users u ON u.id = v.author_id WHERE v.note_id = ? ORDER BY v.version`, noteID)
	if err != nil {
		return nil, errs.Wrap(err, "reading the note")
	}
	type row struct {
		v    Version
		body []byte
	}
	var raw []row
	for rows.Next() {
		var r row
		var kind string
		if err := rows.Scan(&r.v.Number, &kind, &r.v.Reason, &r.v.Author, &r.v.CreatedAt, &r.body); err != nil {
			rows.Close()
			return nil, errs.Wrap(err, "reading the note")
		}
		r.v.Kind = Kind(kind)
		raw = append(raw, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, "reading the note")
	}
	// Opened after the rows are closed: the vault reads the data key
	// through the same transaction.
	out := make([]Version, 0, len(raw))
	for _, r := range raw {
		if r.v.Sections, err = s.open(ctx, q, clientID, noteID, r.v.Number, r.body); err != nil {
			return nil, err
		}
		if !showPrivate {
			r.v.Sections.Private = ""
		}
		out = append(out, r.v)
	}
	return out, nil
}

// OverdueFor lists the coach's held sessions that ended more than a day ago
// and have no signed note, oldest first.
func (s *Service) OverdueFor(ctx context.Context, actor policy.Actor) ([]Overdue, error) {
	if actor.Role != account.Coach {
		return nil, nil
	}
	rows, err := s.reader().Query(ctx, `SELECT a.id, u.name, a.starts_at FROM appointments a JOIN users u ON u.id = a.client_id
		LEFT JOIN session_notes n ON n.appointment_id = a.id
		WHERE a.coach_id = ? AND a.status = 'held' AND a.starts_at < ? AND n.signed_at IS NULL ORDER BY a.starts_at`,
		actor.UserID, s.now().Add(-OverdueAfter-90*time.Minute))
	if err != nil {
		return nil, errs.Wrap(err, "finding overdue notes")
	}
	defer rows.Close()
	var out []Overdue
	for rows.Next() {
		var o Overdue
		if err := rows.Scan(&o.AppointmentID, &o.ClientName, &o.SessionAt); err != nil {
			return nil, errs.Wrap(err, "finding overdue notes")
		}
		o.SessionAt = o.SessionAt.UTC()
		out = append(out, o)
	}
	return out, rows.Err()
}
