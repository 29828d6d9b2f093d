-- +goose Up
-- Core of the practice: practices, accounts, clients and sign-in sessions.
-- Times are UTC, stored by the driver in a sortable text form.
CREATE TABLE practices (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    slug        TEXT NOT NULL UNIQUE,
    region      TEXT NOT NULL DEFAULT 'US',
    time_zone   TEXT NOT NULL DEFAULT 'America/New_York',
    created_at  TIMESTAMP NOT NULL
);

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    practice_id    INTEGER NOT NULL REFERENCES practices(id),
    email          TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('admin', 'coach', 'client', 'clinician')),
    password_hash  TEXT NOT NULL DEFAULT '',
    time_zone      TEXT NOT NULL DEFAULT 'UTC',
    created_at     TIMESTAMP NOT NULL,
    disabled_at    TIMESTAMP
);
CREATE INDEX users_practice_role ON users (practice_id, role);

-- A client's care record; the user row holds the account.
CREATE TABLE clients (
    user_id        INTEGER PRIMARY KEY REFERENCES users(id),
    practice_id    INTEGER NOT NULL REFERENCES practices(id),
    coach_id       INTEGER REFERENCES users(id),
    stage          TEXT NOT NULL DEFAULT 'invited'
                   CHECK (stage IN ('invited', 'intake', 'matching', 'active', 'follow_up', 'completed', 'referred_out', 'on_hold')),
    experience_at  TIMESTAMP,
    substance      TEXT NOT NULL DEFAULT '',
    context        TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX clients_coach ON clients (coach_id);

-- Server-side sign-in sessions: the cookie carries a random token, the
-- database only its SHA-256, so a leaked backup cannot be used to sign in.
CREATE TABLE auth_sessions (
    token_hash         TEXT PRIMARY KEY,
    user_id            INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at         TIMESTAMP NOT NULL,
    last_seen_at       TIMESTAMP NOT NULL,
    idle_expires_at    TIMESTAMP NOT NULL,
    absolute_expires_at TIMESTAMP NOT NULL,
    client_ip          TEXT NOT NULL DEFAULT '',
    user_agent         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX auth_sessions_user ON auth_sessions (user_id);
CREATE INDEX auth_sessions_expiry ON auth_sessions (idle_expires_at);

-- +goose Down
DROP TABLE auth_sessions;
DROP TABLE clients;
DROP TABLE users;
DROP TABLE practices;
