package app

import (
	"context"
	"crypto/rand"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/riverqueue/river"

	"github.com/afterward/afterward/internal/store"
)

// masterKeyFile holds the data directory's 256-bit master key. Keys that
// encrypt data at rest (today the TOTP secrets) are derived from it. Back it
// up apart from the database, and give every server sharing a PostgreSQL
// database the same file.
const masterKeyFile = "master.key"

// loadMasterKey reads the master key, creating it on first start.
func loadMasterKey(dataDir string) ([]byte, error) {
	path := filepath.Join(dataDir, masterKeyFile)
	key, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if err := ensureDataDir(dataDir); err != nil {
			return nil, err
		}
		key = make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			return nil, err
		}
		if err := os.WriteFile(path, key, 0o600); err != nil {
			return nil, usagef("cannot write the master key %s (%v); check --data-dir", path, rootCause(err))
		}
		return key, nil
	}
	if err != nil {
		return nil, usagef("cannot read the master key %s (%v); check --data-dir", path, rootCause(err))
	}
	if len(key) < 32 {
		return nil, usagef("the master key %s is damaged (%d bytes, want 32); restore it from your backup", path, len(key))
	}
	return key, nil
}

// lateQueue lets services that enqueue jobs be built before the queue,
// whose workers in turn need those services.
type lateQueue struct{ a *App }

func (q lateQueue) Enqueue(ctx context.Context, tx *store.Tx, args river.JobArgs, opts *river.InsertOpts) error {
	return q.a.Queue.Enqueue(ctx, tx, args, opts)
}
