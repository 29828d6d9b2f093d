-- +goose Up
-- A safety alert's reason code ("phq9_item9") and kinds of risk are sealed
-- with the client's data key (issue 15 finding 4). The one-open-alert
-- index used the plaintext code; it now uses a keyed digest of it
-- (vault.Digest: HMAC under a key derived from the client's data key), so
-- uniqueness holds without the code in the database. The server seals old
-- rows at start-up (privacy.SealLegacyText) and then empties the plaintext.
ALTER TABLE safety_alerts ADD COLUMN reason_digest TEXT;
ALTER TABLE safety_alerts ADD COLUMN kinds_sealed BLOB;
DROP INDEX safety_alerts_open_source;
CREATE UNIQUE INDEX safety_alerts_open_digest ON safety_alerts (client_id, source_kind, source_id, reason_digest) WHERE closed_at IS NULL;

-- +goose Down
DROP INDEX safety_alerts_open_digest;
CREATE UNIQUE INDEX safety_alerts_open_source ON safety_alerts (client_id, source_kind, source_id, reason) WHERE closed_at IS NULL;
ALTER TABLE safety_alerts DROP COLUMN kinds_sealed;
ALTER TABLE safety_alerts DROP COLUMN reason_digest;
