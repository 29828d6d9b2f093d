-- +goose Up
-- Integration plans, availability, appointments, circles, session notes,
-- insights → intentions → actions, and private calendar feeds.
-- Times are UTC, stored by the driver in a sortable text form.

-- One plan per client; every change also lands in plan_history.
CREATE TABLE plans (
    id                INTEGER PRIMARY KEY,
    client_id         INTEGER NOT NULL UNIQUE REFERENCES clients(user_id),
    experience_at     TIMESTAMP NOT NULL,
    cadence           TEXT NOT NULL CHECK (cadence IN ('weekly', 'biweekly')),
    planned_sessions  INTEGER NOT NULL CHECK (planned_sessions BETWEEN 4 AND 12),
    session_minutes   INTEGER NOT NULL CHECK (session_minutes IN (60, 90)),
    follow_up_months  TEXT NOT NULL DEFAULT '3,6,12',
    intentions        TEXT NOT NULL DEFAULT '',
    version           INTEGER NOT NULL DEFAULT 1,
    updated_by        INTEGER NOT NULL REFERENCES users(id),
    updated_at        TIMESTAMP NOT NULL,
    created_at        TIMESTAMP NOT NULL
);

CREATE TABLE plan_history (
    plan_id     INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    snapshot    TEXT NOT NULL,
    changed_by  INTEGER NOT NULL REFERENCES users(id),
    changed_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (plan_id, version)
);

-- Weekly availability in the coach's own time zone (minutes after local
-- midnight), and whole days off.
CREATE TABLE availability (
    id            INTEGER PRIMARY KEY,
    coach_id      INTEGER NOT NULL REFERENCES users(id),
    weekday       INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    start_minute  INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute    INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    CHECK (end_minute > start_minute)
);
CREATE INDEX availability_coach ON availability (coach_id, weekday);

CREATE TABLE availability_exceptions (
    coach_id  INTEGER NOT NULL REFERENCES users(id),
    day       TEXT NOT NULL,
    note      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (coach_id, day)
);

-- Where a coach meets clients: a video room and/or an address.
CREATE TABLE meeting_places (
    coach_id  INTEGER PRIMARY KEY REFERENCES users(id),
    room_url  TEXT NOT NULL DEFAULT '',
    address   TEXT NOT NULL DEFAULT ''
);

-- The practice's notice policy; missing row = defaults in code.
CREATE TABLE notice_policies (
    practice_id           INTEGER PRIMARY KEY REFERENCES practices(id),
    min_booking_minutes   INTEGER NOT NULL CHECK (min_booking_minutes >= 0),
    cancel_notice_minutes INTEGER NOT NULL CHECK (cancel_notice_minutes >= 0),
    late_cancel_fee_minor INTEGER NOT NULL CHECK (late_cancel_fee_minor >= 0),
    no_show_fee_minor     INTEGER NOT NULL CHECK (no_show_fee_minor >= 0),
    currency              TEXT NOT NULL
);

CREATE TABLE appointments (
    id            INTEGER PRIMARY KEY,
    uid           TEXT NOT NULL UNIQUE,
    practice_id   INTEGER NOT NULL REFERENCES practices(id),
    coach_id      INTEGER NOT NULL REFERENCES users(id),
    client_id     INTEGER NOT NULL REFERENCES clients(user_id),
    starts_at     TIMESTAMP NOT NULL,
    minutes       INTEGER NOT NULL CHECK (minutes IN (60, 90)),
    format        TEXT NOT NULL CHECK (format IN ('video', 'in_person')),
    location      TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'held', 'cancelled', 'no_show')),
    late_cancel   BOOLEAN NOT NULL DEFAULT FALSE,
    sequence      INTEGER NOT NULL DEFAULT 0,
    cancelled_by  INTEGER REFERENCES users(id),
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
CREATE INDEX appointments_coach_start ON appointments (coach_id, starts_at);
CREATE INDEX appointments_client_start ON appointments (client_id, starts_at);

-- Every live appointment occupies 15-minute slots of its coach AND of its
-- client. The primary key makes double booking impossible on both engines,
-- whatever the number of servers: overlapping 60- and 90-minute sessions
-- share at least one slot row. Cancelling deletes the rows.
CREATE TABLE appointment_slots (
    owner_id        INTEGER NOT NULL REFERENCES users(id),
    slot_start      TIMESTAMP NOT NULL,
    appointment_id  INTEGER NOT NULL REFERENCES appointments(id) ON DELETE CASCADE,
    PRIMARY KEY (owner_id, slot_start)
);
CREATE INDEX appointment_slots_appointment ON appointment_slots (appointment_id);

