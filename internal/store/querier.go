package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/afterward/afterward/internal/dates"
	"github.com/afterward/afterward/internal/errs"
)

// Querier is what domain SQL helpers take: either the database (reads) or a
// transaction. Both rebind `?` placeholders for the engine.
type Querier interface {
	Dialect() Dialect
	Exec(ctx context.Context, query string, args ...any) (sql.Result, error)
	Query(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRow(ctx context.Context, query string, args ...any) *sql.Row
}

// Tx is a write transaction, or a read (InReadTx).
type Tx struct {
	tx *sql.Tx
	// conn is a PostgreSQL read's one pooled connection, used without a
	// transaction (InReadTx); nil otherwise.
	conn     *sql.Conn
	dialect  Dialect
	auditKey []byte
	stmts    *stmtCache // the pool's prepared statements (nil: none)
	// beforeCommit runs, in order, after the transaction's work and
	// before it commits; values keeps the state such work gathers.
	beforeCommit []func(ctx context.Context) error
	values       map[any]any
	// detached: a short SQLite read (InShortReadTx) whose statements do
	// not watch their context; it is checked before each one instead.
	detached bool
	shared   *sync.Map // the DB's, in a write transaction; nil in a read
}

// Shared is state that the database handle keeps across its write
// transactions — the audit trail's guess of where its chain ends — so that
// one transaction can start from what an earlier one left. It is nil in a
// read. Keys are unexported types of the package that stores them.
func (t *Tx) Shared() *sync.Map { return t.shared }

// BeforeCommit adds fn to run once the transaction's work has succeeded,
// just before it commits, in the order added; an error rolls the whole
// transaction back and is returned by InTx. The audit trail uses it to
// write a transaction's events last, in one batch, so the chain head's
// row lock — which serialises every audited write — is held only for
// those statements and the commit. In a read-only transaction (InReadTx)
// anything added makes the transaction fail: nothing can be written there.
func (t *Tx) BeforeCommit(fn func(ctx context.Context) error) {
	t.beforeCommit = append(t.beforeCommit, fn)
}

// Value returns what SetValue stored under key in this transaction.
func (t *Tx) Value(key any) any { return t.values[key] }

// SetValue keeps v under key for the life of this transaction (state that
// BeforeCommit work gathers; use an unexported key type).
func (t *Tx) SetValue(key, v any) {
	if t.values == nil {
		t.values = map[any]any{}
	}
	t.values[key] = v
}

// finish runs the BeforeCommit work.
func (t *Tx) finish(ctx context.Context) error {
	for i := 0; i < len(t.beforeCommit); i++ { // work may add work
		if err := t.beforeCommit[i](ctx); err != nil {
			return err
		}
	}
	return nil
}

func (t *Tx) Dialect() Dialect { return t.dialect }

// AuditKey is the audit trail's key (nil when none was set).
func (t *Tx) AuditKey() []byte { return t.auditKey }

// SQL exposes the underlying transaction (for the job queue, which enqueues
// work in the same transaction as its cause).
func (t *Tx) SQL() *sql.Tx { return t.tx }

func (t *Tx) Exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if err := checkTimes(args); err != nil {
		return nil, err
	}
	if t.conn != nil {
		return nil, errReadOnly
	}
	q = rebind(t.dialect, q)
	if st := t.stmts.inTx(q); st != nil {
		return t.tx.StmtContext(ctx, st).ExecContext(ctx, args...)
	}
	return t.tx.ExecContext(ctx, q, args...)
}

func (t *Tx) Query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if err := checkTimes(args); err != nil {
		return nil, err
	}
	ctx = t.stmtCtx(ctx)
	q = rebind(t.dialect, q)
	if t.conn != nil {
		return t.conn.QueryContext(ctx, q, args...)
	}
	if st := t.stmts.inTx(q); st != nil {
		return t.tx.StmtContext(ctx, st).QueryContext(ctx, args...)
	}
	return t.tx.QueryContext(ctx, q, args...)
}

