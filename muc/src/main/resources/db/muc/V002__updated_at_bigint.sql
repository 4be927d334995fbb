-- muc_room.updated_at holds epoch milliseconds, which overflow PostgreSQL's 32-bit INTEGER (SQLite's INTEGER is
-- 64-bit, so V001 worked there). Widen it with statements both databases run (SQLite >= 3.35), keeping the values,
-- rather than editing V001, which installs have already applied.
ALTER TABLE muc_room ADD COLUMN updated_ms BIGINT NOT NULL DEFAULT 0;
UPDATE muc_room SET updated_ms = updated_at;
ALTER TABLE muc_room DROP COLUMN updated_at;
ALTER TABLE muc_room RENAME COLUMN updated_ms TO updated_at;
