-- +goose Up
-- What the policy reads besides the roster: a client's consents to share
-- categories of their data with a clinician, and admins' break-glass grants.
CREATE TABLE consents (
    id            INTEGER PRIMARY KEY,
    client_id     INTEGER NOT NULL REFERENCES clients(user_id),
    recipient_id  INTEGER NOT NULL REFERENCES users(id),
    purpose       TEXT NOT NULL DEFAULT '',
    starts_at     TIMESTAMP NOT NULL,
    ends_at       TIMESTAMP,
    revoked_at    TIMESTAMP,
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX consents_recipient_client ON consents (recipient_id, client_id);

CREATE TABLE consent_categories (
    consent_id  INTEGER NOT NULL REFERENCES consents(id) ON DELETE CASCADE,
    category    TEXT NOT NULL,
    PRIMARY KEY (consent_id, category)
);

CREATE TABLE break_glass (
    id          INTEGER PRIMARY KEY,
    admin_id    INTEGER NOT NULL REFERENCES users(id),
    client_id   INTEGER NOT NULL REFERENCES clients(user_id),
    reason      TEXT NOT NULL,
    starts_at   TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL,
    ended_at    TIMESTAMP
);
CREATE INDEX break_glass_admin_client ON break_glass (admin_id, client_id);

-- +goose Down
DROP TABLE break_glass;
DROP TABLE consent_categories;
DROP TABLE consents;
