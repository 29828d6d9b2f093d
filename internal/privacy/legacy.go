package privacy

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/plan"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// SealedText is one free-text column that is now sealed: the plaintext
// column Plain keeps only rows written before it was sealed, Sealed holds
// the ciphertext (bound to table, row and the Sealed column's name), and
// Client is the SQL expression for the vault subject whose key seals it
// (the row's client, or a practice's subject for text about someone who
// has no account). Digest, when set, is a column that keeps a keyed
// digest of the plaintext (vault.Digest with purpose Table_Plain) for a
// unique index. ID is the SQL expression of the row's record id, bound
// into the ciphertext ("" is the id column).
type SealedText struct {
	Table, Plain, Sealed, Client string
	Digest                       string
	ID                           string
}

func (c SealedText) id() string {
	if c.ID == "" {
		return "id"
	}
	return c.ID
}

// SealedTexts lists the free text sealed by migrations 0027 and 0032 and
// the regulated session log's product id, amount and dose (0033), whose
// services now write only the sealed column.
var SealedTexts = []SealedText{
	{Table: "consents", Plain: "purpose", Sealed: "purpose_sealed", Client: "client_id"},
	{Table: "break_glass", Plain: "reason", Sealed: "reason_sealed", Client: "client_id"},
	{Table: "insights", Plain: "body", Sealed: "body_sealed", Client: "client_id"},
	{Table: "intentions", Plain: "body", Sealed: "body_sealed", Client: "client_id"},
	{Table: "actions", Plain: "body", Sealed: "body_sealed", Client: "client_id"},
	{Table: "regulated_sessions", Plain: "product_id", Sealed: "product_id_sealed", Client: "client_id"},
	{Table: "regulated_sessions", Plain: "amount", Sealed: "amount_sealed", Client: "client_id"},
	{Table: "regulated_sessions", Plain: "dose", Sealed: "dose_sealed", Client: "client_id"},
	{Table: "plans", Plain: "intentions", Sealed: "intentions_sealed", Client: "client_id"},
	{Table: "plan_history", Plain: "snapshot", Sealed: "snapshot_sealed", ID: plan.HistoryIDSQL,
		Client: "(SELECT p.client_id FROM plans p WHERE p.id = plan_history.plan_id)"},
	{Table: "care_summaries", Plain: "title", Sealed: "title_sealed", Client: "client_id"},
	// A referral out is about a client; a referral in is about someone who
	// may have no account yet: sealed under the practice's key.
	{Table: "referrals", Plain: "reason", Sealed: "reason_sealed",
		Client: "CASE WHEN direction = 'out' THEN client_id ELSE " + vault.PracticeSubjectSQL("practice_id") + " END"},
	// A report about a coach is the reporting client's.
	{Table: "coach_reports", Plain: "what", Sealed: "what_sealed", Client: "reporter_id"},
	{Table: "safety_alerts", Plain: "reason", Sealed: "reason_sealed", Client: "client_id", Digest: "reason_digest"},
	{Table: "safety_alerts", Plain: "kinds", Sealed: "kinds_sealed", Client: "client_id"},
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
		rows, err := tx.Query(ctx, fmt.Sprintf(`SELECT %s, %s, %s FROM %s WHERE %s <> '' AND %s IS NULL ORDER BY 1 LIMIT %d`,
			c.id(), c.Client, c.Plain, c.Table, c.Plain, c.Sealed, legacyBatch))
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
			set, args := fmt.Sprintf(`%s = '', %s = ?`, c.Plain, c.Sealed), []any{ct}
			if c.Digest != "" {
				var digest any // NULL for an erased client: never equal to another
				if ct != nil {
					if digest, err = v.Digest(ctx, tx, r.client, c.Table+"_"+c.Plain, []byte(r.text)); err != nil {
						return err
					}
				}
				set, args = set+", "+c.Digest+" = ?", append(args, digest)
			}
			if _, err := tx.Exec(ctx, fmt.Sprintf(`UPDATE %s SET %s WHERE %s = ?`, c.Table, set, c.id()), append(args, r.id)...); err != nil {
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
