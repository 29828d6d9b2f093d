-- +goose Up
-- Questionnaires: each practice's battery and follow-up schedule, the
-- questionnaires due for each client, and the answered ones. Item answers
-- are sealed with the vault (answers BLOB); the total and severity band are
-- kept in the clear so practice outcomes can be computed over many clients
-- without decrypting every answer (access still goes through the policy).
CREATE TABLE measure_schedules (
    practice_id       INTEGER PRIMARY KEY REFERENCES practices(id),
    battery           TEXT NOT NULL,
    follow_up_months  TEXT NOT NULL,
    updated_at        TIMESTAMP NOT NULL
);

CREATE TABLE measure_assignments (
    id            INTEGER PRIMARY KEY,
    client_id     INTEGER NOT NULL REFERENCES clients(user_id),
    instrument    TEXT NOT NULL,
    timepoint     TEXT NOT NULL CHECK (timepoint <> ''),
    due_at        TIMESTAMP NOT NULL,
    expires_at    TIMESTAMP NOT NULL,
    completed_at  TIMESTAMP,
    response_id   INTEGER,
    created_at    TIMESTAMP NOT NULL,
    CHECK (expires_at > due_at),
    UNIQUE (client_id, instrument, timepoint)
);
CREATE INDEX measure_assignments_open ON measure_assignments (client_id, completed_at, due_at);

CREATE TABLE measure_responses (
    id           INTEGER PRIMARY KEY,
    client_id    INTEGER NOT NULL REFERENCES clients(user_id),
    practice_id  INTEGER NOT NULL REFERENCES practices(id),
    instrument   TEXT NOT NULL,
    timepoint    TEXT NOT NULL DEFAULT '',
    answered_at  TIMESTAMP NOT NULL,
    total        INTEGER,
    severity     TEXT NOT NULL DEFAULT '',
    risk         TEXT NOT NULL DEFAULT '',
    answers      BLOB,
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX measure_responses_client ON measure_responses (client_id, instrument, answered_at);
-- Covers the practice outcomes query, so it never visits the table.
CREATE INDEX measure_responses_practice ON measure_responses (practice_id, timepoint, instrument, client_id, total, answered_at);
-- One answered questionnaire per scheduled timepoint.
CREATE UNIQUE INDEX measure_responses_timepoint ON measure_responses (client_id, instrument, timepoint) WHERE timepoint <> '';

-- Integration dose per client until the scheduling work's appointments
-- table is merged: sessions held in the first 90 days after the experience.
CREATE TABLE outcome_doses (
    client_id     INTEGER PRIMARY KEY REFERENCES clients(user_id),
    sessions_90d  INTEGER NOT NULL CHECK (sessions_90d >= 0)
);

-- +goose Down
DROP TABLE outcome_doses;
DROP TABLE measure_responses;
DROP TABLE measure_assignments;
DROP TABLE measure_schedules;
