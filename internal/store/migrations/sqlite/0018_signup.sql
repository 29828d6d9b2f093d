-- +goose Up
-- Who may sign up without an invitation ('open' or 'invitation'); existing
-- practices stay invitation-only until their admin opens sign-up.
ALTER TABLE practices ADD COLUMN signup_mode TEXT NOT NULL DEFAULT 'invitation' CHECK (signup_mode IN ('open', 'invitation'));

-- A sign-up waiting for its emailed link: the account is created only when
-- the link is followed, so nobody can hold an address they cannot read.
-- coach_id is the coach the person started from ("Start with this coach"),
-- which matching prefers.
CREATE TABLE signups (
    id           INTEGER PRIMARY KEY,
    practice_id  INTEGER NOT NULL REFERENCES practices(id),
    token_hash   TEXT NOT NULL UNIQUE,
    email        TEXT NOT NULL,
    name         TEXT NOT NULL,
    time_zone    TEXT NOT NULL,
    coach_id     INTEGER REFERENCES users(id),
    agreed_at    TIMESTAMP NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    used_at      TIMESTAMP,
    user_id      INTEGER REFERENCES users(id)
);
CREATE INDEX signups_email ON signups (email);
CREATE INDEX signups_user ON signups (user_id);

-- +goose Down
DROP TABLE signups;
ALTER TABLE practices DROP COLUMN signup_mode;
