-- +goose Up
-- Sign-in beyond the password: TOTP second factor (secret sealed, never
-- plaintext), one-time recovery codes, single-use tokens (pending sign-in,
-- email sign-in links, password resets), invitations and brute-force
-- throttling counters shared by every server. Tokens and codes are stored
-- only as SHA-256 digests.
CREATE TABLE totp_credentials (
    user_id        INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    secret_sealed  BLOB NOT NULL,
    confirmed_at   TIMESTAMP,
    last_step      INTEGER NOT NULL DEFAULT 0,
    created_at     TIMESTAMP NOT NULL
);

CREATE TABLE recovery_codes (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash   TEXT NOT NULL UNIQUE,
    used_at     TIMESTAMP,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX recovery_codes_user ON recovery_codes (user_id);

CREATE TABLE auth_tokens (
    token_hash  TEXT PRIMARY KEY,
    purpose     TEXT NOT NULL CHECK (purpose IN ('pending_signin', 'signin_link', 'password_reset')),
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL,
    used_at     TIMESTAMP
);
CREATE INDEX auth_tokens_user ON auth_tokens (user_id, purpose);
CREATE INDEX auth_tokens_expiry ON auth_tokens (expires_at);

CREATE TABLE invitations (
    id           INTEGER PRIMARY KEY,
    practice_id  INTEGER NOT NULL REFERENCES practices(id),
    token_hash   TEXT NOT NULL UNIQUE,
    email        TEXT NOT NULL,
    name         TEXT NOT NULL DEFAULT '',
    role         TEXT NOT NULL CHECK (role IN ('coach', 'client', 'clinician')),
    invited_by   INTEGER NOT NULL REFERENCES users(id),
    created_at   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    accepted_at  TIMESTAMP,
    revoked_at   TIMESTAMP,
    user_id      INTEGER REFERENCES users(id),
    CHECK (accepted_at IS NULL OR user_id IS NOT NULL)
);
-- At most one open invitation per address: a new one revokes the old.
CREATE UNIQUE INDEX invitations_open_email ON invitations (email) WHERE accepted_at IS NULL AND revoked_at IS NULL;
CREATE INDEX invitations_inviter ON invitations (invited_by);

-- Failed sign-ins per account (keyed by the digest of the address, so
-- unknown addresses are throttled exactly like known ones) and per client
-- address; lockouts grow exponentially.
CREATE TABLE auth_throttle (
    scope         TEXT NOT NULL CHECK (scope IN ('account', 'address')),
    key           TEXT NOT NULL,
    failures      INTEGER NOT NULL DEFAULT 0,
    window_start  TIMESTAMP NOT NULL,
    lockouts      INTEGER NOT NULL DEFAULT 0,
    locked_until  TIMESTAMP,
    PRIMARY KEY (scope, key)
);

-- +goose Down
DROP TABLE auth_throttle;
DROP TABLE invitations;
DROP TABLE auth_tokens;
DROP TABLE recovery_codes;
DROP TABLE totp_credentials;
