package vault

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// Erasure is an open request to erase a client's content.
type Erasure struct {
	ID          int64
	ClientID    int64
	RequestedAt time.Time
	DueAt       time.Time
}

// RequestErasure schedules the client's erasure for at + the grace period.
// It is a Conflict when one is already open or the client is already
// erased. The caller records the audit event in the same transaction.
func (v *Vault) RequestErasure(ctx context.Context, tx *store.Tx, clientID int64, at time.Time) (Erasure, error) {
	if clientID <= 0 {
		return Erasure{}, errs.E(errs.Invalid, "client id must be positive")
	}
	if erased, err := isErased(ctx, tx, clientID); err != nil || erased {
		return Erasure{}, errors.Join(err, conflictIf(erased, "this client's content is already erased"))
	}
	if _, err := openErasure(ctx, tx, clientID); err == nil {
		return Erasure{}, errs.E(errs.Conflict, "an erasure is already scheduled for this client")
	} else if !errs.Is(err, errs.NotFound) {
		return Erasure{}, err
	}
	e := Erasure{ClientID: clientID, RequestedAt: utcMicro(at), DueAt: utcMicro(at.Add(v.cfg.Grace))}
	id, err := store.InsertID(ctx, tx, `INSERT INTO vault_erasures (client_id, requested_at, due_at)
		VALUES (?, ?, ?) RETURNING id`, e.ClientID, e.RequestedAt, e.DueAt)
	if store.IsUniqueViolation(err) {
		return Erasure{}, errs.E(errs.Conflict, "an erasure is already scheduled for this client")
	}
	e.ID = id
	return e, errs.Wrap(err, "vault: scheduling an erasure")
}

func conflictIf(cond bool, msg string) error {
	if cond {
		return errs.E(errs.Conflict, "%s", msg)
	}
	return nil
}

// CancelErasure withdraws an open request during its grace period. It is
// NotFound when none is open and a Conflict once the request is due.
func CancelErasure(ctx context.Context, tx *store.Tx, clientID int64, at time.Time) error {
	e, err := openErasure(ctx, tx, clientID)
	if err != nil {
		return err
	}
	if !at.Before(e.DueAt) {
		return errs.E(errs.Conflict, "the grace period has ended; the erasure can no longer be cancelled")
	}
	_, err = tx.Exec(ctx, `UPDATE vault_erasures SET cancelled_at = ? WHERE id = ? AND cancelled_at IS NULL AND done_at IS NULL`,
		utcMicro(at), e.ID)
	return errs.Wrap(err, "vault: cancelling an erasure")
}

// OpenErasure returns the client's open request (NotFound when none).
func OpenErasure(ctx context.Context, q store.Querier, clientID int64) (Erasure, error) {
	return openErasure(ctx, q, clientID)
}

func openErasure(ctx context.Context, q store.Querier, clientID int64) (Erasure, error) {
	e := Erasure{ClientID: clientID}
	err := q.QueryRow(ctx, `SELECT id, requested_at, due_at FROM vault_erasures
		WHERE client_id = ? AND cancelled_at IS NULL AND done_at IS NULL`, clientID).
		Scan(&e.ID, &e.RequestedAt, &e.DueAt)
	if err != nil {
		return Erasure{}, store.NotFound(err, "erasure request")
	}
	e.RequestedAt, e.DueAt = e.RequestedAt.UTC(), e.DueAt.UTC()
	return e, nil
}

// DueErasures lists open requests whose grace period has ended at now,
// oldest first.
func DueErasures(ctx context.Context, q store.Querier, now time.Time) ([]Erasure, error) {
	rows, err := q.Query(ctx, `SELECT id, client_id, requested_at, due_at FROM vault_erasures
		WHERE cancelled_at IS NULL AND done_at IS NULL AND due_at <= ? ORDER BY due_at, id`, utcMicro(now))
	if err != nil {
		return nil, errs.Wrap(err, "vault: listing due erasures")
	}
	defer rows.Close()
	var out []Erasure
	for rows.Next() {
		var e Erasure
		if err := rows.Scan(&e.ID, &e.ClientID, &e.RequestedAt, &e.DueAt); err != nil {
			return nil, errs.Wrap(err, "vault: listing due erasures")
		}
		e.RequestedAt, e.DueAt = e.RequestedAt.UTC(), e.DueAt.UTC()
		out = append(out, e)
	}
	return out, errs.Wrap(rows.Err(), "vault: listing due erasures")
}

