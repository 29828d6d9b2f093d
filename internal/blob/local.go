package blob

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/afterward/afterward/internal/errs"
)

// Local keeps objects as files under one directory (default
// DATA_DIR/blobs). Writes go to a temporary file that is synced and renamed,
// so a crash never leaves half an object under its key.
type Local struct{ dir string }

// NewLocal creates dir (mode 0700) if needed.
func NewLocal(dir string) (*Local, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("blob: creating %s: %w", dir, err)
	}
	return &Local{dir: dir}, nil
}

func (l *Local) path(key string) string { return filepath.Join(l.dir, filepath.FromSlash(key)) }

// Put writes data under key atomically.
func (l *Local) Put(ctx context.Context, key string, data []byte) error {
	if err := checkKey(key); err != nil {
		return err
	}
	p := l.path(key)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return errs.Wrap(err, "blob: creating directory")
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return errs.Wrap(err, "blob: creating file")
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return errs.Wrap(err, "blob: writing")
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return errs.Wrap(err, "blob: syncing")
	}
	if err := tmp.Close(); err != nil {
		return errs.Wrap(err, "blob: closing")
	}
	return errs.Wrap(os.Rename(tmp.Name(), p), "blob: renaming")
}

// Get opens the object stored under key.
func (l *Local) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	if err := checkKey(key); err != nil {
		return nil, err
	}
	f, err := os.Open(l.path(key))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errs.NotFoundf("file not found")
	}
	return f, errs.Wrap(err, "blob: opening")
}

// Delete removes the object under key.
func (l *Local) Delete(ctx context.Context, key string) error {
	if err := checkKey(key); err != nil {
		return err
	}
	err := os.Remove(l.path(key))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return errs.Wrap(err, "blob: deleting")
}

// NewKey returns a fresh random key under prefix (a short lower-case word
// such as "att"), spread over 256 sub-directories.
func NewKey(prefix string) string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	h := hex.EncodeToString(b)
	return prefix + "/" + h[:2] + "/" + h
}
