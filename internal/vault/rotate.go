package vault

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// rewrapBatch keeps each rotation transaction short, so servers keep
// serving while it runs.
const rewrapBatch = 200

// Rewrap re-wraps every live data key that is not yet under ring's primary
// key, in short transactions, and returns how many it changed. The data keys
// themselves do not change, so no field is re-encrypted and servers keep
// reading throughout. Every master key still in use must be in ring.
func Rewrap(ctx context.Context, db *store.DB, ring *Keyring, now time.Time) (int, error) {
	primary := ring.Primary()
	total := 0
	for {
		n, err := rewrapOnce(ctx, db, ring, primary, utcMicro(now))
		total += n
		if err != nil || n == 0 {
			return total, err
		}
	}
}

func rewrapOnce(ctx context.Context, db *store.DB, ring *Keyring, primary MasterKey, now time.Time) (int, error) {
	n := 0
	err := db.InTx(ctx, func(tx *store.Tx) error {
		rows, err := pendingRewrap(ctx, tx, primary.ID())
		if err != nil {
			return err
		}
		for _, row := range rows {
			m, ok := ring.find(row.masterID)
			if !ok {
				return fmt.Errorf("vault: data key %d is wrapped by master key %s, which is not in the keyring", row.id, row.masterID)
			}
			dek, err := unwrapKey(m, row.clientID, row.wrapped)
			if err != nil {
				return err
			}
			wrapped, err := wrapKey(primary, row.clientID, dek)
			clear(dek)
			if err != nil {
				return err
			}
			res, err := tx.Exec(ctx, `UPDATE vault_data_keys SET wrapped_key = ?, master_key_id = ?, rotated_at = ?
				WHERE id = ? AND master_key_id = ? AND wrapped_key IS NOT NULL`,
				wrapped, primary.ID(), now, row.id, row.masterID)
			if err != nil {
				return errs.Wrap(err, "vault: rewrapping a data key")
			}
			if k, _ := res.RowsAffected(); k == 1 {
				n++
			}
		}
		return nil
	})
	return n, err
}

func pendingRewrap(ctx context.Context, q store.Querier, primaryID string) ([]dataKeyRow, error) {
	rows, err := q.Query(ctx, fmt.Sprintf(`SELECT id, client_id, master_key_id, wrapped_key FROM vault_data_keys
		WHERE wrapped_key IS NOT NULL AND master_key_id <> ? ORDER BY id LIMIT %d`, rewrapBatch), primaryID)
	if err != nil {
		return nil, errs.Wrap(err, "vault: listing data keys")
	}
	defer rows.Close()
	var out []dataKeyRow
	for rows.Next() {
		var r dataKeyRow
		if err := rows.Scan(&r.id, &r.clientID, &r.masterID, &r.wrapped); err != nil {
			return nil, errs.Wrap(err, "vault: listing data keys")
		}
		out = append(out, r)
	}
	return out, errs.Wrap(rows.Err(), "vault: listing data keys")
}

// KeyUsage counts live data keys per master key id.
func KeyUsage(ctx context.Context, q store.Querier) (map[string]int, error) {
	rows, err := q.Query(ctx, `SELECT master_key_id, COUNT(*) FROM vault_data_keys
		WHERE wrapped_key IS NOT NULL GROUP BY master_key_id`)
	if err != nil {
		return nil, errs.Wrap(err, "vault: counting data keys")
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, errs.Wrap(err, "vault: counting data keys")
		}
		out[id] = n
	}
	return out, errs.Wrap(rows.Err(), "vault: counting data keys")
}

// Rotation reports a finished rotation.
type Rotation struct {
	NewKeyID   string
	RetiredIDs []string
	Rewrapped  int
}

// RotateKeyFile moves every data key to newKey without downtime:
//  1. the key file gets newKey in front of the old keys, so servers that
//     meet a data key under newKey reload the file and can open it;
//  2. every data key is rewrapped under newKey;
//  3. the old keys are retired from the file, and a last pass rewraps any
//     data key a server created under an old key meanwhile.
func RotateKeyFile(ctx context.Context, db *store.DB, path string, newKey MasterKey, now time.Time) (Rotation, error) {
	old, err := LoadKeyFile(path)
	if err != nil {
		return Rotation{}, err
	}
	if _, ok := old.find(newKey.ID()); ok {
		return Rotation{}, errors.New("the new master key is already in the key file")
	}
	both, err := NewKeyring(append([]MasterKey{newKey}, old.keys...)...)
	if err != nil {
		return Rotation{}, err
	}
	if err := WriteKeyFile(path, both); err != nil {
		return Rotation{}, err
	}
	rot := Rotation{NewKeyID: newKey.ID()}
	for _, k := range old.keys {
		rot.RetiredIDs = append(rot.RetiredIDs, k.ID())
	}
	if rot.Rewrapped, err = Rewrap(ctx, db, both, now); err != nil {
		return rot, err
	}
	only, _ := NewKeyring(newKey)
	if err := WriteKeyFile(path, only); err != nil {
		return rot, err
	}
	late, err := Rewrap(ctx, db, both, now)
	rot.Rewrapped += late
	return rot, err
}

// RotateEnv moves every data key from the keys in current (from
// AFTERWARD_MASTER_KEY) to newKey. The operator then sets
// AFTERWARD_MASTER_KEY to the new key everywhere.
func RotateEnv(ctx context.Context, db *store.DB, current *Keyring, newKey MasterKey, now time.Time) (Rotation, error) {
	rot := Rotation{NewKeyID: newKey.ID()}
	var olds []MasterKey
	for _, k := range current.keys {
		if k.ID() != newKey.ID() {
			olds = append(olds, k)
			rot.RetiredIDs = append(rot.RetiredIDs, k.ID())
		}
	}
	both, err := NewKeyring(append([]MasterKey{newKey}, olds...)...)
	if err != nil {
		return rot, err
	}
	rot.Rewrapped, err = Rewrap(ctx, db, both, now)
	return rot, err
}
