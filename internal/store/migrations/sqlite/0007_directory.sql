-- +goose Up
-- Coach directory: public profiles, training credentials verified by an
-- admin, weekly availability, client reports, and clients' requests to
-- coaches. Facet values live in one bit mask (tags) so a faceted search
-- reads one narrow row per coach; search_text, name_text and headline_text
-- are the profile's words normalised in Go (lower case, unaccented, space
-- separated, with a leading space) so both engines index the same tokens.
CREATE TABLE coach_profiles (
    user_id                INTEGER PRIMARY KEY REFERENCES users(id),
    practice_id            INTEGER NOT NULL REFERENCES practices(id),
    display_name           TEXT NOT NULL,
    headline               TEXT NOT NULL DEFAULT '',
    bio                    TEXT NOT NULL DEFAULT '',
    answer_training        TEXT NOT NULL DEFAULT '',
    answer_experience      TEXT NOT NULL DEFAULT '',
    answer_crisis          TEXT NOT NULL DEFAULT '',
    answer_therapy         TEXT NOT NULL DEFAULT '',
    supervision_kind       TEXT NOT NULL DEFAULT '' CHECK (supervision_kind IN ('', 'supervisor', 'peer_group')),
    supervision_frequency  TEXT NOT NULL DEFAULT '',
    ethics_code            TEXT NOT NULL DEFAULT '',
    years_practice         INTEGER NOT NULL DEFAULT 0 CHECK (years_practice >= 0),
    tags                   INTEGER NOT NULL DEFAULT 0,
    location               TEXT NOT NULL DEFAULT '',
    fee_minor              INTEGER NOT NULL DEFAULT 0 CHECK (fee_minor >= 0),
    currency               TEXT NOT NULL DEFAULT 'USD',
    sliding_min_minor      INTEGER NOT NULL DEFAULT 0 CHECK (sliding_min_minor >= 0),
    sliding_max_minor      INTEGER NOT NULL DEFAULT 0 CHECK (sliding_max_minor >= sliding_min_minor),
    sliding_spots          INTEGER NOT NULL DEFAULT 0 CHECK (sliding_spots >= 0),
    packages               TEXT NOT NULL DEFAULT '',
    time_zone              TEXT NOT NULL DEFAULT 'UTC',
    accepting              BOOLEAN NOT NULL DEFAULT TRUE,
    status                 TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'pending_review', 'returned', 'published')),
    review_flags           TEXT NOT NULL DEFAULT '',
    review_note            TEXT NOT NULL DEFAULT '',
    submitted_at           TIMESTAMP,
    reviewed_by            INTEGER REFERENCES users(id),
    reviewed_at            TIMESTAMP,
    verified_hours         INTEGER NOT NULL DEFAULT 0,
    verified               BOOLEAN NOT NULL DEFAULT FALSE,
    verified_until         TIMESTAMP,
    next_open_at           TIMESTAMP,
    search_text            TEXT NOT NULL DEFAULT '',
    name_text              TEXT NOT NULL DEFAULT '',
    headline_text          TEXT NOT NULL DEFAULT '',
    updated_at             TIMESTAMP NOT NULL
);
CREATE INDEX coach_profiles_status ON coach_profiles (status, practice_id);
-- Full-text index over search_text, kept by the service (no triggers).
CREATE VIRTUAL TABLE coach_fts USING fts5(search_text, tokenize = 'unicode61 remove_diacritics 2');

CREATE TABLE coach_trainings (
    id                INTEGER PRIMARY KEY,
    coach_id          INTEGER NOT NULL REFERENCES coach_profiles(user_id),
    name              TEXT NOT NULL,
    provider          TEXT NOT NULL,
    hours             INTEGER NOT NULL CHECK (hours > 0),
    year              INTEGER NOT NULL,
    certificate_name  TEXT NOT NULL DEFAULT '',
    certificate_type  TEXT NOT NULL DEFAULT '',
    certificate       BLOB,
    expires_at        TIMESTAMP,
    status            TEXT NOT NULL DEFAULT 'unverified' CHECK (status IN ('unverified', 'verified', 'rejected')),
    verified_by       INTEGER REFERENCES users(id),
    verified_at       TIMESTAMP,
    rejection_reason  TEXT NOT NULL DEFAULT '',
    created_at        TIMESTAMP NOT NULL,
    CHECK (status <> 'verified' OR (verified_by IS NOT NULL AND verified_at IS NOT NULL)),
    CHECK (status <> 'rejected' OR rejection_reason <> '')
);
CREATE INDEX coach_trainings_coach ON coach_trainings (coach_id);
CREATE INDEX coach_trainings_status ON coach_trainings (status);

-- Weekly availability in the coach's time zone: minutes after midnight.
CREATE TABLE coach_availability (
    coach_id      INTEGER NOT NULL REFERENCES coach_profiles(user_id) ON DELETE CASCADE,
    weekday       INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    start_minute  INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute    INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    CHECK (end_minute > start_minute),
    PRIMARY KEY (coach_id, weekday, start_minute)
);

CREATE TABLE coach_reports (
    id           INTEGER PRIMARY KEY,
    coach_id     INTEGER NOT NULL REFERENCES coach_profiles(user_id),
    reporter_id  INTEGER NOT NULL REFERENCES users(id),
    happened_on  TIMESTAMP NOT NULL,
    what         TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX coach_reports_status ON coach_reports (status);

-- A client's request to a coach. One pending request per client at a time.
CREATE TABLE coach_requests (
    id                INTEGER PRIMARY KEY,
    client_id         INTEGER NOT NULL REFERENCES clients(user_id),
    coach_id          INTEGER NOT NULL REFERENCES coach_profiles(user_id),
    status            TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'expired', 'cancelled')),
    intake_at         TIMESTAMP NOT NULL,
    due_at            TIMESTAMP,
    created_at        TIMESTAMP NOT NULL,
    respond_by        TIMESTAMP NOT NULL,
    responded_at      TIMESTAMP,
    first_session_at  TIMESTAMP,
    assigned_by       INTEGER REFERENCES users(id),
    CHECK (status <> 'accepted' OR first_session_at IS NOT NULL)
);
CREATE UNIQUE INDEX coach_requests_one_pending ON coach_requests (client_id) WHERE status = 'pending';
CREATE INDEX coach_requests_coach ON coach_requests (coach_id, status);
CREATE INDEX coach_requests_due ON coach_requests (status, respond_by);

-- +goose Down
DROP TABLE coach_requests;
DROP TABLE coach_reports;
DROP TABLE coach_availability;
DROP TABLE coach_trainings;
DROP TABLE coach_fts;
DROP TABLE coach_profiles;
