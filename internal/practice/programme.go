package practice

import (
	"context"
	"strconv"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// Programme is the regulated programme a practice works under; it decides
// which records, forms and rules apply.
type Programme string

const (
	NoProgramme Programme = "none"
	Oregon      Programme = "oregon"   // Oregon psilocybin services (ORS 475A, OAR 333-333)
	Colorado    Programme = "colorado" // Colorado natural medicine programme (4 CCR 755-1)
)

// Programmes in the order a form offers them.
var Programmes = []Programme{NoProgramme, Oregon, Colorado}

// Label is the programme in plain words.
func (p Programme) Label() string {
	switch p {
	case Oregon:
		return "Oregon psilocybin services"
	case Colorado:
		return "Colorado natural medicine"
	}
	return "None (integration coaching only)"
}

// Regulated reports whether regulated session types apply.
func (p Programme) Regulated() bool { return p == Oregon || p == Colorado }

// ProgrammeOf reads a practice's programme in q.
func ProgrammeOf(ctx context.Context, q store.Querier, practiceID int64) (Programme, error) {
	var p string
	err := q.QueryRow(ctx, `SELECT programme FROM practices WHERE id = ?`, practiceID).Scan(&p)
	return Programme(p), store.NotFound(err, "practice")
}

// Programme is the admin's practice's programme (public to its staff).
func (s *Service) Programme(ctx context.Context, a policy.Actor) (Programme, error) {
	return ProgrammeOf(ctx, s.db.Reader(), a.PracticeID)
}

// SetProgramme switches the admin's practice to programme p, audited.
func (s *Service) SetProgramme(ctx context.Context, a policy.Actor, p Programme) error {
	if a.Role != account.Admin {
		return errs.E(errs.Forbidden, "only a practice admin chooses the programme")
	}
	valid := false
	for _, x := range Programmes {
		valid = valid || x == p
	}
	if !valid {
		return errs.Validation{"programme": "choose none, Oregon or Colorado"}.Err()
	}
	return s.db.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE practices SET programme = ? WHERE id = ?`, string(p), a.PracticeID); err != nil {
			return errs.Wrap(err, "saving the programme")
		}
		err := audit.Append(ctx, tx, audit.Stamp(ctx, audit.Event{At: s.now().UTC(), ActorID: a.UserID, ActorRole: string(a.Role), Action: audit.ActionWrite,
			ResourceType: "practice_programme", ResourceID: strconv.FormatInt(a.PracticeID, 10), Outcome: audit.OutcomeOK, Detail: "programme=" + string(p)}))
		return errs.Wrap(err, "writing audit event")
	})
}
