package vault

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// dataKeyRow is one row of vault_data_keys.
type dataKeyRow struct {
	id       int64
	clientID int64
	masterID string
	wrapped  []byte // nil once destroyed
}

// openKey is an unwrapped data key ready to use.
type openKey struct {
	id  int64
	dek []byte
}

func loadDataKey(ctx context.Context, q store.Querier, clientID int64) (dataKeyRow, error) {
	r := dataKeyRow{clientID: clientID}
	err := q.QueryRow(ctx, `SELECT id, master_key_id, wrapped_key FROM vault_data_keys WHERE client_id = ?`, clientID).
		Scan(&r.id, &r.masterID, &r.wrapped)
	return r, err
}

// dataKey returns the client's unwrapped data key. The row is read on every
// call, so a key destroyed by any server is refused here at once; the cache
// only saves the unwrapping, and is keyed by the wrapped bytes so a
// rotation is noticed too.
func (v *Vault) dataKey(ctx context.Context, q store.Querier, clientID int64) (openKey, error) {
	row, err := loadDataKey(ctx, q, clientID)
	if errors.Is(err, sql.ErrNoRows) {
		return openKey{}, ErrUndecryptable // nothing was ever sealed for this client
	}
	if err != nil {
		return openKey{}, errs.Wrap(err, "vault: reading a data key")
	}
	return v.unwrapRow(row)
}

func (v *Vault) unwrapRow(row dataKeyRow) (openKey, error) {
	if row.wrapped == nil {
		v.cache.drop(row.clientID)
		return openKey{}, ErrErased
	}
	if dek, ok := v.cache.get(row.clientID, row.id, row.wrapped); ok {
		return openKey{id: row.id, dek: dek}, nil
	}
	dek, err := v.unwrap(row)
	if err != nil {
		return openKey{}, errs.Wrap(err, "vault: unwrapping a data key")
	}
	v.cache.put(row.clientID, row.id, bytes.Clone(row.wrapped), dek)
	return openKey{id: row.id, dek: dek}, nil
}

// unwrap finds the master key named by the row, reloading the keys once if
// it is unknown (another process may have rotated).
func (v *Vault) unwrap(row dataKeyRow) ([]byte, error) {
	ring, err := v.keyring(false)
	if err != nil {
		return nil, err
	}
	m, ok := ring.find(row.masterID)
	if !ok {
		if ring, err = v.keyring(true); err != nil {
			return nil, err
		}
		if m, ok = ring.find(row.masterID); !ok {
			return nil, fmt.Errorf("master key %s is not configured", row.masterID)
		}
	}
	return unwrapKey(m, row.clientID, row.wrapped)
}

// dataKeyForSeal returns the client's data key, creating it on first use.
// Two transactions creating one at once both end up with the same key:
// ON CONFLICT DO NOTHING lets the second wait for the first and then read
// its row.
func (v *Vault) dataKeyForSeal(ctx context.Context, q store.Querier, clientID int64) (openKey, error) {
	if clientID <= 0 {
		return openKey{}, fmt.Errorf("vault: client id must be positive, got %d", clientID)
	}
	row, err := loadDataKey(ctx, q, clientID)
	if errors.Is(err, sql.ErrNoRows) {
		if err := v.createDataKey(ctx, q, clientID); err != nil {
			return openKey{}, err
		}
		row, err = loadDataKey(ctx, q, clientID)
	}
	if err != nil {
		return openKey{}, errs.Wrap(err, "vault: reading a data key")
	}
	return v.unwrapRow(row)
}

func (v *Vault) createDataKey(ctx context.Context, q store.Querier, clientID int64) error {
	// Reload first, so a server started before a rotation wraps new keys
	// under the new master key. Creating a key happens once per client.
	ring, err := v.keyring(true)
	if err != nil {
		return err
	}
	dek := make([]byte, DataKeySize)
	if _, err := rand.Read(dek); err != nil {
		return fmt.Errorf("vault: drawing a data key: %w", err)
	}
	primary := ring.Primary()
	wrapped, err := wrapKey(primary, clientID, dek)
	clear(dek)
	if err != nil {
		return err
	}
	_, err = q.Exec(ctx, `INSERT INTO vault_data_keys (client_id, master_key_id, wrapped_key, created_at)
		VALUES (?, ?, ?, ?) ON CONFLICT (client_id) DO NOTHING`, clientID, primary.ID(), wrapped, v.now())
	return errs.Wrap(err, "vault: creating a data key")
}

// CheckKeys proves at start-up that the configured master keys open this
// database: one live data key per master key id is unwrapped. A server
// started with the wrong key would otherwise run and fail every sealed
// read and write; this fails once, at start, naming the problem.
func (v *Vault) CheckKeys(ctx context.Context, q store.Querier) error {
	rows, err := q.Query(ctx, `SELECT MIN(id), master_key_id FROM vault_data_keys WHERE wrapped_key IS NOT NULL GROUP BY master_key_id`)
	if err != nil {
		return errs.Wrap(err, "vault: reading data keys")
	}
	var probes []dataKeyRow
	for rows.Next() {
		var r dataKeyRow
		if err := rows.Scan(&r.id, &r.masterID); err != nil {
			rows.Close()
			return errs.Wrap(err, "vault: reading data keys")
		}
		probes = append(probes, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return errs.Wrap(err, "vault: reading data keys")
	}
	for _, p := range probes {
		row := dataKeyRow{id: p.id}
		if err := q.QueryRow(ctx, `SELECT client_id, master_key_id, wrapped_key FROM vault_data_keys WHERE id = ?`, p.id).
			Scan(&row.clientID, &row.masterID, &row.wrapped); err != nil {
			return errs.Wrap(err, "vault: reading a data key")
		}
		if _, err := v.unwrap(row); err != nil {
			return fmt.Errorf("the master key does not open this database's data (sealed with master key %s)", row.masterID)
		}
	}
	return nil
}
