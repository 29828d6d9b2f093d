package audit

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// Append adds ev to the chain as part of the caller's transaction: the
// event commits with the transaction's other writes or not at all, so an
// access that cannot be audited does not happen. Any error must fail the
// caller's transaction.
//
// The event is keyed with HMAC-SHA256 under the audit key, which lives
// outside the database (store.DB.SetAuditKey); without it Append fails.
//
// The transaction's events are written last, in one batch, just before it
// commits (store.Tx.BeforeCommit): writing them bumps the one-row head,
// which takes its row lock, so concurrent appenders (goroutines or servers)
// queue there and each reads the hash its predecessor committed. Writing
// them last keeps that lock — which serialises every audited write — for
// their statements and the commit only (one statement on PostgreSQL when
// the handle guessed the chain's tip right, tip.go), not for the caller's own work
// (issue 17: on PostgreSQL, 19 of 20 connections waited on it while the
// holder did its work). A group commit's events (Record) go in the same
// single batch.
func Append(ctx context.Context, tx *store.Tx, ev Event) error {
	if err := ev.Validate(); err != nil {
		return err
	}
	key := tx.AuditKey()
	if len(key) == 0 {
		return errs.E(errs.Internal, "audit: no audit key (the server sets it at start)")
	}
	p, _ := tx.Value(pendingKey{}).(*pending)
	if p == nil {
		p = &pending{}
		tx.SetValue(pendingKey{}, p)
		tx.BeforeCommit(func(ctx context.Context) error { return writeEvents(ctx, tx, key, p.events) })
	}
	p.events = append(p.events, ev.normalize())
	return nil
}

// pending holds a transaction's events until it commits.
type pending struct{ events []Event }

type pendingKey struct{}

// perInsert bounds the rows of one INSERT (14 parameters each).
const perInsert = 64

// writeEvents appends evs to the chain. When the database handle has a
// guess of the chain's tip, the events are chained on from it and written
// with the head in one conditional step (appendAt); otherwise, or when
// the guess was wrong, by the locked path (appendLocked).
func writeEvents(ctx context.Context, tx *store.Tx, key []byte, evs []Event) error {
	if len(evs) == 0 {
		return nil
	}
	sums := make([][]byte, len(evs))
	if g := guessOf(tx); g != nil {
		return g.write(ctx, tx, key, evs, sums)
	}
	_, err := appendLocked(ctx, tx, key, evs, sums)
	return err
}

// appendLocked appends evs where the chain ends: one statement takes the
// head's lock and reserves their sequence numbers, then the events are
// inserted (64 rows a statement) and the head records the last hash.
func appendLocked(ctx context.Context, tx *store.Tx, key []byte, evs []Event, sums [][]byte) (chainTip, error) {
	var from chainTip
	err := tx.QueryRow(ctx, `UPDATE audit_head SET seq = seq + ? WHERE id = 1 RETURNING seq, last_hash`, int64(len(evs))).
		Scan(&from.seq, &from.hash)
	if err != nil {
		return chainTip{}, errs.Wrap(err, "audit: advancing the chain head")
	}
	from.seq -= int64(len(evs))
	to := chainOn(key, from, evs, sums)
	if err := insertChunks(ctx, tx, evs, sums, from.hash, 0); err != nil {
		return chainTip{}, err
	}
	if _, err := tx.Exec(ctx, `UPDATE audit_head SET last_hash = ? WHERE id = 1`, to.hash); err != nil {
		return chainTip{}, errs.Wrap(err, "audit: recording the chain head")
	}
	return to, nil
}

// insertChunks inserts evs[from:], chained and summed, 64 rows a
// statement; prev is the hash before evs[0].
func insertChunks(ctx context.Context, tx *store.Tx, evs []Event, sums [][]byte, prev []byte, from int) error {
	for start := from; start < len(evs); start += perInsert {
		end := min(start+perInsert, len(evs))
		before := prev
		if start > 0 {
			before = sums[start-1]
		}
		if _, err := tx.Exec(ctx, eventInserts.of(end-start), eventArgs(evs[start:end], sums[start:end], before)...); err != nil {
			return errs.Wrap(err, "audit: writing the events")
		}
	}
	return nil
}

// eventArgs is the insert's parameters for evs, whose sums are sums and
// whose first predecessor's hash is prev.
func eventArgs(evs []Event, sums [][]byte, prev []byte) []any {
	args := make([]any, 0, 14*len(evs))
	for i, ev := range evs {
		args = append(args, ev.ID, ev.At, ev.ActorID, ev.ActorRole, ev.Action, ev.ResourceType,
			ev.ResourceID, ev.ClientID, ev.Outcome, ev.ClientIP, ev.RequestID, ev.Detail, nonNil(prev), sums[i])
		prev = sums[i]
	}
	return args
}

const insertColumns = `id, at, actor_id, actor_role, action, resource_type,
		resource_id, client_id, outcome, client_ip, request_id, detail, prev_hash, hash`

// batchStatements is a statement's text for each batch size up to
// perInsert, built on first use: a batch's insert is a few kilobytes of
// text that would otherwise be built again for every batch.
type batchStatements struct {
	build func(n int) string
	texts [perInsert + 1]atomic.Pointer[string]
}

func (b *batchStatements) of(n int) string {
	if t := b.texts[n].Load(); t != nil {
		return *t
	}
	t := b.build(n)
	b.texts[n].Store(&t)
	return t
}

var (
	eventInserts     = &batchStatements{build: insertEvents}
	movedHeadInserts = &batchStatements{build: movedHeadInsert}
)

// insertEvents is the INSERT of n events.
func insertEvents(n int) string {
	var b strings.Builder
	b.WriteString(`INSERT INTO audit_events (` + insertColumns + `) VALUES `)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
	}
	return b.String()
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
		return Append(ctx, tx, ev)
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
			if err := Append(ctx, tx, ev); err != nil {
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
