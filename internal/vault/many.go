package vault

import (
	"context"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"slices"
	"strings"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// Openers opens fields of many clients' records: a list that spans
// clients (the safety queue, reports about coaches, referrals) reads all
// their data keys in one query instead of one per row.
type Openers struct {
	byClient map[int64]*Opener
	v        *Vault
	ctx      context.Context
	q        store.Querier
}

// openersBatch bounds the ids of one key query (SQLite allows 32,766
// parameters; PostgreSQL 65,535).
const openersBatch = 500

// OpenersFor reads the data keys of clientIDs (duplicates and zeros are
// fine) through q in one query per 500 clients.
func (v *Vault) OpenersFor(ctx context.Context, q store.Querier, clientIDs []int64) (*Openers, error) {
	ids := slices.Clone(clientIDs)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	o := &Openers{byClient: make(map[int64]*Opener, len(ids)), v: v, ctx: ctx, q: q}
	for start := 0; start < len(ids); start += openersBatch {
		chunk := ids[start:min(start+openersBatch, len(ids))]
		if err := o.load(chunk); err != nil {
			return nil, err
		}
	}
	return o, nil
}

func (o *Openers) load(ids []int64) error {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
		// A client with no key row never had anything sealed.
		o.byClient[id] = &Opener{v: o.v, ctx: o.ctx, q: o.q, clientID: id, loaded: true, err: ErrUndecryptable}
	}
	rows, err := o.q.Query(o.ctx, `SELECT id, client_id, master_key_id, wrapped_key FROM vault_data_keys WHERE client_id IN (?`+
		strings.Repeat(", ?", len(ids)-1)+`)`, args...)
	if err != nil {
		return errs.Wrap(err, "vault: reading data keys")
	}
	var found []dataKeyRow
	for rows.Next() {
		var r dataKeyRow
		if err := rows.Scan(&r.id, &r.clientID, &r.masterID, &r.wrapped); err != nil {
			rows.Close()
			return errs.Wrap(err, "vault: reading data keys")
		}
		found = append(found, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return errs.Wrap(err, "vault: reading data keys")
	}
	for _, r := range found {
		op := o.byClient[r.clientID]
		op.key, op.err = o.v.unwrapRow(r)
		if op.err == nil {
			op.gcm, op.err = newGCM(op.key.dek)
		}
	}
	return nil
}

// For is the Opener of one client; a client not asked for reads its key
// on first use.
func (o *Openers) For(clientID int64) *Opener {
	if op, ok := o.byClient[clientID]; ok {
		return op
	}
	op := o.v.OpenerFor(o.ctx, o.q, clientID)
	o.byClient[clientID] = op
	return op
}

// Text is Opener.Text for one client's field.
func (o *Openers) Text(clientID int64, aad AAD, plain string, sealed []byte) (string, error) {
	return o.For(clientID).Text(aad, plain, sealed)
}

// Text returns a free-text column that is sealed into a twin column: the
// twin opened when it is set (empty once the client is erased: their text
// is gone), else the plaintext column of a row written before the text was
// sealed and not yet sealed at start-up.
func (o *Opener) Text(aad AAD, plain string, sealed []byte) (string, error) {
	if sealed == nil {
		return plain, nil
	}
	b, err := o.Open(aad, sealed)
	if errors.Is(err, ErrErased) {
		return "", nil
	}
	return string(b), err
}

// DigestSize is the length of a Digest in hex.
const DigestSize = 2 * sha256.Size

// Digest is a keyed digest (HMAC-SHA256, in hex) of a value of one of the
// client's fields, for finding equal values without storing them: a unique
// index over a sealed code (a safety alert's reason) indexes its digest.
// The key is derived from the client's data key, so it lives, like every
// sealed field, only under the master key outside the database: someone
// with the database alone cannot test guesses (reason codes are few), a
// master-key rotation keeps it (it re-wraps the same data key), and
// erasure destroys it. purpose separates the digests of different fields.
// It creates the client's data key on first use (q must then be a
// transaction).
func (v *Vault) Digest(ctx context.Context, q store.Querier, clientID int64, purpose string, value []byte) (string, error) {
	if !isIdentifier(purpose) {
		return "", errors.New("vault: a digest's purpose must be a plain identifier")
	}
	dk, err := v.dataKeyForSeal(ctx, q, clientID)
	if err != nil {
		return "", err
	}
	key, err := hkdf.Key(sha256.New, dk.dek, nil, "afterward/vault/digest/v1/"+purpose, 32)
	if err != nil {
		return "", err
	}
	m := hmac.New(sha256.New, key)
	m.Write(value)
	return hex.EncodeToString(m.Sum(nil)), nil
}
