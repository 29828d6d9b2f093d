package vault

import (
	"bytes"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// MasterKeySize is the size of a master key: AES-256.
const MasterKeySize = 32

// MasterKey wraps data keys. Its ID is derived from the key itself, so the
// environment variable needs no separate id and a key file whose id and key
// disagree is caught at start-up.
type MasterKey struct {
	id   string
	wrap []byte // HKDF-derived key-wrapping key; the raw key never encrypts
	raw  []byte
}

// ID names the key in the database (vault_data_keys.master_key_id) without
// revealing anything about it.
func (m MasterKey) ID() string { return m.id }

// Encode returns the key in base64, the form AFTERWARD_MASTER_KEY takes.
func (m MasterKey) Encode() string { return base64.StdEncoding.EncodeToString(m.raw) }

// Equal compares two keys in constant time.
func (m MasterKey) Equal(o MasterKey) bool { return subtle.ConstantTimeCompare(m.raw, o.raw) == 1 }

// NewMasterKey draws a fresh random key.
func NewMasterKey() (MasterKey, error) {
	raw := make([]byte, MasterKeySize)
	if _, err := rand.Read(raw); err != nil {
		return MasterKey{}, fmt.Errorf("vault: drawing a master key: %w", err)
	}
	return masterKeyFrom(raw)
}

// ParseMasterKey decodes a base64 key of exactly 32 bytes. Surrounding
// white space (a trailing newline in a file) is ignored.
func ParseMasterKey(s string) (MasterKey, error) {
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(s))
	if err != nil {
		return MasterKey{}, errors.New("a master key must be base64")
	}
	if len(raw) != MasterKeySize {
		return MasterKey{}, fmt.Errorf("a master key must be %d bytes, got %d", MasterKeySize, len(raw))
	}
	return masterKeyFrom(raw)
}

func masterKeyFrom(raw []byte) (MasterKey, error) {
	idBytes, err := hkdf.Key(sha256.New, raw, nil, "afterward/vault/master-key-id/v1", 8)
	if err != nil {
		return MasterKey{}, err
	}
	wrap, err := hkdf.Key(sha256.New, raw, nil, "afterward/vault/wrap/v1", 32)
	if err != nil {
		return MasterKey{}, err
	}
	return MasterKey{id: "mk_" + hex.EncodeToString(idBytes), wrap: wrap, raw: bytes.Clone(raw)}, nil
}

// Keyring is the set of master keys a process can use, newest first. The
// first (primary) wraps new data keys; the others only unwrap, during a
// rotation.
type Keyring struct {
	keys []MasterKey
}

// NewKeyring builds a keyring, newest key first.
func NewKeyring(keys ...MasterKey) (*Keyring, error) {
	if len(keys) == 0 {
		return nil, errors.New("a keyring needs at least one master key")
	}
	seen := map[string]bool{}
	for _, k := range keys {
		if k.id == "" {
			return nil, errors.New("a keyring holds an empty master key")
		}
		if seen[k.id] {
			return nil, fmt.Errorf("master key %s appears twice", k.id)
		}
		seen[k.id] = true
	}
	return &Keyring{keys: keys}, nil
}

// Primary is the key that wraps new and rewrapped data keys.
func (k *Keyring) Primary() MasterKey { return k.keys[0] }

// Keys lists the keys, newest first.
func (k *Keyring) Keys() []MasterKey { return append([]MasterKey(nil), k.keys...) }

func (k *Keyring) find(id string) (MasterKey, bool) {
	for _, m := range k.keys {
		if m.id == id {
			return m, true
		}
	}
	return MasterKey{}, false
}

// keyFileFormat names the key file's layout so a future one can differ.
const keyFileFormat = "afterward-master-keys/1"

type keyFile struct {
	Format string         `json:"format"`
	Keys   []keyFileEntry `json:"keys"`
}

type keyFileEntry struct {
	ID  string `json:"id"`
	Key string `json:"key"`
}

// ParseKeyFile decodes a key file: JSON naming its format and listing the
// keys newest first, each with its id. Unknown fields, a wrong format, an
// id that does not match its key and duplicates are refused.
func ParseKeyFile(data []byte) (*Keyring, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f keyFile
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("key file is not valid JSON: %w", err)
	}
	if dec.More() {
		return nil, errors.New("key file has data after its JSON object")
	}
	if f.Format != keyFileFormat {
		return nil, fmt.Errorf("key file format is %q, want %q", f.Format, keyFileFormat)
	}
	keys := make([]MasterKey, 0, len(f.Keys))
	for i, e := range f.Keys {
		k, err := ParseMasterKey(e.Key)
		if err != nil {
			return nil, fmt.Errorf("key file entry %d: %w", i+1, err)
		}
		if k.id != e.ID {
			return nil, fmt.Errorf("key file entry %d: id %q does not match its key", i+1, e.ID)
		}
		keys = append(keys, k)
	}
	return NewKeyring(keys...)
}

// MarshalKeyFile encodes a keyring as a key file.
func MarshalKeyFile(k *Keyring) []byte {
	f := keyFile{Format: keyFileFormat}
	for _, m := range k.keys {
		f.Keys = append(f.Keys, keyFileEntry{ID: m.id, Key: m.Encode()})
	}
	out, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		panic(err) // strings only: cannot fail
	}
	return append(out, '\n')
}
