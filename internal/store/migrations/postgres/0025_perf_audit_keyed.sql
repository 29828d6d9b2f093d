-- +goose Up
-- The audit chain becomes keyed (HMAC-SHA256 under a key outside the
-- database) from the next event on. keyed_from is that boundary: events
-- before it keep their plain SHA-256 chain, pinned by the keyed MAC of the
-- first keyed event, which covers its predecessor's hash. key_id names the
-- key (set at the first start with it).
ALTER TABLE audit_head ADD COLUMN keyed_from BIGINT NOT NULL DEFAULT 1;
ALTER TABLE audit_head ADD COLUMN key_id TEXT NOT NULL DEFAULT '';
UPDATE audit_head SET keyed_from = seq + 1;

-- The database itself refuses to change or remove events (also TRUNCATE),
-- and to wind the head back or move the keyed boundary: a mistake or an
-- injected statement cannot rewrite the trail (a superuser can drop these;
-- the MAC and the signed checkpoints catch that).
-- +goose StatementBegin
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
-- +goose StatementBegin
CREATE FUNCTION audit_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR NEW.seq < OLD.seq OR NEW.keyed_from <> OLD.keyed_from
       OR (OLD.key_id <> '' AND NEW.key_id <> OLD.key_id) THEN
        RAISE EXCEPTION 'the audit head only moves forward';
    END IF;
    RETURN NEW;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER audit_head_forward_only BEFORE UPDATE OR DELETE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION audit_head_forward_only();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

-- +goose Down
DROP TRIGGER audit_head_no_truncate ON audit_head;
DROP TRIGGER audit_head_forward_only ON audit_head;
DROP FUNCTION audit_head_forward_only();
DROP TRIGGER audit_events_no_truncate ON audit_events;
DROP TRIGGER audit_events_no_change ON audit_events;
DROP FUNCTION audit_events_append_only();
ALTER TABLE audit_head DROP COLUMN key_id;
ALTER TABLE audit_head DROP COLUMN keyed_from;