-- Group integration circles.
CREATE TABLE circles (
    id            INTEGER PRIMARY KEY,
    practice_id   INTEGER NOT NULL REFERENCES practices(id),
    coach_id      INTEGER NOT NULL REFERENCES users(id),
    topic         TEXT NOT NULL,
    capacity      INTEGER NOT NULL CHECK (capacity BETWEEN 2 AND 40),
    member_count  INTEGER NOT NULL DEFAULT 0,
    fee_minor     INTEGER NOT NULL CHECK (fee_minor >= 0),
    currency      TEXT NOT NULL,
    location      TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    CHECK (member_count BETWEEN 0 AND capacity)
);

CREATE TABLE circle_meetings (
    id         INTEGER PRIMARY KEY,
    circle_id  INTEGER NOT NULL REFERENCES circles(id) ON DELETE CASCADE,
    starts_at  TIMESTAMP NOT NULL,
    minutes    INTEGER NOT NULL CHECK (minutes BETWEEN 30 AND 240),
    UNIQUE (circle_id, starts_at)
);

CREATE TABLE circle_members (
    circle_id  INTEGER NOT NULL REFERENCES circles(id) ON DELETE CASCADE,
    client_id  INTEGER NOT NULL REFERENCES clients(user_id),
    joined_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (circle_id, client_id)
);

CREATE TABLE circle_attendance (
    meeting_id  INTEGER NOT NULL REFERENCES circle_meetings(id) ON DELETE CASCADE,
    client_id   INTEGER NOT NULL REFERENCES clients(user_id),
    attended    BOOLEAN NOT NULL,
    PRIMARY KEY (meeting_id, client_id)
);

-- Session notes: one per appointment; every save and amendment is a new
-- version, so the original is always kept. Bodies are sealed.
CREATE TABLE session_notes (
    id              INTEGER PRIMARY KEY,
    appointment_id  INTEGER NOT NULL UNIQUE REFERENCES appointments(id),
    client_id       INTEGER NOT NULL REFERENCES clients(user_id),
    coach_id        INTEGER NOT NULL REFERENCES users(id),
    version         INTEGER NOT NULL DEFAULT 1,
    signed_at       TIMESTAMP,
    created_at      TIMESTAMP NOT NULL
);

CREATE TABLE session_note_versions (
    note_id     INTEGER NOT NULL REFERENCES session_notes(id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('draft', 'signed', 'amendment')),
    body        BLOB NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    author_id   INTEGER NOT NULL REFERENCES users(id),
    created_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (note_id, version)
);

-- Insights → intentions → actions.
CREATE TABLE insights (
    id              INTEGER PRIMARY KEY,
    client_id       INTEGER NOT NULL REFERENCES clients(user_id),
    appointment_id  INTEGER REFERENCES appointments(id),
    body            TEXT NOT NULL,
    created_by      INTEGER NOT NULL REFERENCES users(id),
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX insights_client ON insights (client_id);

CREATE TABLE intentions (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER NOT NULL REFERENCES clients(user_id),
    insight_id  INTEGER REFERENCES insights(id),
    body        TEXT NOT NULL,
    created_by  INTEGER NOT NULL REFERENCES users(id),
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX intentions_client ON intentions (client_id);

CREATE TABLE actions (
    id            INTEGER PRIMARY KEY,
    intention_id  INTEGER NOT NULL REFERENCES intentions(id) ON DELETE CASCADE,
    client_id     INTEGER NOT NULL REFERENCES clients(user_id),
    body          TEXT NOT NULL,
    due_on        TEXT NOT NULL,
    done_at       TIMESTAMP,
    created_by    INTEGER NOT NULL REFERENCES users(id),
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX actions_client ON actions (client_id);

-- Private calendar feeds: the URL carries a random token, the database only
-- its SHA-256. Revoking deletes the row; a new token makes a new URL.
CREATE TABLE calendar_feeds (
    user_id     INTEGER PRIMARY KEY REFERENCES users(id),
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE calendar_feeds;
DROP TABLE actions;
DROP TABLE intentions;
DROP TABLE insights;
DROP TABLE session_note_versions;
DROP TABLE session_notes;
DROP TABLE circle_attendance;
DROP TABLE circle_members;
DROP TABLE circle_meetings;
DROP TABLE circles;
DROP TABLE appointment_slots;
DROP TABLE appointments;
DROP TABLE notice_policies;
DROP TABLE meeting_places;
DROP TABLE availability_exceptions;
DROP TABLE availability;
DROP TABLE plan_history;
DROP TABLE plans;
