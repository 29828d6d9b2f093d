package vault

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/binary"
	"fmt"
)

// Ciphertext layout, version 1:
//
//	version (1 byte = 1) | data key id (8 bytes, big-endian) | nonce (12) | AES-256-GCM ciphertext and tag
//
// The header is authenticated as part of the additional data, together with
// the client id, table, record id and field, so a ciphertext copied to
// another row, field or client fails to open.
const (
	formatV1    = 1
	headerSize  = 1 + 8
	nonceSize   = 12
	tagSize     = 16
	DataKeySize = 32
	// Overhead is how many bytes Seal adds to a plaintext.
	Overhead = headerSize + nonceSize + tagSize
)

// AAD names where a ciphertext belongs. Table and Field are the SQL names;
// RecordID is the row's id.
type AAD struct {
	Table    string
	RecordID int64
	Field    string
}

// isIdentifier reports whether s matches ^[a-z_][a-z0-9_]{0,62}$ (a loop:
// the regular expression was half of opening a field, issue 17).
func isIdentifier(s string) bool {
	if len(s) == 0 || len(s) > 63 || ('0' <= s[0] && s[0] <= '9') {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

func (a AAD) validate() error {
	if !isIdentifier(a.Table) || !isIdentifier(a.Field) {
		return fmt.Errorf("vault: table and field must be SQL identifiers, got %q and %q", a.Table, a.Field)
	}
	if a.RecordID <= 0 {
		return fmt.Errorf("vault: record id must be positive, got %d (insert the row first, then seal)", a.RecordID)
	}
	return nil
}

// fieldAAD is the additional data of a field ciphertext; names are
// length-prefixed so no two positions encode alike.
func fieldAAD(header []byte, clientID int64, a AAD) []byte {
	return appendFieldAAD(make([]byte, 0, 64+len(a.Table)+len(a.Field)), header, clientID, a)
}

// appendFieldAAD is fieldAAD appended to b (an Opener reuses one buffer).
func appendFieldAAD(b, header []byte, clientID int64, a AAD) []byte {
	b = append(b, "afterward/vault/field/v1"...)
	b = append(b, header...)
	b = binary.BigEndian.AppendUint64(b, uint64(clientID))
	b = appendString(b, a.Table)
	b = binary.BigEndian.AppendUint64(b, uint64(a.RecordID))
	return appendString(b, a.Field)
}

func appendString(b []byte, s string) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(s)))
	return append(b, s...)
}

func newGCM(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// sealField encrypts plaintext under a data key with a random nonce. With
// one key per client and 96-bit random nonces, a client would need billions
// of fields before nonce reuse became a concern.
func sealField(dek []byte, keyID, clientID int64, a AAD, plaintext []byte) ([]byte, error) {
	nonce := make([]byte, nonceSize)
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	return sealFieldWithNonce(dek, keyID, clientID, a, plaintext, nonce)
}

// sealFieldWithNonce lays out one ciphertext; only tests pass a fixed nonce.
func sealFieldWithNonce(dek []byte, keyID, clientID int64, a AAD, plaintext, nonce []byte) ([]byte, error) {
	gcm, err := newGCM(dek)
	if err != nil {
		return nil, err
	}
	out := make([]byte, headerSize, Overhead+len(plaintext))
	out[0] = formatV1
	binary.BigEndian.PutUint64(out[1:headerSize], uint64(keyID))
	out = append(out, nonce...)
	return gcm.Seal(out, nonce, plaintext, fieldAAD(out[:headerSize], clientID, a)), nil
}

// header is the parsed front of a ciphertext.
type header struct {
	keyID int64
}

// parseHeader checks the version and length and returns the data key id.
func parseHeader(ct []byte) (header, error) {
	if len(ct) < Overhead {
		return header{}, ErrUndecryptable
	}
	if ct[0] != formatV1 {
		return header{}, ErrUndecryptable
	}
	id := binary.BigEndian.Uint64(ct[1:headerSize])
	if id == 0 || id > 1<<63-1 {
		return header{}, ErrUndecryptable
	}
	return header{keyID: int64(id)}, nil
}

func openField(dek []byte, clientID int64, a AAD, ct []byte) ([]byte, error) {
	gcm, err := newGCM(dek)
	if err != nil {
		return nil, err
	}
	return openFieldWith(gcm, clientID, a, ct)
}

// openFieldWith is openField with the data key's cipher already set up
// (an Opener sets it up once for a page of fields).
func openFieldWith(gcm cipher.AEAD, clientID int64, a AAD, ct []byte) ([]byte, error) {
	nonce := ct[headerSize : headerSize+nonceSize]
	pt, err := gcm.Open(nil, nonce, ct[headerSize+nonceSize:], fieldAAD(ct[:headerSize], clientID, a))
	if err != nil {
		return nil, ErrUndecryptable
	}
	return pt, nil
}

// wrapAAD binds a wrapped data key to its client and master key, so wrapped
// keys cannot be swapped between clients' rows.
func wrapAAD(clientID int64, masterID string) []byte {
	b := []byte("afterward/vault/dek/v1")
	b = binary.BigEndian.AppendUint64(b, uint64(clientID))
	return appendString(b, masterID)
}

// wrapKey encrypts a data key under a master key: nonce | ciphertext | tag.
func wrapKey(m MasterKey, clientID int64, dek []byte) ([]byte, error) {
	gcm, err := newGCM(m.wrap)
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, nonceSize, nonceSize+DataKeySize+tagSize)
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	return gcm.Seal(nonce, nonce, dek, wrapAAD(clientID, m.id)), nil
}

func unwrapKey(m MasterKey, clientID int64, wrapped []byte) ([]byte, error) {
	if len(wrapped) != nonceSize+DataKeySize+tagSize {
		return nil, fmt.Errorf("vault: wrapped data key has %d bytes", len(wrapped))
	}
	gcm, err := newGCM(m.wrap)
	if err != nil {
		return nil, err
	}
	dek, err := gcm.Open(nil, wrapped[:nonceSize], wrapped[nonceSize:], wrapAAD(clientID, m.id))
	if err != nil {
		return nil, fmt.Errorf("vault: data key of client %d does not open under master key %s", clientID, m.id)
	}
	return dek, nil
}
