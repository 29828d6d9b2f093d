-- +goose Up
-- A counter every change to coach_profiles bumps (by trigger, so no write
-- path can forget it). The directory search keeps its candidates in memory
-- and reads this one row per search to know whether they are current: the
-- same answer as reading the table, without reading 50,000 rows.
CREATE TABLE directory_version (
    id  BIGINT PRIMARY KEY CHECK (id = 1),
    n   BIGINT NOT NULL
);
INSERT INTO directory_version (id, n) VALUES (1, 0);
-- +goose StatementBegin
CREATE FUNCTION directory_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE directory_version SET n = n + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER coach_profiles_version AFTER INSERT OR UPDATE OR DELETE ON coach_profiles
    FOR EACH STATEMENT EXECUTE FUNCTION directory_version_bump();

-- +goose Down
DROP TRIGGER coach_profiles_version ON coach_profiles;
DROP FUNCTION directory_version_bump();
DROP TABLE directory_version;
