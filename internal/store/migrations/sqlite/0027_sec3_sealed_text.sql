-- +goose Up
-- Free text that was plaintext is sealed with the client's data key (issue 15
-- finding 4). Each column gets a sealed twin; the server seals old rows at
-- start-up (privacy.SealLegacyText) and then empties the plaintext column.
ALTER TABLE consents ADD COLUMN purpose_sealed BLOB;
ALTER TABLE break_glass ADD COLUMN reason_sealed BLOB;
ALTER TABLE plans ADD COLUMN intentions_sealed BLOB;
ALTER TABLE plan_history ADD COLUMN snapshot_sealed BLOB;
ALTER TABLE care_summaries ADD COLUMN title_sealed BLOB;
ALTER TABLE referrals ADD COLUMN reason_sealed BLOB;
ALTER TABLE coach_reports ADD COLUMN what_sealed BLOB;
ALTER TABLE safety_alerts ADD COLUMN reason_sealed BLOB;
ALTER TABLE insights ADD COLUMN body_sealed BLOB;
ALTER TABLE intentions ADD COLUMN body_sealed BLOB;
ALTER TABLE actions ADD COLUMN body_sealed BLOB;

-- +goose Down
ALTER TABLE actions DROP COLUMN body_sealed;
ALTER TABLE intentions DROP COLUMN body_sealed;
ALTER TABLE insights DROP COLUMN body_sealed;
ALTER TABLE safety_alerts DROP COLUMN reason_sealed;
ALTER TABLE coach_reports DROP COLUMN what_sealed;
ALTER TABLE referrals DROP COLUMN reason_sealed;
ALTER TABLE care_summaries DROP COLUMN title_sealed;
ALTER TABLE plan_history DROP COLUMN snapshot_sealed;
ALTER TABLE plans DROP COLUMN intentions_sealed;
ALTER TABLE break_glass DROP COLUMN reason_sealed;
ALTER TABLE consents DROP COLUMN purpose_sealed;
