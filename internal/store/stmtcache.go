package store

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps prepared statements per query text for one SQLite pool.
// The pure-Go driver prepares — parses and plans — every statement it runs
// unless it was prepared before; profiles of the audited pages showed a
// fifth of their CPU in SQLite's parser (issue 17). database/sql keeps a
// prepared *sql.Stmt per pool connection, so each connection parses a
// query once. PostgreSQL needs none of this: pgx caches statements itself.
//
// A transaction holds its connection, and preparing on the pool needs one
// (the SQLite writer has only one): so a transaction never prepares on the
// pool. It uses a statement already cached — database/sql then prepares it
// on the transaction's own connection once — and otherwise runs the query
// unprepared and has it prepared on the pool in the background, once.
type stmtCache struct {
	pool    *sql.DB
	mu      sync.Mutex
	stmts   map[string]*sql.Stmt
	pending map[string]bool
	closed  bool
}

// maxCachedStmts bounds the cache: queries built with a variable number of
// placeholders would otherwise grow it without end; past the bound they
// are simply not cached.
const maxCachedStmts = 1024

func newStmtCache(pool *sql.DB) *stmtCache {
	return &stmtCache{pool: pool, stmts: map[string]*sql.Stmt{}, pending: map[string]bool{}}
}

// get returns the prepared statement for a query run outside any
// transaction, preparing it once; nil when the cache is full or preparing
// failed (the caller then runs the query unprepared, which reports any
// error as before).
func (c *stmtCache) get(ctx context.Context, query string) *sql.Stmt {
	if st, cached := c.cached(query); st != nil || !cached {
		return st
	}
	st, err := c.pool.PrepareContext(context.WithoutCancel(ctx), query)
	if err != nil {
		return nil
	}
	return c.store(query, st)
}

// inTx returns the cached statement for a query run inside a transaction,
// or nil after starting its preparation in the background.
func (c *stmtCache) inTx(query string) *sql.Stmt {
	st, cacheable := c.cached(query)
	if st != nil || !cacheable {
		return st
	}
	c.mu.Lock()
	start := !c.pending[query] && !c.closed
	c.pending[query] = true
	c.mu.Unlock()
	if start {
		go func() {
			if st, err := c.pool.Prepare(query); err == nil {
				c.store(query, st)
			}
		}()
	}
	return nil
}

// cached looks query up; cacheable is false when there is no cache or it
// is full.
func (c *stmtCache) cached(query string) (st *sql.Stmt, cacheable bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if st := c.stmts[query]; st != nil {
		return st, true
	}
	return nil, len(c.stmts) < maxCachedStmts && !c.closed
}

func (c *stmtCache) store(query string, st *sql.Stmt) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	if prev := c.stmts[query]; prev != nil || c.closed {
		st.Close()
		return prev
	}
	c.stmts[query] = st
	return st
}

func (c *stmtCache) close() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.stmts {
		st.Close()
	}
	c.stmts, c.closed = map[string]*sql.Stmt{}, true
}