// RunDueErasures shreds every client whose erasure is due, one transaction
// each, and returns how many it erased. A request cancelled meanwhile is
// skipped: the shred only happens if this transaction closes the request.
func (v *Vault) RunDueErasures(ctx context.Context, db *store.DB, now time.Time) (int, error) {
	due, err := DueErasures(ctx, db.Reader(), now)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, e := range due {
		err := db.InTx(ctx, func(tx *store.Tx) error {
			res, err := tx.Exec(ctx, `UPDATE vault_erasures SET done_at = ?
				WHERE id = ? AND cancelled_at IS NULL AND done_at IS NULL`, utcMicro(now), e.ID)
			if err != nil {
				return errs.Wrap(err, "vault: closing an erasure")
			}
			if k, err := res.RowsAffected(); err != nil || k != 1 {
				return errSkipped
			}
			_, err = v.shred(ctx, tx, e.ClientID, now, true)
			return err
		})
		if errors.Is(err, errSkipped) {
			continue
		}
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

var errSkipped = errors.New("erasure cancelled or done meanwhile")

// Shred destroys the client's data key now, in the caller's transaction,
// closes any open request, and records the erasure in the ledger. From the
// commit on, none of the client's content can be decrypted, on any server.
func (v *Vault) Shred(ctx context.Context, tx *store.Tx, clientID int64) error {
	if clientID <= 0 {
		return errs.E(errs.Invalid, "client id must be positive")
	}
	_, err := v.shred(ctx, tx, clientID, v.now(), true)
	return err
}

// shred destroys the key and closes open requests; it appends to the
// ledger when asked and something changed. It reports whether it did.
func (v *Vault) shred(ctx context.Context, tx *store.Tx, clientID int64, at time.Time, ledger bool) (bool, error) {
	at = utcMicro(at)
	changed, err := destroyDataKey(ctx, tx, clientID, at)
	if err != nil {
		return false, err
	}
	if _, err := tx.Exec(ctx, `UPDATE vault_erasures SET done_at = ?
		WHERE client_id = ? AND cancelled_at IS NULL AND done_at IS NULL`, at, clientID); err != nil {
		return false, errs.Wrap(err, "vault: closing erasure requests")
	}
	v.cache.drop(clientID)
	forgetTxKey(tx, clientID)
	if changed && ledger && v.cfg.LedgerPath != "" {
		return true, appendLedger(v.cfg.LedgerPath, LedgerEntry{ErasedAt: at, ClientID: clientID})
	}
	return changed, nil
}

// destroyDataKey nulls the wrapped key, or leaves a tombstone when the
// client never had one, so no key is created for them later. It reports
// whether anything changed.
func destroyDataKey(ctx context.Context, tx *store.Tx, clientID int64, at time.Time) (bool, error) {
	res, err := tx.Exec(ctx, `UPDATE vault_data_keys SET wrapped_key = NULL, master_key_id = '', destroyed_at = ?
		WHERE client_id = ? AND destroyed_at IS NULL`, at, clientID)
	if err != nil {
		return false, errs.Wrap(err, "vault: destroying a data key")
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, errs.Wrap(err, "vault: destroying a data key")
	}
	if n == 1 {
		return true, nil
	}
	res, err = tx.Exec(ctx, `INSERT INTO vault_data_keys (client_id, master_key_id, wrapped_key, created_at, destroyed_at)
		VALUES (?, '', NULL, ?, ?) ON CONFLICT (client_id) DO NOTHING`, clientID, at, at)
	if err != nil {
		return false, errs.Wrap(err, "vault: recording an erasure")
	}
	n, err = res.RowsAffected()
	return n == 1, errs.Wrap(err, "vault: recording an erasure")
}

func isErased(ctx context.Context, q store.Querier, clientID int64) (bool, error) {
	var destroyed sql.NullTime
	err := q.QueryRow(ctx, `SELECT destroyed_at FROM vault_data_keys WHERE client_id = ?`, clientID).Scan(&destroyed)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, errs.Wrap(err, "vault: reading a data key")
	}
	return destroyed.Valid, nil
}

// IsErased reports whether the client's content has been erased.
func IsErased(ctx context.Context, q store.Querier, clientID int64) (bool, error) {
	return isErased(ctx, q, clientID)
}

// ApplyLedger re-applies the erasure ledger at path to db; call it at
// start-up, so restoring a backup taken before an erasure cannot bring the
// erased content back. It returns how many clients it erased now.
func (v *Vault) ApplyLedger(ctx context.Context, db *store.DB, path string) (int, error) {
	entries, err := readLedgerFile(path)
	if err != nil {
		return 0, err
	}
	n := 0
	err = db.InTx(ctx, func(tx *store.Tx) error {
		for _, e := range entries {
			changed, err := v.shred(ctx, tx, e.ClientID, e.ErasedAt, false)
			if err != nil {
				return err
			}
			if changed {
				n++
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

func utcMicro(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }
