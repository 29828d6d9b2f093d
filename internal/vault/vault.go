// Package vault encrypts sensitive content before it reaches the database
// and makes it unreadable on request (crypto-shredding).
//
// Each client has one random AES-256 data key, created lazily inside the
// caller's transaction and stored only wrapped (AES-256-GCM) by a master key
// that lives outside the database: AFTERWARD_MASTER_KEY, or a key file
// created with mode 0600 in the data directory. Field values are sealed with
// AES-256-GCM under the client's data key, with the client id, table, record
// id and field name bound as additional data so a ciphertext cannot be moved
// to another row. Destroying a client's wrapped data key makes all of their
// content unreadable at once, in every backup that is restored after the
// erasure ledger is applied.
//
// Binding a record id that is only known after `INSERT … RETURNING id`:
// insert the row with the sealed columns empty, then call SealInto (or Seal
// and your own UPDATE) in the same transaction. Nobody sees the row between
// the two statements, and a failure rolls both back.
package vault

import (
	"context"
	"crypto/cipher"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

var (
	// ErrErased: the client's data key was destroyed; their content is gone.
	ErrErased = errs.E(errs.NotFound, "this client's content has been erased")
	// ErrUndecryptable: the ciphertext is damaged, tampered with, or belongs
	// to another client, row or field.
	ErrUndecryptable = errs.E(errs.Internal, "stored content could not be decrypted")
)

// KeySource returns the current master keys. Vault calls it at start, before
// creating a data key and when it meets a master key id it does not know,
// so a running server follows a rotation without restarting.
type KeySource func() (*Keyring, error)

// StaticKeys is a KeySource that never changes.
func StaticKeys(k *Keyring) KeySource { return func() (*Keyring, error) { return k, nil } }

// DefaultGrace is how long an erasure request waits, cancellable, before
// the client's data key is destroyed.
const DefaultGrace = 30 * 24 * time.Hour

// DefaultCacheSize bounds the unwrapped data keys held in memory.
const DefaultCacheSize = 1024

// Config sets up a Vault. Only Keys is required.
type Config struct {
	Keys      KeySource
	CacheSize int           // unwrapped data keys kept in memory; 0 = DefaultCacheSize
	Grace     time.Duration // erasure grace period; 0 = DefaultGrace
	// LedgerPath is the erasure ledger, beside (not inside) the database:
	// <datadir>/erasure-ledger.jsonl. Empty disables it (tests only).
	LedgerPath string
	Now        func() time.Time
}

// Vault seals and opens fields. It is safe for concurrent use.
type Vault struct {
	cfg   Config
	mu    sync.Mutex // guards ring
	ring  *Keyring
	cache *keyCache
}

// New checks the configuration and loads the keys once.
func New(cfg Config) (*Vault, error) {
	if cfg.Keys == nil {
		return nil, errors.New("vault: no key source")
	}
	if cfg.CacheSize < 0 || cfg.Grace < 0 {
		return nil, errors.New("vault: cache size and grace period must not be negative")
	}
	if cfg.CacheSize == 0 {
		cfg.CacheSize = DefaultCacheSize
	}
	if cfg.Grace == 0 {
		cfg.Grace = DefaultGrace
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	ring, err := cfg.Keys()
	if err != nil {
		return nil, fmt.Errorf("vault: loading master keys: %w", err)
	}
	return &Vault{cfg: cfg, ring: ring, cache: newKeyCache(cfg.CacheSize)}, nil
}

func (v *Vault) now() time.Time { return v.cfg.Now().UTC().Truncate(time.Microsecond) }

// Grace is the configured erasure grace period.
func (v *Vault) Grace() time.Duration { return v.cfg.Grace }

// keyring returns the keys, reading them again from the source if asked.
func (v *Vault) keyring(reload bool) (*Keyring, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if reload {
		ring, err := v.cfg.Keys()
		if err != nil {
			return nil, fmt.Errorf("vault: reloading master keys: %w", err)
		}
		v.ring = ring
	}
	return v.ring, nil
}

// Seal encrypts plaintext for one field of one client's record, creating
// the client's data key on first use (q must then be a transaction).
func (v *Vault) Seal(ctx context.Context, q store.Querier, clientID int64, aad AAD, plaintext []byte) ([]byte, error) {
	if err := aad.validate(); err != nil {
		return nil, err
	}
	dk, err := v.dataKeyForSeal(ctx, q, clientID)
	if err != nil {
		return nil, err
	}
	return sealField(dk.dek, dk.id, clientID, aad, plaintext)
}

// Open decrypts a field sealed by Seal with the same client and AAD. It
// fails with ErrErased after the client's key is destroyed and with
// ErrUndecryptable when the ciphertext was changed or moved.
func (v *Vault) Open(ctx context.Context, q store.Querier, clientID int64, aad AAD, ciphertext []byte) ([]byte, error) {
	if err := aad.validate(); err != nil {
		return nil, err
	}
	h, err := parseHeader(ciphertext)
	if err != nil {
		return nil, err
	}
	dk, err := v.dataKey(ctx, q, clientID)
	if err != nil {
		return nil, err
	}
	if dk.id != h.keyID {
		return nil, ErrUndecryptable
	}
	return openField(dk.dek, clientID, aad, ciphertext)
}

// SealInto seals the given fields of one row and writes them with one
// UPDATE … WHERE id = recordID, in the caller's transaction. Use it right
// after INSERT … RETURNING id.
func (v *Vault) SealInto(ctx context.Context, tx *store.Tx, clientID int64, table string, recordID int64, fields map[string][]byte) error {
	return v.SealIntoWith(ctx, tx, clientID, table, recordID, fields, nil)
}

// SealIntoWith is SealInto also setting plain (unsealed) columns of the
// row in the same UPDATE — a value known only once the row exists, such as
// a journal entry's safety level — so the write is one statement, not two
// (each a round trip on PostgreSQL inside a group commit; issue 17).
//
// The client's data key is read once for all the fields, and once per
// transaction and client (the group commit's batch of one client's saves
// reads it once): a key destroyed by another transaction after that read
// leaves ciphertexts nobody can open, as it would a moment later anyway.
func (v *Vault) SealIntoWith(ctx context.Context, tx *store.Tx, clientID int64, table string, recordID int64, fields map[string][]byte, plain map[string]any) error {
	if len(fields) == 0 {
		return errors.New("vault: no fields to seal")
	}
	names := make([]string, 0, len(fields)+len(plain))
	for name := range fields {
		if err := (AAD{Table: table, RecordID: recordID, Field: name}).validate(); err != nil {
			return err
		}
		names = append(names, name)
	}
	sort.Strings(names) // a stable statement for the driver's cache
	sealed := len(names)
	for name := range plain {
		if !isIdentifier(name) {
			return fmt.Errorf("vault: column must be an SQL identifier, got %q", name)
		}
		if _, dup := fields[name]; dup {
			return fmt.Errorf("vault: column %q is both sealed and plain", name)
		}
		names = append(names, name)
	}
	sort.Strings(names[sealed:])
	dk, err := v.txDataKey(ctx, tx, clientID)
	if err != nil {
		return err
	}
	sets := make([]string, len(names))
	args := make([]any, 0, len(names)+1)
	for i, name := range names {
		sets[i] = name + " = ?"
		if i >= sealed {
			args = append(args, plain[name])
			continue
		}
		ct, err := sealField(dk.dek, dk.id, clientID, AAD{Table: table, RecordID: recordID, Field: name}, fields[name])
		if err != nil {
			return err
		}
		args = append(args, ct)
	}
	// table and names passed validation: plain SQL identifiers.
	res, err := tx.Exec(ctx, `UPDATE `+table+` SET `+strings.Join(sets, ", ")+` WHERE id = ?`, append(args, recordID)...)
	if err != nil {
		return errs.Wrap(err, "vault: writing sealed fields")
	}
	if n, err := res.RowsAffected(); err == nil && n != 1 {
		return errs.NotFoundf("%s %d not found", table, recordID)
	}
	return nil
}

// txKeys holds, per client, the data key a transaction already read for
// sealing (SealIntoWith).
type txKeys struct{}

// txDataKey is dataKeyForSeal read once per transaction and client.
func (v *Vault) txDataKey(ctx context.Context, tx *store.Tx, clientID int64) (openKey, error) {
	keys, _ := tx.Value(txKeys{}).(map[int64]openKey)
	if dk, ok := keys[clientID]; ok {
		return dk, nil
	}
	dk, err := v.dataKeyForSeal(ctx, tx, clientID)
	if err != nil {
		return openKey{}, err
	}
	if keys == nil {
		keys = map[int64]openKey{}
		tx.SetValue(txKeys{}, keys)
	}
	keys[clientID] = dk
	return dk, nil
}

// forgetTxKey drops a client's key from the transaction's keys (it was
// just destroyed in it).
func forgetTxKey(tx *store.Tx, clientID int64) {
	if keys, _ := tx.Value(txKeys{}).(map[int64]openKey); keys != nil {
		delete(keys, clientID)
	}
}

// Opener opens many fields of one client's record inside one transaction,
// reading the client's data key once: Open reads the key row on every call
// (so a key destroyed by any server is refused at once), which made a page
// of fifty journal entries cost a hundred key reads. Within one
// transaction the row cannot change under the reader, so once is enough.
type Opener struct {
	v        *Vault
	ctx      context.Context
	q        store.Querier
	clientID int64
	key      openKey
	gcm      cipher.AEAD // the data key's cipher, set up once (issue 17: 30% of a journal page)
	err      error
	loaded   bool
	// aad and plain are OpenString's buffers, reused field after field.
	aad, plain []byte
}

// OpenerFor returns an Opener for clientID's fields, read through q.
func (v *Vault) OpenerFor(ctx context.Context, q store.Querier, clientID int64) *Opener {
	return &Opener{v: v, ctx: ctx, q: q, clientID: clientID}
}

// Open is Vault.Open for the Opener's client.
func (o *Opener) Open(aad AAD, ciphertext []byte) ([]byte, error) {
	if err := o.check(aad, ciphertext); err != nil {
		return nil, err
	}
	return openFieldWith(o.gcm, o.clientID, aad, ciphertext)
}

// OpenString is Open returning the plaintext as a string, for a page of
// fields shown as text: the additional data and the plaintext are built in
// the Opener's buffers, so a field costs one allocation (the string), not
// three. ciphertext is not kept, so it may be the driver's own buffer
// (sql.RawBytes).
func (o *Opener) OpenString(aad AAD, ciphertext []byte) (string, error) {
	if err := o.check(aad, ciphertext); err != nil {
		return "", err
	}
	o.aad = appendFieldAAD(o.aad[:0], ciphertext[:headerSize], o.clientID, aad)
	nonce := ciphertext[headerSize : headerSize+nonceSize]
	pt, err := o.gcm.Open(o.plain[:0], nonce, ciphertext[headerSize+nonceSize:], o.aad)
	if err != nil {
		return "", ErrUndecryptable
	}
	o.plain = pt
	return string(pt), nil
}

// check validates aad and the ciphertext's header, and loads the data key
// on first use.
func (o *Opener) check(aad AAD, ciphertext []byte) error {
	if err := aad.validate(); err != nil {
		return err
	}
	h, err := parseHeader(ciphertext)
	if err != nil {
		return err
	}
	if !o.loaded {
		o.key, o.err = o.v.dataKey(o.ctx, o.q, o.clientID)
		if o.err == nil {
			o.gcm, o.err = newGCM(o.key.dek)
		}
		o.loaded = true
	}
	if o.err != nil {
		return o.err
	}
	if o.key.id != h.keyID {
		return ErrUndecryptable
	}
	return nil
}
