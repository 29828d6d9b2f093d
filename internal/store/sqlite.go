package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"runtime"
	"strings"

	_ "modernc.org/sqlite" // pure-Go SQLite driver: no cgo, one static binary
)

// sqlitePragmas are applied to every connection, in this order:
//   - busy_timeout first, so that even the following pragmas wait for a lock
//     instead of failing with SQLITE_BUSY;
//   - WAL, so readers never block the writer and a reader pool is useful;
//   - foreign_keys, which SQLite leaves off by default;
//   - synchronous=FULL: clinical records must survive a power cut, and the
//     extra fsync per commit is cheap at a coaching practice's write rate;
//   - secure_delete: deleted and overwritten content is zeroed in its page
//     instead of left in free space, so an erased client's text does not
//     survive in the file (one extra write per freed cell; erasure relies on
//     it, see Scrub).
var sqlitePragmas = []string{
	"busy_timeout(10000)",
	"journal_mode(WAL)",
	"foreign_keys(1)",
	"synchronous(FULL)",
	"secure_delete(1)",
}

func sqliteDSN(path string, readOnly bool) string {
	q := url.Values{}
	for _, p := range sqlitePragmas {
		q.Add("_pragma", p)
	}
	// Store times in a sortable text form that the driver parses back into
	// time.Time for TIMESTAMP columns.
	q.Set("_time_format", "sqlite")
	if readOnly {
		// The read pool refuses writes, so a write that forgot InTx fails
		// loudly instead of racing the single writer.
		q.Add("_pragma", "query_only(1)")
	}
	return "file:" + path + "?" + q.Encode()
}

func openSQLite(path string) (*DB, error) {
	if err := privateFiles(path); err != nil {
		return nil, err
	}
	write, err := sql.Open("sqlite", sqliteDSN(path, false))
	if err != nil {
		return nil, fmt.Errorf("opening SQLite database %s: %w", path, err)
	}
	// One writer: SQLite allows one write transaction at a time, and queueing
	// in the pool is kinder than SQLITE_BUSY retries.
	write.SetMaxOpenConns(1)
	write.SetConnMaxIdleTime(0)

	read, err := sql.Open("sqlite", sqliteDSN(path, true))
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("opening SQLite database %s: %w", path, err)
	}
	// Keep every reader open when idle (database/sql keeps only two by
	// default): a reader closed after a burst and reopened a moment later
	// parses the schema again and loses its prepared statements, which was
	// a quarter of the CPU of a client's dashboard under load (issue 17).
	readers := max(4, runtime.NumCPU())
	read.SetMaxOpenConns(readers)
	read.SetMaxIdleConns(readers)
	return &DB{Dialect: SQLite, Write: write, Read: read, readStmts: newStmtCache(read), writeStmts: newStmtCache(write)}, nil
}

// Scrub makes deleted content unrecoverable from the files after an
// erasure. On SQLite it checkpoints the write-ahead log into the database
// and truncates it to zero bytes: WAL frames keep whole old pages, with the
// text an erasure just overwrote, until they are overwritten by later
// frames. It waits for readers (busy_timeout) and reports when one held
// the log. PostgreSQL keeps dead row versions in its files until VACUUM
// reclaims them; pg_dump and every query see only live rows, so Scrub asks
// nothing of it (docs/security.md says when to VACUUM).
func (db *DB) Scrub(ctx context.Context) error {
	if db.Dialect != SQLite {
		return nil
	}
	var busy, logFrames, done int
	if err := db.Write.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logFrames, &done); err != nil {
		return fmt.Errorf("checkpointing the write-ahead log: %w", err)
	}
	if busy != 0 {
		return fmt.Errorf("checkpointing the write-ahead log: a reader held it; %d of %d frames copied", done, logFrames)
	}
	return nil
}

// BackupSQLite writes a consistent copy of the database to path using
// VACUUM INTO: one read snapshot, no pause for writers.
func (db *DB) BackupSQLite(ctx context.Context, path string) error {
	if db.Dialect != SQLite {
		return fmt.Errorf("backup: not a SQLite database")
	}
	if _, err := db.Write.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	return os.Chmod(path, 0o600)
}

// privateFiles makes the database file readable by its owner only (0600),
// creating it so when new. SQLite gives the -wal and -shm files it makes
// the main file's permissions, so they follow. Existing files with wider
// permissions are narrowed. In-memory databases have no file.
func privateFiles(path string) error {
	if path == "" || strings.HasPrefix(path, ":memory:") || strings.Contains(path, "mode=memory") {
		return nil
	}
	file := path
	if i := strings.IndexByte(file, '?'); i >= 0 {
		file = file[:i]
	}
	f, err := os.OpenFile(file, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("opening SQLite database %s: %w", file, err)
	}
	f.Close()
	for _, name := range []string{file, file + "-wal", file + "-shm"} {
		if err := os.Chmod(name, 0o600); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("making SQLite database %s private: %w", name, err)
		}
	}
	return nil
}
