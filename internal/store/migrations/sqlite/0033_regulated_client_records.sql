-- +goose Up
-- Regulated records the client reads (issue 19): an addendum in the
-- client's own words to one of their signed regulated forms or to one of
-- their logged regulated sessions, kept beside the record and never
-- editing it. Exactly one of form_id and session_id is set. The body is
-- sealed under the client's data key (vault AAD table regulated_addenda,
-- field body).
CREATE TABLE regulated_addenda (
    id          INTEGER PRIMARY KEY,
    form_id     INTEGER REFERENCES regulated_forms(id),
    session_id  INTEGER REFERENCES regulated_sessions(id),
    client_id   INTEGER NOT NULL REFERENCES users(id),
    author_id   INTEGER NOT NULL REFERENCES users(id),
    body        BLOB,
    created_at  TIMESTAMP NOT NULL,
    CHECK ((form_id IS NULL) <> (session_id IS NULL))
);
CREATE INDEX regulated_addenda_form ON regulated_addenda (form_id, id);
CREATE INDEX regulated_addenda_session ON regulated_addenda (session_id, id);

-- The session log's product id, amount and dose are sealed under the
-- client's data key from now on (vault AAD table regulated_sessions, field
-- the sealed column's name). The plaintext columns keep only rows written
-- before this migration until the start-up sealing pass
-- (privacy.SealLegacyText) seals them and overwrites them with ''.
ALTER TABLE regulated_sessions ADD COLUMN product_id_sealed BLOB;
ALTER TABLE regulated_sessions ADD COLUMN amount_sealed BLOB;
ALTER TABLE regulated_sessions ADD COLUMN dose_sealed BLOB;

-- +goose Down
ALTER TABLE regulated_sessions DROP COLUMN dose_sealed;
ALTER TABLE regulated_sessions DROP COLUMN amount_sealed;
ALTER TABLE regulated_sessions DROP COLUMN product_id_sealed;
DROP TABLE regulated_addenda;
