-- +goose Up
-- The regulated programme a practice works under (none, Oregon's
-- psilocybin services, Colorado's natural medicine programme), switched by
-- its admin, and the regulated type of a session ('' for ordinary
-- coaching).
ALTER TABLE practices ADD COLUMN programme TEXT NOT NULL DEFAULT 'none' CHECK (programme IN ('none', 'oregon', 'colorado'));
ALTER TABLE appointments ADD COLUMN session_type TEXT NOT NULL DEFAULT '' CHECK (session_type IN ('', 'preparation', 'administration', 'integration'));

-- +goose Down
ALTER TABLE appointments DROP COLUMN session_type;
ALTER TABLE practices DROP COLUMN programme;
