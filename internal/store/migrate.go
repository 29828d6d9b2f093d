package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
)

// migrations holds one directory per engine with the same file names; a test
// checks that the two lists match.
//
//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrations embed.FS

// MigrationFS returns the migrations of one engine.
func MigrationFS(d Dialect) fs.FS {
	sub, err := fs.Sub(migrations, "migrations/"+string(d))
	if err != nil {
		panic(err) // the embedded directories are fixed at build time
	}
	return sub
}

func (db *DB) provider() (*goose.Provider, error) {
	dialect := goose.DialectSQLite3
	if db.Dialect == Postgres {
		dialect = goose.DialectPostgres
	}
	return goose.NewProvider(dialect, db.Write, MigrationFS(db.Dialect))
}

// Migrate applies every pending migration.
func (db *DB) Migrate(ctx context.Context) error {
	p, err := db.provider()
	if err != nil {
		return fmt.Errorf("loading migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("applying migrations: %w", err)
	}
	return db.dropStat4(ctx)
}

// dropStat4 removes SQLite's STAT4 samples (left by an ANALYZE, which the
// application never runs itself, or by PRAGMA optimize), keeping
// sqlite_stat1's row counts. The driver is built with SQLITE_ENABLE_STAT4:
// with samples present, a statement whose plan consulted them for a bound
// value (client_id = ?, created_at >= ?) expires each time a value is bound
// again, and SQLite parses and plans it anew on every execution, so the
// prepared-statement cache saves nothing — 12 % of a client dashboard's
// CPU under load on the bench practice (issue 17). Every lookup here is by
// a key whose selectivity sqlite_stat1 describes well enough. Connections
// opened afterwards load the statistics without samples; Migrate runs
// before the server opens its readers.
func (db *DB) dropStat4(ctx context.Context) error {
	if db.Dialect != SQLite {
		return nil
	}
	var n int
	if err := db.Write.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_schema WHERE name = 'sqlite_stat4'`).Scan(&n); err != nil || n == 0 {
		return err
	}
	if _, err := db.Write.ExecContext(ctx, `DELETE FROM sqlite_stat4`); err != nil {
		return fmt.Errorf("removing SQLite's STAT4 samples: %w", err)
	}
	return nil
}

// MigrationStatus describes one migration.
type MigrationStatus struct {
	Version int64
	Name    string
	Applied bool
}

// MigrationStatuses lists every migration and whether it is applied.
func (db *DB) MigrationStatuses(ctx context.Context) ([]MigrationStatus, error) {
	p, err := db.provider()
	if err != nil {
		return nil, fmt.Errorf("loading migrations: %w", err)
	}
	statuses, err := p.Status(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading migration status: %w", err)
	}
	out := make([]MigrationStatus, len(statuses))
	for i, s := range statuses {
		out[i] = MigrationStatus{
			Version: s.Source.Version,
			Name:    s.Source.Path,
			Applied: s.State == goose.StateApplied,
		}
	}
	return out, nil
}
