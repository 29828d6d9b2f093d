package vault

import (
	"context"
	"fmt"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// CheckKeys proves that ring opens the database's data keys: for every
// master key id the database uses, one live data key must unwrap. A wrong
// or missing master key is found here, before anything is served or
// restored, rather than as a failure on every sealed read later.
func CheckKeys(ctx context.Context, q store.Querier, ring *Keyring) error {
	rows, err := q.Query(ctx, `SELECT master_key_id, MIN(id) FROM vault_data_keys WHERE wrapped_key IS NOT NULL GROUP BY master_key_id`)
	if err != nil {
		return errs.Wrap(err, "vault: listing data keys")
	}
	var samples []dataKeyRow
	for rows.Next() {
		var r dataKeyRow
		if err := rows.Scan(&r.masterID, &r.id); err != nil {
			rows.Close()
			return errs.Wrap(err, "vault: listing data keys")
		}
		samples = append(samples, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return errs.Wrap(err, "vault: listing data keys")
	}
	for _, s := range samples {
		if err := q.QueryRow(ctx, `SELECT client_id, wrapped_key FROM vault_data_keys WHERE id = ?`, s.id).Scan(&s.clientID, &s.wrapped); err != nil {
			return errs.Wrap(err, "vault: reading a data key")
		}
		m, ok := ring.find(s.masterID)
		if !ok {
			return fmt.Errorf("the database's data keys are wrapped by master key %s, which is not configured", s.masterID)
		}
		if _, err := unwrapKey(m, s.clientID, s.wrapped); err != nil {
			return fmt.Errorf("master key %s does not open the database's data keys", s.masterID)
		}
	}
	return nil
}
