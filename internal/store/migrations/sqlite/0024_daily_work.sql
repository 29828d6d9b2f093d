-- +goose Up
-- A client's contact details and emergency contact (issue 16), kept apart
-- from the account row: the coach reads them on the client chart through
-- the policy (roster), and the client edits them on Settings.
CREATE TABLE client_contacts (
    client_id          INTEGER PRIMARY KEY REFERENCES users(id),
    phone              TEXT NOT NULL DEFAULT '',
    emergency_name     TEXT NOT NULL DEFAULT '',
    emergency_relation TEXT NOT NULL DEFAULT '',
    emergency_phone    TEXT NOT NULL DEFAULT '',
    updated_at         TIMESTAMP NOT NULL
);

-- What each person wants to be told by email, and when not to be. A
-- missing row means the defaults (every kind on, no quiet hours); a kind
-- listed in muted is off. Quiet hours are minutes after midnight in the
-- person's time zone; start = end means none.
CREATE TABLE notify_prefs (
    user_id      INTEGER PRIMARY KEY REFERENCES users(id),
    muted        TEXT NOT NULL DEFAULT '',
    quiet_start  INTEGER NOT NULL DEFAULT 0 CHECK (quiet_start BETWEEN 0 AND 1439),
    quiet_end    INTEGER NOT NULL DEFAULT 0 CHECK (quiet_end BETWEEN 0 AND 1439),
    updated_at   TIMESTAMP NOT NULL
);

-- Earlier wordings of an edited journal entry, sealed like the entry
-- (vault AAD table journal_versions), newest version highest.
CREATE TABLE journal_versions (
    id         INTEGER PRIMARY KEY,
    entry_id   INTEGER NOT NULL REFERENCES journal_entries(id) ON DELETE CASCADE,
    client_id  INTEGER NOT NULL,
    version    INTEGER NOT NULL,
    title      BLOB,
    body       BLOB,
    saved_at   TIMESTAMP NOT NULL,
    UNIQUE (entry_id, version)
);

-- A change of sign-in email waiting for the link sent to the new address.
CREATE TABLE email_changes (
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    new_email   TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL,
    used_at     TIMESTAMP
);
CREATE INDEX email_changes_user ON email_changes (user_id);

-- How a coach's calendar feed names clients: not at all (the default:
-- feeds live on other companies' servers) or by initials.
CREATE TABLE calendar_prefs (
    user_id       INTEGER PRIMARY KEY REFERENCES users(id),
    client_label  TEXT NOT NULL DEFAULT 'none' CHECK (client_label IN ('none', 'initials')),
    updated_at    TIMESTAMP NOT NULL
);

-- Messages between a client's coach and a clinician the client shared
-- their record with, about that client; the body is sealed by the vault.
CREATE TABLE care_team_messages (
    id            INTEGER PRIMARY KEY,
    client_id     INTEGER NOT NULL REFERENCES clients(user_id),
    clinician_id  INTEGER NOT NULL REFERENCES users(id),
    sender_id     INTEGER NOT NULL REFERENCES users(id),
    body          BLOB,
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX care_team_messages_thread ON care_team_messages (client_id, clinician_id, created_at);

-- A practice's session-note templates: prompts a coach may start an empty
-- note from (practice content, no client data: stored in the clear).
CREATE TABLE note_templates (
    id           INTEGER PRIMARY KEY,
    practice_id  INTEGER NOT NULL REFERENCES practices(id),
    name         TEXT NOT NULL,
    sections     TEXT NOT NULL, -- JSON of note.Sections
    created_by   INTEGER NOT NULL REFERENCES users(id),
    created_at   TIMESTAMP NOT NULL,
    UNIQUE (practice_id, name)
);

-- +goose Down
DROP TABLE note_templates;
DROP TABLE care_team_messages;
DROP TABLE calendar_prefs;
DROP TABLE email_changes;
DROP TABLE journal_versions;
DROP TABLE notify_prefs;
DROP TABLE client_contacts;
