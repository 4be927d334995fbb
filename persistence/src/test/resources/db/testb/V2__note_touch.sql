-- A trigger body holds semicolons: checks that Flyway's SQLite parser keeps BEGIN ... END together.
CREATE TRIGGER note_touch AFTER UPDATE OF body ON note
BEGIN
    UPDATE note SET updated_at = 1 WHERE id = NEW.id;
END;
