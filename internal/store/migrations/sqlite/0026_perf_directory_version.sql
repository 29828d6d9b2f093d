-- +goose Up
-- A counter every change to coach_profiles bumps (by trigger, so no write
-- path can forget it). The directory search keeps its candidates in memory
-- and reads this one row per search to know whether they are current: the
-- same answer as reading the table, without reading 50,000 rows.
CREATE TABLE directory_version (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    n   INTEGER NOT NULL
);
INSERT INTO directory_version (id, n) VALUES (1, 0);
-- +goose StatementBegin
CREATE TRIGGER coach_profiles_version_insert AFTER INSERT ON coach_profiles
BEGIN UPDATE directory_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER coach_profiles_version_update AFTER UPDATE ON coach_profiles
BEGIN UPDATE directory_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER coach_profiles_version_delete AFTER DELETE ON coach_profiles
BEGIN UPDATE directory_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER coach_profiles_version_delete;
DROP TRIGGER coach_profiles_version_update;
DROP TRIGGER coach_profiles_version_insert;
DROP TABLE directory_version;
