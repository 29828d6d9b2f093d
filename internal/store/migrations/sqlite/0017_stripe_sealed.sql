-- +goose Up
-- A practice's Stripe secret key and webhook signing secret, sealed by the
-- vault under the practice's own data key. The plaintext column
-- stripe_secret_key is emptied at start by billing.SealStoredKeys and no
-- longer written.
ALTER TABLE billing_settings ADD COLUMN stripe_secret_sealed BLOB;
ALTER TABLE billing_settings ADD COLUMN stripe_webhook_sealed BLOB;

-- +goose Down
ALTER TABLE billing_settings DROP COLUMN stripe_webhook_sealed;
ALTER TABLE billing_settings DROP COLUMN stripe_secret_sealed;
