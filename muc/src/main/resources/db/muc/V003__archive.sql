-- XEP-0313 room archives: one row per archived groupchat message, in the order the room broadcast them (seq, given by
-- the archive writer). id is the XEP-0359 stanza-id the room stamped on the broadcast and the MAM id. stanza is the
-- message as broadcast (without 'to'); a moderated message's stanza is replaced by its XEP-0425 tombstone. nick and
-- sender (the author's bare real JID) serve the 'with' filter; has_body marks what history on entering replays.
-- Epoch milliseconds are BIGINT (PostgreSQL's INTEGER is 32-bit). No foreign key to muc_room: temporary rooms
-- archive too, and a destroyed room's rows are deleted by the service.
CREATE TABLE muc_archive (
    seq      BIGINT PRIMARY KEY,
    room     TEXT NOT NULL,
    id       TEXT NOT NULL,
    stamp    BIGINT NOT NULL,
    nick     TEXT NOT NULL,
    sender   TEXT,
    has_body BOOLEAN NOT NULL,
    stanza   TEXT NOT NULL
);

CREATE UNIQUE INDEX muc_archive_room_id ON muc_archive (room, id);
CREATE INDEX muc_archive_room_seq ON muc_archive (room, seq);
CREATE INDEX muc_archive_stamp ON muc_archive (stamp);
