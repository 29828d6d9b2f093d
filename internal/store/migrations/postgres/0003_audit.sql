-- +goose Up
-- The audit trail: append-only and hash-chained. Each event's hash covers
-- its own columns and the previous event's hash; audit_head is the
-- checkpoint (last sequence number and hash) that makes deleting the newest
-- events detectable, and its row lock keeps one chain under concurrency.
-- Events never hold content: ids, names of actions and a short detail only.
-- actor_id and client_id are 0 when there is none; no foreign keys, so the
-- trail outlives accounts.
CREATE TABLE audit_events (
    id             BIGINT PRIMARY KEY,
    at             TIMESTAMPTZ NOT NULL,
    actor_id       BIGINT NOT NULL,
    actor_role     TEXT NOT NULL,
    action         TEXT NOT NULL,
    resource_type  TEXT NOT NULL,
    resource_id    TEXT NOT NULL,
    client_id      BIGINT NOT NULL,
    outcome        TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
    client_ip      TEXT NOT NULL,
    request_id     TEXT NOT NULL,
    detail         TEXT NOT NULL,
    prev_hash      BYTEA NOT NULL,
    hash           BYTEA NOT NULL
);
CREATE INDEX audit_events_client ON audit_events (client_id, id);
CREATE INDEX audit_events_actor ON audit_events (actor_id, id);

CREATE TABLE audit_head (
    id         BIGINT PRIMARY KEY CHECK (id = 1),
    seq        BIGINT NOT NULL,
    last_hash  BYTEA NOT NULL
);
INSERT INTO audit_head (id, seq, last_hash) VALUES (1, 0, ''::bytea);

-- +goose Down
DROP TABLE audit_head;
DROP TABLE audit_events;
