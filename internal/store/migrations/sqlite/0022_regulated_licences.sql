-- +goose Up
-- The deployment's licence switch for licence-gated instruments: who
-- switched which instrument on, under what licence or permission
-- reference, and when (an admin on the page, or the configuration at
-- start-up, recorded with no user); switching off closes the row.
CREATE TABLE instrument_licences (
    id            INTEGER PRIMARY KEY,
    instrument    TEXT NOT NULL,
    licence_ref   TEXT NOT NULL,
    source        TEXT NOT NULL CHECK (source IN ('admin', 'configuration')),
    enabled_by    INTEGER REFERENCES users(id),
    enabled_at    TIMESTAMP NOT NULL,
    disabled_by   INTEGER REFERENCES users(id),
    disabled_at   TIMESTAMP
);
CREATE INDEX instrument_licences_instrument ON instrument_licences (instrument, disabled_at);

-- +goose Down
DROP TABLE instrument_licences;
