package store

import (
	"database/sql"
	"fmt"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL through pgx's database/sql driver
)

// postgresPool is the most connections one server opens. Every connection
// it keeps is a PostgreSQL backend process, so three servers stay well
// under the server's default max_connections (100).
const postgresPool = 20

func openPostgres(url string) (*DB, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("opening PostgreSQL database %s: %w", redact(url), err)
	}
	db.SetMaxOpenConns(postgresPool)
	// Keep every open connection when it goes idle. With fewer idle than
	// open, each burst above the idle bound closed connections on return and
	// opened new ones a moment later: a new backend (fork, authentication,
	// catalog caches) and pgx's per-connection prepared statements lost,
	// ~15 ms of PostgreSQL CPU per page view in the benchmark (issue 17).
	// Idle connections are released after a quiet while instead.
	db.SetMaxIdleConns(postgresPool)
	db.SetConnMaxIdleTime(5 * time.Minute)
	return &DB{Dialect: Postgres, Write: db, Read: db, writeGroup: &groupCommit{lanes: groupLanesPostgres}}, nil
}
