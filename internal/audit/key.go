package audit

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// The audit key lives outside the database, like the master key: in
// AFTERWARD_AUDIT_KEY (base64 of 32 bytes; every server of a PostgreSQL
// deployment needs the same one) or in <data dir>/audit.key, created with
// mode 0600 on first start. Someone who can write the database but does not
// hold it cannot recompute the chain after changing an event.
const (
	EnvKey      = "AFTERWARD_AUDIT_KEY"
	KeyFileName = "audit.key"
	KeySize     = 32
)

// KeyFilePath is where the key file lives in a data directory.
func KeyFilePath(dataDir string) string { return filepath.Join(dataDir, KeyFileName) }

// LoadKey returns the audit key from the environment, else from the key
// file, creating the file when create is set and it is missing.
func LoadKey(getenv func(string) string, dataDir string, create bool) ([]byte, error) {
	if s := getenv(EnvKey); s != "" {
		k, err := ParseKey(s)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", EnvKey, err)
		}
		return k, nil
	}
	path := KeyFilePath(dataDir)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && create {
		return createKeyFile(path)
	}
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no audit key: set %s or restore %s", EnvKey, path)
	}
	if err != nil {
		return nil, fmt.Errorf("reading the audit key: %w", err)
	}
	k, err := ParseKey(strings.TrimSpace(string(data)))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return k, nil
}

// ParseKey decodes a base64 key of KeySize bytes.
func ParseKey(s string) ([]byte, error) {
	k, err := base64.StdEncoding.DecodeString(strings.TrimSpace(s))
	if err != nil || len(k) != KeySize {
		return nil, fmt.Errorf("the audit key must be %d random bytes in base64 (openssl rand -base64 32)", KeySize)
	}
	return k, nil
}

// NewKey returns a fresh random key in the form ParseKey reads.
func NewKey() string {
	k := make([]byte, KeySize)
	_, _ = rand.Read(k)
	return base64.StdEncoding.EncodeToString(k)
}

func createKeyFile(path string) ([]byte, error) {
	s := NewKey()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("creating the audit key file: %w", err)
	}
	if _, err := f.WriteString(s + "\n"); err != nil {
		f.Close()
		return nil, fmt.Errorf("writing the audit key file: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return nil, fmt.Errorf("writing the audit key file: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	return ParseKey(s)
}

// KeyID names a key without revealing it (the first 8 bytes of an HMAC of
// a fixed label, in hex).
func KeyID(key []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("afterward/audit/key-id"))
	return hex.EncodeToString(m.Sum(nil)[:8])
}

// BindKey records which key the chain is keyed with on first use and
// refuses another key afterwards: a server started with the wrong key
// would otherwise append events nobody can verify.
func BindKey(ctx context.Context, db *store.DB, key []byte) error {
	id := KeyID(key)
	return db.InTx(ctx, func(tx *store.Tx) error {
		var bound string
		if err := tx.QueryRow(ctx, `SELECT key_id FROM audit_head WHERE id = 1`).Scan(&bound); err != nil {
			return errs.Wrap(err, "audit: reading the key id")
		}
		switch bound {
		case id:
			return nil
		case "":
			_, err := tx.Exec(ctx, `UPDATE audit_head SET key_id = ? WHERE id = 1`, id)
			return errs.Wrap(err, "audit: recording the key id")
		}
		return errs.E(errs.Invalid, "the audit key (id %s) is not the one this practice's audit trail is keyed with (id %s)", id, bound)
	})
}
