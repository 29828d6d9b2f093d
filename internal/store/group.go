package store

import (
	"context"
	"errors"
	"sync"
)

// GroupCommit runs work in a write transaction shared with the work of
// other concurrent GroupCommit calls, so a burst of small writes (the audit
// events of page views) costs one commit — one fsync — instead of one each.
// It returns once the transaction holding work has committed, or with the
// error that stopped it.
//
// There is no background goroutine: the first caller to find the group
// idle leads, committing everything queued so far; callers arriving
// meanwhile queue, and when the batch is done the first of them leads the
// next (with GroupWrite's lanes, a caller leads while a lane is free). A
// batch that fails is retried one work at a time, so one bad item fails
// only its own caller. Work must therefore be safe to run twice when its
// first run was rolled back (it is: it only writes inside the transaction).
func (db *DB) GroupCommit(ctx context.Context, work func(tx *Tx) error) error {
	return db.group.submit(ctx, db, work)
}

// GroupWrite is GroupCommit for work that runs statements of its own (a
// journal save, a questionnaire submission), not only audit events. On
// PostgreSQL its batches run in several lanes (groupLanesPostgres), each a
// transaction on its own connection: each statement is a round trip, and
// one lane left the server and this process mostly idle while a batch's
// saves ran one after another (issue 17). The batches' audit events still
// go one transaction at a time through the chain head's row lock, which
// each takes only for its last statements and its commit (audit.Append).
// Page views' events stay in GroupCommit's one lane: their batches do no
// work of their own, so more lanes would only mean more commits. SQLite has
// one writer connection, so there GroupWrite is GroupCommit.
func (db *DB) GroupWrite(ctx context.Context, work func(tx *Tx) error) error {
	return db.writes().submit(ctx, db, work)
}

// writes is GroupWrite's group.
func (db *DB) writes() *groupCommit {
	if db.writeGroup == nil {
		return &db.group
	}
	return db.writeGroup
}

// maxGroup bounds one batch, so one transaction stays short.
const maxGroup = 256

// groupLanesPostgres is how many batches run at once on PostgreSQL: enough
// to overlap one batch's commit with the next ones' statements, few
// enough to leave most of the pool (postgresPool) to reads.
const groupLanesPostgres = 4

type groupCommit struct {
	mu      sync.Mutex
	lanes   int // batches that may run at once (0 means 1)
	running int
	waiting []*groupItem
}

type groupItem struct {
	work func(tx *Tx) error
	done chan error // buffered: the result, or errLead
}

// errLead tells a waiting caller that it leads the next batch.
var errLead = errors.New("store: lead the next group commit")

func (g *groupCommit) submit(ctx context.Context, db *DB, work func(tx *Tx) error) error {
	it := &groupItem{work: work, done: make(chan error, 1)}
	g.mu.Lock()
	lead := g.running < max(g.lanes, 1)
	if lead {
		g.running++
	} else {
		g.waiting = append(g.waiting, it)
	}
	g.mu.Unlock()
	if lead {
		g.lead(ctx, db, it)
	}
	err := <-it.done
	if err == errLead {
		g.lead(ctx, db, it)
		err = <-it.done
	}
	return err
}

// lead commits first's work with the work queued behind it and hands the
// lane to the next waiter. The batch outlives a cancelled request: others'
// work rides in it.
func (g *groupCommit) lead(ctx context.Context, db *DB, first *groupItem) {
	ctx = context.WithoutCancel(ctx)
	g.mu.Lock()
	n := min(len(g.waiting), maxGroup-1)
	batch := make([]*groupItem, 0, n+1)
	batch = append(append(batch, first), g.waiting[:n]...)
	g.waiting = g.waiting[n:]
	g.mu.Unlock()

	err := db.InTx(ctx, func(tx *Tx) error {
		for _, it := range batch {
			if err := it.work(tx); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil && len(batch) > 1 {
		for _, it := range batch {
			it.done <- db.InTx(ctx, it.work)
		}
	} else {
		for _, it := range batch {
			it.done <- err
		}
	}

	g.mu.Lock()
	if len(g.waiting) == 0 {
		g.running--
	} else {
		next := g.waiting[0]
		g.waiting = g.waiting[1:]
		next.done <- errLead
	}
	g.mu.Unlock()
}
