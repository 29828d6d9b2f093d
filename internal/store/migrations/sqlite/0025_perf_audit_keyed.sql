-- +goose Up
-- The audit chain becomes keyed (HMAC-SHA256 under a key outside the
-- database) from the next event on. keyed_from is that boundary: events
-- before it keep their plain SHA-256 chain, pinned by the keyed MAC of the
-- first keyed event, which covers its predecessor's hash. key_id names the
-- key (set at the first start with it).
ALTER TABLE audit_head ADD COLUMN keyed_from INTEGER NOT NULL DEFAULT 1;
ALTER TABLE audit_head ADD COLUMN key_id TEXT NOT NULL DEFAULT '';
UPDATE audit_head SET keyed_from = seq + 1;

-- The database itself refuses to change or remove events, and to wind the
-- head back or move the keyed boundary: a mistake or an injected statement
-- cannot rewrite the trail (someone with the file can drop these; the MAC
-- and the signed checkpoints catch that).
-- +goose StatementBegin
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_head_forward_only BEFORE UPDATE ON audit_head
WHEN NEW.seq < OLD.seq OR NEW.keyed_from <> OLD.keyed_from OR (OLD.key_id <> '' AND NEW.key_id <> OLD.key_id)
BEGIN SELECT RAISE(ABORT, 'the audit head only moves forward'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
BEGIN SELECT RAISE(ABORT, 'the audit head cannot be removed'); END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER audit_head_no_delete;
DROP TRIGGER audit_head_forward_only;
DROP TRIGGER audit_events_no_delete;
DROP TRIGGER audit_events_no_update;
ALTER TABLE audit_head DROP COLUMN key_id;
ALTER TABLE audit_head DROP COLUMN keyed_from;
