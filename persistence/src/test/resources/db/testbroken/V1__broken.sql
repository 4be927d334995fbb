-- The second statement fails; SQLite DDL is transactional, so the first must be rolled back with it.
CREATE TABLE half_done (id INTEGER PRIMARY KEY);
INSERT INTO no_such_table VALUES (1);
