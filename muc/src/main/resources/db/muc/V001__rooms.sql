-- XEP-0045 persistent rooms: one row per room, its options as key/value rows, its affiliations and reserved nicks.
CREATE TABLE muc_room (
    jid        TEXT PRIMARY KEY,
    name       TEXT,
    listed     INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL
);

CREATE TABLE muc_room_option (
    room  TEXT NOT NULL REFERENCES muc_room (jid) ON DELETE CASCADE,
    key   TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (room, key)
);

CREATE TABLE muc_affiliation (
    room        TEXT NOT NULL REFERENCES muc_room (jid) ON DELETE CASCADE,
    jid         TEXT NOT NULL,
    affiliation TEXT NOT NULL,
    nick        TEXT,
    PRIMARY KEY (room, jid)
);

CREATE INDEX muc_room_listed ON muc_room (listed, jid);
