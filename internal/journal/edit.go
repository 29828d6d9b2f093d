package journal

import (
	"context"

	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// Edit rewrites a saved entry. The wording it replaces is kept as a
// version, sealed like the entry, so nothing the client wrote is lost by
// an edit; the new wording passes the crisis scan like a new entry.
func (s *Service) Edit(ctx context.Context, actor policy.Actor, clientID, id int64, in Input) (Entry, error) {
	in.Normalize()
	if err := ownerOnly(actor, clientID); err != nil {
		return Entry{}, err
	}
	var out Entry
	err := s.authorize(ctx, actor, clientID, policy.Write, id, "edit", func(tx *store.Tx) error {
		// The entry first: someone else's id is not found, whatever the form.
		old, err := s.open(ctx, tx, clientID, id)
		if err != nil {
			return err
		}
		if old.Status != Saved {
			return ErrNotFound
		}
		if err := in.Validate(); err != nil {
			return err
		}
		if err := s.keepVersion(ctx, tx, old); err != nil {
			return err
		}
		now := s.stamp()
		if _, err := tx.Exec(ctx, `UPDATE journal_entries SET updated_at = ? WHERE id = ?`, now, id); err != nil {
			return errs.Wrap(err, "editing journal entry")
		}
		if err := s.vault.SealInto(ctx, tx, clientID, "journal_entries", id, map[string][]byte{"title": []byte(in.Title), "body": []byte(in.Body)}); err != nil {
			return err
		}
		level, err := s.scan.ScanText(ctx, tx, clientID, "journal_entry", id, in.Title+"\n"+in.Body)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE journal_entries SET safety_level = ? WHERE id = ?`, level.String(), id); err != nil {
			return errs.Wrap(err, "editing journal entry")
		}
		out, err = s.open(ctx, tx, clientID, id)
		out.SafetyLevel = level
		return err
	})
	return out, err
}

func (s *Service) keepVersion(ctx context.Context, tx *store.Tx, e Entry) error {
	vid, err := store.InsertID(ctx, tx, `INSERT INTO journal_versions (entry_id, client_id, version, saved_at)
		VALUES (?, ?, (SELECT COALESCE(MAX(v.version), 0) + 1 FROM journal_versions v WHERE v.entry_id = ?), ?) RETURNING id`,
		e.ID, e.ClientID, e.ID, e.UpdatedAt)
	if err != nil {
		return errs.Wrap(err, "keeping the earlier wording")
	}
	return s.vault.SealInto(ctx, tx, e.ClientID, "journal_versions", vid, map[string][]byte{"title": []byte(e.Title), "body": []byte(e.Body)})
}

// Delete removes an entry, its earlier wordings and its attachments'
// records, when the client confirms. The deletion is audited (ids only).
// A safety alert the entry raised stays in the safety record.
func (s *Service) Delete(ctx context.Context, actor policy.Actor, clientID, id int64, confirmed bool) error {
	if err := ownerOnly(actor, clientID); err != nil {
		return err
	}
	return s.authorize(ctx, actor, clientID, policy.Write, id, "delete", func(tx *store.Tx) error {
		if _, err := entryByID(ctx, tx, clientID, id); err != nil {
			return err
		}
		if !confirmed {
			return errs.Validation{"confirm": "tick the box to confirm that you want to delete this entry"}.Err()
		}
		for _, q := range []string{
			`DELETE FROM attachments WHERE client_id = ? AND owner_kind = 'journal_entry' AND owner_id = ?`,
			`DELETE FROM journal_versions WHERE client_id = ? AND entry_id = ?`,
			`DELETE FROM journal_entries WHERE client_id = ? AND id = ?`,
		} {
			if _, err := tx.Exec(ctx, q, clientID, id); err != nil {
				return errs.Wrap(err, "deleting journal entry")
			}
		}
		err := audit.Append(ctx, tx, audit.Stamp(ctx, audit.Event{At: s.stamp(), ActorID: actor.UserID, ActorRole: string(actor.Role),
			Action: "journal_entry_deleted", ResourceType: "journal_entry", ResourceID: itoa(id), ClientID: clientID, Outcome: audit.OutcomeOK}))
		return errs.Wrap(err, "recording the deletion")
	})
}