func (t *Tx) QueryRow(ctx context.Context, q string, args ...any) *sql.Row {
	ctx = t.stmtCtx(ctx)
	q = rebind(t.dialect, q)
	if t.conn != nil {
		return t.conn.QueryRowContext(ctx, q, args...)
	}
	if st := t.stmts.inTx(q); st != nil {
		return t.tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)
	}
	return t.tx.QueryRowContext(ctx, q, args...)
}

// stmtCtx is the context a statement of t runs under: ctx itself, or in
// a detached read (InShortReadTx) ctx without its cancellation while ctx
// is live — a ctx already done is kept, so the statement fails at once
// with ctx's error, as it would have.
func (t *Tx) stmtCtx(ctx context.Context) context.Context {
	if !t.detached || ctx.Err() != nil {
		return ctx
	}
	return context.WithoutCancel(ctx)
}

// reader runs queries on the read pool.
type reader struct{ db *DB }

func (r reader) Dialect() Dialect { return r.db.Dialect }

func (r reader) Exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return nil, errors.New("store: Exec on the read pool; use InTx")
}

func (r reader) Query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	q = r.db.Rebind(q)
	if st := r.db.readStmts.get(ctx, q); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return r.db.Read.QueryContext(ctx, q, args...)
}

func (r reader) QueryRow(ctx context.Context, q string, args ...any) *sql.Row {
	q = r.db.Rebind(q)
	if st := r.db.readStmts.get(ctx, q); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return r.db.Read.QueryRowContext(ctx, q, args...)
}

// Reader returns a Querier on the read pool, for reads that need no
// transaction.
func (db *DB) Reader() Querier { return reader{db} }

