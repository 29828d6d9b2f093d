-- +goose Up
-- The coach dashboard lists a coach's clients 50 to a page, most recent
-- experience first, and counts them all, leaving out deactivated accounts;
-- its first-session lists read the same clients by experience time.
-- clients.user_name and clients.user_disabled_at are the account's name
-- and disabled_at, copied by trigger (so no write path can forget them):
-- with them, clients_roster holds every column those reads need, so a
-- page walks 50 index entries in order and stops, and the count reads
-- only the index, instead of reading a clients row and a users row for
-- every one of the coach's clients and sorting them (issue 17). The order
-- (experience first, then name, then id) is the roster's ORDER BY, so
-- nothing is sorted. clients_roster serves every lookup by coach_id that
-- clients_coach served.
ALTER TABLE clients ADD COLUMN user_name TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN user_disabled_at TIMESTAMPTZ;
UPDATE clients SET user_name = (SELECT u.name FROM users u WHERE u.id = clients.user_id),
    user_disabled_at = (SELECT u.disabled_at FROM users u WHERE u.id = clients.user_id);
CREATE INDEX clients_roster ON clients (coach_id, practice_id, experience_at DESC, user_name, user_id, user_disabled_at, stage, substance);
DROP INDEX clients_coach;
-- +goose StatementBegin
CREATE FUNCTION users_to_clients() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE clients SET user_name = NEW.name, user_disabled_at = NEW.disabled_at WHERE user_id = NEW.id;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER users_to_clients AFTER UPDATE OF name, disabled_at ON users
    FOR EACH ROW WHEN (NEW.name IS DISTINCT FROM OLD.name OR NEW.disabled_at IS DISTINCT FROM OLD.disabled_at)
    EXECUTE FUNCTION users_to_clients();
-- +goose StatementBegin
CREATE FUNCTION clients_from_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT name, disabled_at INTO NEW.user_name, NEW.user_disabled_at FROM users WHERE id = NEW.user_id;
    RETURN NEW;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER clients_from_user BEFORE INSERT ON clients
    FOR EACH ROW EXECUTE FUNCTION clients_from_user();

-- +goose Down
DROP TRIGGER clients_from_user ON clients;
DROP FUNCTION clients_from_user();
DROP TRIGGER users_to_clients ON users;
DROP FUNCTION users_to_clients();
CREATE INDEX clients_coach ON clients (coach_id);
DROP INDEX clients_roster;
ALTER TABLE clients DROP COLUMN user_disabled_at;
ALTER TABLE clients DROP COLUMN user_name;
