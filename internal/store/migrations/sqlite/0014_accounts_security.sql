-- +goose Up
-- Accounts an admin can oversee: when the practice verified an account
-- (NULL: a clinician a client invited, visible only to that client until
-- an admin verifies them) and when it last signed in. Accounts that exist
-- before this migration count as verified.
ALTER TABLE users ADD COLUMN verified_at TIMESTAMP;
ALTER TABLE users ADD COLUMN last_signin_at TIMESTAMP;
UPDATE users SET verified_at = created_at;

-- +goose Down
ALTER TABLE users DROP COLUMN last_signin_at;
ALTER TABLE users DROP COLUMN verified_at;
