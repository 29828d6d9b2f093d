package vault

import (
	"context"

	"github.com/afterward/afterward/internal/store"
)

// PracticeSecrets seals a practice's own secrets (its Stripe keys) under a
// data key of the practice. That key lives in vault_data_keys under the
// subject practiceSubject(practiceID), far above any user id (client
// subjects are user ids), so the two never meet, and `keys rotate`
// re-wraps it with every other data key.
type PracticeSecrets struct{ Vault *Vault }

// practiceSubjects is where practices' vault subjects start: 2^62 leaves
// every int64 user id below it unused by practices.
const practiceSubjects = int64(1) << 62

func practiceSubject(practiceID int64) int64 { return practiceSubjects + practiceID }

// PracticeSubject is the vault subject of a practice's own data key: pass
// it as the client id to seal text that belongs to no client yet (the
// reason on a referral of someone who has no account), so it is sealed
// under a key that only the master key opens.
func PracticeSubject(practiceID int64) int64 { return practiceSubject(practiceID) }

// PracticeSubjectSQL is PracticeSubject as SQL over a practice id column.
func PracticeSubjectSQL(column string) string { return "(4611686018427387904 + " + column + ")" }

func practiceAAD(practiceID int64, name string) AAD {
	return AAD{Table: "practice_secrets", RecordID: practiceID, Field: name}
}

// SealSecret encrypts one named secret of a practice.
func (p PracticeSecrets) SealSecret(ctx context.Context, tx *store.Tx, practiceID int64, name string, plaintext []byte) ([]byte, error) {
	return p.Vault.Seal(ctx, tx, practiceSubject(practiceID), practiceAAD(practiceID, name), plaintext)
}

// OpenSecret decrypts a secret sealed by SealSecret.
func (p PracticeSecrets) OpenSecret(ctx context.Context, q store.Querier, practiceID int64, name string, ciphertext []byte) ([]byte, error) {
	return p.Vault.Open(ctx, q, practiceSubject(practiceID), practiceAAD(practiceID, name), ciphertext)
}
