-- The second statement fails; PostgreSQL DDL is transactional, so the first must be rolled back with it.
CREATE TABLE half_done (id BIGINT PRIMARY KEY);
INSERT INTO no_such_table VALUES (1);
