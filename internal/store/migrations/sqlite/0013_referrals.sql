-- +goose Up
-- Coach-to-clinician summaries (sealed; shared only once the client
-- approves) and referrals in (a clinician or a public practice link refers
-- a person, who is invited) and out (a coach refers a client to a partner).
CREATE TABLE care_summaries (
    id            INTEGER PRIMARY KEY,
    client_id     INTEGER NOT NULL REFERENCES clients(user_id),
    coach_id      INTEGER NOT NULL REFERENCES users(id),
    recipient_id  INTEGER REFERENCES users(id),
    title         TEXT NOT NULL,
    body          BLOB,
    status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'declined')),
    created_at    TIMESTAMP NOT NULL,
    decided_at    TIMESTAMP,
    CHECK ((status = 'pending') = (decided_at IS NULL))
);
CREATE INDEX care_summaries_client ON care_summaries (client_id, status);

CREATE TABLE referrals (
    id              INTEGER PRIMARY KEY,
    practice_id     INTEGER NOT NULL REFERENCES practices(id),
    direction       TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    referrer_id     INTEGER REFERENCES users(id),
    referrer_name   TEXT NOT NULL DEFAULT '',
    referrer_email  TEXT NOT NULL DEFAULT '',
    person_name     TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL DEFAULT '',
    client_id       INTEGER REFERENCES users(id),
    partner_id      INTEGER REFERENCES referral_partners(id) ON DELETE SET NULL,
    partner_name    TEXT NOT NULL DEFAULT '',
    summary_id      INTEGER REFERENCES care_summaries(id),
    source          TEXT NOT NULL DEFAULT '',
    experience_on   TEXT NOT NULL DEFAULT '',
    reason          TEXT NOT NULL DEFAULT '',
    urgency         TEXT NOT NULL CHECK (urgency IN ('routine', 'soon', 'urgent')),
    status          TEXT NOT NULL CHECK (status IN ('invited', 'open', 'accepted', 'closed')),
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    CHECK (direction = 'in' OR (client_id IS NOT NULL AND partner_name <> ''))
);
CREATE INDEX referrals_referrer ON referrals (referrer_id);
CREATE INDEX referrals_client ON referrals (client_id);
CREATE INDEX referrals_email ON referrals (email);

-- +goose Down
DROP TABLE referrals;
DROP TABLE care_summaries;
