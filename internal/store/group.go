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
// There is no background goroutine: the first caller to find the group idle
// leads, committing everything queued so far; callers arriving meanwhile
// queue, and when the batch is done the first of them leads the next. A
// batch that fails is retried one work at a time, so one bad item fails
// only its own caller. Work must therefore be safe to run twice when its
// first run was rolled back (it is: it only writes inside the transaction).
func (db *DB) GroupCommit(ctx context.Context, work func(tx *Tx) error) error {
	return db.group.submit(ctx, db, work)
}

// maxGroup bounds one batch, so one transaction stays short.
const maxGroup = 256

type groupCommit struct {
	mu      sync.Mutex
	busy    bool
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
	g.waiting = append(g.waiting, it)
	lead := !g.busy
	g.busy = true
	g.mu.Unlock()
	if lead {
		g.lead(ctx, db)
	}
	err := <-it.done
	if err == errLead {
		g.lead(ctx, db)
		err = <-it.done
	}
	return err
}

// lead commits the queued work and hands the lead to the next waiter. The
// batch outlives a cancelled request: others' work rides in it.
func (g *groupCommit) lead(ctx context.Context, db *DB) {
	ctx = context.WithoutCancel(ctx)
	g.mu.Lock()
	n := min(len(g.waiting), maxGroup)
	batch := g.waiting[:n:n]
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
		g.busy = false
	} else {
		g.waiting[0].done <- errLead
	}
	g.mu.Unlock()
}