// InTx runs fn in a write transaction, committing when fn returns nil and
// rolling back otherwise (also when fn panics).
func (db *DB) InTx(ctx context.Context, fn func(tx *Tx) error) (err error) {
	sqlTx, err := db.Write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	tx := &Tx{tx: sqlTx, dialect: db.Dialect, auditKey: db.auditKey, stmts: db.writeStmts, shared: &db.shared}
	defer func() {
		if p := recover(); p != nil {
			_ = sqlTx.Rollback()
			panic(p)
		}
	}()
	if err := fn(tx); err != nil {
		_ = sqlTx.Rollback()
		return err
	}
	if err := tx.finish(ctx); err != nil {
		_ = sqlTx.Rollback()
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// InReadTx runs fn as one read on the read pool, beside the single SQLite
// writer rather than queued behind it. On SQLite it is a read-only
// transaction: one consistent snapshot, writes refused (query_only). On
// PostgreSQL it is one pooled connection without a transaction: a
// transaction there (READ COMMITTED) gave each statement its own snapshot
// all the same, and cost two of a page view's eight round trips (BEGIN,
// ROLLBACK; issue 17); Exec is refused, so nothing is written. Either way
// nothing is committed.
func (db *DB) InReadTx(ctx context.Context, fn func(tx *Tx) error) (err error) {
	if db.Dialect == Postgres {
		return db.inReadConn(ctx, fn)
	}
	sqlTx, err := db.Read.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin read: %w", err)
	}
	defer sqlTx.Rollback()
	tx := &Tx{tx: sqlTx, dialect: db.Dialect, auditKey: db.auditKey, stmts: db.readStmts}
	return tx.endRead(fn(tx))
}

// InShortReadTx is InReadTx for a page view's reads, each of which reads
// one client's records or one page of a list (the audited pages'
// snapshots, policy.ViewAll and ViewLists): on SQLite its
// statements do not watch ctx while they run, and ctx is checked before
// each statement instead — a cancelled request stops at its next
// statement. Watching a context costs the SQLite driver and database/sql
// two goroutines per statement (the driver's interrupt watcher, and the
// rows' closer) plus a progress handler set and cleared, about a tenth
// of the coach dashboard's CPU at ~15 statements a view (issue 17); an
// in-process read of a page's rows cannot hang on a network, so nothing
// needs interrupting mid-statement. Reads that may run long (the
// outcomes, the directory's rebuild) use InReadTx. On PostgreSQL, where
// a statement waits on the network, it is InReadTx.
func (db *DB) InShortReadTx(ctx context.Context, fn func(tx *Tx) error) error {
	if db.Dialect == Postgres {
		return db.inReadConn(ctx, fn)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	// BEGIN under ctx would start database/sql's watcher for the
	// transaction and for each of its rows: the read begins detached.
	sqlTx, err := db.Read.BeginTx(context.WithoutCancel(ctx), nil)
	if err != nil {
		return fmt.Errorf("store: begin read: %w", err)
	}
	defer sqlTx.Rollback()
	tx := &Tx{tx: sqlTx, dialect: db.Dialect, auditKey: db.auditKey, stmts: db.readStmts, detached: true}
	return tx.endRead(fn(tx))
}

// inReadConn is InReadTx on PostgreSQL: fn's statements on one connection.
func (db *DB) inReadConn(ctx context.Context, fn func(tx *Tx) error) error {
	conn, err := db.Read.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: begin read: %w", err)
	}
	defer conn.Close()
	tx := &Tx{conn: conn, dialect: db.Dialect, auditKey: db.auditKey}
	return tx.endRead(fn(tx))
}

// endRead is a read's result: fn's error, or an error if fn queued work
// to commit, which a read cannot.
func (t *Tx) endRead(err error) error {
	if err != nil {
		return err
	}
	if len(t.beforeCommit) > 0 {
		return errs.E(errs.Internal, "store: a write was queued in a read-only transaction")
	}
	return nil
}

// errReadOnly answers Exec in a read (InReadTx).
var errReadOnly = errs.E(errs.Internal, "store: a write in a read-only transaction")

// InsertID runs an `INSERT … RETURNING id` and returns the new id.
func InsertID(ctx context.Context, q Querier, query string, args ...any) (int64, error) {
	if err := checkTimes(args); err != nil {
		return 0, err
	}
	var id int64
	if err := q.QueryRow(ctx, query, args...).Scan(&id); err != nil {
		return 0, err
	}
	return id, nil
}

// Scope is where a service runs its SQL: in a transaction of its own, or —
// when the service is bound to a caller's transaction (the services'
// Within) — inside that one, so work such as billing a held session
// commits or fails with its cause.
type Scope struct {
	DB *DB
	Tx *Tx // nil: each call opens its own transaction
}

// InTx runs fn in the bound transaction, or in a new one.
func (s Scope) InTx(ctx context.Context, fn func(tx *Tx) error) error {
	if s.Tx != nil {
		return fn(s.Tx)
	}
	return s.DB.InTx(ctx, fn)
}

// Reader is where reads go: the bound transaction (so they see its
// writes), else the read pool.
func (s Scope) Reader() Querier {
	if s.Tx != nil {
		return s.Tx
	}
	return s.DB.Reader()
}

// checkTimes refuses to store a time past dates.MaxYear, whatever path it
// came by: such a value (year 9999 in a local zone is 10000 in UTC) is
// stored by SQLite but cannot be read back, and every page listing it
// would fail. Forms check their dates with field messages first; this is
// the backstop.
func checkTimes(args []any) error {
	for _, a := range args {
		var t time.Time
		switch v := a.(type) {
		case time.Time:
			t = v
		case *time.Time:
			if v == nil {
				continue
			}
			t = *v
		default:
			continue
		}
		if t.UTC().Year() > dates.MaxYear {
			return errs.E(errs.Invalid, "a date after %d cannot be stored; check the dates you entered", dates.MaxYear)
		}
	}
	return nil
}
