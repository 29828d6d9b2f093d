package note

import (
	"context"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/addendum"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// A client reads their own record: each signed session note as it was
// signed (without the coach's private section, which is the coach's own
// working notes), and may add an addendum in their own words. An addendum
// is sealed, audited, shown beside the note to the coach, and never
// changes the note.

// addenda is where note addenda live (vault AAD table note_addenda).
var addenda = addendum.Table{Name: "note_addenda", Parent: "note_id"}

// MaxAddendum bounds an addendum's length in characters.
const MaxAddendum = addendum.MaxLength

// Addendum is one addendum to a note, opened.
type Addendum = addendum.Addendum

// Record is one signed note as its client reads it.
type Record struct {
	AppointmentID int64
	SessionStart  time.Time
	CoachName     string
	SignedAt      time.Time
	Sections      Sections // the signed (or last amended) version, private section empty
	Addenda       []Addendum
}

// ClientRecords returns the actor's (a client's) signed session notes,
// newest session first, each with its addenda. The read is authorized and
// audited like any read of notes.
func (s *Service) ClientRecords(ctx context.Context, actor policy.Actor) ([]Record, error) {
	if actor.Role != account.Client {
		return nil, errs.E(errs.Forbidden, "clients read their own records here")
	}
	var out []Record
	acc := policy.Access{ClientID: actor.UserID, Category: policy.Notes, Action: policy.Read, ResourceType: "session_note", Detail: "own_records"}
	err := s.do(ctx, actor, acc, func(tx *store.Tx) error {
		rows, err := tx.Query(ctx, `SELECT n.id, a.id, a.starts_at, u.name, n.signed_at FROM session_notes n
			JOIN appointments a ON a.id = n.appointment_id JOIN users u ON u.id = a.coach_id
			WHERE a.client_id = ? AND n.signed_at IS NOT NULL ORDER BY a.starts_at DESC, a.id DESC`, actor.UserID)
		if err != nil {
			return errs.Wrap(err, "reading your records")
		}
		var noteIDs []int64
		for rows.Next() {
			var r Record
			var noteID int64
			if err := rows.Scan(&noteID, &r.AppointmentID, &r.SessionStart, &r.CoachName, &r.SignedAt); err != nil {
				rows.Close()
				return errs.Wrap(err, "reading your records")
			}
			r.SessionStart, r.SignedAt = r.SessionStart.UTC(), r.SignedAt.UTC()
			out, noteIDs = append(out, r), append(noteIDs, noteID)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return errs.Wrap(err, "reading your records")
		}
		for i, id := range noteIDs {
			vs, err := s.versions(ctx, tx, actor.UserID, id, false)
			if err != nil {
				return err
			}
			if len(vs) > 0 {
				out[i].Sections = vs[len(vs)-1].Sections
			}
			if out[i].Addenda, err = addenda.List(ctx, tx, s.vault, actor.UserID, id); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// AddAddendum adds the client's addendum to the signed note of their
// session appointmentID. It never edits the note; it is sealed under the
// client's key and audited in the same transaction.
func (s *Service) AddAddendum(ctx context.Context, actor policy.Actor, appointmentID int64, text string) (Addendum, error) {
	var out Addendum
	if actor.Role != account.Client {
		return out, errs.E(errs.Forbidden, "only the client adds an addendum to their record")
	}
	var clientID int64
	if err := s.reader().QueryRow(ctx, `SELECT client_id FROM appointments WHERE id = ?`, appointmentID).Scan(&clientID); err != nil {
		return out, store.NotFound(err, "session")
	}
	acc := policy.Access{ClientID: clientID, Category: policy.Notes, Action: policy.Write, ResourceType: "note_addendum", ResourceID: appointmentID}
	err := s.do(ctx, actor, acc, func(tx *store.Tx) error {
		var noteID int64
		err := tx.QueryRow(ctx, `SELECT id FROM session_notes WHERE appointment_id = ? AND signed_at IS NOT NULL`, appointmentID).Scan(&noteID)
		if err != nil {
			return store.NotFound(err, "signed note")
		}
		clean, err := addendum.Clean(text)
		if err != nil {
			return err
		}
		out, err = addenda.Add(ctx, tx, s.vault, noteID, clientID, actor.UserID, s.now(), clean)
		return err
	})
	return out, err
}

// do decides and audits acc, then runs fn, in the service's transaction
// when it has one (seeding), else in a new one.
func (s *Service) do(ctx context.Context, a policy.Actor, acc policy.Access, fn func(tx *store.Tx) error) error {
	if s.tx != nil {
		return s.policy.DoIn(ctx, s.tx, a, acc, fn)
	}
	return s.policy.Do(ctx, a, acc, fn)
}
