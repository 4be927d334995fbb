CREATE TABLE person (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE,
    age        INTEGER,
    score      BIGINT,
    active     BOOLEAN,
    secret     BLOB,
    created_at BIGINT
);
