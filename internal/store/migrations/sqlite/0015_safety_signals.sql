-- +goose Up
-- Safety that does not depend on classifying text (issue 13): each alert
-- carries the kinds of risk it is about (comma-separated safety.Kind
-- values, empty when unknown), when someone acknowledged it, and when it
-- was escalated to the practice admin for going unacknowledged.
ALTER TABLE safety_alerts ADD COLUMN kinds TEXT NOT NULL DEFAULT '';
ALTER TABLE safety_alerts ADD COLUMN acknowledged_at TIMESTAMP;
ALTER TABLE safety_alerts ADD COLUMN acknowledged_by INTEGER; -- a user id (no foreign key, so SQLite can drop the column on Down)
ALTER TABLE safety_alerts ADD COLUMN escalated_at TIMESTAMP;
CREATE INDEX safety_alerts_unacknowledged ON safety_alerts (level, escalated_at) WHERE closed_at IS NULL AND acknowledged_at IS NULL;

-- A practice's crisis help and safety-queue rules, edited by its admin.
-- Empty override fields fall back to the region's defaults
-- (internal/crisis). Office hours are minutes after midnight in the
-- practice's time zone; office_days lists ISO weekdays (1 = Monday).
CREATE TABLE practice_safety_settings (
    practice_id        INTEGER PRIMARY KEY REFERENCES practices(id),
    region             TEXT NOT NULL DEFAULT '',
    emergency_name     TEXT NOT NULL DEFAULT '',
    emergency_phone    TEXT NOT NULL DEFAULT '',
    crisis_name        TEXT NOT NULL DEFAULT '',
    crisis_phone       TEXT NOT NULL DEFAULT '',
    poison_name        TEXT NOT NULL DEFAULT '',
    poison_phone       TEXT NOT NULL DEFAULT '',
    violence_name      TEXT NOT NULL DEFAULT '',
    violence_phone     TEXT NOT NULL DEFAULT '',
    clinician_name     TEXT NOT NULL DEFAULT '',
    clinician_phone    TEXT NOT NULL DEFAULT '',
    ack_minutes        INTEGER NOT NULL DEFAULT 30 CHECK (ack_minutes BETWEEN 5 AND 1440),
    office_days        TEXT NOT NULL DEFAULT '1,2,3,4,5',
    office_start       INTEGER NOT NULL DEFAULT 540 CHECK (office_start BETWEEN 0 AND 1440),
    office_end         INTEGER NOT NULL DEFAULT 1020 CHECK (office_end BETWEEN 0 AND 1440),
    updated_at         TIMESTAMP NOT NULL,
    updated_by         INTEGER REFERENCES users(id),
    CHECK (office_start < office_end)
);

-- +goose Down
DROP TABLE practice_safety_settings;
DROP INDEX safety_alerts_unacknowledged;
ALTER TABLE safety_alerts DROP COLUMN escalated_at;
ALTER TABLE safety_alerts DROP COLUMN acknowledged_by;
ALTER TABLE safety_alerts DROP COLUMN acknowledged_at;
ALTER TABLE safety_alerts DROP COLUMN kinds;
