-- +goose Up
-- Dedupe keys of emails already handed to the mail server, so a retried job
-- never sends the same reminder or alert twice.
CREATE TABLE sent_emails (
    dedupe_key  TEXT PRIMARY KEY,
    sent_at     TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE sent_emails;
