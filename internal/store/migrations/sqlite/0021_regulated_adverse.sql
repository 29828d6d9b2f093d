-- +goose Up
-- Adverse reactions, for every practice: when, how severe, linked to the
-- client's experience (as recorded when the reaction was logged) and to
-- the safety alert a severe one raised. What happened, the response and
-- the follow-up are sealed under the client's data key.
CREATE TABLE adverse_reactions (
    id             INTEGER PRIMARY KEY,
    client_id      INTEGER NOT NULL REFERENCES clients(user_id),
    experience_at  TIMESTAMP,
    occurred_at    TIMESTAMP NOT NULL,
    severity       TEXT NOT NULL CHECK (severity IN ('mild', 'moderate', 'severe', 'life_threatening')),
    sealed         BLOB NOT NULL,
    alert_id       INTEGER REFERENCES safety_alerts(id),
    recorded_by    INTEGER NOT NULL REFERENCES users(id),
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);
CREATE INDEX adverse_reactions_client ON adverse_reactions (client_id, occurred_at);


-- +goose Down
DROP TABLE adverse_reactions;
