package audit

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// The chain's tip is where the chain ends: the head's sequence number and
// last hash. Each database handle keeps a guess of it (tipGuess), so that
// a batch of events can be chained before the head is read and written
// with the head in one conditional statement — on PostgreSQL one round
// trip instead of three for every audited write and every group of page
// views (issue 17). The condition (the head still at the guessed tip,
// checked under the head's row lock) keeps the chain whole: a wrong guess
// writes nothing, and the batch takes the head's lock and reads it as
// before (appendLocked).
type chainTip struct {
	seq  int64
	hash []byte
}

// missPause is how many batches go by the locked path after a wrong
// guess. Guesses go wrong when another server or process appends between
// this handle's batches; pausing bounds what the failed statements cost
// where that is frequent (several servers under load), and a handle alone
// is back to guessing soon after one failed commit.
const missPause = 8

// tipGuess is a database handle's guess. Its mutex is held from a batch's
// guess until its head statement has run — that is, until the batch holds
// the head's row lock, or knows the guess was wrong — so this handle's
// batches reach the head in the order they guessed: one batch guessing
// on from another that had not yet reached the head would find the head
// not yet there and miss. It adds no wait the row lock did not already
// impose: the next batch's statement would wait on the lock anyway.
type tipGuess struct {
	mu    sync.Mutex
	tip   chainTip
	known bool
	pause int
}

type tipKey struct{}

// guessed and missed count batches written at a guessed tip and wrong
// guesses, for the tests to see which path ran.
var guessed, misses atomic.Int64

// guessOf is the guess of tx's database handle (nil in a read).
func guessOf(tx *store.Tx) *tipGuess {
	m := tx.Shared()
	if m == nil {
		return nil
	}
	if g, ok := m.Load(tipKey{}); ok {
		return g.(*tipGuess) // LoadOrStore would allocate a guess every time
	}
	g, _ := m.LoadOrStore(tipKey{}, &tipGuess{})
	return g.(*tipGuess)
}

// write appends evs at the guessed tip when there is a guess, else (or
// when the guess was wrong) by the locked path, and keeps the tip it left
// as the next guess.
func (g *tipGuess) write(ctx context.Context, tx *store.Tx, key []byte, evs []Event, sums [][]byte) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.known && g.pause == 0 {
		to := chainOn(key, g.tip, evs, sums)
		wrote, err := appendAt(ctx, tx, g.tip, evs, sums)
		if err != nil {
			// Perhaps written in part (a later insert failed): the
			// transaction must fail, and the guess is not to be trusted.
			g.known = false
			return err
		}
		if wrote {
			guessed.Add(1)
			g.tip = to
			return nil
		}
		misses.Add(1)
		g.known, g.pause = false, missPause
	}
	g.pause = max(g.pause-1, 0)
	tip, err := appendLocked(ctx, tx, key, evs, sums)
	if err == nil {
		g.tip, g.known = tip, true
	}
	return err
}

// chainOn numbers evs after from and computes each one's MAC over its
// predecessor's, returning the tip after the last.
func chainOn(key []byte, from chainTip, evs []Event, sums [][]byte) chainTip {
	prev := from.hash
	for i := range evs {
		evs[i].ID = from.seq + int64(i) + 1
		sums[i] = eventMAC(key, evs[i], prev)
		prev = sums[i]
	}
	return chainTip{seq: from.seq + int64(len(evs)), hash: prev}
}

// appendAt writes evs, already chained on from, if the head is still at
// from: the head moves past them and the first insert's rows go with it
// (on PostgreSQL in the same statement). wrote is false, and no event is
// written, when the head has moved.
func appendAt(ctx context.Context, tx *store.Tx, from chainTip, evs []Event, sums [][]byte) (wrote bool, err error) {
	to := chainTip{seq: from.seq + int64(len(evs)), hash: sums[len(evs)-1]}
	first := min(len(evs), perInsert)
	if tx.Dialect() == store.Postgres {
		args := []any{from.seq, nonNil(from.hash), to.seq, from.seq, nonNil(from.hash), to.hash}
		args = append(append(args, eventArgs(evs[:first], sums, from.hash)...), to.hash)
		res, err := tx.Exec(ctx, movedHeadInserts.of(first), args...)
		if err != nil {
			return false, errs.Wrap(err, "audit: writing the events")
		}
		if n, err := res.RowsAffected(); err != nil || n != int64(first) {
			return false, err
		}
	} else {
		res, err := tx.Exec(ctx, `UPDATE audit_head SET seq = ?, last_hash = ? WHERE id = 1 AND seq = ? AND last_hash = ?`,
			to.seq, to.hash, from.seq, nonNil(from.hash))
		if err != nil {
			return false, errs.Wrap(err, "audit: advancing the chain head")
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return false, err
		}
		first = 0
	}
	return true, insertChunks(ctx, tx, evs, sums, from.hash, first)
}

// movedHeadInsert is PostgreSQL's statement for appendAt. The head's row
// is updated whatever its values — a condition on them in WHERE would be
// checked against the last committed head and skip the row, not wait for
// a batch ahead that holds its lock — and moves only if it is at the
// batch's start; the n events are inserted only if it moved. It reports
// n rows when it wrote, none when it did not. The parameters: the start's
// seq and hash, the new seq, the start's seq and hash, the new hash, the
// events, and the new hash again.
func movedHeadInsert(n int) string {
	var b strings.Builder
	b.WriteString(`WITH head AS (UPDATE audit_head SET
			seq = CASE WHEN seq = ? AND last_hash = ? THEN ? ELSE seq END,
			last_hash = CASE WHEN seq = ? AND last_hash = ? THEN ? ELSE last_hash END
		WHERE id = 1 RETURNING last_hash)
		INSERT INTO audit_events (` + insertColumns + `) SELECT v.* FROM head, (VALUES `)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(`(CAST(? AS BIGINT), CAST(? AS TIMESTAMPTZ), CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT),
			CAST(? AS TEXT), CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS BYTEA), CAST(? AS BYTEA))`)
	}
	b.WriteString(`) AS v WHERE head.last_hash = CAST(? AS BYTEA)`)
	return b.String()
}
