package privacy

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// ErasureStatus is the client's open erasure request, if any.
func (s *Service) ErasureStatus(ctx context.Context, a policy.Actor) (*vault.Erasure, error) {
	if err := own(a); err != nil {
		return nil, err
	}
	e, err := vault.OpenErasure(ctx, s.db.Reader(), a.UserID)
	if errs.Is(err, errs.NotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &e, nil
}

// RequestErasure schedules the deletion of the client's content after the
// grace period; until then they can cancel. confirmed is the client's
// explicit confirmation on the form.
func (s *Service) RequestErasure(ctx context.Context, a policy.Actor, confirmed bool) (vault.Erasure, error) {
	if err := own(a); err != nil {
		return vault.Erasure{}, err
	}
	if !confirmed {
		return vault.Erasure{}, &errs.Error{Kind: errs.Invalid, Msg: "tick the box to confirm that you want your content erased",
			Fields: map[string]string{"confirm": "confirm to continue"}}
	}
	var e vault.Erasure
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		r, err := RetentionOf(ctx, tx, a.UserID)
		if err != nil {
			return err
		}
		if r.Regulated() && !r.Over(s.now()) {
			return r.heldBack("Your records must be")
		}
		if e, err = s.vault.RequestErasure(ctx, tx, a.UserID, s.now()); err != nil {
			return err
		}
		return s.auditSelf(ctx, tx, a, audit.ActionErasureRequested)
	})
	return e, err
}

// CancelErasure withdraws the client's request during the grace period.
// With nothing scheduled there is nothing to do.
func (s *Service) CancelErasure(ctx context.Context, a policy.Actor) error {
	if err := own(a); err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *store.Tx) error {
		err := vault.CancelErasure(ctx, tx, a.UserID, s.now())
		if errs.Is(err, errs.NotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		return s.auditSelf(ctx, tx, a, audit.ActionErasureCancelled)
	})
}

// RunDueErasures erases every client whose grace period has ended: their
// data key is destroyed (content unreadable at once, also in backups once
// the ledger is applied), every plaintext field tied to them is removed or
// anonymised, their account is closed and signed out, and a destruction
// certificate and a content-free audit event remain. On SQLite the
// write-ahead log is then checkpointed and truncated, so no old page with
// their text stays in the -wal file (secure_delete zeroes freed space in
// the database file itself).
func (s *Service) RunDueErasures(ctx context.Context) (int, error) {
	due, err := vault.DueErasures(ctx, s.db.Reader(), s.now())
	if err != nil {
		return 0, err
	}
	for i, e := range due {
		err := s.db.InTx(ctx, func(tx *store.Tx) error {
			_, err := s.destroy(ctx, tx, e.ClientID, "client", 0)
			return err
		})
		if err != nil {
			return i, err
		}
	}
	if len(due) > 0 {
		if err := s.db.Scrub(ctx); err != nil {
			return len(due), err
		}
	}
	return len(due), nil
}

func (s *Service) auditSelf(ctx context.Context, tx *store.Tx, a policy.Actor, action string) error {
	err := audit.Append(ctx, tx, audit.Stamp(ctx, audit.Event{At: s.now(), ActorID: a.UserID, ActorRole: string(a.Role),
		Action: action, ResourceType: "client", ResourceID: strconv.FormatInt(a.UserID, 10), ClientID: a.UserID, Outcome: audit.OutcomeOK}))
	return err
}

// Export is every section of the client's data as one JSON document,
// produced in one audited transaction.
func (s *Service) Export(ctx context.Context, a policy.Actor) ([]byte, error) {
	if err := own(a); err != nil {
		return nil, err
	}
	doc := map[string]any{"format": "afterward-export/1", "exported_at": s.now().Format(time.RFC3339), "client_id": a.UserID}
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		for _, ex := range s.exporters {
			section, err := ex.Export(ctx, tx, a.UserID)
			if err != nil {
				return err
			}
			doc[ex.ExportSection()] = section
		}
		return s.auditSelf(ctx, tx, a, audit.ActionExport)
	})
	if err != nil {
		return nil, err
	}
	return json.MarshalIndent(doc, "", "  ")
}
