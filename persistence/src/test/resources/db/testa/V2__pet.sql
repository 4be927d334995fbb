CREATE TABLE pet (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person (id),
    name      TEXT    NOT NULL
);
