-- +goose Up
-- Holds lifted by staff with a written reason (sealed by the vault: it may
-- name a clinician or a diagnosis), who recorded the clinician, and the
-- experience as an instant with the zone the client gave.
ALTER TABLE intakes ADD COLUMN hold_lifted_at TIMESTAMP;
ALTER TABLE intakes ADD COLUMN hold_lifted_by INTEGER REFERENCES users(id);
ALTER TABLE intakes ADD COLUMN hold_lift_reason BLOB;
ALTER TABLE intakes ADD COLUMN clinician_recorded_by INTEGER REFERENCES users(id);
ALTER TABLE intakes ADD COLUMN experience_at TIMESTAMP;
ALTER TABLE intakes ADD COLUMN experience_tz TEXT NOT NULL DEFAULT '';

-- The slot a client chose when asking a coach, and the appointment booked
-- when the request was accepted (the first session itself, not a claim).
ALTER TABLE coach_requests ADD COLUMN wanted_at TIMESTAMP;
ALTER TABLE coach_requests ADD COLUMN appointment_id INTEGER REFERENCES appointments(id);

-- +goose Down
ALTER TABLE coach_requests DROP COLUMN appointment_id;
ALTER TABLE coach_requests DROP COLUMN wanted_at;
ALTER TABLE intakes DROP COLUMN experience_tz;
ALTER TABLE intakes DROP COLUMN experience_at;
ALTER TABLE intakes DROP COLUMN clinician_recorded_by;
ALTER TABLE intakes DROP COLUMN hold_lift_reason;
ALTER TABLE intakes DROP COLUMN hold_lifted_by;
ALTER TABLE intakes DROP COLUMN hold_lifted_at;
