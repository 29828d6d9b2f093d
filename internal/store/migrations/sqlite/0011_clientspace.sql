-- +goose Up
-- The client's space: journal (prompts, entries, sharing), attachments kept
-- encrypted in the blob store, check-ins and client–coach messages. Free
-- text is sealed by the vault (BLOB columns); only ids, scales, levels and
-- times are plain.

-- Integration prompts by theme. practice_id NULL = the shipped library;
-- coaches extend it for their practice.
CREATE TABLE journal_prompts (
    id           INTEGER PRIMARY KEY,
    practice_id  INTEGER REFERENCES practices(id),
    theme        TEXT NOT NULL CHECK (theme IN ('experience', 'emotions', 'body', 'relationships', 'work_purpose', 'habits', 'meaning')),
    text         TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
    created_by   INTEGER REFERENCES users(id),
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX journal_prompts_practice ON journal_prompts (practice_id, theme);

CREATE TABLE journal_prompt_assignments (
    id           INTEGER PRIMARY KEY,
    prompt_id    INTEGER NOT NULL REFERENCES journal_prompts(id),
    client_id    INTEGER NOT NULL REFERENCES clients(user_id),
    assigned_by  INTEGER NOT NULL REFERENCES users(id),
    assigned_at  TIMESTAMP NOT NULL,
    UNIQUE (prompt_id, client_id)
);

-- entry_key is made when the form is shown, so a resubmitted form (after a
-- dropped connection or a server restart) updates the same entry instead of
-- saving it twice.
CREATE TABLE journal_entries (
    id            INTEGER PRIMARY KEY,
    client_id     INTEGER NOT NULL REFERENCES clients(user_id),
    entry_key     TEXT NOT NULL CHECK (length(entry_key) BETWEEN 16 AND 64),
    prompt_id     INTEGER REFERENCES journal_prompts(id),
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'saved')),
    title         BLOB,
    body          BLOB,
    safety_level  TEXT NOT NULL DEFAULT 'none' CHECK (safety_level IN ('none', 'concern', 'urgent')),
    shared_at     TIMESTAMP,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    UNIQUE (client_id, entry_key)
);
CREATE INDEX journal_entries_client ON journal_entries (client_id, created_at);

