package privacy

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// SealedText is one free-text column that is now sealed: the plaintext
// column Plain keeps only rows written before it was sealed, Sealed holds
// the ciphertext (bound to table, row and the Sealed column's name), and
// Client is the SQL expression for the row's client.
type SealedText struct {
	Table, Plain, Sealed, Client string
}

// SealedTexts lists the text sealed by migrations 0027 (free text) and
// 0033 (the regulated session log's product id, amount and dose) whose
// services now write only the sealed column.
var SealedTexts = []SealedText{
	{"consents", "purpose", "purpose_sealed", "client_id"},
	{"break_glass", "reason", "reason_sealed", "client_id"},
	{"insights", "body", "body_sealed", "client_id"},
	{"intentions", "body", "body_sealed", "client_id"},
	{"actions", "body", "body_sealed", "client_id"},
	{"regulated_sessions", "product_id", "product_id_sealed", "client_id"},
	{"regulated_sessions", "amount", "amount_sealed", "client_id"},
	{"regulated_sessions", "dose", "dose_sealed", "client_id"},
}

// legacyBatch bounds one transaction of SealLegacyText.
const legacyBatch = 500

// SealLegacyText seals every row still holding plaintext in a sealed
// column's plaintext twin, then overwrites the plaintext with ” in the
// same transaction: after it, the live database holds none of that text.
// Rows of an erased client are only emptied (their key is gone). It runs
// at every start (cheap when nothing is left) and returns how many rows it
// sealed. Old pages may still hold the text until SQLite reuses them
// (secure_delete zeroes freed space from now on) or VACUUM runs; backups
// taken before keep it: see docs/security.md.
func SealLegacyText(ctx context.Context, db *store.DB, v *vault.Vault) (int, error) {
	total := 0
	for _, c := range SealedTexts {
		for {
			n, err := sealLegacyBatch(ctx, db, v, c)
			if err != nil {
				return total, fmt.Errorf("sealing %s.%s: %w", c.Table, c.Plain, err)
			}
			total += n
			if n < legacyBatch {
				break
			}
		}
	}
	if total > 0 {
		if err := db.Scrub(ctx); err != nil {
			return total, err
		}
	}
	return total, nil
}

func sealLegacyBatch(ctx context.Context, db *store.DB, v *vault.Vault, c SealedText) (int, error) {
	n := 0
	err := db.InTx(ctx, func(tx *store.Tx) error {
		// Identifiers come from SealedTexts, never from input.
		rows, err := tx.Query(ctx, fmt.Sprintf(`SELECT id, %s, %s FROM %s WHERE %s <> '' AND %s IS NULL ORDER BY id LIMIT %d`,
			c.Client, c.Plain, c.Table, c.Plain, c.Sealed, legacyBatch))
		if err != nil {
			return errs.Wrap(err, "reading plaintext rows")
		}
		type row struct {
			id, client int64
			text       string
		}
		var todo []row
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.id, &r.client, &r.text); err != nil {
				rows.Close()
				return errs.Wrap(err, "reading plaintext rows")
			}
			todo = append(todo, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return errs.Wrap(err, "reading plaintext rows")
		}
		for _, r := range todo {
			ct, err := v.Seal(ctx, tx, r.client, vault.AAD{Table: c.Table, RecordID: r.id, Field: c.Sealed}, []byte(r.text))
			if errors.Is(err, vault.ErrErased) {
				ct, err = nil, nil
			}
			if err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, fmt.Sprintf(`UPDATE %s SET %s = '', %s = ? WHERE id = ?`, c.Table, c.Plain, c.Sealed), ct, r.id); err != nil {
				return errs.Wrap(err, "overwriting plaintext")
			}
			n++
		}
		return nil
	})
	return n, err
}

// AnonymiseErased anonymises every client whose data key is destroyed but
// whose plaintext fields are still there: a backup restored from before
// the erasure, whose key the erasure ledger destroyed again at start, or a
// database erased by an earlier version. It runs at every start and
// returns how many clients it anonymised.
func AnonymiseErased(ctx context.Context, db *store.DB, now time.Time) (int, error) {
	rows, err := db.Reader().Query(ctx, `SELECT u.id FROM users u JOIN vault_data_keys k ON k.client_id = u.id
		WHERE k.destroyed_at IS NOT NULL AND u.role = 'client' AND u.email NOT LIKE '%@erased.invalid' ORDER BY u.id`)
	if err != nil {
		return 0, errs.Wrap(err, "listing erased clients")
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, errs.Wrap(err, "listing erased clients")
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, errs.Wrap(err, "listing erased clients")
	}
	for _, id := range ids {
		if err := db.InTx(ctx, func(tx *store.Tx) error {
			_, err := anonymise(ctx, tx, id, now.UTC())
			return err
		}); err != nil {
			return 0, err
		}
	}
	if len(ids) > 0 {
		return len(ids), db.Scrub(ctx)
	}
	return 0, nil
}
