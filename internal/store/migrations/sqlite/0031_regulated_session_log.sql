-- +goose Up
-- The regulated session log: the start and end of every preparation,
-- administration and integration session the facilitator held, linked to
-- the booked appointment when there is one. An administration records the
-- product id, the amount, single or multiple dose, individual or group,
-- the client's intention as a category (de-identified by construction:
-- Colorado's administration log is exported with it), whether the
-- transportation plan was followed (the deviation's description is
-- sealed), an adverse reaction needing medical or emergency care (linked
-- to the adverse-reaction log) and whether the integration session was
-- offered. An integration session's completion is certified by the
-- facilitator (who and when).
CREATE TABLE regulated_sessions (
    id                   INTEGER PRIMARY KEY,
    client_id            INTEGER NOT NULL REFERENCES clients(user_id),
    practice_id          INTEGER NOT NULL REFERENCES practices(id),
    appointment_id       INTEGER REFERENCES appointments(id),
    session_type         TEXT NOT NULL CHECK (session_type IN ('preparation', 'administration', 'integration')),
    started_at           TIMESTAMP NOT NULL,
    ended_at             TIMESTAMP NOT NULL,
    group_session        BOOLEAN NOT NULL DEFAULT FALSE,
    product_id           TEXT NOT NULL DEFAULT '',
    amount               TEXT NOT NULL DEFAULT '',
    dose                 TEXT NOT NULL DEFAULT '' CHECK (dose IN ('', 'single', 'multiple')),
    intention            TEXT NOT NULL DEFAULT '',
    transport_followed   BOOLEAN,
    medical_care         BOOLEAN NOT NULL DEFAULT FALSE,
    adverse_id           INTEGER REFERENCES adverse_reactions(id),
    integration_offered  BOOLEAN NOT NULL DEFAULT FALSE,
    certified_by         INTEGER REFERENCES users(id),
    certified_at         TIMESTAMP,
    sealed               BLOB NOT NULL,
    recorded_by          INTEGER NOT NULL REFERENCES users(id),
    created_at           TIMESTAMP NOT NULL
);
CREATE INDEX regulated_sessions_client ON regulated_sessions (client_id, started_at);
CREATE INDEX regulated_sessions_practice ON regulated_sessions (practice_id, started_at);

-- Denials of services (Oregon's SB 303 report counts them by reason): the
-- reason is a category, with no free text.
CREATE TABLE regulated_denials (
    id           INTEGER PRIMARY KEY,
    client_id    INTEGER NOT NULL REFERENCES clients(user_id),
    practice_id  INTEGER NOT NULL REFERENCES practices(id),
    reason       TEXT NOT NULL,
    denied_at    TIMESTAMP NOT NULL,
    recorded_by  INTEGER NOT NULL REFERENCES users(id)
);
CREATE INDEX regulated_denials_practice ON regulated_denials (practice_id, denied_at);

-- +goose Down
DROP TABLE regulated_denials;
DROP TABLE regulated_sessions;
