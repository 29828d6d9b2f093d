-- +goose Up
-- A client's addendum to a signed session note (issue 19): their own words
-- kept beside the record, never editing it. The body is sealed under the
-- client's data key (vault AAD table note_addenda, field body), so erasing
-- the client shreds it with the note.
CREATE TABLE note_addenda (
    id          INTEGER PRIMARY KEY,
    note_id     INTEGER NOT NULL REFERENCES session_notes(id),
    client_id   INTEGER NOT NULL REFERENCES users(id),
    author_id   INTEGER NOT NULL REFERENCES users(id),
    body        BLOB,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX note_addenda_note ON note_addenda (note_id, id);

-- +goose Down
DROP TABLE note_addenda;
