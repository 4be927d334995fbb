-- A dollar-quoted function body holds semicolons: checks that Flyway's PostgreSQL parser keeps it together.
CREATE FUNCTION note_touch() RETURNS trigger AS $$
BEGIN
    NEW.updated_at := 1;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER note_touch BEFORE UPDATE OF body ON note FOR EACH ROW EXECUTE FUNCTION note_touch();
