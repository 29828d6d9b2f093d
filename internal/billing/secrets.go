package billing

import (
	"context"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// Secrets seals a practice's own secrets (vault.PracticeSecrets does).
type Secrets interface {
	SealSecret(ctx context.Context, tx *store.Tx, practiceID int64, name string, plaintext []byte) ([]byte, error)
	OpenSecret(ctx context.Context, q store.Querier, practiceID int64, name string, ciphertext []byte) ([]byte, error)
}

// Names the secrets are sealed under (part of the ciphertext's binding).
const (
	secretStripeKey = "stripe_secret_key"
	secretWebhook   = "stripe_webhook_secret"
)

// settings loads a practice's settings with its Stripe secrets opened.
func (s *Service) settings(ctx context.Context, q store.Querier, practiceID int64) (Settings, error) {
	st, err := loadSettings(ctx, q, practiceID)
	if err != nil {
		return st, err
	}
	if st.StripeSecretKey, err = s.openSecret(ctx, q, practiceID, secretStripeKey, st.sealedKey, st.StripeSecretKey); err != nil {
		return st, err
	}
	st.StripeWebhookSecret, err = s.openSecret(ctx, q, practiceID, secretWebhook, st.sealedWebhook, "")
	return st, err
}

// openSecret opens a sealed secret; legacy is a key stored in plaintext
// before sealing existed (SealStoredKeys moves it).
func (s *Service) openSecret(ctx context.Context, q store.Querier, practiceID int64, name string, sealed []byte, legacy string) (string, error) {
	if len(sealed) == 0 {
		return legacy, nil
	}
	if s.secrets == nil {
		return "", errs.E(errs.Internal, "billing: a sealed secret but no vault")
	}
	b, err := s.secrets.OpenSecret(ctx, q, practiceID, name, sealed)
	return string(b), errs.Wrap(err, "opening a billing secret")
}

// sealSecrets seals st's two secrets into st for saveSettings.
func (s *Service) sealSecrets(ctx context.Context, tx *store.Tx, st *Settings) error {
	var err error
	if st.sealedKey, err = s.sealSecret(ctx, tx, st.PracticeID, secretStripeKey, st.StripeSecretKey); err != nil {
		return err
	}
	st.sealedWebhook, err = s.sealSecret(ctx, tx, st.PracticeID, secretWebhook, st.StripeWebhookSecret)
	return err
}

func (s *Service) sealSecret(ctx context.Context, tx *store.Tx, practiceID int64, name, plaintext string) ([]byte, error) {
	if plaintext == "" {
		return nil, nil
	}
	if s.secrets == nil {
		return nil, errs.E(errs.Internal, "billing: secrets cannot be stored without the vault")
	}
	b, err := s.secrets.SealSecret(ctx, tx, practiceID, name, []byte(plaintext))
	return b, errs.Wrap(err, "sealing a billing secret")
}

// SealStoredKeys seals every Stripe key still stored in plaintext (saved
// before keys were sealed) and empties the plaintext column. Build runs it
// at start, so no plaintext key outlives an upgrade. It reports how many
// practices it sealed.
func (s *Service) SealStoredKeys(ctx context.Context) (int, error) {
	var ids []int64
	rows, err := s.db.Reader().Query(ctx, `SELECT practice_id FROM billing_settings WHERE stripe_secret_key <> ''`)
	if err != nil {
		return 0, errs.Wrap(err, "finding plaintext Stripe keys")
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, errs.Wrap(err, "finding plaintext Stripe keys")
		}
		ids = append(ids, id)
	}
	rows.Close()
	for _, id := range ids {
		err := s.db.InTx(ctx, func(tx *store.Tx) error {
			st, err := s.settings(ctx, tx, id)
			if err != nil {
				return err
			}
			if err := s.sealSecrets(ctx, tx, &st); err != nil {
				return err
			}
			return saveSettings(ctx, tx, st, s.now())
		})
		if err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}
