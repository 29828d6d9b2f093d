package audit

import (
	"context"
	"fmt"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// Append writes ev as the next event of the chain inside the caller's
// transaction and returns its id. Any error must fail the caller's
// transaction: an access that cannot be audited does not happen.
//
// The event is keyed with HMAC-SHA256 under the audit key, which lives
// outside the database (store.DB.SetAuditKey); without it Append fails.
//
// The first statement bumps the one-row head, which takes its row lock, so
// concurrent appenders (goroutines or servers) queue there and each reads
// the hash its predecessor committed. The lock is held until the caller
// commits, so call Append late in the transaction.
func Append(ctx context.Context, tx *store.Tx, ev Event) (int64, error) {
	if err := ev.Validate(); err != nil {
		return 0, err
	}
	key := tx.AuditKey()
	if len(key) == 0 {
		return 0, errs.E(errs.Internal, "audit: no audit key (the server sets it at start)")
	}
	ev = ev.normalize()
	var prev []byte
	err := tx.QueryRow(ctx, `UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, last_hash`).
		Scan(&ev.ID, &prev)
	if err != nil {
		return 0, errs.Wrap(err, "audit: advancing the chain head")
	}
	sum := eventMAC(key, ev, prev)
	_, err = tx.Exec(ctx, `INSERT INTO audit_events (id, at, actor_id, actor_role, action, resource_type,
		resource_id, client_id, outcome, client_ip, request_id, detail, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		ev.ID, ev.At, ev.ActorID, ev.ActorRole, ev.Action, ev.ResourceType,
		ev.ResourceID, ev.ClientID, ev.Outcome, ev.ClientIP, ev.RequestID, ev.Detail, nonNil(prev), sum)
	if err != nil {
		return 0, errs.Wrap(err, "audit: writing the event")
	}
	if _, err := tx.Exec(ctx, `UPDATE audit_head SET last_hash = ? WHERE id = 1`, sum); err != nil {
		return 0, errs.Wrap(err, "audit: recording the chain head")
	}
	return ev.ID, nil
}

// Record appends ev in a write transaction shared with other requests'
// events (store.DB.GroupCommit: one commit, one fsync, for a burst of page
// views) and returns once it is durable. It is how a read is audited: the
// caller reads in a read-only snapshot, then calls Record, and shows
// nothing unless Record returned nil — so no access is answered without
// its event, and reads no longer queue behind the single writer.
func Record(ctx context.Context, db *store.DB, ev Event) error {
	if err := ev.Validate(); err != nil {
		return err
	}
	return db.GroupCommit(ctx, func(tx *store.Tx) error {
		_, err := Append(ctx, tx, ev)
		return err
	})
}

// RecordAll is Record for the events of one page that shows several
// clients (a queue, a list): all of them in the same group commit, so
// the page is answered only once every event is durable.
func RecordAll(ctx context.Context, db *store.DB, evs []Event) error {
	for _, ev := range evs {
		if err := ev.Validate(); err != nil {
			return err
		}
	}
	if len(evs) == 0 {
		return nil
	}
	return db.GroupCommit(ctx, func(tx *store.Tx) error {
		for _, ev := range evs {
			if _, err := Append(ctx, tx, ev); err != nil {
				return err
			}
		}
		return nil
	})
}

// nonNil stores the genesis predecessor as an empty blob, not NULL.
func nonNil(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}

// Head is the checkpoint: the last sequence number and hash. Publishing it
// outside the database (logs, a notary) lets a later Verify prove that the
// whole chain up to it was not rewritten.
type Head struct {
	Seq  int64
	Hash []byte
	// KeyedFrom is the first keyed event: those before it were appended
	// before the audit key existed and form a plain SHA-256 chain, pinned
	// by the keyed MAC of event KeyedFrom (which covers its predecessor's
	// hash). KeyID names the key the chain is keyed with.
	KeyedFrom int64
	KeyID     string
}

// ReadHead returns the current checkpoint.
func ReadHead(ctx context.Context, q store.Querier) (Head, error) {
	var h Head
	err := q.QueryRow(ctx, `SELECT seq, last_hash, keyed_from, key_id FROM audit_head WHERE id = 1`).
		Scan(&h.Seq, &h.Hash, &h.KeyedFrom, &h.KeyID)
	if err != nil {
		return Head{}, store.NotFound(err, "audit head")
	}
	return h, nil
}

// MaxList caps one page of events.
const MaxList = 500

const eventColumns = `id, at, actor_id, actor_role, action, resource_type, resource_id,
	client_id, outcome, client_ip, request_id, detail`

// ListForClient returns the newest events about one client, newest first:
// who accessed their record and when.
func ListForClient(ctx context.Context, q store.Querier, clientID int64, limit int) ([]Event, error) {
	return ListForClientBefore(ctx, q, clientID, 0, limit)
}

// ListForClientBefore pages back through a client's events: those with an
// id below beforeID (0 = from the newest), newest first.
func ListForClientBefore(ctx context.Context, q store.Querier, clientID, beforeID int64, limit int) ([]Event, error) {
	if clientID <= 0 {
		return nil, errs.E(errs.Invalid, "client id must be positive")
	}
	if limit <= 0 || limit > MaxList {
		return nil, errs.E(errs.Invalid, "limit must be between 1 and %d", MaxList)
	}
	query := `SELECT ` + eventColumns + ` FROM audit_events WHERE client_id = ?`
	args := []any{clientID}
	if beforeID > 0 {
		query += ` AND id < ?`
		args = append(args, beforeID)
	}
	query += fmt.Sprintf(` ORDER BY id DESC LIMIT %d`, limit)
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, errs.Wrap(err, "audit: listing events")
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		if err := rows.Scan(&e.ID, &e.At, &e.ActorID, &e.ActorRole, &e.Action, &e.ResourceType,
			&e.ResourceID, &e.ClientID, &e.Outcome, &e.ClientIP, &e.RequestID, &e.Detail); err != nil {
			return nil, errs.Wrap(err, "audit: reading events")
		}
		e.At = e.At.UTC()
		out = append(out, e)
	}
	return out, errs.Wrap(rows.Err(), "audit: reading events")
}
