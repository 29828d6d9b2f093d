-- +goose Up
-- Schema nothing reads: weekly hours live in the schedule's tables, so
-- coach_availability (from the first directory) was never written; the
-- notice policy's fee columns were left when billing's settings became the
-- one fee setting (written as zero, never read). Dropping a column whose
-- only CHECK is its own works in SQLite 3.35 and later without a rebuild.
DROP TABLE coach_availability;
ALTER TABLE notice_policies DROP COLUMN late_cancel_fee_minor;
ALTER TABLE notice_policies DROP COLUMN no_show_fee_minor;
ALTER TABLE notice_policies DROP COLUMN currency;

-- +goose Down
ALTER TABLE notice_policies ADD COLUMN late_cancel_fee_minor INTEGER NOT NULL DEFAULT 0 CHECK (late_cancel_fee_minor >= 0);
ALTER TABLE notice_policies ADD COLUMN no_show_fee_minor INTEGER NOT NULL DEFAULT 0 CHECK (no_show_fee_minor >= 0);
ALTER TABLE notice_policies ADD COLUMN currency TEXT NOT NULL DEFAULT 'USD';
CREATE TABLE coach_availability (
    coach_id      BIGINT NOT NULL REFERENCES coach_profiles(user_id) ON DELETE CASCADE,
    weekday       INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    start_minute  INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute    INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    CHECK (end_minute > start_minute),
    PRIMARY KEY (coach_id, weekday, start_minute)
);
