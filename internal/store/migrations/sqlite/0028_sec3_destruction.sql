-- +goose Up
-- Destruction certificates (issue 19 item 5): one per erased or destroyed
-- client record, stating what was destroyed, when, by whom and on whose
-- request, with a digest of the records. No name, email or clinical content:
-- the client is named by id only, which after erasure points at
-- "Erased client".
CREATE TABLE destruction_certificates (
    id                  INTEGER PRIMARY KEY,
    practice_id         INTEGER NOT NULL REFERENCES practices(id),
    client_id           INTEGER NOT NULL,
    programme           TEXT NOT NULL,
    requested_by        TEXT NOT NULL CHECK (requested_by IN ('client', 'practice')),
    destroyed_by        INTEGER,
    destroyed_at        TIMESTAMP NOT NULL,
    retention_until     TIMESTAMP,
    records             TEXT NOT NULL,
    records_sha256      TEXT NOT NULL,
    certificate_sha256  TEXT NOT NULL,
    UNIQUE (client_id)
);
CREATE INDEX destruction_certificates_practice ON destruction_certificates (practice_id, destroyed_at);

-- +goose Down
DROP TABLE destruction_certificates;
