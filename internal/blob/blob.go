// Package blob stores opaque byte objects (attachment files, thumbnails)
// outside the database behind one small interface, so a single server can
// keep them in a local directory and several servers can share an
// S3-compatible object store. Objects are written already encrypted by the
// caller (see internal/vault); a blob store never sees plaintext and never
// interprets what it holds.
//
// Two stores exist: Local (a directory) and S3 (one bucket on an
// S3-compatible server: Put = PutObject, Get = GetObject, Delete =
// DeleteObject with the same keys, signed with SigV4 in sigv4.go). Callers
// see only Store.
package blob

import (
	"context"
	"io"
	"regexp"

	"github.com/afterward/afterward/internal/errs"
)

// Store keeps objects by key. Keys are made by the caller with NewKey.
type Store interface {
	// Put writes the whole object; it is visible to Get only once complete.
	Put(ctx context.Context, key string, data []byte) error
	// Get returns the object, or an errs.NotFound error.
	Get(ctx context.Context, key string) (io.ReadCloser, error)
	// Delete removes the object; deleting a missing key is not an error.
	Delete(ctx context.Context, key string) error
}

// keyPattern: lower-case hex groups separated by slashes, so a key is safe
// as a file path and as an object name on every store.
var keyPattern = regexp.MustCompile(`^[a-z0-9]{1,32}(/[a-z0-9]{1,64}){0,3}$`)

// ValidKey reports whether key is a key this package accepts.
func ValidKey(key string) bool { return keyPattern.MatchString(key) }

func checkKey(key string) error {
	if !ValidKey(key) {
		return errs.E(errs.Invalid, "blob: malformed key")
	}
	return nil
}