-- Files attached to a journal entry or a message. The bytes live encrypted
-- in the blob store under blob_key (and thumb_key for images).
CREATE TABLE attachments (
    id            INTEGER PRIMARY KEY,
    client_id     INTEGER NOT NULL REFERENCES clients(user_id),
    owner_kind    TEXT NOT NULL CHECK (owner_kind IN ('journal_entry', 'message')),
    owner_id      INTEGER NOT NULL,
    media_kind    TEXT NOT NULL CHECK (media_kind IN ('image', 'audio', 'video')),
    content_type  TEXT NOT NULL,
    size_bytes    INTEGER NOT NULL CHECK (size_bytes > 0),
    blob_key      TEXT NOT NULL UNIQUE,
    thumb_key     TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX attachments_owner ON attachments (owner_kind, owner_id);

CREATE TABLE checkins (
    id            INTEGER PRIMARY KEY,
    client_id     INTEGER NOT NULL REFERENCES clients(user_id),
    cadence       TEXT NOT NULL CHECK (cadence IN ('daily', 'weekly')),
    mood          INTEGER NOT NULL CHECK (mood BETWEEN 1 AND 5),
    anxiety       INTEGER NOT NULL CHECK (anxiety BETWEEN 1 AND 5),
    sleep         INTEGER NOT NULL CHECK (sleep BETWEEN 1 AND 5),
    connection    INTEGER NOT NULL CHECK (connection BETWEEN 1 AND 5),
    note          BLOB,
    safety_level  TEXT NOT NULL DEFAULT 'none' CHECK (safety_level IN ('none', 'concern', 'urgent')),
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX checkins_client ON checkins (client_id, created_at);

-- One thread per client with their coach; read_at is the read receipt.
CREATE TABLE messages (
    id            INTEGER PRIMARY KEY,
    client_id     INTEGER NOT NULL REFERENCES clients(user_id),
    sender_id     INTEGER NOT NULL REFERENCES users(id),
    body          BLOB,
    safety_level  TEXT NOT NULL DEFAULT 'none' CHECK (safety_level IN ('none', 'concern', 'urgent')),
    created_at    TIMESTAMP NOT NULL,
    read_at       TIMESTAMP
);
CREATE INDEX messages_client ON messages (client_id, created_at);

-- A coach's office hours and away message, shown above the thread.
CREATE TABLE messaging_settings (
    coach_id       INTEGER PRIMARY KEY REFERENCES users(id),
    office_hours   TEXT NOT NULL DEFAULT '',
    response_time  TEXT NOT NULL DEFAULT '',
    away           BOOLEAN NOT NULL DEFAULT FALSE,
    away_message   TEXT NOT NULL DEFAULT '',
    updated_at     TIMESTAMP NOT NULL
);

-- The shipped prompt library (practice_id NULL); practices add their own.
INSERT INTO journal_prompts (theme, text, created_at) VALUES
    ('experience', 'Describe one moment from your experience that stays with you. What do you notice as you write it down now?', CURRENT_TIMESTAMP),
    ('experience', 'What did the experience show you that you did not expect?', CURRENT_TIMESTAMP),
    ('experience', 'If your experience had a message for you, what would it say in one sentence?', CURRENT_TIMESTAMP),
    ('emotions', 'Which feelings have come up most since your experience? Where do you notice them in your body?', CURRENT_TIMESTAMP),
    ('emotions', 'Write about a moment this week when a feeling surprised you.', CURRENT_TIMESTAMP),
    ('emotions', 'What feeling would you like to make more room for, and what might that look like?', CURRENT_TIMESTAMP),
    ('body', 'How does your body feel today? Start at your feet and move up.', CURRENT_TIMESTAMP),
    ('body', 'What have your sleep, appetite and energy been like since the experience?', CURRENT_TIMESTAMP),
    ('body', 'Is there a kind of movement that helps you feel settled? When did you last do it?', CURRENT_TIMESTAMP),
    ('relationships', 'Who have you wanted to talk to since your experience, and what would you say?', CURRENT_TIMESTAMP),
    ('relationships', 'Has anything changed in how you see someone close to you?', CURRENT_TIMESTAMP),
    ('relationships', 'Where would you like more honesty, or clearer boundaries, in your relationships?', CURRENT_TIMESTAMP),
    ('work_purpose', 'Did the experience change how you feel about your work or your daily role?', CURRENT_TIMESTAMP),
    ('work_purpose', 'What is one small step toward work that feels more like you?', CURRENT_TIMESTAMP),
    ('work_purpose', 'What gives you a sense of purpose right now, even a little?', CURRENT_TIMESTAMP),
    ('habits', 'Is there a habit you want to let go of, or one you want to begin?', CURRENT_TIMESTAMP),
    ('habits', 'What got in the way of a change you intended this week? Be kind to yourself as you write.', CURRENT_TIMESTAMP),
    ('habits', 'Describe a daily practice that would help you stay connected to what you learned.', CURRENT_TIMESTAMP),
    ('meaning', 'What do you understand now that you did not understand before?', CURRENT_TIMESTAMP),
    ('meaning', 'Which insight from your experience are you least sure about? How could you test it gently?', CURRENT_TIMESTAMP),
    ('meaning', 'How would you like to remember this time a year from now?', CURRENT_TIMESTAMP);

-- +goose Down
DROP TABLE messaging_settings;
DROP TABLE messages;
DROP TABLE checkins;
DROP TABLE attachments;
DROP TABLE journal_entries;
DROP TABLE journal_prompt_assignments;
DROP TABLE journal_prompts;
