-- +goose Up
-- The coaching agreement: one versioned document per practice. Each admin
-- edit is a new version; the body is the practice's own text (not
-- personal), with {{fees}} and {{practice}} filled in when shown.
CREATE TABLE agreement_versions (
    id           INTEGER PRIMARY KEY,
    practice_id  INTEGER NOT NULL REFERENCES practices(id),
    version      INTEGER NOT NULL,
    body         TEXT NOT NULL,
    edited_by    INTEGER REFERENCES users(id),
    created_at   TIMESTAMP NOT NULL,
    UNIQUE (practice_id, version)
);

-- A client's signature of one version: when, the SHA-256 of the exact
-- text shown, and (sealed under the client's data key) the typed name and
-- that text, so the signed document can be reproduced and erased.
CREATE TABLE agreement_signatures (
    id           INTEGER PRIMARY KEY,
    client_id    INTEGER NOT NULL REFERENCES clients(user_id),
    version_id   INTEGER NOT NULL REFERENCES agreement_versions(id),
    signed_at    TIMESTAMP NOT NULL,
    text_sha256  TEXT NOT NULL,
    sealed       BLOB NOT NULL
);
CREATE INDEX agreement_signatures_client ON agreement_signatures (client_id, version_id);

-- +goose Down
DROP TABLE agreement_signatures;
DROP TABLE agreement_versions;
