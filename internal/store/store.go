// Package store opens Afterward's database — embedded SQLite by default,
// PostgreSQL for deployments with several servers — applies the embedded
// migrations, and offers a thin portable layer over database/sql: queries are
// written once with `?` placeholders and rebound for PostgreSQL. There is no
// ORM; domain packages keep their own hand-written SQL.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/afterward/afterward/internal/errs"
)

// Dialect names the database engine behind a DB.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is an open database. Writes go through Write; reads that need no
// transaction may use Read. On SQLite, Write holds a single connection so
// writers queue in Go instead of failing with SQLITE_BUSY; Read is a pool of
// read-only connections that WAL lets run beside the writer. On PostgreSQL
// both are the same pool.
type DB struct {
	Dialect Dialect
	Write   *sql.DB
	Read    *sql.DB
	url     string
	group   groupCommit
	// writeGroup is GroupWrite's group when it is not group (PostgreSQL).
	writeGroup *groupCommit
	// auditKey keys the audit chain (see SetAuditKey).
	auditKey []byte
	// Prepared statements per pool (SQLite only; nil on PostgreSQL).
	readStmts, writeStmts *stmtCache
	// shared is what write transactions keep across each other (Tx.Shared).
	shared sync.Map
}

// SetAuditKey gives the database the audit trail's HMAC key, which lives
// outside the database (beside the master key). It is held here so that
// audit.Append, called inside every service's transaction, finds it through
// the transaction without each caller passing it. Call it once, before
// serving.
func (db *DB) SetAuditKey(key []byte) { db.auditKey = append([]byte(nil), key...) }

// Open connects to url: "postgres://…" or "postgresql://…" selects
// PostgreSQL; "sqlite:PATH", "file:PATH" or a plain path selects SQLite.
// It pings the database so a wrong address fails here, clearly.
func Open(ctx context.Context, url string) (*DB, error) {
	var db *DB
	var err error
	if IsPostgresURL(url) {
		db, err = openPostgres(url)
	} else {
		db, err = openSQLite(sqlitePath(url))
	}
	if err != nil {
		return nil, err
	}
	db.url = url
	if err := db.Ping(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// IsPostgresURL reports whether url names a PostgreSQL server.
func IsPostgresURL(url string) bool {
	return strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://")
}

func sqlitePath(url string) string {
	for _, prefix := range []string{"sqlite://", "sqlite:", "file:"} {
		if strings.HasPrefix(url, prefix) {
			return strings.TrimPrefix(url, prefix)
		}
	}
	return url
}

// Ping checks that both pools answer.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.Write.PingContext(ctx); err != nil {
		return fmt.Errorf("database %s is not reachable: %w", redact(db.url), err)
	}
	if err := db.Read.PingContext(ctx); err != nil {
		return fmt.Errorf("database %s is not reachable: %w", redact(db.url), err)
	}
	return nil
}

// Close closes both pools.
func (db *DB) Close() error {
	db.readStmts.close()
	db.writeStmts.close()
	err := db.Write.Close()
	if db.Read != db.Write {
		err = errors.Join(err, db.Read.Close())
	}
	return err
}

// Rebind turns `?` placeholders into `$1, $2, …` for PostgreSQL. Question
// marks inside single-quoted literals are left alone.
func (db *DB) Rebind(query string) string { return rebind(db.Dialect, query) }

func rebind(d Dialect, query string) string {
	if d != Postgres || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 8)
	n, inQuote := 0, false
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'':
			inQuote = !inQuote
			b.WriteByte(c)
		case c == '?' && !inQuote:
			n++
			fmt.Fprintf(&b, "$%d", n)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// redact hides a password in a database URL before it is shown or logged.
func redact(url string) string {
	at := strings.LastIndex(url, "@")
	scheme := strings.Index(url, "://")
	if at < 0 || scheme < 0 {
		return url
	}
	userinfo := url[scheme+3 : at]
	if colon := strings.Index(userinfo, ":"); colon >= 0 {
		return url[:scheme+3] + userinfo[:colon] + ":***" + url[at:]
	}
	return url
}

// Redact is exported for logging configuration.
func Redact(url string) string { return redact(url) }

// notFound maps sql.ErrNoRows to a NotFound error naming the thing.
func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return errs.NotFoundf("%s not found", what)
	}
	return errs.Wrap(err, "reading "+what)
}

// NotFound is used by domain store helpers after QueryRow().Scan.
func NotFound(err error, what string) error { return notFound(err, what) }
