package auth

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
)

// Sealer encrypts a small secret at rest, bound to its context (aad), so a
// sealed value copied to another row does not open. It is the one seam for
// encryption in this package: internal/vault will implement it.
type Sealer interface {
	Seal(plaintext, aad []byte) ([]byte, error)
	Open(sealed, aad []byte) ([]byte, error)
}

// keySealer is AES-256-GCM under a key derived (HKDF-SHA256) from the
// data directory's master key. Sealed form: version byte, nonce, ciphertext.
type keySealer struct{ aead cipher.AEAD }

const sealVersion = 1

// NewKeySealer derives the TOTP sealing key from a master key of at least
// 32 bytes.
func NewKeySealer(master []byte) (Sealer, error) {
	if len(master) < 32 {
		return nil, errors.New("master key must be at least 32 bytes")
	}
	key, err := hkdf.Key(sha256.New, master, nil, "afterward auth totp secret v1", 32)
	if err != nil {
		return nil, fmt.Errorf("deriving sealing key: %w", err)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &keySealer{aead: aead}, nil
}

func (k *keySealer) Seal(plaintext, aad []byte) ([]byte, error) {
	nonce := make([]byte, k.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	out := append([]byte{sealVersion}, nonce...)
	return k.aead.Seal(out, nonce, plaintext, aad), nil
}

func (k *keySealer) Open(sealed, aad []byte) ([]byte, error) {
	n := k.aead.NonceSize()
	if len(sealed) < 1+n+k.aead.Overhead() || sealed[0] != sealVersion {
		return nil, errors.New("sealed value is malformed")
	}
	return k.aead.Open(nil, sealed[1:1+n], sealed[1+n:], aad)
}
