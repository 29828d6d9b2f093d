-- +goose Up
-- Intake (one per client; answers sealed by the vault), safety alerts with
-- their sealed follow-up notes, and the practice's referral partners.
CREATE TABLE intakes (
    id                     INTEGER PRIMARY KEY,
    client_id              INTEGER NOT NULL UNIQUE REFERENCES clients(user_id),
    step                   TEXT NOT NULL DEFAULT 'experience',
    answers                BLOB,
    submitted_at           TIMESTAMP,
    disposition            TEXT CHECK (disposition IN ('emergency', 'refer_clinical', 'coaching_with_clinician', 'coaching')),
    reasons                TEXT NOT NULL DEFAULT '',
    first_session_due      TIMESTAMP,
    late_start             BOOLEAN NOT NULL DEFAULT FALSE,
    needs_clinician        BOOLEAN NOT NULL DEFAULT FALSE,
    clinician_recorded_at  TIMESTAMP,
    cleared_at             TIMESTAMP,
    cleared_by             INTEGER REFERENCES users(id),
    created_at             TIMESTAMP NOT NULL,
    updated_at             TIMESTAMP NOT NULL,
    CHECK ((submitted_at IS NULL) = (disposition IS NULL))
);

CREATE TABLE safety_alerts (
    id           INTEGER PRIMARY KEY,
    practice_id  INTEGER NOT NULL REFERENCES practices(id),
    client_id    INTEGER NOT NULL REFERENCES clients(user_id),
    level        TEXT NOT NULL CHECK (level IN ('concern', 'urgent')),
    reason       TEXT NOT NULL,
    source_kind  TEXT NOT NULL,
    source_id    INTEGER NOT NULL DEFAULT 0,
    created_at   TIMESTAMP NOT NULL,
    closed_at    TIMESTAMP,
    closed_by    INTEGER REFERENCES users(id),
    follow_up    BLOB,
    -- An alert is closed only with a recorded follow-up note.
    CHECK ((closed_at IS NULL) = (follow_up IS NULL)),
    CHECK ((closed_at IS NULL) = (closed_by IS NULL))
);
CREATE INDEX safety_alerts_practice_open ON safety_alerts (practice_id, closed_at);
CREATE INDEX safety_alerts_client ON safety_alerts (client_id);
-- One open alert per client and source: a journal entry saved twice does
-- not alert twice.
CREATE UNIQUE INDEX safety_alerts_open_source ON safety_alerts (client_id, source_kind, source_id, reason) WHERE closed_at IS NULL;

CREATE TABLE referral_partners (
    id           INTEGER PRIMARY KEY,
    practice_id  INTEGER NOT NULL REFERENCES practices(id),
    kind         TEXT NOT NULL CHECK (kind IN ('psychiatric', 'medical', 'therapy')),
    name         TEXT NOT NULL,
    phone        TEXT NOT NULL DEFAULT '',
    url          TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX referral_partners_name ON referral_partners (practice_id, name);

-- +goose Down
DROP TABLE referral_partners;
DROP TABLE safety_alerts;
DROP TABLE intakes;
