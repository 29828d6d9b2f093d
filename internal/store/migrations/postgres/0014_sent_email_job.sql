-- +goose Up
-- The job that claimed each dedupe key: when a send fails and releasing the
-- claim fails too, the same job's retry recognises its own claim and sends,
-- instead of taking the claim for a delivered email and dropping it.
ALTER TABLE sent_emails ADD COLUMN job_id BIGINT NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE sent_emails DROP COLUMN job_id;
