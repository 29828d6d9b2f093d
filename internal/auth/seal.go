package auth

import (
	"context"

	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// Sealer encrypts an account's TOTP secret at rest, bound to the account,
// so a sealed value copied to another row does not open.
type Sealer interface {
	Seal(ctx context.Context, tx *store.Tx, userID int64, plaintext []byte) ([]byte, error)
	Open(ctx context.Context, tx *store.Tx, userID int64, sealed []byte) ([]byte, error)
}

// VaultSealer seals TOTP secrets with the vault, under a data key of the
// account's own (the vault's per-subject keys are not only for clients),
// so master-key rotation re-wraps them with everything else.
type VaultSealer struct{ Vault *vault.Vault }

func totpAAD(userID int64) vault.AAD {
	return vault.AAD{Table: "auth_totp", RecordID: userID, Field: "secret"}
}

func (v VaultSealer) Seal(ctx context.Context, tx *store.Tx, userID int64, plaintext []byte) ([]byte, error) {
	return v.Vault.Seal(ctx, tx, userID, totpAAD(userID), plaintext)
}

func (v VaultSealer) Open(ctx context.Context, tx *store.Tx, userID int64, sealed []byte) ([]byte, error) {
	return v.Vault.Open(ctx, tx, userID, totpAAD(userID), sealed)
}
