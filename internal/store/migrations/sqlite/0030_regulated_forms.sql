-- +goose Up
-- Regulated forms (Oregon's client information form, transportation plan,
-- supportive-touch consent and SB 303 client data form; Colorado's
-- demographic form, informed consent, preferred communication,
-- transportation plan, fee agreement, physical-touch contract, safety and
-- support plan and safety screen): each is a versioned document defined
-- in code (internal/regulated), filled and signed by the client. A row
-- records which form and version, when, the SHA-256 of the exact
-- document signed and, for the SB 303 form, whether the client opted out
-- of having their data reported; the typed name, the answers and the
-- document's text are sealed under the client's data key.
CREATE TABLE regulated_forms (
    id            INTEGER PRIMARY KEY,
    client_id     INTEGER NOT NULL REFERENCES clients(user_id),
    practice_id   INTEGER NOT NULL REFERENCES practices(id),
    programme     TEXT NOT NULL CHECK (programme IN ('oregon', 'colorado')),
    form_key      TEXT NOT NULL,
    version       INTEGER NOT NULL,
    signed_at     TIMESTAMP NOT NULL,
    text_sha256   TEXT NOT NULL,
    opt_out       BOOLEAN NOT NULL DEFAULT FALSE,
    sealed        BLOB NOT NULL
);
CREATE INDEX regulated_forms_client ON regulated_forms (client_id, form_key, signed_at);

-- +goose Down
DROP TABLE regulated_forms;
