-- +goose Up
-- Field encryption at rest. Each client has one data key (AES-256), stored
-- only wrapped by a master key that lives outside the database. Destroying
-- the wrapped key (crypto-shredding) makes the client's content unreadable.
-- There is deliberately no foreign key to clients: the destroyed row is a
-- tombstone that must outlive the client row, so no new key is ever created
-- for an erased client.
CREATE TABLE vault_data_keys (
    id             INTEGER PRIMARY KEY,
    client_id      INTEGER NOT NULL UNIQUE,
    master_key_id  TEXT NOT NULL DEFAULT '',
    wrapped_key    BLOB,
    created_at     TIMESTAMP NOT NULL,
    rotated_at     TIMESTAMP,
    destroyed_at   TIMESTAMP
);
CREATE INDEX vault_data_keys_master ON vault_data_keys (master_key_id);

-- Erasure requests: due after a grace period, cancellable until then. One
-- open request per client at a time; the history stays (content-free).
CREATE TABLE vault_erasures (
    id            INTEGER PRIMARY KEY,
    client_id     INTEGER NOT NULL,
    requested_at  TIMESTAMP NOT NULL,
    due_at        TIMESTAMP NOT NULL,
    cancelled_at  TIMESTAMP,
    done_at       TIMESTAMP
);
CREATE UNIQUE INDEX vault_erasures_open ON vault_erasures (client_id)
    WHERE cancelled_at IS NULL AND done_at IS NULL;
CREATE INDEX vault_erasures_due ON vault_erasures (due_at);

-- +goose Down
DROP TABLE vault_erasures;
DROP TABLE vault_data_keys;
