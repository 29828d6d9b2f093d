-- +goose Up
-- Accounts an admin can oversee: when the practice verified an account
-- (NULL: a clinician a client invited, visible only to that client until
-- an admin verifies them) and when it last signed in. Accounts that exist
-- before this migration count as verified.
ALTER TABLE users ADD COLUMN verified_at TIMESTAMP;
ALTER TABLE users ADD COLUMN last_signin_at TIMESTAMP;
UPDATE users SET verified_at = created_at;

-- Actions per key (an account, a client address, a practice) in the
-- current window, for internal/ratelimit.
CREATE TABLE rate_limits (
    name          TEXT NOT NULL,
    key           TEXT NOT NULL,
    window_start  TIMESTAMP NOT NULL,
    hits          INTEGER NOT NULL,
    PRIMARY KEY (name, key)
);

-- An invitation to an address that already has an account is recorded but
-- never sent (decoy), so the inviter's list looks the same either way and
-- cannot tell who has an account. Decoys do not hold the address's one
-- open invitation.
ALTER TABLE invitations ADD COLUMN decoy BOOLEAN NOT NULL DEFAULT FALSE;
DROP INDEX invitations_open_email;
CREATE UNIQUE INDEX invitations_open_email ON invitations (email) WHERE accepted_at IS NULL AND revoked_at IS NULL AND decoy = 0;

-- +goose Down
DROP INDEX invitations_open_email;
CREATE UNIQUE INDEX invitations_open_email ON invitations (email) WHERE accepted_at IS NULL AND revoked_at IS NULL;
ALTER TABLE invitations DROP COLUMN decoy;
DROP TABLE rate_limits;
ALTER TABLE users DROP COLUMN last_signin_at;
ALTER TABLE users DROP COLUMN verified_at;
